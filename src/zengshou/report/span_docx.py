"""The span's 呈报版 (a year or the whole plan) as a Word document, laid out from the
:class:`~zengshou.report.span.SpanReport` alone (issue 26).

公文 style like the quarter's (``report.docx``): 小标宋 title, 编制单位 and 截至日期, numbered
黑体 headings, 仿宋 body, A4 landscape, “第 X 页 共 Y 页” as Word fields. The 正文 — 报送情况,
任务灯情, 各县对比, 量化指标 — is kept to a few pages; the 附件 opens on a new page with each
task's lights by quarter and its latest progress, then the 口径说明.

Lights are table cells shaded in their colour (:data:`zengshou.report.lights.FILL`) with the
state and pace in words, so they read in black and white too. Tables repeat their header row on
every page and never split a row. Same report → same bytes.
"""

from __future__ import annotations

import io
import re

# one set of run, font and field helpers for both Word renderers (the quarter's and the span's)
from zengshou.report.docx import BODY_FONT, HEAD_FONT, TITLE_FONT, _drop_thumbnail, _field, _font, _run
from zengshou.report.docx_tables import C, add_table
from zengshou.report.span_model import FILL, SPAN_EDITIONS, SUBMIT, Lamp, SpanReport

PAGE_W_CM, PAGE_H_CM = 29.7, 21.0
MARGINS_CM = (1.8, 1.8, 2.0, 1.8)
USABLE_CM = PAGE_W_CM - MARGINS_CM[0] - MARGINS_CM[1]  # 26.1
BODY_PT = 14
TABLE, SMALL = "ZTable", "ZSmall"  # 五号 (10.5 pt) and 小五 (9 pt) table paragraphs


def render_span_docx(report: SpanReport) -> bytes:
    """The span 呈报版's .docx bytes."""
    from docx import Document

    from zengshou.xlsxutil import EPOCH, normalize_xlsx

    doc = Document()
    _setup(doc, report)
    ctx = {"n": 0, "t": report.words}
    for name in SPAN_EDITIONS[SUBMIT]:
        SECTIONS[name](doc, report, ctx)
    cp = doc.core_properties
    cp.created = cp.modified = cp.last_printed = EPOCH
    cp.author = cp.last_modified_by = report.office or ""
    cp.title = report.title
    cp.revision = 1
    cp.comments = cp.keywords = cp.subject = cp.category = ""
    _drop_thumbnail(doc)
    raw = io.BytesIO()
    doc.save(raw)
    return normalize_xlsx(raw.getvalue(), EPOCH)


# ---------------------------------------------------------------- set-up and helpers


def _setup(doc, report: SpanReport) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt

    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(PAGE_W_CM), Cm(PAGE_H_CM)
    for side, cm in zip(("left_margin", "right_margin", "top_margin", "bottom_margin"), MARGINS_CM, strict=True):
        setattr(sec, side, Cm(cm))
    sec.header_distance, sec.footer_distance = Cm(1.0), Cm(1.0)
    normal = doc.styles["Normal"]
    _font(normal.font, normal.element, BODY_FONT, BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in ((TABLE, 10.5), (SMALL, 9)):
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        _font(st.font, st.element, BODY_FONT, size)
        st.paragraph_format.line_spacing = 1.0
        st.paragraph_format.space_before = st.paragraph_format.space_after = Pt(1)
    par = sec.footer.paragraphs[0]
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in re.split(r"(\{page\}|\{pages\})", report.words["page_word"]):
        if piece in ("{page}", "{pages}"):
            _field(par, "PAGE" if piece == "{page}" else "NUMPAGES", 10.5)
        elif piece:
            _run(par, piece, size=10.5)


def _heading(doc, text: str, ctx: dict, *, new_page: bool = False, numbered: bool = True) -> None:
    from docx.shared import Pt

    t = ctx["t"]
    if numbered:
        ctx["n"] += 1
        text = t["numbered_heading"].format(number=t["heading_numerals"].split(",")[ctx["n"] - 1], text=text)
    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.space_before, pf.space_after, pf.keep_with_next = Pt(6), Pt(4), True
    pf.page_break_before = new_page
    _run(p, text, HEAD_FONT, 16)


def _para(doc, text: str, size: float = BODY_PT, indent: bool = True) -> None:
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(size * 2) if indent else None
    p.paragraph_format.space_after = Pt(4)
    p.paragraph_format.line_spacing = 1.25
    _run(p, text, size=size)


def _lamp(lamp: Lamp | None, *, two_lines: bool = False) -> C:
    if lamp is None:
        return C("", center=True)
    text = lamp.short_state + (("\n" if two_lines else "/") + lamp.short_pace if lamp.short_pace else "")
    return C(text, center=True, shade=FILL[lamp.colour])


# ---------------------------------------------------------------- sections


def _title(doc, report: SpanReport, ctx: dict) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(8)
    p.paragraph_format.line_spacing = 1.2
    _run(p, report.title, TITLE_FONT, 22)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(8)
    _run(p, report.info)


def _reporting(doc, report: SpanReport, ctx: dict) -> None:
    t = report.words
    _heading(doc, t["sec_reporting"], ctx)
    _para(doc, report.reporting_text)
    keys = ("quarter", "units_due", "on_time", "late", "late_days", "missing", "draft")
    rows = [
        [C(x.label, center=True)]
        + [C(str(v), center=True) for v in (x.units, x.on_time, x.late, x.late_days, x.missing, x.draft)]
        for x in [*report.reporting, report.reporting_total]
    ]
    rows[-1] = [C(c.text, center=True, bold=True) for c in rows[-1]]
    add_table(doc, (5.1, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5), [t[k] for k in keys], rows, style=TABLE)


def _lights(doc, report: SpanReport, ctx: dict) -> None:
    t = report.words
    _heading(doc, t["sec_lights"], ctx)
    _para(doc, report.lights_text)
    head = [t["light_item"]] + [
        f"{g}·{w}" for g in (t["tasks_col"], t["cells_col"]) for w in (t["now"], t["before"], t["change"])
    ]
    rows = []
    for a, b in zip(report.task_counts, report.cell_counts, strict=True):
        first = C(a.label, shade=FILL.get(a.key))
        cells = [first]
        for x in (a, b):
            cells += [
                C(str(x.now), center=True),
                C("—" if x.before is None else str(x.before), center=True),
                C(x.change, center=True),
            ]
        rows.append(cells)
    add_table(doc, (4.8,) + (3.55,) * 6, head, rows, style=SMALL)
    _para(doc, t["legend"], size=10.5, indent=False)


def _counties(doc, report: SpanReport, ctx: dict) -> None:
    t = report.words
    _heading(doc, t["sec_counties"], ctx)
    head = [t["county"], t["rows"]] + [t["colour_" + c] for c in FILL] + [t["red_change"]]
    rows = [
        [C(x.name), C(str(x.rows), center=True)]
        + [C(str(x.counts[c]), center=True, shade=FILL[c] if x.counts[c] else None) for c in FILL]
        + [C(x.red_change, center=True)]
        for x in report.counties
    ]
    add_table(doc, (5.1, 3.0, 3.6, 3.6, 3.6, 3.6, 3.6), head, rows, style=SMALL)


def _indicators(doc, report: SpanReport, ctx: dict) -> None:
    t = report.words
    _heading(doc, t["sec_indicators"], ctx)
    n = len(report.points)
    qw = 1.8
    fixed = 0.9 + 2.0 + 1.8 + 1.7 + 1.7 + 2.4
    name_w = USABLE_CM - fixed - qw * n
    head = [
        t["no"],
        t["ind_name"],
        t["target"],
        *report.points,
        t["final"],
        t["ind_rate"],
        t["ind_due"],
        t["ind_state"],
    ]
    rows = []
    for x in report.indicators:
        rows.append(
            [C(str(x.row), center=True), C(x.name), C(x.target, center=True)]
            + [C(v, center=True) for v in x.point_values]
            + [
                C(x.final, center=True, bold=True),
                C(x.rate, center=True),
                C(x.due, center=True),
                C(x.state, center=True, bold=x.behind, color="C00000" if x.behind else None),
            ]
        )
    widths = (0.9, name_w, 2.0, *([qw] * n), 1.8, 1.7, 1.7, 2.4)
    add_table(doc, widths, head, rows, style=TABLE)


def _annex(doc, report: SpanReport, ctx: dict) -> None:
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.paragraph_format.page_break_before = True
    p.paragraph_format.space_after = Pt(4)
    _run(p, report.words["annex"], HEAD_FONT, 16)


def _tasks(doc, report: SpanReport, ctx: dict) -> None:
    """Each task on two rows kept together: number, task, lead unit and a light per quarter;
    then its latest progress across the table's width (a text of 300 characters takes four
    lines there instead of fifteen in a column)."""
    t = report.words
    ctx["annex"] = ctx.get("annex", 0) + 1
    _heading(doc, f"{ctx['annex']}．{t['sec_tasks']}", ctx, numbered=False)
    _para(doc, t["legend"], size=10.5, indent=False)
    n = len(report.quarters)
    qw = min(1.6, 16.2 / n)  # “2023” in bold 小五 fits in 1.35 cm
    task_w = USABLE_CM - 0.9 - 1.8 - qw * n
    head = [t["no"], t["task"], t["lead"], *report.quarter_heads]
    latest = t["latest"].format(quarter=report.last_label) + t["colon"]
    rows = []
    for task in report.tasks:
        last = task.last
        rows.append(
            [C(str(task.number), center=True), C(task.task), C(task.lead, center=True)]
            + [_lamp(q.lamp, two_lines=True) for q in task.quarters]
        )
        rows.append([C("")] + [C(latest + last.text, color="C00000" if last.marker else None)] + [C("")] * (n + 1))
    el = add_table(doc, (0.9, task_w, 1.8, *([qw] * n)), head, rows, style=SMALL)
    _span_text_rows(el, n + 2, round((USABLE_CM - 0.9) * 567))


def _span_text_rows(table, span: int, width: int) -> None:
    """Every second body row: its second cell spans the rest of the row, and the row before it
    is kept on the same page (keep-with-next on its paragraphs)."""
    from docx.oxml.ns import qn

    rows = table.findall(qn("w:tr"))[1:]
    for i in range(0, len(rows) - 1, 2):
        for p in rows[i].iter(qn("w:p")):
            ppr = p.find(qn("w:pPr"))
            ppr.append(ppr.makeelement(qn("w:keepNext"), {}))
        cells = rows[i + 1].findall(qn("w:tc"))
        for c in cells[2:]:
            rows[i + 1].remove(c)
        tcpr = cells[1].find(qn("w:tcPr"))
        tcpr.find(qn("w:tcW")).set(qn("w:w"), str(width))
        grid = tcpr.makeelement(qn("w:gridSpan"), {qn("w:val"): str(span)})
        tcpr.insert(1, grid)


def _charts(doc, report: SpanReport, ctx: dict) -> None:
    """Each indicator's figures from the plan's start (actual, due, target), as native Word
    charts three to a row (the quarter report's charts)."""
    from zengshou.report.docx_charts import add_chart_grid

    if not report.chart_lines:
        return
    t = report.words
    ctx["annex"] = ctx.get("annex", 0) + 1
    _heading(doc, f"{ctx['annex']}．{t['sec_charts']}", ctx, new_page=True, numbered=False)
    add_chart_grid(doc, [x.series for x in report.chart_lines], t)


def _notes(doc, report: SpanReport, ctx: dict) -> None:
    from docx.shared import Pt

    t = report.words
    ctx["annex"] = ctx.get("annex", 0) + 1
    _heading(doc, f"{ctx['annex']}．{t['notes']}", ctx, new_page=True, numbered=False)
    for i, note in enumerate(report.notes, 1):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
        p.paragraph_format.line_spacing = 1.25
        p.paragraph_format.space_after = Pt(3)
        _run(p, t["numbered_note"].format(n=i, text=note))


SECTIONS = {
    "heading": _title,
    "reporting": _reporting,
    "lights": _lights,
    "counties": _counties,
    "indicators": _indicators,
    "annex": _annex,
    "tasks": _tasks,
    "charts": _charts,
    "notes": _notes,
}
