"""Pydantic models of the plan data and of a quarterly submission.

The YAML loader hands every scalar over as text; the models decide what text is acceptable, so
``0123`` as a row number or ``2023-02-30`` as a date is rejected with a position rather than
silently "fixed".
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from zengshou.signoff import FIELDS as SIGN_OFF_FIELDS


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _row_number(v: str | int) -> int:
    """``[1-9][0-9]{0,3}`` after stripping whitespace, tested without a regex: it runs for every
    item of every file (tests/test_fast_paths.py compares it with the pattern)."""
    s = str(v).strip()
    if not (0 < len(s) <= 4 and s.isascii() and s.isdigit() and s[0] != "0"):
        raise PydanticCustomError(
            "zs_row_number", "must be a row number such as 1 or 70 (no leading zeros, no decimals)"
        )
    return int(s)


def _quarter(v: str) -> str:
    s = str(v).strip()
    if not re.fullmatch(r"\d{4}Q[1-4]", s, flags=re.I):
        raise PydanticCustomError("zs_quarter", "must be a quarter such as 2023Q2")
    return s.upper()


def _iso_date(v: str | date) -> date:
    if isinstance(v, date):
        return v
    s = str(v).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        raise PydanticCustomError("zs_date_format", "must be a date written YYYY-MM-DD, such as 2023-07-05")
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise PydanticCustomError("zs_date", "{value} is not a real calendar date", {"value": s}) from None


Quarter = Annotated[str, AfterValidator(_quarter), Field(pattern=r"^\d{4}[Qq][1-4]$", examples=["2023Q2"])]
Text = Annotated[str, Field(min_length=0)]


# ---------------------------------------------------------------- units


class Successor(Strict):
    id: str
    from_: Quarter = Field(alias="from")


class Basis(Strict):
    """What a group's membership rests on: the plan's words (verbatim) and the rows that print them."""

    rows: list[Annotated[int, Field(ge=1)]] = []
    quote: str = ""
    reading: str = ""  # how the words support the membership, or why they fall short


class Unit(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    name: str = Field(min_length=1)
    kind: Literal["department", "county", "other", "group"]
    aliases: list[str] = []
    members: list[str] = []
    former_names: list[str] = []
    successor: Successor | None = None
    # groups used as an indicator's scope: does the plan itself name the members (confirmed), and on what basis
    confirmed: bool | None = None
    basis: Basis | None = None
    # whom the office calls about the unit's report (联系人 and phone), shown in the 工作底稿's
    # 报送情况 when the unit's own file gives none (or it has sent none)
    contact: str = ""
    # where reminders, review comments and receipts are mailed (zengshou status --remind --send);
    # one address or a list. senders.yaml adds the addresses a unit's reports came from.
    email: list[str] = []

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, v):
        items = [v] if isinstance(v, str) else v
        if not isinstance(items, list):
            raise PydanticCustomError("zs_email", "must be a mail address or a list of them")
        out = []
        for a in items:
            s = str(a).strip() if a is not None else ""
            if not re.fullmatch(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+", s):
                raise PydanticCustomError("zs_email", "{value} is not a mail address", {"value": s})
            out.append(s)
        return out


class UnitsFile(Strict):
    units: list[Unit]


# ---------------------------------------------------------------- plan and tasks


class Period(Strict):
    start: Quarter
    end: Quarter


class Plan(Strict):
    title: str
    short_title: str
    issuer: str = ""
    period: Period
    deadline_day: int = Field(ge=1, le=28)
    deadline_inclusive: bool = True  # the tool's reading of "6日前": the 6th itself is on time
    deadline_reading: str = ""  # that reading and its reason, in words
    max_chars: int = Field(gt=0)
    mailbox: str = ""
    contact: str = ""
    office: str = Field(
        default="",
        description="the office that collects the reports: signs the reminder notice (落款) "
        "and is the 编制单位 of the merged report",
    )
    note: str = ""


class Part(Strict):
    id: str
    title: str


class Measure(Strict):
    id: int = Field(ge=1)
    title: str
    part: str


class Indicator(Strict):
    """A quantitative target of a row (docs/plan/indicators.yaml; see docs/indicators.md).

    ``aggregation`` and ``target`` are checked by rules D210–D213 rather than here, so a bad
    definition gets a finding with a position instead of a schema error."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    name_en: str = ""
    unit: str = Field(min_length=1)
    target: float | None = None
    upper: float | None = None
    aggregation: str
    by: str | None = None
    in_quarter: int | None = None  # per_year: the year's target falls due in this quarter (1–4), not spread
    over: str | list[str] = "city"
    per_unit: bool = False
    reported_by: str = "lead"
    quote: str = ""


class Task(Strict):
    id: int = Field(ge=1)
    measure: int = Field(ge=1)
    text: str = Field(min_length=1)
    units: list[str]
    units_text: str = ""
    indicators: list[Indicator] = []

    @property
    def lead(self) -> str:
        return self.units[0]


class TasksFile(Strict):
    plan: Plan
    parts: list[Part]
    measures: list[Measure]
    tasks: list[Task]


# ---------------------------------------------------------------- submissions


class Item(Strict):
    task: Annotated[int, Field(ge=1, description="row number (序号) of the key task list")]
    progress: Text | None = Field(default=None, description="落实进度, at most 300 characters")
    status: Literal["未启动", "推进中", "已完成", "持续推进"] | None = Field(
        default=None, description="optional: 未启动 / 推进中 / 已完成 / 持续推进"
    )
    note: str | None = Field(default=None, description="optional remark, not printed in the report")
    figures: dict[str, str | None] | None = Field(
        default=None, description="optional: indicator id → number, e.g. r20_training: 1200 (zengshou indicators)"
    )

    @field_validator("task", mode="before")
    @classmethod
    def _task(cls, v):
        return _row_number(v)


class Source(Strict):
    """Where a submission came from when ``zengshou import --mail`` read it from a message;
    shown in the report's 报送情况 so a date can be traced to the mail that set it."""

    sender: str | None = Field(default=None, description="the message's From: address (and name)")
    subject: str | None = Field(default=None, description="the message's subject, decoded")
    date: str | None = Field(
        default=None, description="the message's Date: in China Standard Time, e.g. 2023-07-07T01:30:00+08:00"
    )
    attachment: str | None = Field(default=None, description="the attachment's file name")


class Submission(Strict):
    unit: str = Field(min_length=1, description="unit id, full name or alias")
    quarter: str = Field(description="e.g. 2023Q2")
    submitted: date | None = Field(default=None, description="date sent, YYYY-MM-DD; absent while a draft")
    contact: str | None = Field(
        default=None, description="optional: contact person and phone in one line (older forms)"
    )
    # the sign-off fields (filled_by, phone, reviewer), one optional text each, from their one
    # definition: a field added to zengshou.signoff.FIELDS is a field here, in this place
    for _f in SIGN_OFF_FIELDS:
        __annotations__[_f.key] = "str | None"
        locals()[_f.key] = Field(default=None, description=_f.description)
    del _f
    source: Source | None = Field(default=None, description="set by zengshou import --mail: the message it came from")
    items: list[Item] = Field(default_factory=list)

    @property
    def contact_line(self) -> str | None:
        """Who to call about the file, in one line: ``contact``, else 填报人 and 联系电话."""
        if self.contact:
            return self.contact
        return " ".join(x for x in (getattr(self, "filled_by", None), getattr(self, "phone", None)) if x) or None

    @field_validator("submitted", mode="before")
    @classmethod
    def _submitted(cls, v):
        return None if v is None else _iso_date(v)

    @field_validator("quarter", mode="before")
    @classmethod
    def _quarter_text(cls, v):
        if not isinstance(v, str):
            raise PydanticCustomError("string_type", "must be text")
        return v.strip()
