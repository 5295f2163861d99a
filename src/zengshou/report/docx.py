"""The 呈报版 as a Word document (python-docx), laid out as a government document (公文): title
in 小标宋, 编制单位 and 截至日期 under it, numbered section headings in 黑体, body in 仿宋, A4
landscape, "第 X 页 共 Y 页" in the footer (Word fields, so every reader's page count is right).

Sections and order come from :data:`zengshou.report.model.EDITIONS`; everything printed comes
from the model. Two layout decisions:

* **The 汇总表 is cut into one table per page**, at breaks estimated from the texts' lengths
  (conservatively, so a chunk fits its page), each chunk opening a new page with the header
  row and, for a measure continued from the page before, its number and title again
  (``（续）``). Rows never split across pages (``cantSplit``).
* **Charts are native Word charts** (DrawingML chart parts with their numbers cached inside,
  as Word writes them), made from the same series as the Excel sheet and the SVG.

Same report → same bytes: fixed core-properties dates, fixed zip entry times and order
(:func:`zengshou.xlsxutil.normalize_xlsx` works for any OPC package).
"""

from __future__ import annotations

import io
import math

from zengshou.report.docx_charts import add_chart_grid
from zengshou.report.docx_tables import C, add_table
from zengshou.report.measure import text_width
from zengshou.report.model import EDITIONS, SUBMIT, Report, Series, spans

BODY_FONT, TITLE_FONT, HEAD_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体"
PAGE_W_CM, PAGE_H_CM = 29.7, 21.0
MARGINS_CM = (1.8, 1.8, 2.0, 1.8)  # left, right, top, bottom
TABLE_PT = 10.5  # 五号
BODY_PT = 14
SUMMARY_CM = (1.2, 2.6, 7.7, 10.6, 4.0)  # fills the 26.1 cm between the margins
LINE = 1.32  # line height / font size of CJK text in a table cell (measured in LibreOffice)
CELL_PAD_PT = 7.0  # the table style's 1.5 pt before and after, and the borders
TABLE_STYLE = "ZTable"  # the paragraph style of every table cell (仿宋 五号, single spacing)


def render_docx(report: Report) -> bytes:
    """The 呈报版 .docx bytes; the same report always gives the same bytes."""
    from docx import Document

    from zengshou.xlsxutil import normalize_xlsx

    doc = Document()
    _setup(doc, report)
    ctx = {"n": 0}
    for name in EDITIONS[SUBMIT]:
        SECTIONS[name](doc, report, ctx)
    cp = doc.core_properties
    when = _epoch()
    cp.created = cp.modified = cp.last_printed = when
    # Word's core properties hold at most 255 characters (python-docx raises beyond that)
    cp.author = cp.last_modified_by = (report.office or "")[:255]
    cp.title = report.title[:255]
    cp.revision = 1
    cp.comments = cp.keywords = cp.subject = cp.category = ""
    _drop_thumbnail(doc)
    raw = io.BytesIO()
    doc.save(raw)
    return normalize_xlsx(raw.getvalue(), when)


def _drop_thumbnail(doc) -> None:
    """python-docx's built-in template carries a thumbnail of an empty page; a file manager
    would show that as the report's preview, so it goes."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rels = doc.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[rid]


def _epoch():
    from zengshou.xlsxutil import EPOCH

    return EPOCH


# ---------------------------------------------------------------- set-up and helpers


def _setup(doc, report: Report) -> None:
    from docx.enum.section import WD_ORIENT
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
    from docx.enum.style import WD_STYLE_TYPE

    table = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    _font(table.font, table.element, BODY_FONT, TABLE_PT)
    table.paragraph_format.line_spacing = 1.0
    table.paragraph_format.space_before = table.paragraph_format.space_after = Pt(1.5)
    _page_numbers(sec.footer.paragraphs[0], report)


def _font(font, element, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font.name = name
    font.size = Pt(size)
    font.bold = bold
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _run(par, text: str, name: str = BODY_FONT, size: float = BODY_PT, bold: bool = False, color: str | None = None):
    from docx.shared import RGBColor

    run = par.add_run(text)
    _font(run.font, run._element, name, size, bold)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    return run


def _field(par, instr: str, size: float) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld(kind: str):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    for part in ("begin", "instr", "separate", "text", "end"):
        run = _run(par, "", size=size)
        if part == "instr":
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = f" {instr} "
            run._element.append(it)
        elif part == "text":
            run.text = "1"
        else:
            run._element.append(fld(part))


def _page_numbers(par, report: Report) -> None:
    """“第 X 页 共 Y 页”: the words around the two fields come from the catalogue's pattern."""
    import re

    from docx.enum.text import WD_ALIGN_PARAGRAPH

    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in re.split(r"(\{page\}|\{pages\})", report.words["page_word"]):
        if piece == "{page}":
            _field(par, "PAGE", 10.5)
        elif piece == "{pages}":
            _field(par, "NUMPAGES", 10.5)
        elif piece:
            _run(par, piece, size=10.5)


def _heading(doc, text: str, ctx: dict, *, new_page: bool = False) -> None:
    from docx.shared import Pt

    ctx["n"] += 1
    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.space_before, pf.space_after, pf.keep_with_next = Pt(6), Pt(6), True
    pf.page_break_before = new_page
    numerals = ctx["t"]["heading_numerals"].split(",")
    _run(p, ctx["t"]["numbered_heading"].format(number=numerals[ctx["n"] - 1], text=text), HEAD_FONT, 16)


def _page_break(doc) -> None:
    """A paragraph one point high that starts a new page: what separates two table chunks."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.page_break_before = True
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(1)
    _run(p, "", size=1)


def _lines(text: str, width_cm: float, size: float = TABLE_PT) -> int:
    per_line = max(1.0, (width_cm * 28.35 - 2 * 5.4) / size)
    return sum(max(1, math.ceil(text_width(para) / per_line)) for para in str(text).split("\n"))


def _height(texts: list[tuple[str, float]], size: float = TABLE_PT) -> float:
    """Estimated height (pt) of a table row from its cells' texts and widths."""
    return max(_lines(t, w, size) for t, w in texts) * size * LINE + CELL_PAD_PT


# ---------------------------------------------------------------- sections


def _title(doc, report: Report, ctx: dict) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    ctx["t"] = report.words
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(10)
    p.paragraph_format.line_spacing = 1.2
    _run(p, report.title, TITLE_FONT, 22)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(12)
    _run(p, report.info, BODY_FONT, BODY_PT)


def _status(doc, report: Report, ctx: dict) -> None:
    from docx.shared import Pt

    t = report.words
    _heading(doc, t["status_sheet"], ctx)
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.line_spacing = 1.3
    _run(p, report.digest.paragraph)
    widths = (4.2, 1.8, 20.1)
    add_table(
        doc,
        widths,
        [t["category"], t["count"], t["who"]],
        [[C(label), C(str(n), center=True), C(who)] for label, n, who in report.digest.table],
        style=TABLE_STYLE,
    )
    if report.left_out:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(6)
        _run(p, t["left_out"] + "：", bold=True, size=12)
        for lo in report.left_out:
            _run(doc.add_paragraph(), f"{lo.unit or lo.file}：{lo.reason}", size=12)


def _summary(doc, report: Report, ctx: dict) -> None:
    t = report.words
    _heading(doc, t["summary"], ctx, new_page=True)
    header = [t[k] for k in ("no", "measure", "task", "progress", "units")]
    w = SUMMARY_CM
    rows = report.rows
    mspan_all = spans([r.measure.id for r in rows])
    uspan_all = spans([(r.measure.id, r.units_text) for r in rows])
    heights = [
        _height(
            [(str(r.number), w[0]), (r.task.text, w[2]), (r.summary.text, w[3])]
            + ([(r.measure_label, w[1])] if mspan_all[i] == 1 else [])
            + ([(r.units_text, w[4])] if uspan_all[i] == 1 else [])
        )
        for i, r in enumerate(rows)
    ]
    usable = (PAGE_H_CM - MARGINS_CM[2] - MARGINS_CM[3]) * 28.35 * 0.96
    head_h = (
        _height([(h, x) for h, x in zip(header, w, strict=True)]) + 16 * LINE + 12
    )  # header row and the section heading
    chunks: list[list[int]] = []
    cur: list[int] = []
    y = head_h
    for i in range(len(rows)):
        hh = heights[i]
        if cur and y + hh > usable:
            chunks.append(cur)
            cur, y = [], head_h - 16 * LINE - 12
        cur.append(i)
        y += hh
    if cur:
        chunks.append(cur)
    cont = t["continued"]
    for k, idx in enumerate(chunks):
        if k:
            _page_break(doc)
        part = [rows[i] for i in idx]
        mspan = spans([r.measure.id for r in part])
        uspan = spans([(r.measure.id, r.units_text) for r in part])
        cells = []
        for j, r in enumerate(part):
            continued = j == 0 and idx[0] > 0 and rows[idx[0] - 1].measure.id == r.measure.id
            measure = C(
                r.measure_label + (cont if continued else ""),
                center=True,
                merge=None if mspan[j] == 1 else ("restart" if mspan[j] else "continue"),
            )
            units = C(r.units_text, merge=None if uspan[j] == 1 else ("restart" if uspan[j] else "continue"))
            cells.append(
                [
                    C(str(r.number), center=True),
                    measure,
                    C(r.task.text),
                    C(r.summary.text, color="C00000" if r.summary.marker else None),
                    units,
                ]
            )
        add_table(doc, w, header, cells, style=TABLE_STYLE)


def _indicators(doc, report: Report, ctx: dict) -> None:
    from docx.shared import Pt

    t = report.words
    _heading(
        doc, t["with_quarter"].format(text=t["indicators_title"], quarter=report.quarter_label), ctx, new_page=True
    )
    widths = (1.2, 6.6, 9.7, 2.8, 2.0, 1.9, 1.9)
    add_table(
        doc,
        widths,
        [t[k] for k in ("no", "ind_name", "ind_target", "ind_actual", "ind_due", "ind_rate", "ind_state")],
        [
            [
                C(str(x.row), center=True),
                C(x.name),
                C(x.target),
                C(x.actual, center=True),
                C(x.due, center=True),
                C(x.rate, center=True),
                C(x.state, center=True, bold=x.behind, color="C00000" if x.behind else None),
            ]
            for x in report.indicators
        ],
        style=TABLE_STYLE,
    )
    charted = [x.series for x in report.indicators if x.series.chartable]
    if not charted:
        return
    p = doc.add_paragraph()  # charts follow the table on its last page; a row of charts never splits
    p.paragraph_format.space_before = Pt(8)
    add_chart_grid(doc, charted, t)


def _notes(doc, report: Report, ctx: dict) -> None:
    from docx.shared import Pt

    _heading(doc, report.words["notes"], ctx, new_page=True)
    for i, note in enumerate(report.notes, 1):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
        p.paragraph_format.line_spacing = 1.3
        p.paragraph_format.space_after = Pt(3)
        _run(p, report.words["numbered_note"].format(n=i, text=note))


SECTIONS = {"heading": _title, "status": _status, "summary": _summary, "indicators": _indicators, "notes": _notes}


def chart_title(s: Series, t: dict[str, str]) -> str:
    return t["series_heading"].format(row=s.row, name=s.name, unit=s.unit)
