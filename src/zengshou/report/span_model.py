"""The span report's model (a year or the whole plan, issue 26): the dataclasses the span
renderers (``span_docx``, ``span_xlsx``, ``span_html``) lay out, and nothing that reads or
computes. Built by :func:`zengshou.report.span.build`; the lights' rules are in
:mod:`zengshou.report.lights`.

:data:`SPAN_EDITIONS` lists each document's sections, as :data:`~zengshou.report.model.EDITIONS`
does for the quarter. The 呈报版's 正文 is everything before ``annex``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from zengshou.report.model import IndicatorLine, Series

if TYPE_CHECKING:
    from zengshou.records import YearRecords

YEAR, PLAN = "year", "plan"
SUBMIT, WORKPAPER = "submit", "workpaper"
#: each document's sections in order; the 呈报版's 正文 ends where ``annex`` begins
SPAN_EDITIONS: dict[str, tuple[str, ...]] = {
    SUBMIT: ("heading", "reporting", "lights", "counties", "indicators", "annex", "tasks", "charts", "notes"),
    WORKPAPER: ("county_matrix", "task_matrix", "progress", "series", "records", "notes"),
}

GREEN, YELLOW, RED, GREY = "green", "yellow", "red", "grey"
COLOURS = (GREEN, YELLOW, RED, GREY)
#: fills and text colours of the four lights in every format (Word shading, Excel fills, CSS)
FILL = {GREEN: "C6EFCE", YELLOW: "FFEB9C", RED: "FFC7CE", GREY: "D9D9D9"}
INK = {GREEN: "006100", YELLOW: "7F6000", RED: "9C0006", GREY: "404040"}


@dataclass(frozen=True)
class Lamp:
    """A light as printed: the words in a cell, the full words, and its colour."""

    state: str
    pace: str | None
    colour: str
    text: str  # 推进/欠
    title: str  # 推进中，欠序时进度
    short_state: str  # 推进
    short_pace: str  # 欠 ("" without a pace)


@dataclass
class TaskQuarter:
    quarter: str
    label: str
    lead: str
    lamp: Lamp
    text: str
    marker: bool
    status: str = ""


@dataclass
class TaskSpan:
    number: int
    measure: str
    task: str
    lead: str  # the lead unit at the span's last quarter (short name)
    quarters: list[TaskQuarter]

    @property
    def last(self) -> TaskQuarter:
        return self.quarters[-1]


@dataclass
class MatrixRow:
    number: int
    task: str
    lead: str
    cells: list[Lamp | None]  # None: the column's unit does not report this row


@dataclass
class Matrix:
    title: str
    columns: list[str]
    rows: list[MatrixRow]


@dataclass
class Count:
    """One line of the lights summary: a label, the count now, before, and the change in words."""

    key: str
    label: str
    now: int
    before: int | None
    change: str


@dataclass
class CountyLine:
    name: str
    rows: int
    counts: dict[str, int]  # colour → cells
    red_before: int | None
    red_change: str


@dataclass
class QuarterLine:
    quarter: str
    label: str
    units: int
    on_time: int
    late: int
    late_days: int
    missing: int
    draft: int
    left_out: int


@dataclass
class IndicatorSpan:
    row: int
    name: str
    unit: str
    target: str
    quote: str
    values: list[str]  # one per quarter of the span
    due_values: list[str]
    point_values: list[str]  # one per ``SpanReport.points``
    final: str
    rate: str
    due: str
    state: str
    behind: bool
    series: Series


@dataclass
class RecordLine:
    rank: int
    name: str
    kind: str
    on_time: int
    late: int
    late_days: int
    missing: int
    rows_missing: int
    returned: int
    findings: list[int]  # in the order of ``record_kinds``
    change: str


@dataclass
class RecordTable:
    year: int
    title: str
    lines: list[RecordLine]


@dataclass
class SpanReport:
    lang: str
    words: dict[str, str]
    kind: str  # year | plan
    key: str  # 2023年 / 2022-2024: what file and folder names carry
    label: str  # 2023年度 / 2022—2024年
    plan_title: str
    short_title: str
    title: str
    workpaper_title: str
    office: str
    as_of: date
    info: str
    header: str
    quarters: list[str]
    quarter_labels: list[str]
    quarter_heads: list[str]  # short column heads: 一季度 (a year), 2023\nQ1 (the plan)
    points: list[str]  # the indicator table's columns: each quarter (a year), each year's end (the plan)
    last_label: str
    previous_label: str  # the quarter the change is measured from ("" when there is none)
    reporting_text: str
    reporting: list[QuarterLine]
    reporting_total: QuarterLine
    lights_text: str
    task_counts: list[Count]
    cell_counts: list[Count]
    counties: list[CountyLine]
    tasks: list[TaskSpan]
    task_matrix: Matrix
    county_matrix: Matrix
    indicators: list[IndicatorSpan]
    record_kinds: list[str]  # the findings' column heads
    records: list[RecordTable]
    records_data: list[YearRecords] = field(default_factory=list, repr=False)
    #: the last quarter's indicator lines, whose series (from the plan's start) the charts draw
    chart_lines: list[IndicatorLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
