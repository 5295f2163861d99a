"""One look for every native chart of the report (Excel sheet and Word document): a line chart
of actual (solid, with markers), due (dotted grey) and target (dashed red), a small bold title,
the legend below. The SVG charts of the HTML page (:mod:`zengshou.report.svg`) use the same colours.
"""

from __future__ import annotations

COLORS = ("1F4E79", "7F7F7F", "C00000")
TITLE_SIZE = 900  # hundredths of a point
LABEL_SIZE = 700  # axis labels and legend: small, so quarters fit unrotated under a narrow chart


def line_chart(title: str):
    """An empty openpyxl LineChart with the report's title style and axes."""
    from openpyxl.chart import LineChart
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun

    chart = LineChart()
    props = CharacterProperties(sz=TITLE_SIZE, b=True)
    run = RegularTextRun(rPr=props, t=title)
    chart.title = Title(tx=Text(rich=RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), r=[run])])),
                        overlay=False)
    chart.y_axis.scaling.min = 0
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.legend.position = "b"
    small = _text(LABEL_SIZE)
    chart.x_axis.txPr = small
    chart.y_axis.txPr = _text(LABEL_SIZE)
    chart.legend.txPr = _text(LABEL_SIZE)
    return chart


def _text(size: int):
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    props = CharacterProperties(sz=size)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def style_series(chart) -> None:
    """Colours, widths and markers of the three lines, in the order actual, due, target."""
    for i, line in enumerate(chart.series):
        g = line.graphicalProperties.line
        g.solidFill = COLORS[i % 3]
        g.width = 28575 if i % 3 == 0 else 19050
        line.smooth = False
        if i % 3:
            g.dashStyle = "dash" if i % 3 == 2 else "sysDot"
            line.marker.symbol = "none"
        else:
            line.marker.symbol = "circle"
            line.marker.size = 6
