"""The report's two workbooks, laid out from the report model (nothing is read or computed
here beyond layout):

* the **呈报版** (:func:`render_xlsx`): 报送情况 (title, 编制单位 and date, the digest), 汇总表
  (the plan's table with the lead units' progress), 指标 (table and charts), 口径说明;
* the **工作底稿** (:func:`render_workpaper_xlsx`): 报送情况 in full with 审核意见, a sheet per
  lead unit with every unit's text, a sheet per county that reported.

The sections and their order come from :data:`zengshou.report.model.EDITIONS`. The 汇总表 is
paginated here (fixed print scale, manual page breaks computed from the row heights) so that a
measure continued on a new page repeats its number and title.
"""

from __future__ import annotations

from zengshou.report.limits import TooLongForExcel, excel_problems
from zengshou.report.model import EDITIONS, SUBMIT, WORKPAPER, Report, measure_spans, units_spans
from zengshou.report.xlsx_charts import add_indicator_sheet
from zengshou.report.xlsxkit import (
    TITLE_SIZE,
    Sheet,
    Styles,
    add_breaks,
    autofilter,
    height_for,
    line_count,
    new_workbook,
    page_breaks,
    page_scale,
    sheet_title,
)

SUMMARY_WIDTHS = [6, 16, 38, 60, 22]


def render_xlsx(report: Report) -> bytes:
    """The 呈报版 workbook's bytes; the same report always gives the same bytes.

    Raises :class:`~zengshou.report.limits.TooLongForExcel` before building anything when a
    text does not fit in an Excel cell."""
    return _render(report, SUBMIT)


def render_workpaper_xlsx(report: Report) -> bytes:
    """The 工作底稿 workbook's bytes."""
    return _render(report, WORKPAPER)


def _render(report: Report, edition: str) -> bytes:
    from zengshou.xlsxutil import save_workbook_deterministic

    too_long = excel_problems(report)
    if too_long:
        raise TooLongForExcel(too_long)
    return save_workbook_deterministic(build_workbook(report, edition))


def build_workbook(report: Report, edition: str = SUBMIT):
    wb = new_workbook()
    ctx = _Ctx(report, wb, Styles(), set())
    for name in EDITIONS[edition]:
        SECTIONS[name](ctx)
    wb._sheets.sort(key=lambda ws: ws.sheet_state == "hidden")  # chart data last (stable sort)
    wb.active = 0
    return wb


class _Ctx:
    def __init__(self, report: Report, wb, st: Styles, used: set[str]):
        self.report, self.wb, self.st, self.used = report, wb, st, used
        self.t = report.words
        self.footer = self.t["page"]
        self.first: Sheet  # the first sheet: 呈报版's heading and 报送情况, set by _heading

    def sheet(self, name: str):
        return self.wb.create_sheet(sheet_title(name, self.used))

    def finish(self, sh: Sheet, title_rows: str, freeze: str) -> None:
        sh.finish(title_rows=title_rows, freeze=freeze, header=self.report.header, footer=self.footer)


# ---------------------------------------------------------------- 呈报版


def _heading(ctx: _Ctx) -> None:
    """The first sheet opens with the document's title and its 编制单位 / 截至日期 line; the
    digest of 报送情况 (section ``status``) follows on the same sheet."""
    rep = ctx.report
    ctx.first = Sheet(ctx.sheet(ctx.t["status_sheet"]), [26, 10, 110], ctx.st)
    ctx.first.put(1, 1, rep.title, "title", cols=3, size=TITLE_SIZE)
    ctx.first.put(2, 1, rep.info, "info_center", cols=3)


def _status(ctx: _Ctx) -> None:
    rep, t, sh = ctx.report, ctx.t, ctx.first
    sh.put(4, 1, rep.digest.paragraph, "info", cols=3)
    for c, key in enumerate(("category", "count", "who"), 1):
        sh.put(5, c, t[key], "head")
    r = 6
    for label, n, who in rep.digest.table:
        sh.put(r, 1, label, "text")
        sh.put(r, 2, n, "center")
        sh.put(r, 3, who, "text")
        r += 1
    if rep.left_out:
        r += 1
        sh.put(r, 1, t["left_out"], "info", cols=3)
        for lo in rep.left_out:
            r += 1
            sh.put(r, 1, lo.unit or lo.file, "text")
            sh.put(r, 2, "", "text")
            sh.put(r, 3, lo.reason, "text")
    ctx.finish(sh, "5:5", "A6")


def _summary(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    widths = SUMMARY_WIDTHS
    ws = ctx.sheet(t["summary"])
    sh = Sheet(ws, widths, ctx.st)
    sh.put(1, 1, rep.title, "title", cols=5, size=TITLE_SIZE)
    for c, key in enumerate(("no", "measure", "task", "progress", "units"), 1):
        sh.put(2, c, t[key], "head")
    rows = rep.rows
    first = 3
    for i, row in enumerate(rows):
        r = first + i
        sh.put(r, 1, row.number, "center")
        sh.put(r, 3, row.task.text, "text")
        sh.put(r, 4, row.summary.text, "marker_left" if row.summary.marker else "text")
    base = sh.heights()
    # merged measure / units cells are split at page breaks, so their rows may grow: settle the
    # breaks over a few rounds (heights only grow, so this converges quickly)
    scale = page_scale(widths)
    need_b = [height_for(line_count(r.measure_label, widths[1])) for r in rows]
    need_e = [height_for(line_count(r.units_text, widths[4])) for r in rows]
    heights = [base.get(first + i, height_for(1)) for i in range(len(rows))]
    breaks: list[int] = []
    for _ in range(4):
        head = base.get(1, 0) + base.get(2, 0)
        new = page_breaks(heights, first_page_used=head, repeat=base.get(2, 0), scale=scale)
        blocks_b = _blocks(measure_spans(rows), new)
        blocks_e = _blocks(units_spans(rows), new)
        heights = [base.get(first + i, height_for(1)) for i in range(len(rows))]
        for blocks, need in ((blocks_b, need_b), (blocks_e, need_e)):
            for a, b in blocks:
                have = sum(heights[a : b + 1])
                if have < need[a]:
                    extra = (need[a] - have) / (b - a + 1)
                    for k in range(a, b + 1):
                        heights[k] += extra
        if new == breaks:
            break
        breaks = new
    cont = ctx.t["continued"]
    for blocks, col in ((blocks_b, 2), (blocks_e, 5)):
        for a, b in blocks:
            row = rows[a]
            label = row.measure_label if col == 2 else row.units_text
            if a in breaks and a > 0 and _same_group(rows, a, col):
                label += cont
            sh.put(first + a, col, label, "center" if col == 2 else "text", rows=b - a + 1)
    sh.need = {**base, **{first + i: round(min(409, h), 1) for i, h in enumerate(heights)}}
    sh.merged = []
    ctx.finish(sh, "2:2", "A3")
    add_breaks(ws, [first + i for i in breaks])
    autofilter(ws, 2, first + len(rows) - 1, 5)


def _same_group(rows, a: int, col: int) -> bool:
    prev, cur = rows[a - 1], rows[a]
    if col == 2:
        return prev.measure.id == cur.measure.id
    return (prev.measure.id, prev.units_text) == (cur.measure.id, cur.units_text)


def _blocks(spans: list[int], breaks: list[int]) -> list[tuple[int, int]]:
    """Merge ranges [(first, last)] from spans, cut at page breaks."""
    cuts = set(breaks)
    out = []
    for i, n in enumerate(spans):
        if not n:
            continue
        a = i
        for k in range(i + 1, i + n):
            if k in cuts:
                out.append((a, k - 1))
                a = k
        out.append((a, i + n - 1))
    return out


def _indicators(ctx: _Ctx) -> None:
    rep = ctx.report
    name = sheet_title(ctx.t["indicators"], ctx.used)
    title = ctx.t["with_quarter"].format(text=ctx.t["indicators_title"], quarter=rep.quarter_label)
    add_indicator_sheet(ctx.wb, rep.indicators, rep.words, name=name, title=title, header=rep.header, styles=ctx.st)


def _notes(ctx: _Ctx) -> None:
    rep = ctx.report
    sh = Sheet(ctx.sheet(ctx.t["notes"]), [6, 140], ctx.st)
    sh.put(1, 1, ctx.t["notes"], "title", cols=2, size=TITLE_SIZE)
    for i, note in enumerate(rep.notes, 1):
        sh.put(1 + i, 1, i, "center")
        sh.put(1 + i, 2, note, "text")
    ctx.finish(sh, "1:1", "A2")


# ---------------------------------------------------------------- 工作底稿

STATUS_KEYS = (
    "no",
    "unit",
    "kind",
    "state",
    "submitted",
    "late_days",
    "required",
    "reported",
    "missing_rows",
    "errors",
    "warnings",
    "file",
    "remarks",
    "review",
)


def _status_full(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    widths = [5, 22, 11, 12, 14, 7, 7, 7, 16, 6, 6, 24, 60, 30]
    ws = ctx.sheet(t["status_sheet"])
    sh = Sheet(ws, widths, ctx.st)
    n = len(widths)
    sh.put(
        1,
        1,
        t["workpaper_title"].format(plan=rep.plan_title, quarter=rep.quarter_label),
        "title",
        cols=n,
        size=TITLE_SIZE,
    )
    sh.put(2, 1, rep.info + "　　" + rep.digest.paragraph, "info", cols=n)
    for c, key in enumerate(STATUS_KEYS, 1):
        sh.put(3, c, t[key], "head")
    r = 4
    for i, s in enumerate(rep.status, 1):
        values = (
            i,
            s.name,
            s.kind,
            s.state_text,
            s.submitted,
            s.late_days or None,
            s.required,
            s.reported,
            s.missing_rows,
            s.errors or None,
            s.warnings or None,
            s.file,
            "\n".join(s.remarks),
            s.review_text,
        )
        for c, v in enumerate(values, 1):
            style = "text" if c in (2, 9, 12, 13, 14) else "center"
            if c == 4 and (s.state != "on_time" or s.review == "returned"):
                style = "marker"
            sh.put(r, c, v if v != "" else None, style)
        r += 1
    autofilter(ws, 3, r - 1, n)
    extra = [
        (
            t["left_out"],
            [
                (t["with_role"].format(unit=lo.file, role=lo.unit) if lo.unit else lo.file) + t["colon"] + lo.reason
                for lo in rep.left_out
            ],
        ),
        (t["other_files"], rep.other_files),
    ]
    for label, items in extra:
        if items:
            r += 1
            sh.put(r, 1, label + t["colon"] + t["clause_sep"].join(items), "info", cols=n)
    ctx.finish(sh, "3:3", "C4")


def _leads(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    for sec in rep.leads:
        ws = ctx.sheet(sec.name)
        sh = Sheet(ws, [6, 34, 22, 70, 9], ctx.st)
        sh.put(1, 1, sec.title, "title", cols=5, size=TITLE_SIZE)
        for c, key in enumerate(("no", "task", "unit", "progress", "item_status"), 1):
            sh.put(2, c, t[key], "head")
        r = 3
        for row in sec.work:
            n = len(row.lines)
            sh.put(r, 1, row.number, "center", rows=n)
            sh.put(r, 2, row.task, "text", rows=n)
            for k, line in enumerate(row.lines):
                sh.put(r + k, 3, line.unit, "lead" if line.role == "lead" else "unit")
                sh.put(
                    r + k,
                    4,
                    line.text,
                    ("marker_left" if line.role == "missing" else "marker") if line.marker else "text",
                )
                sh.put(r + k, 5, line.status, "center")
            r += n
        autofilter(ws, 2, r - 1, 5)
        ctx.finish(sh, "2:2", "A3")


def _counties(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    for sec in rep.counties:
        ws = ctx.sheet(sec.name)
        sh = Sheet(ws, [6, 16, 38, 62, 9], ctx.st)
        sh.put(1, 1, sec.title, "title", cols=5, size=TITLE_SIZE)
        sh.put(2, 1, sec.info, "info", cols=5)
        for c, key in enumerate(("no", "measure", "task", "progress", "item_status"), 1):
            sh.put(3, c, t[key], "head")
        mspan = measure_spans(sec.rows)
        for i, (row, e) in enumerate(sec.pairs):
            r = 4 + i
            sh.put(r, 1, row.number, "center")
            if mspan[i]:
                sh.put(r, 2, row.measure_label, "center", rows=mspan[i])
            sh.put(r, 3, row.task.text, "text")
            if e.filled:
                sh.put(r, 4, (t["draft_mark"] if e.draft else "") + e.text, "text")
            else:
                sh.put(r, 4, t[{"blank": "blank", "missing": "missing", "skipped": "skipped"}[e.state]], "marker")
            sh.put(r, 5, e.status or "", "center")
        autofilter(ws, 3, 3 + len(sec.rows), 5)
        ctx.finish(sh, "3:3", "A4")


SECTIONS = {
    "heading": _heading,
    "status": _status,
    "summary": _summary,
    "indicators": _indicators,
    "notes": _notes,
    "status_full": _status_full,
    "leads": _leads,
    "counties": _counties,
}
