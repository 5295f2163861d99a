"""Native line charts in the Word 呈报版: actual against due and target, one per indicator with
figures, three to a row.

python-docx has no chart API, so each chart is a DrawingML chart part (``word/charts/chartN.xml``)
written with openpyxl's chart classes — the same kind of chart as the Excel sheet — with its
numbers *cached in the part* (literal values, no linked workbook): Word, WPS and LibreOffice
draw a chart from that cache. The part is related to the document and placed inline in a cell
of a borderless three-column table, so charts never overlap each other or the text.
"""

from __future__ import annotations

from zengshou.report.chartkit import line_chart, style_series
from zengshou.report.model import Series

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
W_CM, H_CM = 8.4, 5.3
PER_ROW = 3
EMU_PER_CM = 360000


def chart_xml(s: Series, t: dict[str, str]) -> bytes:
    """The chart part for one series: a line chart with literal (cached) values."""
    from openpyxl.chart.data_source import AxDataSource, NumData, NumDataSource, NumVal, StrData, StrVal
    from openpyxl.chart.series import Series as ChartSeries
    from openpyxl.chart.series import SeriesLabel
    from openpyxl.xml.functions import tostring

    chart = line_chart(t["series_heading"].format(row=s.row, name=s.name, unit=s.unit))
    names = s.labels or s.quarters
    cats = StrData(ptCount=len(names), pt=[StrVal(idx=i, v=q) for i, q in enumerate(names)])
    goal = t["ceiling"] if s.ceiling else t["target"]
    columns = ((t["actual"], s.actual), (t["due"], s.due), (goal, [s.target] * len(s.quarters)))
    for i, (name, values) in enumerate(columns):
        pts = [NumVal(idx=k, v=v) for k, v in enumerate(values) if v is not None]
        chart.series.append(
            ChartSeries(
                idx=i,
                order=i,
                tx=SeriesLabel(v=name),
                cat=AxDataSource(strLit=cats),
                val=NumDataSource(numLit=NumData(ptCount=len(values), pt=pts, formatCode="General")),
            )
        )
    style_series(chart)
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
        f'<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing>'
    )
    run._element.append(parse_xml(xml))


def add_chart_grid(doc, series: list[Series], t: dict[str, str]) -> None:
    """Every chart, three to a row of a borderless table whose rows never split."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = doc.add_table(rows=0, cols=PER_ROW)
    table.autofit = False
    n = 0
    for i in range(0, len(series), PER_ROW):
        cells = table.add_row().cells
        tr = cells[0]._tc.getparent()
        cs = OxmlElement("w:cantSplit")
        cs.set(qn("w:val"), "true")
        tr.get_or_add_trPr().append(cs)
        for cell, s in zip(cells, series[i : i + PER_ROW], strict=False):
            cell.width = Cm(W_CM + 0.4)
            n += 1
            add_chart(doc, cell.paragraphs[0].add_run(), s, t, n)
