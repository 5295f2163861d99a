"""The 呈报版 as a Word document (python-docx), laid out as a government document (公文): title
in 小标宋, 编制单位 and 截至日期 under it, numbered section headings in 黑体, body in 仿宋, A4
landscape, "第 X 页 共 Y 页" in the footer (Word fields, so every reader's page count is right).

Sections and order come from :data:`zengshou.report.model.EDITIONS`; everything printed comes
from the model. The 正文 (title, 报送情况, 进展, 指标, 需关注) comes first and fits three pages;
附件1 汇总表, 附件2 指标 and 附件3 口径说明 follow, each on a new page.

* **Word lays out the pages, not us.** The 汇总表 is one table whose header row repeats on
  every page (``tblHeader``) and whose rows never split (``cantSplit``); no cell is merged
  across rows, so a row continued on a new page still names its measure (``（续）``). Every
  line has an exact height (``TABLE_LINE_PT``, ``BODY_LINE_PT``), so the page count hardly
  depends on which CJK font the reader's machine substitutes for 仿宋_GB2312.
* **Charts are native Word charts** (DrawingML chart parts with their numbers cached inside,
  as Word writes them), made from the same series as the Excel sheet and the SVG.
* The document says it is Chinese (``w:lang`` zh-CN), is in Word's current compatibility
  mode (15, no 兼容模式) and carries real properties (title, author = 编制单位, application).

Same report → same bytes: fixed core-properties dates, fixed zip entry times and order
(:func:`zengshou.xlsxutil.normalize_xlsx` works for any OPC package).
"""

from __future__ import annotations

import io

from zengshou.report.docx_charts import add_chart_grid
from zengshou.report.docx_tables import C, add_table
from zengshou.report.measure import balance
from zengshou.report.model import EDITIONS, SUBMIT, Report, Series

BODY_FONT, TITLE_FONT, HEAD_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体"
PAGE_W_CM, PAGE_H_CM = 29.7, 21.0
MARGINS_CM = (1.8, 1.8, 2.0, 1.8)  # left, right, top, bottom
TABLE_PT = 9  # 小五: a full quarter's 汇总表 takes some 15 pages, not 25
TABLE_LINE_PT = 12  # exact line height in table cells
BODY_PT = 14
BODY_LINE_PT = 22  # exact line height of the 正文
#: 序号, 具体措施, 重点任务, 落实进度, 进展, 责任单位: 26.1 cm between the margins; 重点任务, 落实进度
#: and 责任单位 are re-divided for each report by :func:`summary_widths` (these are the full-load split)
SUMMARY_CM = (0.9, 2.3, 5.8, 13.1, 1.2, 2.8)
TABLE_STYLE = "ZTable"  # the paragraph style of every table cell (仿宋 五号, exact spacing)
LANG = {"zh": "zh-CN", "en": "en-GB"}


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
    _app_properties(doc, report)
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


def _app_properties(doc, report: Report) -> None:
    """docProps/app.xml as this program writes it: python-docx's template says "Microsoft
    Macintosh Word" and Normal.dotm, which the file's properties dialog would show."""
    from xml.sax.saxutils import escape

    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>zengshou</Application><Company>{escape(report.office)}</Company>"
        "<DocSecurity>0</DocSecurity></Properties>"
    ).encode()
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = xml


def _compat_and_language(doc, lang: str) -> None:
    """Word 2013+ compatibility mode (15: no 兼容模式 in the title bar) and the document's
    language, for spelling and for line breaking by Chinese rules."""
    from docx.oxml.ns import qn

    settings = doc.settings.element
    for el in settings.iter(qn("w:compatSetting")):
        if el.get(qn("w:name")) == "compatibilityMode":
            el.set(qn("w:val"), "15")
    code = LANG.get(lang, "zh-CN")
    styles = doc.styles.element
    for el in styles.iter(qn("w:lang")):
        el.set(qn("w:val"), code)
        el.set(qn("w:eastAsia"), "zh-CN")


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
    _compat_and_language(doc, report.lang)
    normal = doc.styles["Normal"]
    _font(normal.font, normal.element, BODY_FONT, BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    from docx.enum.style import WD_STYLE_TYPE

    table = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    _font(table.font, table.element, BODY_FONT, TABLE_PT)
    from docx.enum.text import WD_LINE_SPACING

    table.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    table.paragraph_format.line_spacing = Pt(TABLE_LINE_PT)
    table.paragraph_format.space_before = table.paragraph_format.space_after = Pt(1)
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


def _heading(doc, text: str, ctx: dict) -> None:
    """一、报送情况: a numbered heading of the 正文 (黑体)."""
    ctx["n"] += 1
    p = _para(doc, keep_with_next=True, before=6)
    numerals = ctx["t"]["heading_numerals"].split(",")
    _run(p, ctx["t"]["numbered_heading"].format(number=numerals[ctx["n"] - 1], text=text), HEAD_FONT, 16)


def _para(doc, *, indent: bool = False, before: float = 0, after: float = 0, keep_with_next: bool = False):
    """A 正文 paragraph with an exact line height (the page count then hardly depends on the font)."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(BODY_LINE_PT)
    pf.space_before, pf.space_after, pf.keep_with_next = Pt(before), Pt(after), keep_with_next
    if indent:
        pf.first_line_indent = Pt(BODY_PT * 2)
    return p


def _annex_heading(doc, report: Report, n: int, text: str) -> None:
    """附件N on its own line (黑体), the annex's title centred under it, on a new page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    t = report.words
    p = _para(doc, keep_with_next=True)
    p.paragraph_format.page_break_before = True
    _run(p, t["annex_label"].format(n=n), HEAD_FONT, 16)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(4), Pt(8)
    p.paragraph_format.keep_with_next = True
    _run(p, text, TITLE_FONT, 18)


# ---------------------------------------------------------------- sections


def _title(doc, report: Report, ctx: dict) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    ctx["t"] = report.words
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(8)
    p.paragraph_format.line_spacing = 1.2
    _run(p, report.title, TITLE_FONT, 22)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(6)
    _run(p, report.info, BODY_FONT, BODY_PT)


def _status(doc, report: Report, ctx: dict) -> None:
    t = report.words
    _heading(doc, t["status_sheet"], ctx)
    _run(_para(doc, indent=True, after=4), report.digest.paragraph)
    widths = (4.2, 1.8, 20.1)
    add_table(
        doc,
        widths,
        [t["category"], t["count"], t["who"]],
        [[C(label), C(str(n), center=True), C(who)] for label, n, who in report.digest.table if n],
        style=TABLE_STYLE,
    )
    for lo in report.left_out:
        _run(_para(doc, indent=True), f"{lo.unit or lo.file}：{lo.reason}", size=12)


def _progress(doc, report: Report, ctx: dict) -> None:
    if report.body is None:
        return
    _heading(doc, report.words["progress_heading"], ctx)
    _run(_para(doc, indent=True), report.body.progress_paragraph)


def _indicator_brief(doc, report: Report, ctx: dict) -> None:
    if report.body is None:
        return
    _heading(doc, report.words["indicators_title"], ctx)
    _run(_para(doc, indent=True), report.body.indicator_paragraph)
    for line in report.body.behind:
        _run(_para(doc, indent=True), line, size=12)


def _attention(doc, report: Report, ctx: dict) -> None:
    if report.body is None:
        return
    t = report.words
    _heading(doc, t["attention"], ctx)
    for i, line in enumerate(report.body.attention, 1):
        _run(_para(doc, indent=True), t["numbered_note"].format(n=i, text=line), size=12)


def _annexes(doc, report: Report, ctx: dict) -> None:
    """附件：1．… 2．… 3．…, closing the 正文 as a 公文 lists its attachments."""
    if report.body is None:
        return
    t = report.words
    p = _para(doc, before=10)
    _run(p, t["annexes_label"] + t["numbered_note"].format(n=1, text=report.body.annexes[0]))
    for i, text in enumerate(report.body.annexes[1:], 2):
        p = _para(doc)
        p.paragraph_format.left_indent = _pt(BODY_PT * 3)
        _run(p, t["numbered_note"].format(n=i, text=text))


def _pt(v: float):
    from docx.shared import Pt

    return Pt(v)


def _summary(doc, report: Report, ctx: dict) -> None:
    """附件1: one table, header repeated on every page, rows that never split, no cell merged
    across rows — Word or LibreOffice paginates it with whatever fonts the reader has."""
    t = report.words
    _annex_heading(doc, report, 1, report.body.annexes[0] if report.body else t["summary"])
    header = [t[k] for k in ("no", "measure", "task", "progress", "item_status", "units")]
    rows = report.rows
    cont = t["continued"]
    cells = []
    for i, r in enumerate(rows):
        continued = i > 0 and rows[i - 1].measure.id == r.measure.id
        cells.append(
            [
                C(str(r.number), center=True),
                C(r.measure_label + (cont if continued else ""), center=True),
                C(r.task.text),
                C(r.summary.text, color="C00000" if r.summary.marker else None),
                C(r.progress, center=True, color="C00000" if r.progress_key == "not_started" else None),
                C(r.units_text),
            ]
        )
    add_table(doc, summary_widths(report), header, cells, style=TABLE_STYLE)


def summary_widths(report: Report) -> tuple[float, ...]:
    """重点任务, 落实进度 and 责任单位 share what 序号, 具体措施 and 进展 leave, so the rows are as
    short as the texts allow (the 落实进度 always the widest of the three)."""
    rows = report.rows
    columns = [[r.task.text for r in rows], [r.summary.text for r in rows], [r.units_text for r in rows]]
    fixed: list[float | None] = [SUMMARY_CM[0], SUMMARY_CM[1], None, None, SUMMARY_CM[4], None]
    cols = [
        [""] * len(rows),
        [r.measure_label + report.words["continued"] for r in rows],
        *columns[:2],
        [""] * len(rows),
    ]
    cols.append(columns[2])
    return tuple(balance(cols, fixed, sum(SUMMARY_CM), text=3, per_char=TABLE_PT / 28.35, pad=0.4, step=0.3))


def _indicators(doc, report: Report, ctx: dict) -> None:
    from docx.shared import Pt

    t = report.words
    title = t["with_quarter"].format(text=t["indicators_title"], quarter=report.quarter_label)
    _annex_heading(doc, report, 2, title)
    widths = (1.0, 5.4, 6.6, 2.3, 1.7, 1.6, 1.5, 6.0)
    keys = ("no", "ind_name", "ind_target", "ind_actual", "ind_due", "ind_rate", "ind_state", "ind_who")
    add_table(
        doc,
        widths,
        [t[k] for k in keys],
        [
            [
                C(str(x.row), center=True),
                C(x.name),
                C(x.target),
                C(x.actual, center=True),
                C(x.due, center=True),
                C(x.rate, center=True),
                C(x.state, center=True, bold=x.behind, color="C00000" if x.behind else None),
                C(x.who),
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
    t = report.words
    _annex_heading(doc, report, 3, report.body.annexes[2] if report.body else t["notes"])
    for i, note in enumerate(report.notes, 1):
        _run(_para(doc, indent=True, after=3), t["numbered_note"].format(n=i, text=note), size=12)


SECTIONS = {
    "heading": _title,
    "status": _status,
    "progress": _progress,
    "indicator_brief": _indicator_brief,
    "attention": _attention,
    "annexes": _annexes,
    "summary": _summary,
    "indicators": _indicators,
    "notes": _notes,
}


def chart_title(s: Series, t: dict[str, str]) -> str:
    return t["series_heading"].format(row=s.row, name=s.name, unit=s.unit)
