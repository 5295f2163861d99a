"""Word tables written as WordprocessingML text and parsed once per table.

python-docx builds a table element by element, looking up where each child belongs; for the
汇总表 (70 rows, texts of up to 300 characters) that alone took seconds. The markup here is
what python-docx would write for the same table — fixed layout, grid and cell widths, a
repeated header row, rows that never split, vertical merges — with every text escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_CM = 567


@dataclass
class C:
    """One cell: its text (line breaks become paragraphs) and how it looks."""

    text: str = ""
    center: bool = False
    bold: bool = False
    color: str | None = None
    shade: str | None = None
    merge: str | None = None  # None | "restart" (first cell of a vertical merge) | "continue"


def _cell(c: C, width: int, style: str) -> str:
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if c.merge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif c.merge == "continue":
        props.append("<w:vMerge/>")
    if c.shade:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{c.shade}"/>')
    props.append('<w:vAlign w:val="center"/>')
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/>' + ('<w:jc w:val="center"/>' if c.center else "") + "</w:pPr>"
    rpr = ""
    if c.bold or c.color:
        rpr = "<w:rPr>" + ("<w:b/>" if c.bold else "") + (f'<w:color w:val="{c.color}"/>' if c.color else "") + "</w:rPr>"
    lines = [""] if c.merge == "continue" else str(c.text).split("\n")
    paras = "".join(f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' if line
                    else f"<w:p>{ppr}</w:p>" for line in lines)
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{paras}</w:tc>"


def table_xml(widths_cm: tuple[float, ...], header: list[C] | None, rows: list[list[C]], *,
              style: str, borders: bool = True) -> str:
    """The ``<w:tbl>`` markup: fixed layout, the header row repeated on every page, no row
    split across pages."""
    widths = [round(w * TWIPS_PER_CM) for w in widths_cm]
    edge = ("<w:tblBorders>" + "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                                       for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + "</w:tblBorders>") if borders else ""
    out = [f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>{edge}'
           '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
           'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
    if header:
        out.append('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
                   + "".join(_cell(c, w, style) for c, w in zip(header, widths)) + "</w:tr>")
    for row in rows:
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(_cell(c, w, style) for c, w in zip(row, widths))
                   + "</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def add_table(doc, widths_cm: tuple[float, ...], header: list[str] | None, rows: list[list[C]], *,
              style: str, borders: bool = True):
    """Append the table to the document body (before its section properties); returns the element."""
    from docx.oxml import parse_xml

    head = [C(h, center=True, bold=True, shade="E7E6E6") for h in header] if header else None
    el = parse_xml(table_xml(widths_cm, head, rows, style=style, borders=borders))
    body = doc.element.body
    sect = body.sectPr
    if sect is not None:
        sect.addprevious(el)
    else:
        body.append(el)
    return el
