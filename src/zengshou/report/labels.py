"""The words a report prints, in Chinese (default) and English, as one flat dict per language.

The words live in the message catalogue (``zengshou.messages``: the ``report.*`` ids, and the
shared vocabulary for unit kinds, roles and reporting states); this module only gives them the
short keys the renderers and the HTML templates use (``t.summary``, ``t.role_lead``). The model
builds its texts from them, so the Word document, the workbooks and the pages say the same thing.
"""

from __future__ import annotations

from zengshou.i18n import both, tr
from zengshou.messages import MESSAGES

#: report label key → ``{"zh", "en"}``: the catalogue's ``report.*`` messages, plus the shared
#: vocabulary under the keys templates use (``kind_county``, ``role_lead``, ``state_late``)
LABELS: dict[str, dict[str, str]] = {
    **{k[len("report.") :]: both(k) for k in MESSAGES if k.startswith("report.")},
    **{f"role_{r}": both(f"role.{r}") for r in ("lead", "participant", "county", "other")},
    **{f"kind_{k}": both(f"kind.{k}") for k in ("department", "other", "county", "group")},
    **{f"state_{s}": both(f"state.{s}") for s in ("missing", "draft", "late", "on_time", "returned")},
}

#: 口径说明: every assumption the 呈报版's numbers rest on, in order (keys of LABELS)
NOTES = tuple(sorted((k for k in LABELS if k.startswith("note_")), key=lambda k: int(k[5:])))


def labels(lang: str) -> dict[str, str]:
    """All labels in one language, as a flat dict (what templates see as ``t``)."""
    return {k: tr(v, lang) for k, v in LABELS.items()}
