"""Native line charts in the Word 呈报版: actual against due and target, one per indicator with
figures, two to a row.

python-docx has no chart API, so each chart is a DrawingML chart part (``word/charts/chartN.xml``)
written with openpyxl's chart classes — the same kind of chart as the Excel sheet — with its
numbers *cached in the part* (literal values, no linked workbook): Word, WPS and LibreOffice
draw a chart from that cache. The part is related to the document and placed inline in a cell
of a borderless two-column table, so charts never overlap each other or the text.
"""

from __future__ import annotations

from zengshou.report.model import Series

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
W_CM, H_CM = 12.4, 6.6
EMU_PER_CM = 360000
COLORS = ("1F4E79", "7F7F7F", "C00000")


def chart_xml(s: Series, t: dict[str, str]) -> bytes:
    """The chart part for one series: a line chart with literal (cached) values."""
    from openpyxl.chart import LineChart
    from openpyxl.chart.data_source import AxDataSource, NumData, NumDataSource, NumVal, StrData, StrVal
    from openpyxl.chart.series import Series as ChartSeries
    from openpyxl.chart.series import SeriesLabel
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
    from openpyxl.xml.functions import tostring

    chart = LineChart()
    cats = StrData(ptCount=len(s.quarters), pt=[StrVal(idx=i, v=q) for i, q in enumerate(s.quarters)])
    columns = ((t["actual"], s.actual), (t["due"], [None if v is None else round(v, 2) for v in s.due]),
               (t["target"], [s.target] * len(s.quarters)))
    for i, (name, values) in enumerate(columns):
        if all(v is None for v in values):
            continue
        pts = [NumVal(idx=k, v=v) for k, v in enumerate(values) if v is not None]
        ser = ChartSeries(idx=i, order=i, tx=SeriesLabel(v=name),
                          val=NumDataSource(numLit=NumData(ptCount=len(values), pt=pts, formatCode="General")),
                          cat=AxDataSource(strLit=cats))
        g = ser.graphicalProperties.line
        g.solidFill = COLORS[i]
        g.width = 28575 if i == 0 else 19050
        ser.smooth = False
        if i:
            g.dashStyle = "dash" if i == 2 else "sysDot"
            ser.marker.symbol = "none"
        else:
            ser.marker.symbol = "circle"
            ser.marker.size = 6
        chart.series.append(ser)
    heading = t["series_heading"].format(row=s.row, name=s.name, unit=s.unit)
    run = RegularTextRun(rPr=CharacterProperties(sz=1000, b=True, latin=None), t=heading)
    chart.title = Title(tx=Text(rich=RichText(p=[Paragraph(pPr=ParagraphProperties(), r=[run])])), overlay=False)
    chart.y_axis.scaling.min = 0
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.y_axis.majorGridlines = chart.y_axis.majorGridlines
    chart.legend.position = "b"
    tree = chart._write()
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + tostring(tree)


def add_chart(doc, run, s: Series, t: dict[str, str], n: int) -> None:
    """Put chart number ``n`` (1-based, unique in the document) inline in ``run``."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    part = Part(PackURI(f"/word/charts/chart{n}.xml"), CHART_CT, chart_xml(s, t), doc.part.package)
    rid = doc.part.relate_to(part, RT.CHART)
    cx, cy = int(W_CM * EMU_PER_CM), int(H_CM * EMU_PER_CM)
    xml = (
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{1000 + n}" name="Chart {n}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing>')
    run._element.append(parse_xml(xml))


def add_chart_grid(doc, series: list[Series], t: dict[str, str]) -> None:
    """Every chart, two to a row of a borderless table whose rows never split."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = doc.add_table(rows=0, cols=2)
    table.autofit = False
    n = 0
    for i in range(0, len(series), 2):
        cells = table.add_row().cells
        tr = cells[0]._tc.getparent()
        cs = OxmlElement("w:cantSplit")
        cs.set(qn("w:val"), "true")
        tr.get_or_add_trPr().append(cs)
        for cell, s in zip(cells, series[i:i + 2]):
            cell.width = Cm(W_CM + 0.4)
            n += 1
            add_chart(doc, cell.paragraphs[0].add_run(), s, t, n)
