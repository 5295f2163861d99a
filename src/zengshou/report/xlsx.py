"""The report's two workbooks, laid out from the report model (nothing is read or computed
here beyond layout):

* the **呈报版** (:func:`render_xlsx`): 正文 (title, 编制单位 and date, 报送情况 with its digest,
  进展, 指标 with the units behind, 需关注), 汇总表 (附件1: the plan's table with the lead units'
  progress and 进展), 指标 (附件2: table and charts), 口径说明;
* the **工作底稿** (:func:`render_workpaper_xlsx`): 报送情况 in full with contacts and 审核意见,
  and one 落实进度 sheet with every text once, one self-contained line per unit and row
  (序号, 具体措施, 重点任务, 牵头单位, 单位 on every line: filter by 单位 and every printed
  page still says which task it is).

The sections and their order come from :data:`zengshou.report.model.EDITIONS`. No cell is
merged across rows in a data table and no page break is set by hand: the application
paginates, repeating the header rows (print titles) on every page.
"""

from __future__ import annotations

from zengshou.report.limits import TooLongForExcel, excel_problems
from zengshou.report.measure import balance
from zengshou.report.model import EDITIONS, SUBMIT, WORKPAPER, Report
from zengshou.report.xlsx_charts import add_indicator_sheet
from zengshou.report.xlsxkit import (
    DIGIT_PX,
    SIZE,
    TITLE_SIZE,
    Sheet,
    Styles,
    autofilter,
    new_workbook,
    sheet_title,
)

SUMMARY_WIDTHS = [5, 12, 32, 86, 6, 16]  # 序号 具体措施 重点任务 落实进度 进展 责任单位


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
    return _own_app_properties(save_workbook_deterministic(build_workbook(report, edition)), report.office)


def _own_app_properties(data: bytes, office: str) -> bytes:
    """docProps/app.xml as this program writes it (openpyxl's names "Openpyxl 3.1.5", which a
    file's properties dialog would show as the application); the package is re-normalised."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    from zengshou.xlsxutil import normalize_xlsx

    app = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>zengshou</Application><Company>{escape(office)}</Company></Properties>"
    ).encode()
    raw = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, app if info.filename == "docProps/app.xml" else src.read(info))
    return normalize_xlsx(raw.getvalue())


def build_workbook(report: Report, edition: str = SUBMIT):
    wb = new_workbook()
    ctx = _Ctx(report, wb, Styles(), set())
    for name in EDITIONS[edition]:
        SECTIONS[name](ctx)
    wb._sheets.sort(key=lambda ws: ws.sheet_state == "hidden")  # chart data last (stable sort)
    wb.active = 0
    props = wb.properties
    props.title = (
        report.title
        if edition == SUBMIT
        else ctx.t["workpaper_title"].format(plan=report.plan_title, quarter=report.quarter_label)
    )
    props.creator = props.lastModifiedBy = report.office or ""
    props.language = ctx.t["html_lang"]
    return wb


class _Ctx:
    def __init__(self, report: Report, wb, st: Styles, used: set[str]):
        self.report, self.wb, self.st, self.used = report, wb, st, used
        self.t = report.words
        self.footer = self.t["page"]
        self.first: Sheet  # the first sheet: the 正文, set by _heading
        self.row = 1  # the 正文's next free row
        self.n = 0  # the 正文's last heading number

    def sheet(self, name: str):
        return self.wb.create_sheet(sheet_title(name, self.used))

    def finish(self, sh: Sheet, title_rows: str, freeze: str) -> None:
        sh.finish(title_rows=title_rows, freeze=freeze, header=self.report.header, footer=self.footer)


# ---------------------------------------------------------------- 呈报版


def _heading(ctx: _Ctx) -> None:
    """The first sheet is the 正文: the document's title and its 编制单位 / 截至日期 line; the
    sections ``status`` … ``attention`` follow on the same sheet, one text per row."""
    rep = ctx.report
    ctx.first = Sheet(ctx.sheet(ctx.t["body_sheet"]), [26, 10, 110], ctx.st)
    ctx.first.put(1, 1, rep.title, "title", cols=3, size=TITLE_SIZE)
    ctx.first.put(2, 1, rep.info, "info_center", cols=3)
    ctx.row = 3
    ctx.n = 0


def _body_heading(ctx: _Ctx, text: str) -> None:
    numerals = ctx.t["heading_numerals"].split(",")
    ctx.n += 1
    ctx.row += 1
    ctx.first.put(ctx.row, 1, ctx.t["numbered_heading"].format(number=numerals[ctx.n - 1], text=text), "bold", cols=3)
    ctx.row += 1


def _body_line(ctx: _Ctx, text: str) -> None:
    ctx.first.put(ctx.row, 1, text, "info", cols=3)
    ctx.row += 1


def _status(ctx: _Ctx) -> None:
    rep, t, sh = ctx.report, ctx.t, ctx.first
    _body_heading(ctx, t["status_sheet"])
    _body_line(ctx, rep.digest.paragraph)
    r = ctx.row
    for c, key in enumerate(("category", "count", "who"), 1):
        sh.put(r, c, t[key], "head")
    for label, n, who in rep.digest.table:
        if not n:
            continue
        r += 1
        sh.put(r, 1, label, "text")
        sh.put(r, 2, n, "center")
        sh.put(r, 3, who, "text")
    for lo in rep.left_out:
        r += 1
        sh.put(r, 1, lo.unit or lo.file, "text")
        sh.put(r, 2, "", "text")
        sh.put(r, 3, lo.reason, "text")
    ctx.row = r + 1


def _progress(ctx: _Ctx) -> None:
    if ctx.report.body is None:
        return
    _body_heading(ctx, ctx.t["progress_heading"])
    _body_line(ctx, ctx.report.body.progress_paragraph)


def _indicator_brief(ctx: _Ctx) -> None:
    body = ctx.report.body
    if body is None:
        return
    _body_heading(ctx, ctx.t["indicators_title"])
    _body_line(ctx, body.indicator_paragraph)
    for line in body.behind:
        _body_line(ctx, line)


def _attention(ctx: _Ctx) -> None:
    body = ctx.report.body
    if body is None:
        return
    _body_heading(ctx, ctx.t["attention"])
    for i, line in enumerate(body.attention, 1):
        _body_line(ctx, ctx.t["numbered_note"].format(n=i, text=line))


def _annexes(ctx: _Ctx) -> None:
    body, t = ctx.report.body, ctx.t
    if body is not None:
        ctx.row += 1
        items = [t["numbered_note"].format(n=i, text=x) for i, x in enumerate(body.annexes, 1)]
        _body_line(ctx, t["annexes_label"] + "　".join(items))
    ctx.finish(ctx.first, "1:1", "A3")


def _annex_title(ctx: _Ctx, n: int, text: str) -> str:
    return ctx.t["annex_heading"].format(n=n, text=text)


def _summary(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    widths = summary_widths(rep)
    ws = ctx.sheet(t["summary"])
    sh = Sheet(ws, widths, ctx.st)
    n = len(widths)
    title = _annex_title(ctx, 1, rep.body.annexes[0] if rep.body else t["summary"])
    sh.put(1, 1, title + t["with_quarter"].format(text="", quarter=rep.quarter_label), "title", cols=n, size=TITLE_SIZE)
    for c, key in enumerate(("no", "measure", "task", "progress", "item_status", "units"), 1):
        sh.put(2, c, t[key], "head")
    cont = t["continued"]
    first = 3
    for i, row in enumerate(rep.rows):
        r = first + i
        continued = i > 0 and rep.rows[i - 1].measure.id == row.measure.id
        sh.put(r, 1, row.number, "center")
        sh.put(r, 2, row.measure_label + (cont if continued else ""), "center")
        sh.put(r, 3, row.task.text, "text")
        sh.put(r, 4, row.summary.text, "marker_left" if row.summary.marker else "text")
        sh.put(r, 5, row.progress, "marker" if row.progress_key == "not_started" else "center")
        sh.put(r, 6, row.units_text, "text")
    ctx.finish(sh, "2:2", "A3")
    autofilter(ws, 2, first + len(rep.rows) - 1, n)


def summary_widths(rep: Report) -> list[float]:
    """重点任务, 落实进度 and 责任单位 share what the other columns leave (see
    :func:`zengshou.report.measure.balance`); the total, and so the print scale, stays fixed."""
    rows = rep.rows
    cols = [
        [""] * len(rows),
        [r.measure_label + rep.words["continued"] for r in rows],
        [r.task.text for r in rows],
        [r.summary.text for r in rows],
        [""] * len(rows),
        [r.units_text for r in rows],
    ]
    w = SUMMARY_WIDTHS
    fixed: list[float | None] = [w[0], w[1], None, None, w[4], None]
    per_char = SIZE * 4 / 3 / DIGIT_PX / 0.92  # a CJK character in column-width units, as line_count counts
    return [round(x) for x in balance(cols, fixed, sum(w), text=3, per_char=per_char, pad=0.2, step=2)]


def _indicators(ctx: _Ctx) -> None:
    rep = ctx.report
    name = sheet_title(ctx.t["indicators"], ctx.used)
    title = _annex_title(
        ctx, 2, ctx.t["with_quarter"].format(text=ctx.t["indicators_title"], quarter=rep.quarter_label)
    )
    add_indicator_sheet(ctx.wb, rep.indicators, rep.words, name=name, title=title, header=rep.header, styles=ctx.st)


def _notes(ctx: _Ctx) -> None:
    rep = ctx.report
    sh = Sheet(ctx.sheet(ctx.t["notes"]), [6, 140], ctx.st)
    sh.put(1, 1, _annex_title(ctx, 3, ctx.t["notes"]), "title", cols=2, size=TITLE_SIZE)
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
    "contact",
    "file",
    "remarks",
    "review",
)


def _status_full(ctx: _Ctx) -> None:
    rep, t = ctx.report, ctx.t
    widths = [5, 20, 10, 11, 14, 6, 6, 6, 14, 6, 6, 20, 22, 40, 24]
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
            s.contact,
            s.file,
            "\n".join(s.remarks),
            s.review_text,
        )
        for c, v in enumerate(values, 1):
            style = "text" if c in (2, 9, 12, 13, 14, 15) else "center"
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


TEXT_KEYS = ("no", "measure", "task", "lead_unit", "unit", "item_status", "progress")
TEXT_WIDTHS = [5, 14, 30, 14, 18, 7, 80]


def _texts(ctx: _Ctx) -> None:
    """Every text once, one line per unit and row, each line self-contained (序号, 具体措施,
    重点任务, 牵头单位 on the line itself): filtered by 单位 or 牵头单位 and sorted, every
    printed page still says which task each line is. Units that owe a row and sent nothing
    are one line per row too (未报送 / 未填写, in red)."""
    rep, t = ctx.report, ctx.t
    ws = ctx.sheet(t["texts_sheet"])
    cols: list[list[str]] = [[] for _ in TEXT_KEYS]
    for row in rep.work:
        for line in row.lines:
            for c, v in enumerate(("", row.measure, row.task, row.lead, line.unit, line.status, line.text)):
                cols[c].append(v)
    w = TEXT_WIDTHS
    fixed: list[float | None] = [w[0], w[1], None, w[3], w[4], w[5], None]
    per_char = SIZE * 4 / 3 / DIGIT_PX / 0.92
    widths = [round(x) for x in balance(cols, fixed, sum(w), text=6, per_char=per_char, pad=0.2, step=3)]
    sh = Sheet(ws, widths, ctx.st)
    n = len(TEXT_WIDTHS)
    title = t["workpaper_title"].format(plan=rep.plan_title, quarter=rep.quarter_label)
    sh.put(1, 1, title, "title", cols=n, size=TITLE_SIZE)
    for c, key in enumerate(TEXT_KEYS, 1):
        sh.put(2, c, t[key], "head")
    r = 3
    for row in rep.work:
        for line in row.lines:
            sh.put(r, 1, row.number, "center")
            sh.put(r, 2, row.measure, "text")
            sh.put(r, 3, row.task, "text")
            sh.put(r, 4, row.lead, "text")
            sh.put(r, 5, line.unit, "lead" if line.role == "lead" else "unit")
            sh.put(r, 6, line.status, "center")
            style = ("marker_left" if line.role == "missing" else "marker") if line.marker else "text"
            sh.put(r, 7, line.text, style)
            r += 1
    autofilter(ws, 2, r - 1, n)
    ctx.finish(sh, "2:2", "A3")


SECTIONS = {
    "heading": _heading,
    "status": _status,
    "summary": _summary,
    "indicators": _indicators,
    "notes": _notes,
    "status_full": _status_full,
    "progress": _progress,
    "indicator_brief": _indicator_brief,
    "attention": _attention,
    "annexes": _annexes,
    "texts": _texts,
}
