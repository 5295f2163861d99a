"""The report model: everything the renderers lay out, computed once by
:func:`zengshou.report.merge.merge`.

Renderers (``xlsx``, ``html``, ``docx``) are pure functions of a :class:`Report`: they open no
file, guess no directory and compute no content — every text, marker, date, count and
indicator series is decided here, in the report's language, so the three formats always say
the same thing. :data:`EDITIONS` is the one list of which sections each document has and in
what order.

Every string that reaches the model passes :func:`clean`: control characters that arrive
through YAML escapes (``"\\x01"``) are dropped, so no renderer can crash on them (openpyxl
refuses them, XML forbids them) or pass them on to a reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from zengshou.i18n import join, long_date
from zengshou.models import Measure, Task
from zengshou.quarters import Quarter

if TYPE_CHECKING:  # the model holds the indicators' results; only their type is named here
    from zengshou.indicators import Progress

FILLED, MISSING, BLANK, SKIPPED = "filled", "missing", "blank", "skipped"
ROLE_ORDER = {"lead": 0, "participant": 1, "other": 1, "county": 2}

#: The two documents and their sections, in order. A renderer walks this list; adding a
#: section means adding its name here and a function for it in each renderer.
SUBMIT, WORKPAPER = "submit", "workpaper"
EDITIONS: dict[str, tuple[str, ...]] = {
    SUBMIT: (  # 呈报版, for leaders: the 正文 (≤ 3 pages), then its 附件
        "heading",
        "status",
        "progress",
        "indicator_brief",
        "attention",
        "annexes",
        "summary",
        "indicators",
        "notes",
    ),
    WORKPAPER: ("status_full", "texts"),  # 工作底稿, for the office and the lead units: each text once
}

# C0 and C1 controls, DEL, the code points XML 1.0 forbids, and the bidirectional controls that
# can make a line read in another order than it was typed (rule C409); \t \n \r are handled apart
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean(text: object) -> str:
    """``text`` as a string a document can hold: line breaks normalised to ``\\n``, tabs to a
    space, every other control character removed."""
    s = "" if text is None else str(text)
    if s.isprintable():
        return s
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", s)


def short_name(name: str) -> str:
    """临桂区人民政府 → 临桂区: counties are named without 人民政府 in running text."""
    return name[:-4] if name.endswith("人民政府") and len(name) > 4 else name


def cn_date(d: date | None, lang: str = "zh") -> str:
    """2023年7月4日 (English: 4 July 2023); empty for None."""
    return long_date(d, lang) if d is not None else ""


@dataclass(frozen=True)
class Source:
    """Where a text was typed: for messages that point back at the submission."""

    file: str
    line: int | None
    col: int | None


@dataclass
class Entry:
    """One unit's contribution to one row."""

    unit_id: str
    unit_name: str
    role: str  # lead | participant | county | other
    state: str  # filled | missing | blank | skipped
    text: str = ""
    status: str | None = None  # the item's optional 未启动/推进中/已完成/持续推进
    source: Source | None = None
    draft: bool = False  # the unit's file has no submission date

    @property
    def filled(self) -> bool:
        return self.state == FILLED


@dataclass
class Cell:
    """A progress cell as printed: the text, and whether it is a marker (shown in red)."""

    text: str
    marker: bool = False


@dataclass
class Row:
    task: Task
    measure: Measure
    lead: Entry
    others: list[Entry] = field(default_factory=list)
    summary: Cell = field(default_factory=lambda: Cell(""))  # the 呈报版's 落实进度 cell
    units_text: str = ""
    measure_label: str = ""
    progress: str = ""  # the row's 进展 as the 汇总表 prints it: the lead unit's status, or a gap
    progress_key: str = ""  # done | ongoing | active | not_started | unstated | unreported

    @property
    def number(self) -> int:
        return self.task.id

    @property
    def entries(self) -> list[Entry]:
        return [self.lead, *self.others]


@dataclass
class WorkLine:
    """A line of the 工作底稿: a unit's text on a row, or the units that did not report it."""

    unit: str  # unit name with role, or the 未报送 label
    text: str
    marker: bool
    role: str  # lead | participant | county | other | missing
    status: str = ""


@dataclass
class WorkRow:
    number: int
    task: str
    lines: list[WorkLine]
    measure: str = ""
    lead: str = ""  # the lead unit's short name: every line of the 工作底稿 names it


@dataclass
class UnitSection:
    """A lead unit's rows (with every unit's text), or a county's own table."""

    unit_id: str
    name: str
    kind: str
    state: str  # filled (it reported) | missing | skipped
    file: str | None
    submitted: date | None
    contact: str | None
    rows: list[Row]
    entries: list[Entry]  # this unit's entry for each of ``rows``, same order
    title: str = ""
    info: str = ""
    work: list[WorkRow] = field(default_factory=list)  # lead sections: the lines as printed

    @property
    def pairs(self) -> list[tuple[Row, Entry]]:
        return list(zip(self.rows, self.entries, strict=True))


@dataclass
class StatusLine:
    """One unit in 报送情况: state in words, dates as people write them, findings in words."""

    unit_id: str
    name: str
    kind: str  # in words
    state: str  # missing | invalid | draft | late | on_time | left_out
    state_text: str
    submitted: str  # 2023年7月4日 or ""
    late_days: int
    required: int
    reported: int
    missing_rows: str  # "1–3、5"
    errors: int
    warnings: int
    file: str  # relative to the data directory
    remarks: list[str] = field(default_factory=list)  # 审核意见
    contact: str = ""  # 联系人及电话: from the file, else the unit's last file or units.yaml
    review: str = ""  # the coordinator's decision that holds (zengshou.review): returned | accepted | ""
    review_text: str = ""  # that decision in words: 退回（2023年7月10日）：意见


@dataclass
class LeftOut:
    """A file that could not be read and is not in the report, with the reason in words."""

    file: str
    unit: str
    reason: str


@dataclass
class Body:
    """The 正文: what a leader reads in ten minutes, every sentence built from counts and names
    in the data. ``progress`` counts the 70 rows by their 进展 (keys of ``PROGRESS_KEYS``);
    ``behind`` and ``attention`` are one line each."""

    progress: dict[str, int]
    progress_paragraph: str
    indicator_paragraph: str
    behind: list[str]  # one line per 滞后 indicator, naming the county or unit behind
    attention: list[str]  # 需关注: one line per item
    annexes: list[str]  # 附件：1．… 2．…


#: a row's 进展 from its lead unit's ``status`` (or why there is none), in the 正文's order
PROGRESS_KEYS = ("done", "ongoing", "active", "not_started", "unstated", "unreported")
STATUS_KEYS = {"已完成": "done", "持续推进": "ongoing", "推进中": "active", "未启动": "not_started"}


@dataclass
class StatusDigest:
    """The 呈报版's 报送情况: one paragraph and a small table of (label, count, who)."""

    paragraph: str
    table: list[tuple[str, int, str]]
    totals: dict[str, int]


@dataclass
class Series:
    """An indicator's figures by quarter, from the start of the plan to the report's quarter."""

    row: int
    id: str
    name: str
    unit: str
    aggregation: str
    target: float | None  # city-wide target
    quarters: list[str] = field(default_factory=list)
    actual: list[float | None] = field(default_factory=list)
    due: list[float | None] = field(default_factory=list)  # target × share expected by that quarter
    last: Progress | None = None  # at the report's quarter
    labels: list[str] = field(default_factory=list)  # the quarters as a chart axis prints them (23年Q2)
    behind: list[str] = field(default_factory=list)  # "资源县 0.5" — who is behind, with the figure
    no_figure: list[str] = field(default_factory=list)  # units in scope with no figure yet

    @property
    def ceiling(self) -> bool:
        """A limit not to exceed (row 55: at most 5%): drawn as a ceiling, never as a shortfall."""
        return self.aggregation == "at_most"

    @property
    def chartable(self) -> bool:
        return self.aggregation != "threshold" and any(v is not None for v in self.actual)


@dataclass
class IndicatorLine:
    """One tracked indicator in plain words (no ids, no aggregation jargon)."""

    row: int
    name: str
    target: str  # as the plan writes it
    actual: str
    due: str  # 序时进度
    rate: str  # 完成率
    state: str
    behind: bool
    series: Series
    who: str = ""  # the units behind, with their figures (empty when none is named)
    goal: str = ""  # the city-wide target as a number with its unit (5%)


@dataclass
class Report:
    lang: str
    words: dict[str, str]  # labels in the report's language (zengshou.report.labels)
    plan_title: str
    short_title: str
    quarter: Quarter
    quarter_label: str
    title: str  # 《…》重点任务清单落实进度（2023年第二季度）
    office: str
    as_of: date
    info: str  # 编制单位：…　截至日期：…
    deadline: date
    deadline_text: str
    header: str  # running page header
    rows: list[Row]
    leads: list[UnitSection]
    counties: list[UnitSection]  # the counties that reported (工作底稿)
    status: list[StatusLine]
    digest: StatusDigest
    left_out: list[LeftOut]
    other_files: list[str]
    indicators: list[IndicatorLine]
    series: list[Series]
    notes: list[str]  # 口径说明
    include_drafts: bool = False
    body: Body | None = None  # the 正文
    work: list[WorkRow] = field(default_factory=list)  # the 工作底稿: every row, every text once

    def texts(self) -> list[tuple[Row, Entry]]:
        """Every submitted text in the report (for limits such as Excel's cell size)."""
        return [(row, e) for row in self.rows for e in row.entries if e.filled]


# ---------------------------------------------------------------- layout helpers


def spans(values: list) -> list[int]:
    """Row spans for merging equal neighbours: ``[a, a, b]`` → ``[2, 0, 1]`` (0 = covered)."""
    out = [0] * len(values)
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        out[i] = j - i + 1
        i = j + 1
    return out


def measure_spans(rows: list[Row]) -> list[int]:
    return spans([r.measure.id for r in rows])


def units_spans(rows: list[Row]) -> list[int]:
    """The plan prints one 责任单位 cell over a measure's rows when they share it."""
    return spans([(r.measure.id, r.units_text) for r in rows])


def row_ranges(rows: list[int], lang: str) -> str:
    """[1, 2, 3, 5] → "1–3、5"."""
    parts: list[str] = []
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1] == rows[j] + 1:
            j += 1
        parts.append(str(rows[i]) if i == j else f"{rows[i]}–{rows[j]}")
        i = j + 1
    return join(parts, lang)
