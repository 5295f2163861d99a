"""The 指标 sheet of the 呈报版 workbook: the indicator table in plain words, then one block
per indicator with figures — its series by quarter and a native Excel line chart of actual
against due and target.

Native charts (openpyxl ``LineChart``) rather than pictures: they stay editable, print sharp
and render in Excel, WPS and LibreOffice alike. Each chart sits inside its own block of rows,
beside the block's data, and page breaks fall only between blocks, so in print a chart never
overlaps a title, a table or another chart.
"""

from __future__ import annotations

from zengshou.report.model import IndicatorLine
from zengshou.report.xlsxkit import (TITLE_SIZE, Sheet, Styles, autofilter, fixed_scale, height_for, page_breaks, page_scale,
                                     setup_print)

WIDTHS = [6, 30, 44, 14, 11, 11, 11]
CHART_W_CM, CHART_H_CM = 13.5, 6.4
BLOCK_ROWS = 11  # rows a chart needs at the sheet's single-line row height, plus a gap


def add_indicator_sheet(wb, lines: list[IndicatorLine], t: dict[str, str], *, name: str, title: str,
                        header: str, styles: Styles | None = None):
    """Add the sheet to ``wb`` (last) and return it."""
    from openpyxl.chart import LineChart, Reference

    ws = wb.create_sheet(name)
    sh = Sheet(ws, WIDTHS, styles or Styles())
    n = len(WIDTHS)
    sh.put(1, 1, title, "title", cols=n, size=TITLE_SIZE)
    for c, key in enumerate(("no", "ind_name", "ind_target", "ind_actual", "ind_due", "ind_rate", "ind_state"), 1):
        sh.put(2, c, t[key], "head")
    r = 3
    units: list[tuple[int, int]] = []  # (first row, last row) of what must stay on one page
    for line in lines:
        for c, v in enumerate((line.row, line.name, line.target, line.actual, line.due, line.rate, line.state), 1):
            sh.put(r, c, v, "text" if c in (2, 3) else ("marker" if c == 7 and line.behind else "center"))
        units.append((r, r))
        r += 1
    last_table_row = r - 1
    r += 1
    sh.put(r, 1, t["series"], "bold", cols=n)
    units.append((r - 1, r))
    r += 1
    charts = []
    for line in lines:
        s = line.series
        if not s.chartable:
            continue
        first = r
        sh.put(r, 1, t["series_heading"].format(row=s.row, name=s.name, unit=s.unit), "bold", cols=n)
        head = r + 1
        for c, key in enumerate(("quarter_col", "actual", "due", "target"), 4):
            sh.put(head, c, t[key], "head")
        for k, (q, a, d) in enumerate(zip(s.quarters, s.actual, s.due), 1):
            for c, v in enumerate((q, a, None if d is None else round(d, 2), s.target), 4):
                sh.put(head + k, c, v, "center")
                if c > 4 and v is not None:
                    ws.cell(head + k, c).number_format = "#,##0.##"
        data_end = head + len(s.quarters)
        chart = LineChart()
        chart.title = None
        chart.height, chart.width = CHART_H_CM, CHART_W_CM
        chart.y_axis.title = s.unit
        chart.y_axis.scaling.min = 0
        chart.y_axis.delete = False
        chart.x_axis.delete = False
        chart.legend.position = "b"
        chart.add_data(Reference(ws, min_col=5, max_col=7, min_row=head, max_row=data_end), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=4, min_row=head + 1, max_row=data_end))
        for i, series_line in enumerate(chart.series):
            g = series_line.graphicalProperties.line
            g.solidFill = ("1F4E79", "7F7F7F", "C00000")[i]
            g.width = 28575 if i == 0 else 19050
            series_line.smooth = False
            if i:
                g.dashStyle = "dash" if i == 2 else "sysDot"
            else:
                series_line.marker.symbol = "circle"
                series_line.marker.size = 6
        charts.append((chart, f"B{head}"))
        r = max(data_end, first + BLOCK_ROWS - 1) + 1
        for k in range(first + 1, r):
            sh.need.setdefault(k, height_for(1))
        units.append((first, r - 1))
        r += 1
    for chart, anchor in charts:
        ws.add_chart(chart, anchor)
    heights = sh.heights()
    scale = page_scale(WIDTHS)
    unit_h = [sum(heights.get(k, height_for(1)) for k in range(a, b + 1)) for a, b in units]
    head_h = heights.get(1, 0) + heights.get(2, 0)
    breaks = page_breaks(unit_h, first_page_used=head_h, repeat=0, scale=scale)
    sh.finish(title_rows="2:2", freeze="A3", header=header, footer=t["page"])
    ws.print_title_rows = None
    fixed_scale(ws, scale, [units[i][0] for i in breaks])
    autofilter(ws, 2, last_table_row, n)
    return ws
