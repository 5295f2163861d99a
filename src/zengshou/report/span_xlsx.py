"""The span's two workbooks (a year or the whole plan), laid out from the
:class:`~zengshou.report.span.SpanReport` alone (issue 26):

* the **呈报版** (:func:`render_span_xlsx`): 报送情况 (title, the digest by quarter), 任务灯情
  (counts and the change, the counties compared), 指标, 逐季进展 (the 附件: each task's lights
  by quarter and its latest progress), 口径说明;
* the **工作底稿** (:func:`render_span_workpaper_xlsx`): the county × task light matrix, the
  task × quarter matrix, every quarter's text of each lead unit, each indicator by quarter,
  one 报送考核 sheet per year, 口径说明.

Lights are cells filled in their colour (:data:`zengshou.report.lights.FILL`) holding the state
and pace in words, so a black-and-white print still reads. Sections and order come from
:data:`zengshou.report.span.SPAN_EDITIONS`.
"""

from __future__ import annotations

from collections.abc import Sequence

from zengshou.report.span_model import FILL, INK, SPAN_EDITIONS, SUBMIT, WORKPAPER, Lamp, SpanReport
from zengshou.report.xlsxkit import FONT, SIZE, TITLE_SIZE, Sheet, Styles, autofilter, new_workbook, sheet_title


def render_span_xlsx(report: SpanReport) -> bytes:
    """The span 呈报版 workbook's bytes; the same report always gives the same bytes."""
    return _render(report, SUBMIT)


def render_span_workpaper_xlsx(report: SpanReport) -> bytes:
    """The span 工作底稿 workbook's bytes."""
    return _render(report, WORKPAPER)


def _render(report: SpanReport, edition: str) -> bytes:
    from zengshou.xlsxutil import save_workbook_deterministic

    wb = new_workbook()
    ctx = _Ctx(report, wb)
    for name in SPAN_EDITIONS[edition]:
        SECTIONS[name](ctx)
    wb._sheets.sort(key=lambda ws: ws.sheet_state == "hidden")  # chart data last (stable sort)
    wb.active = 0
    return save_workbook_deterministic(wb)


def _styles() -> Styles:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    st = Styles()
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for colour, fill in FILL.items():
        st.styles["lamp_" + colour] = (
            Font(name=FONT, size=SIZE, color=INK[colour]),
            center,
            box,
            PatternFill("solid", fgColor=fill),
        )
    st.styles["bold_center"] = (Font(name=FONT, size=SIZE, bold=True), center, box, None)
    return st


class _Ctx:
    def __init__(self, report: SpanReport, wb):
        self.report, self.wb, self.t = report, wb, report.words
        self.st = _styles()
        self.used: set[str] = set()
        self.first: Sheet | None = None
        self.lights_sheet: Sheet | None = None
        self.row = 1

    def sheet(self, name: str, widths: Sequence[float]) -> Sheet:
        return Sheet(self.wb.create_sheet(sheet_title(name, self.used)), widths, self.st)

    def finish(self, sh: Sheet, title_rows: str | None, freeze: str) -> None:
        sh.finish(title_rows=title_rows, freeze=freeze, header=self.report.header, footer=self.t["page"])


def _lamp(sh: Sheet, r: int, c: int, lamp: Lamp | None, two_lines: bool = True) -> None:
    if lamp is None:
        sh.put(r, c, "", "center")
        return
    sep = "\n" if two_lines else "/"
    sh.put(r, c, lamp.short_state + (sep + lamp.short_pace if lamp.short_pace else ""), "lamp_" + lamp.colour)


def _table(sh: Sheet, r: int, head: list[str], rows: list[list], styles: list[str]) -> int:
    for c, h in enumerate(head, 1):
        sh.put(r, c, h, "head")
    for row in rows:
        r += 1
        for c, (v, s) in enumerate(zip(row, styles, strict=True), 1):
            sh.put(r, c, v, s)
    return r


# ---------------------------------------------------------------- 呈报版


def _heading(ctx: _Ctx) -> None:
    rep = ctx.report
    sh = ctx.first = ctx.sheet(ctx.t["sec_reporting"], [22, 11, 11, 11, 12, 11, 11])
    sh.put(1, 1, rep.title, "title", cols=7, size=TITLE_SIZE)
    sh.put(2, 1, rep.info, "info_center", cols=7)
    ctx.row = 3


def _reporting(ctx: _Ctx) -> None:
    rep, t, sh = ctx.report, ctx.t, ctx.first
    assert sh is not None
    r = ctx.row + 1
    sh.put(r, 1, rep.reporting_text, "info", cols=7)
    keys = ("quarter", "units_due", "on_time", "late", "late_days", "missing", "draft")
    lines = [*rep.reporting, rep.reporting_total]
    last = _table(
        sh,
        r + 1,
        [t[k] for k in keys],
        [[x.label, x.units, x.on_time, x.late, x.late_days, x.missing, x.draft] for x in lines],
        ["center"] * 7,
    )
    for c in range(1, 8):
        sh.ws.cell(last, c)._style = sh.ws.cell(r + 1, c)._style  # the total row: bold, as the header
    ctx.finish(sh, f"{r + 1}:{r + 1}", f"A{r + 2}")


def _lights(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    sh = ctx.sheet(t["sec_lights"], [22, 12, 12, 12, 14, 14, 14])
    sh.put(1, 1, t["sec_lights"], "title", cols=7, size=TITLE_SIZE)
    sh.put(2, 1, rep.lights_text, "info", cols=7)
    head = [t["light_item"]] + [
        f"{g}·{w}" for g in (t["tasks_col"], t["cells_col"]) for w in (t["now"], t["before"], t["change"])
    ]
    rows = []
    styles = []
    for a, b in zip(rep.task_counts, rep.cell_counts, strict=True):
        rows.append([a.label, a.now, a.before, a.change, b.now, b.before, b.change])
        styles.append(("lamp_" + a.key) if a.key in FILL else "text")
    r = _table(sh, 3, head, rows, ["text"] + ["center"] * 6)
    for i, s in enumerate(styles):
        if s != "text":
            sh.put(4 + i, 1, rows[i][0], s)
    sh.put(r + 1, 1, t["legend"], "info", cols=7)
    ctx.row = r + 3
    ctx.lights_sheet = sh


def _counties(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    sh = ctx.lights_sheet
    assert sh is not None
    r = ctx.row
    sh.put(r, 1, t["sec_counties"], "bold", cols=7)
    head = [t["county"], t["rows"]] + [t["colour_" + c] for c in FILL] + [t["red_change"]]
    for c, h in enumerate(head, 1):
        sh.put(r + 1, c, h, "head")
    for i, x in enumerate(rep.counties):
        rr = r + 2 + i
        sh.put(rr, 1, x.name, "text")
        sh.put(rr, 2, x.rows, "center")
        for k, colour in enumerate(FILL):
            n = x.counts[colour]
            sh.put(rr, 3 + k, n, ("lamp_" + colour) if n else "center")
        sh.put(rr, 7, x.red_change, "center")
    ctx.finish(sh, None, "A3")
    sh.ws.page_setup.fitToHeight = 1  # the lights and the counties on one page of the 正文


def _indicators(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    n = len(rep.points)
    widths = [6, 40, 12, *([11] * n), 12, 9, 9, 14]
    sh = ctx.sheet(t["indicators"], widths)
    cols = len(widths)
    sh.put(1, 1, t["sec_indicators"], "title", cols=cols, size=TITLE_SIZE)
    head = [t["no"], t["ind_name"], t["target"], *rep.points, t["final"], t["ind_rate"], t["ind_due"], t["ind_state"]]
    rows = [[x.row, x.name, x.target, *x.point_values, x.final, x.rate, x.due, x.state] for x in rep.indicators]
    last = _table(
        sh, 2, head, rows, ["center", "text", "center", *(["center"] * n), "bold_center", "center", "center", "center"]
    )
    for i, x in enumerate(rep.indicators):
        if x.behind:
            sh.put(3 + i, cols, x.state, "marker")
    autofilter(sh.ws, 2, last, cols)
    ctx.finish(sh, "2:2", "C3")


def _annex(ctx: _Ctx) -> None:
    """The workbook has no page for the word 附件: its sheets follow one another."""


def _tasks(ctx: _Ctx) -> None:
    """Each task on two rows: number, task, lead and a light per quarter; then its latest
    progress merged across the row."""
    rep, t = ctx.report, ctx.t
    n = len(rep.quarters)
    # as wide as the plan's sheet (about 160 units) whatever the quarters: the merged text row
    # then takes four lines, and the print scale stays the same for a year and the plan
    qw = 8 if n > 4 else 14
    widths = [6, 48 if n > 4 else 90, 12, *([qw] * n)]
    cols = len(widths)
    sh = ctx.sheet(t["sec_tasks"], widths)
    sh.put(1, 1, t["sec_tasks"], "title", cols=cols, size=TITLE_SIZE)
    sh.put(2, 1, t["legend"], "info", cols=cols)
    for c, h in enumerate([t["no"], t["task"], t["lead"], *rep.quarter_heads], 1):
        sh.put(3, c, h, "head")
    latest = t["latest"].format(quarter=rep.last_label) + t["colon"]
    r = 4
    for task in rep.tasks:
        sh.put(r, 1, task.number, "center", rows=2)
        sh.put(r, 2, task.task, "text")
        sh.put(r, 3, task.lead, "center")
        for k, q in enumerate(task.quarters):
            _lamp(sh, r, 4 + k, q.lamp)
        last = task.last
        sh.put(r + 1, 2, latest + last.text, "marker_left" if last.marker else "text", cols=cols - 1)
        r += 2
    ctx.finish(sh, "3:3", "D4")


def _charts(ctx: _Ctx) -> None:
    """The last quarter's indicator table with a chart per indicator (the quarter report's
    sheet, with its hidden chart-data sheet kept last)."""
    from zengshou.report.xlsx_charts import add_indicator_sheet

    rep, t = ctx.report, ctx.t
    if not rep.chart_lines:
        return
    add_indicator_sheet(
        ctx.wb,
        rep.chart_lines,
        t,
        name=sheet_title(t["sec_charts"], ctx.used),
        title=t["sec_charts"],
        header=rep.header,
        styles=ctx.st,
    )


def _notes(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    sh = ctx.sheet(t["notes"], [6, 140])
    sh.put(1, 1, t["notes"], "title", cols=2, size=TITLE_SIZE)
    for i, note in enumerate(rep.notes, 1):
        sh.put(1 + i, 1, i, "center")
        sh.put(1 + i, 2, note, "text")
    sh.put(2 + len(rep.notes), 1, t["legend"], "info", cols=2)
    ctx.finish(sh, "1:1", "A2")


# ---------------------------------------------------------------- 工作底稿


def _matrix(ctx: _Ctx, m, name: str, col_w: float) -> None:
    t = ctx.t
    widths = [6, 36 if len(m.columns) > 6 else 80, 12, *([col_w] * len(m.columns))]
    cols = len(widths)
    sh = ctx.sheet(name, widths)
    title = m.title if ctx.first is not None else ctx.report.workpaper_title + "\n" + m.title
    sh.put(1, 1, title, "title", cols=cols, size=TITLE_SIZE)
    ctx.first = ctx.first or sh
    sh.put(2, 1, t["legend"], "info", cols=cols)
    for c, h in enumerate([t["no"], t["task"], t["lead"], *m.columns], 1):
        sh.put(3, c, h, "head")
    for i, row in enumerate(m.rows):
        r = 4 + i
        sh.put(r, 1, row.number, "center")
        sh.put(r, 2, row.task, "text")
        sh.put(r, 3, row.lead, "center")
        for k, cell in enumerate(row.cells):
            _lamp(sh, r, 4 + k, cell)
    autofilter(sh.ws, 3, 3 + len(m.rows), cols)
    ctx.finish(sh, "3:3", "D4")


def _county_matrix(ctx: _Ctx) -> None:
    _matrix(ctx, ctx.report.county_matrix, ctx.t["sec_counties"], 7)


def _task_matrix(ctx: _Ctx) -> None:
    _matrix(ctx, ctx.report.task_matrix, ctx.t["sec_lights"], 9)


def _progress(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    widths = [6, 30, 14, 14, 10, 9, 80]
    sh = ctx.sheet(t["sec_progress"], widths)
    sh.put(1, 1, t["sec_progress"], "title", cols=7, size=TITLE_SIZE)
    for c, key in enumerate(("no", "task", "quarter", "lead", "light_item", "item_status", "progress"), 1):
        sh.put(2, c, t[key], "head")
    r = 3
    for task in rep.tasks:
        n = len(task.quarters)
        sh.put(r, 1, task.number, "center", rows=n)
        sh.put(r, 2, task.task, "text", rows=n)
        for k, tq in enumerate(task.quarters):
            sh.put(r + k, 3, tq.label, "center")
            sh.put(r + k, 4, tq.lead, "center")
            _lamp(sh, r + k, 5, tq.lamp)
            sh.put(r + k, 6, tq.status, "center")
            sh.put(r + k, 7, tq.text, "marker_left" if tq.marker else "text")
        r += n
    autofilter(sh.ws, 2, r - 1, 7)
    ctx.finish(sh, "2:2", "C3")


def _series(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    n = len(rep.quarters)
    widths = [6, 34, 30, 12, *([10] * n)]
    cols = len(widths)
    sh = ctx.sheet(t["sec_series"], widths)
    sh.put(1, 1, t["sec_series"], "title", cols=cols, size=TITLE_SIZE)
    for c, h in enumerate([t["no"], t["ind_name"], t["ind_target"], "", *rep.quarters], 1):
        sh.put(2, c, h, "head")
    r = 3
    for x in rep.indicators:
        sh.put(r, 1, x.row, "center", rows=2)
        sh.put(r, 2, x.name, "text", rows=2)
        sh.put(r, 3, x.quote or x.target, "text", rows=2)
        sh.put(r, 4, t["ind_actual"], "center")
        sh.put(r + 1, 4, t["ind_due"], "center")
        for k in range(n):
            sh.put(r, 5 + k, x.values[k], "center")
            sh.put(r + 1, 5 + k, x.due_values[k], "center")
        r += 2
    ctx.finish(sh, "2:2", "E3")


def _records(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    kinds = rep.record_kinds
    for table in rep.records:
        widths = [6, 26, 12, 7, 7, 9, 8, 9, 7, *([8] * len(kinds)), 12]
        cols = len(widths)
        sh = ctx.sheet(f"{t['sec_records']}{table.year}", widths)
        sh.put(1, 1, table.title, "title", cols=cols, size=TITLE_SIZE)
        head = [
            t["rank"],
            t["unit"],
            t["kind"],
            t["on_time"],
            t["late"],
            t["late_days"],
            t["missing"],
            t["rows_missing"],
            t["returned"],
            *kinds,
            t["rank_change"],
        ]
        sh.put(2, 1, "", "head", cols=9)
        sh.put(2, 10, t["findings"], "head", cols=len(kinds))
        sh.put(2, cols, "", "head")
        rows = [
            [
                x.rank,
                x.name,
                x.kind,
                x.on_time,
                x.late,
                x.late_days,
                x.missing,
                x.rows_missing,
                x.returned,
                *x.findings,
                x.change,
            ]
            for x in table.lines
        ]
        last = _table(sh, 3, head, rows, ["center", "text", "center", *(["center"] * (cols - 3))])
        autofilter(sh.ws, 3, last, cols)
        ctx.finish(sh, "2:3", "C4")


SECTIONS = {
    "heading": _heading,
    "reporting": _reporting,
    "lights": _lights,
    "counties": _counties,
    "indicators": _indicators,
    "annex": _annex,
    "tasks": _tasks,
    "charts": _charts,
    "notes": _notes,
    "county_matrix": _county_matrix,
    "task_matrix": _task_matrix,
    "progress": _progress,
    "series": _series,
    "records": _records,
}
