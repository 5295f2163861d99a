"""The sign-off fields: who filled in a submission, their phone, who signed it off.

This list is the one definition. The progress file's keys and ``models.Submission``'s fields,
the JSON Schema, the YAML writer's lines and comments, C409's field names, the Excel form's
labelled cells and the Word form's sign-off table, both importers and the mail intake all
derive from it: adding a field is one entry here (``tests/test_signoff.py`` shows that).
It sits below the message catalogue, which takes the forms' labels (``form.people.<key>``) from it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SignOffField:
    #: the progress file's key and the Submission field
    key: str
    #: its short Chinese name: what the Word form's label and C409 say (填报人)
    zh: str
    #: the forms' full label (审核人（分管领导）) and its English counterpart (the YAML comment)
    label_zh: str
    label_en: str
    #: what it holds, for the JSON Schema's description
    about: str

    @property
    def description(self) -> str:
        return f"optional: {self.label_zh}, {self.about}"


FIELDS: tuple[SignOffField, ...] = (
    SignOffField("filled_by", "填报人", "填报人", "who filled it in (填报人)", "who filled in the report"),
    SignOffField("phone", "联系电话", "联系电话", "their phone (联系电话)", "the phone number of 填报人"),
    SignOffField(
        "reviewer",
        "审核人",
        "审核人（分管领导）",
        "the leader who signs it off (审核人)",
        "the leader who signed it off",
    ),
)


def keys() -> tuple[str, ...]:
    """The fields' keys in the order forms and files list them."""
    return tuple(f.key for f in FIELDS)
