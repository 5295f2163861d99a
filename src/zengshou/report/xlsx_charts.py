"""The 指标 sheet of the 呈报版 workbook: the indicator table in plain words, a grid of native
Excel line charts (actual against due and target, three to a row); the figures by quarter the
charts are drawn from sit on a hidden sheet after it.

Native charts (openpyxl ``LineChart``) rather than pictures: they stay editable, print sharp
and render in Excel, WPS and LibreOffice alike. Each row of charts owns a block of sheet rows
and page breaks fall only between blocks, so in print a chart never overlaps a title, a table
or another chart, and is never cut by a page break.
"""

from __future__ import annotations

from zengshou.report.chartkit import line_chart, style_series
from zengshou.report.model import IndicatorLine
from zengshou.report.xlsxkit import (
    DIGIT_PX,
    TITLE_SIZE,
    Sheet,
    Styles,
    add_breaks,
    autofilter,
    height_for,
    page_breaks,
    page_scale,
)

WIDTHS = [5, 26, 36, 11, 9, 8, 8, 30]
PER_ROW = 3
BLOCK_ROWS = 9  # sheet rows (of one text line each) a row of charts takes, with a gap below
CHART_H_CM = 5.9
EMU_PER_PX = 9525


def add_indicator_sheet(
    wb,
    lines: list[IndicatorLine],
    t: dict[str, str],
    *,
    name: str,
    title: str,
    header: str,
    styles: Styles | None = None,
):
    """Add the sheet to ``wb`` (last) and return it."""
    ws = wb.create_sheet(name)
    sh = Sheet(ws, WIDTHS, styles or Styles())
    n = len(WIDTHS)
    sh.put(1, 1, title, "title", cols=n, size=TITLE_SIZE)
    keys = ("no", "ind_name", "ind_target", "ind_actual", "ind_due", "ind_rate", "ind_state", "ind_who")
    for c, key in enumerate(keys, 1):
        sh.put(2, c, t[key], "head")
    r = 3
    units: list[tuple[int, int]] = []  # (first row, last row) of what must stay on one page
    for line in lines:
        values = (line.row, line.name, line.target, line.actual, line.due, line.rate, line.state, line.who)
        for c, v in enumerate(values, 1):
            sh.put(r, c, v, "text" if c in (2, 3, 8) else ("marker" if c == 7 and line.behind else "center"))
        units.append((r, r))
        r += 1
    last_table_row = r - 1
    charted = [x.series for x in lines if x.series.chartable]
    r += 1
    grid_first = r
    for _ in range(0, len(charted), PER_ROW):
        units.append((r, r + BLOCK_ROWS - 1))
        for j in range(BLOCK_ROWS):
            sh.need.setdefault(r + j, height_for(1))
        r += BLOCK_ROWS
    data = _data_sheet(wb, charted, t, styles) if charted else None
    _place_charts(ws, charted, grid_first, data, t)
    heights = sh.heights()
    scale = page_scale(WIDTHS)
    unit_h = [sum(heights.get(k, height_for(1)) for k in range(a, b + 1)) for a, b in units]
    head_h = heights.get(1, 0) + heights.get(2, 0)
    breaks = page_breaks(unit_h, first_page_used=head_h, repeat=heights.get(2, 0), scale=scale)
    sh.finish(title_rows="2:2", freeze="A3", header=header, footer=t["page"])
    add_breaks(ws, [units[i][0] for i in breaks])
    autofilter(ws, 2, last_table_row, n)
    return ws


def _data_sheet(wb, charted, t: dict[str, str], styles: Styles | None):
    """The charts' figures, on a hidden sheet of their own (a chart needs cells to draw from;
    printed, three rows per indicator and quarter would add pages a leader does not need):
    a header row of quarters, then per indicator three rows — actual, due, target."""
    ws = wb.create_sheet(t["chart_data"])
    ws.sheet_state = "hidden"
    sh = Sheet(ws, [6, 40, 10] + [11] * len(charted[0].quarters), styles or Styles())
    sh.put(1, 1, t["no"], "head")
    sh.put(1, 2, t["ind_name"], "head")
    sh.put(1, 3, "", "head")
    for c, q in enumerate(charted[0].labels, 4):
        sh.put(1, c, q, "head")
    r, first_rows = 2, {}
    for s in charted:
        first_rows[s.id] = r
        sh.put(r, 1, s.row, "center", rows=3)
        sh.put(r, 2, t["series_heading"].format(row=s.row, name=s.name, unit=s.unit), "text", rows=3)
        goal = t["ceiling"] if s.ceiling else t["target"]
        for label, values in ((t["actual"], s.actual), (t["due"], s.due), (goal, [s.target] * len(s.quarters))):
            sh.put(r, 3, label, "center")
            for c, v in enumerate(values, 4):
                sh.put(r, c, v, "center")
                if v is not None:
                    ws.cell(r, c).number_format = "#,##0.##"
            r += 1
    sh.finish(title_rows="1:1", freeze="D2", header="", footer=t["page"])
    return ws, first_rows


def _place_charts(ws, charted, grid_first: int, data, t: dict[str, str]) -> None:
    """Three charts to a row of blocks, each a third of the sheet's width, drawn from ``data``."""
    from openpyxl.chart import Reference
    from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
    from openpyxl.drawing.xdr import XDRPositiveSize2D

    if not charted:
        return
    src, first_rows = data
    col_px = [w * DIGIT_PX + 5 for w in WIDTHS]
    slot = sum(col_px) / PER_ROW
    for k, s in enumerate(charted):
        row0 = grid_first + (k // PER_ROW) * BLOCK_ROWS
        col, off = 0, slot * (k % PER_ROW) + 4
        while off >= col_px[col]:
            off -= col_px[col]
            col += 1
        chart = line_chart(t["series_heading"].format(row=s.row, name=s.name, unit=s.unit))
        first = first_rows[s.id]
        last_col = 3 + len(s.quarters)
        chart.add_data(
            Reference(src, min_col=3, max_col=last_col, min_row=first, max_row=first + 2),
            from_rows=True,
            titles_from_data=True,
        )
        chart.set_categories(Reference(src, min_col=4, max_col=last_col, min_row=1, max_row=1))
        style_series(chart)
        chart.anchor = OneCellAnchor(
            _from=AnchorMarker(col=col, colOff=int(off * EMU_PER_PX), row=row0 - 1, rowOff=0),
            ext=XDRPositiveSize2D(int((slot - 8) * EMU_PER_PX), int(CHART_H_CM * 360000)),
        )
        ws.add_chart(chart)
