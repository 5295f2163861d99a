"""Writing a unit's Word form (.docx) for a quarter: ``zengshou template --format docx``.

Many units fill the key task list in Word or WPS Writer, as the table the plan prints. The form
is that table, cut to the unit's rows, with what the Excel form adds::

    title                         《方案》重点任务清单落实进度（2023年第二季度）
    header line                   填报单位 · 季度 (2023Q2) · 报送截止 · 报送邮箱
    sign-off table                填报人 [ ] 联系电话 [ ] 审核人 [ ]
    how to fill it in
    table                         序号 | 主要目标任务 | 具体落实措施 | [上季度落实进度（供参考）] | 落实进度 | 进展 | [指标数值] | 责任单位

* 主要目标任务 is merged down over a measure's rows, as in the plan.
* 进展 holds a drop-down content control (未启动 / 推进中 / 已完成 / 持续推进) showing a grey
  placeholder until a value is chosen; typing one of the four words works too (WPS, LibreOffice).
* 指标数值 lists, one paragraph each, ``名称（单位）：`` for every figure the unit reports on
  that row (:func:`zengshou.forms.unit_figures`, as the Excel form); the number is typed after the colon.
  The column appears only when some row has one; so does 上季度落实进度 (reference only, never read).
* A4 landscape, header row repeated on every page, "第 N 页，共 M 页" in the footer.

Word has no sheet protection to lean on, so import checks the table against the task list
instead. The marker lives in the custom document properties (文件 → 属性 → 自定义), with the
same keys and fingerprint as the Excel form's hidden sheet; import compares it with the visible
header line, so a marker copied from another unit's form is caught.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from zengshou.forms import (
    FORM_FORMAT,
    H_FIGURES,
    H_MEASURE,
    H_PREVIOUS,
    H_PROGRESS,
    H_ROW,
    H_STATUS,
    H_TASK,
    H_UNITS,
    SIGN_OFF,
    STATUSES,
    figure_label,
    fingerprint,
    unit_figures,
)
from zengshou.quarters import Quarter

#: Version of the Word form's layout (the Excel form counts its own, ``forms.FORM_VERSION``).
DOCX_VERSION = 1
#: Prefix of the custom document properties that carry the marker (zengshou_unit, …).
PROP_PREFIX = "zengshou_"
BODY_FONT, TITLE_FONT = "仿宋", "宋体"
STATUS_PLACEHOLDER = "点击选择"
STATUS_TAG = "zengshou-status"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id custom properties use

# Column widths in millimetres; the usable width of A4 landscape with 12 mm margins is 273 mm.
# 落实进度 takes what the optional columns leave.
USABLE_MM = 273.0
WIDTH_MM = {H_ROW: 10, H_MEASURE: 26, H_TASK: 62, H_PREVIOUS: 46, H_STATUS: 17, H_FIGURES: 40, H_UNITS: 30}


def header_line(cat, unit_id: str, q: Quarter) -> str:
    """The visible line that says whose form it is; import compares it with the marker."""
    u = cat.by_id[unit_id]
    d = cat.deadline(q)
    return f"填报单位：{u.name}　　季度：{q.label('zh')}（{q}）　　报送截止：{d.year}年{d.month}月{d.day}日" + (
        f"　　报送邮箱：{cat.plan.mailbox}" if cat.plan.mailbox else ""
    )


def columns(has_previous: bool, has_figures: bool) -> list[str]:
    cols = [H_ROW, H_MEASURE, H_TASK]
    if has_previous:
        cols.append(H_PREVIOUS)
    cols += [H_PROGRESS, H_STATUS]
    if has_figures:
        cols.append(H_FIGURES)
    return cols + [H_UNITS]


def marker(cat, unit_id: str, q: Quarter, rows: list[int], optional: set[int]) -> dict[str, str]:
    """The marker's key/value pairs: the Excel form's hidden-sheet keys, prefixed."""
    return {
        "format": FORM_FORMAT,
        "version": str(DOCX_VERSION),
        "unit": unit_id,
        "quarter": str(q),
        "rows": ",".join(map(str, rows)),
        "optional": ",".join(str(r) for r in rows if r in optional),
        "fingerprint": fingerprint(cat, rows),
    }


def custom_properties_xml(props: dict[str, str]) -> bytes:
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(PROP_PREFIX + k)}"><vt:lpwstr>{escape(v)}</vt:lpwstr></property>'
        for pid, (k, v) in enumerate(props.items(), 2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' + items + "</Properties>"
    ).encode("utf-8")


def _page_setup(doc) -> None:
    """A4 landscape with the page-number footer."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.left_margin = sec.right_margin = Mm(12)
    sec.top_margin, sec.bottom_margin = Mm(15), Mm(15)
    sec.header_distance, sec.footer_distance = Mm(8), Mm(8)
    _page_footer(sec.footer.paragraphs[0])


def _sign_off(doc) -> None:
    """One label and one value cell per sign-off field; a label 4 mm a character (+10), the
    values share the rest of the 250 mm the three fields have always taken."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    labels = [(f"{label}：", 10 + 4 * len(label)) for label in SIGN_OFF]
    value_w = min(60, (250 - sum(w for _, w in labels)) // len(labels))
    sign = doc.add_table(rows=1, cols=2 * len(labels))
    sign.alignment = WD_TABLE_ALIGNMENT.LEFT
    sign.autofit = False
    _fixed_layout(sign)
    for i, (text, label_w) in enumerate(labels):
        sign.columns[2 * i].width, sign.columns[2 * i + 1].width = Mm(label_w), Mm(value_w)
        lc, vc = sign.rows[0].cells[2 * i], sign.rows[0].cells[2 * i + 1]
        _cell_text(lc, text, BODY_FONT, 11, bold=True)
        lc.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _cell_width(lc, Mm(label_w))
        _cell_width(vc, Mm(value_w))
        _bottom_border(vc)


def _note(doc, limit: int, *, figures: bool, previous: bool, optional: bool) -> None:
    note = doc.add_paragraph()
    _run(
        note,
        (
            f"填写说明：在“{H_PROGRESS}”栏填写本季度贯彻落实情况，写明做了什么、取得什么成效，每条不超过{limit}字"
            "（不计空格和换行），不写“无”“略”“同上”；在“进展”栏选择或填写 "
            + "／".join(STATUSES)
            + " 之一"
            + (f"；“{H_FIGURES}”栏在冒号后填写数字（只写数字，如 1200 或 35.5）" if figures else "")
            + (f"；“{H_PREVIOUS}”栏是本单位上季度的填报，仅供参考，请写本季度的新进展" if previous else "")
            + "。不要增删行、改动序号和任务内容"
            + ("；标“选填”的任务本单位为配合单位，可不填" if optional else "")
            + "。填好后保存为 .docx（Word 文档）发回。"
        ),
        BODY_FONT,
        10,
    )


def _task_table(doc, cat, rows: list[int], optional: set[int], previous: dict[int, str], figs) -> None:
    """The plan's table: a header repeated on every page, one row per task, the measure's cell
    merged down over its rows as in the plan, 落实进度 shaded as the place to type."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    cols = columns(bool(previous), bool(figs))
    widths: dict[str, float] = dict(WIDTH_MM)
    widths[H_PROGRESS] = USABLE_MM - sum(widths[c] for c in cols if c != H_PROGRESS)
    table = doc.add_table(rows=1 + len(rows), cols=len(cols))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table)
    for j, c in enumerate(cols):
        table.columns[j].width = Mm(widths[c])

    hdr = table.rows[0]
    _repeat_header(hdr)
    for j, c in enumerate(cols):
        cell = hdr.cells[j]
        _cell_text(cell, c, TITLE_FONT, 10.5, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _shade(cell, "D9D9D9")

    measure_start: dict[int, int] = {}
    for i, row in enumerate(rows, 1):
        t = cat.task(row)
        m = cat.measures[t.measure]
        cells = table.rows[i].cells
        continues = i > 1 and cat.task(rows[i - 2]).measure == t.measure
        units = t.units_text or "、".join(t.units)
        values = {
            H_ROW: str(row),
            H_MEASURE: "" if continues else f"{m.id}．{m.title}",
            H_TASK: t.text,
            H_PREVIOUS: previous.get(row, ""),
            H_PROGRESS: "",
            H_UNITS: units + ("\n（本单位配合，选填）" if row in optional else ""),
        }
        for j, c in enumerate(cols):
            _task_cell(cells[j], c, values, figs.get(row, []), Mm(widths[c]))
        # the plan merges a measure's cell down over its rows; so does the form
        if continues:
            table.cell(measure_start[t.measure], 1).merge(cells[1])
        else:
            measure_start[t.measure] = i
        table.rows[i].height = Mm(22)  # room to write in an empty row (a minimum, rows grow)


def _task_cell(cell, column: str, values: dict[str, str], inds, width) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    _cell_width(cell, width)
    if column == H_STATUS:
        _status_control(cell)
    elif column == H_FIGURES:
        if inds:
            _cell_lines(cell, [figure_label(ind) + "：" for ind in inds], BODY_FONT, 9)
        else:
            _cell_text(cell, "—", BODY_FONT, 10)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif column == H_PREVIOUS:
        text = values[column]
        _cell_lines(cell, text.split("\n") if text else [""], BODY_FONT, 9, color="595959")
    else:
        _cell_lines(cell, values[column].split("\n"), BODY_FONT, 10.5 if column == H_PROGRESS else 10)
        if column == H_ROW:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if column == H_PROGRESS:
        _shade(cell, "FFFDE7")  # pale yellow: "type here", as on the Excel form


def _marker_and_properties(doc, cat, unit_id: str, q: Quarter, rows: list[int], optional: set[int]) -> None:
    """The marker as custom document properties (:mod:`zengshou.forms.marker` reads it back)
    and fixed core properties (same inputs, same bytes)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    pkg = doc.part.package
    part = Part(
        PackURI("/docProps/custom.xml"), CUSTOM_CT, custom_properties_xml(marker(cat, unit_id, q, rows, optional)), pkg
    )
    pkg.relate_to(part, CUSTOM_RT)
    cp = doc.core_properties
    cp.title = f"{cat.plan.short_title}重点任务清单落实进度（{q.label('zh')}）"
    cp.subject = f"{cat.by_id[unit_id].name} {q}"
    cp.author = cp.last_modified_by = "zengshou"
    cp.comments = ""
    cp.revision = 1


def build_docx(
    cat,
    unit_id: str,
    quarter: Quarter | str,
    rows: list[int],
    optional: set[int] | None = None,
    previous: dict[int, str] | None = None,
):
    """The form as a python-docx Document (not saved), built top to bottom."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    q = Quarter.parse(str(quarter))
    optional = optional or set()
    previous = {r: t for r, t in (previous or {}).items() if r in rows}
    figs = unit_figures(cat, unit_id, rows, q)
    plan = cat.plan

    doc = docx.Document()
    _base_style(doc)
    _page_setup(doc)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, f"{plan.short_title}重点任务清单落实进度（{q.label('zh')}）", TITLE_FONT, 16, bold=True)
    head = doc.add_paragraph()
    _run(head, header_line(cat, unit_id, q), BODY_FONT, 11, bold=True)
    _sign_off(doc)
    _note(doc, plan.max_chars, figures=bool(figs), previous=bool(previous), optional=bool(optional))
    _task_table(doc, cat, rows, optional, previous, figs)
    _marker_and_properties(doc, cat, unit_id, q, rows, optional)
    return doc


def docx_bytes(
    cat,
    unit_id: str,
    quarter: Quarter | str,
    rows: list[int],
    optional: set[int] | None = None,
    previous: dict[int, str] | None = None,
) -> bytes:
    """The form as deterministic .docx bytes: the same inputs give the same file."""
    from zengshou.xlsxutil import normalize_xlsx

    raw = io.BytesIO()
    build_docx(cat, unit_id, quarter, rows, optional, previous).save(raw)
    return normalize_xlsx(raw.getvalue())  # fixed document times and zip entry dates (any OOXML package)


# ---------------------------------------------------------------- python-docx helpers


def _base_style(doc) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    st = doc.styles["Normal"]
    st.font.name = BODY_FONT
    st.font.size = Pt(10.5)
    st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    st.paragraph_format.space_after = Pt(2)
    st.paragraph_format.space_before = Pt(0)
    st.paragraph_format.line_spacing = 1.1


def _run(paragraph, text: str, font: str, size: float, *, bold: bool = False, color: str | None = None):
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    r = paragraph.add_run(text)
    r.font.name = font
    r.font.size = Pt(size)
    r.font.bold = bold or None
    r._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if color:
        r.font.color.rgb = RGBColor.from_string(color)
    return r


def _cell_text(cell, text: str, font: str, size: float, *, bold: bool = False) -> None:
    _run(cell.paragraphs[0], text, font, size, bold=bold)


def _cell_lines(cell, lines: list[str], font: str, size: float, *, color: str | None = None) -> None:
    """One paragraph per line (Enter in Word), which is how import reads line breaks back."""
    for k, line in enumerate(lines):
        p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        if line:
            _run(p, line, font, size, color=color)


def _cell_width(cell, width) -> None:
    cell.width = width


def _shade(cell, fill: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def _bottom_border(cell) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    cell._tc.get_or_add_tcPr().append(
        parse_xml(
            f'<w:tcBorders {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tcBorders>'
        )
    )


def _fixed_layout(table) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    table._tbl.tblPr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))


def _repeat_header(row) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    trPr = row._tr.get_or_add_trPr()
    trPr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    trPr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))


def _status_control(cell) -> None:
    """A drop-down content control with the four statuses and a grey placeholder."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    items = "".join(f'<w:listItem w:displayText="{s}" w:value="{s}"/>' for s in STATUSES)
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="{H_STATUS}"/><w:tag w:val="{STATUS_TAG}"/>'
        f"<w:showingPlcHdr/><w:dropDownList>{items}</w:dropDownList></w:sdtPr>"
        f'<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:eastAsia="{BODY_FONT}"/>'
        f'<w:color w:val="808080"/><w:sz w:val="18"/></w:rPr><w:t>{STATUS_PLACEHOLDER}</w:t></w:r></w:sdtContent></w:sdt>'
    )
    cell.paragraphs[0]._p.append(sdt)


def _page_footer(paragraph) -> None:
    """第 N 页，共 M 页, with PAGE and NUMPAGES fields."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def field(code: str) -> None:
        for xml in (
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>',
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
            f"<w:r {nsdecls('w')}><w:t>1</w:t></w:r>",
            f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
        ):
            paragraph._p.append(parse_xml(xml))

    _run(paragraph, "第 ", BODY_FONT, 9)
    field("PAGE")
    _run(paragraph, " 页，共 ", BODY_FONT, 9)
    field("NUMPAGES")
    _run(paragraph, " 页", BODY_FONT, 9)
