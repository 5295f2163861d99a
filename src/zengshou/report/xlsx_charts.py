"""The report's 指标 (indicators) sheet: a table of every indicator at the report's quarter,
then, per indicator with figures, its series by quarter and a native Excel line chart of
actual against due and target.

Native charts (openpyxl ``LineChart``) rather than pictures: they stay editable, print sharp
and render in Excel, WPS and LibreOffice alike.
"""

from __future__ import annotations

from zengshou.i18n import LANGS, t
from zengshou.report.indicators import Series

# the sheet's words, per language, from the message catalogue
SHEET = {lang: t("report.ind_sheet", lang) for lang in LANGS}
HEADS = {lang: tuple(t(k, lang) for k in ("indicators.row", "report.ind_id", "report.ind_name", "report.ind_unit",
                                           "report.ind_agg", "indicators.actual", "indicators.target", "indicators.done",
                                           "indicators.due", "indicators.status")) for lang in LANGS}
SERIES_HEADS = {lang: tuple(t(k, lang) for k in ("history.quarter", "indicators.actual", "indicators.due", "indicators.target"))
                for lang in LANGS}
WORDS = {lang: {**{k: t(f"ind.{k}", lang) for k in ("on_track", "behind", "n/a", "threshold", "no_data", "no_target")},
                "title": t("report.ind_title", lang), "series": t("report.ind_series", lang)} for lang in LANGS}
CHART_COL = "L"  # charts sit to the right of the table
CHART_ROWS = 16  # rows of sheet per chart


def add_indicator_sheet(wb, series: list[Series], lang: str = "zh", title: str | None = None,
                        header: str = "", index: int | None = None):
    """Add the sheet to ``wb`` (at ``index``, default last) and return it. Laid out and set up
    for printing like the report's other sheets (仿宋, A4 landscape, header row repeated)."""
    from openpyxl.chart import LineChart, Reference
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    from zengshou.report.layout import FONT, SIZE, height_for, line_count, setup_print

    w = WORDS[lang]
    ws = wb.create_sheet(SHEET[lang], index)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(name=FONT, size=SIZE, bold=True)
    body = Font(name=FONT, size=SIZE)
    head_fill = PatternFill("solid", fgColor="E7E6E6")
    wrap = Alignment(wrap_text=True, vertical="center")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col, width in zip("ABCDEFGHIJ", (6, 22, 40, 12, 12, 12, 12, 8, 8, 14)):
        ws.column_dimensions[col].width = width

    ws["A1"] = title or w["title"]
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    ws.row_dimensions[1].height = height_for(1, 14)
    r = 3
    for c, h in enumerate(HEADS[lang], 1):
        cell = ws.cell(r, c, h)
        cell.font, cell.fill, cell.border, cell.alignment = bold, head_fill, box, center
    ws.row_dimensions[r].height = height_for(2)
    from zengshou.indicators import AGG_WORD

    for s in series:
        p = s.last
        if p is None:
            continue
        r += 1
        status = w[p.reason] if p.reason else w[p.status]
        agg = AGG_WORD.get(s.aggregation, {}).get(lang, s.aggregation)
        values = (s.row, s.id, s.name, s.unit, agg, p.actual, p.target, p.achieved, p.expected, status)
        for c, v in enumerate(values, 1):
            cell = ws.cell(r, c, v)
            cell.border, cell.font = box, body
            cell.alignment = wrap if c in (2, 3) else center
            if c in (8, 9) and v is not None:
                cell.number_format = "0%"
            elif c in (6, 7) and v is not None:
                cell.number_format = "#,##0.##"
        if p.status == "behind" and not p.reason:
            ws.cell(r, 10).font = Font(name=FONT, size=SIZE, color="C00000", bold=True)
        ws.row_dimensions[r].height = height_for(max(line_count(s.name, 40), line_count(status, 14), 1))

    # series blocks and charts
    r += 2
    ws.cell(r, 1, w["series"]).font = bold
    ws.row_dimensions[r].height = height_for(1)
    r += 1
    anchor_row = 3
    for s in series:
        if not s.chartable:
            continue
        ws.cell(r, 1, t("report.chart_title", lang, row=s.row, name=s.name, unit=s.unit)).font = bold
        ws.row_dimensions[r].height = height_for(1)
        r += 1
        head = r
        for c, h in enumerate(SERIES_HEADS[lang], 2):
            cell = ws.cell(r, c, h)
            cell.font, cell.fill, cell.border, cell.alignment = bold, head_fill, box, center
        ws.row_dimensions[r].height = height_for(1)
        for q, a, d in zip(s.quarters, s.actual, s.due):
            r += 1
            for c, v in enumerate((q, a, d, s.target), 2):
                cell = ws.cell(r, c, v)
                cell.border, cell.font, cell.alignment = box, body, center
                if c > 2 and v is not None:
                    cell.number_format = "#,##0.##"
            ws.row_dimensions[r].height = height_for(1)
        chart = LineChart()
        chart.title = f"{s.row}. {s.name}"
        chart.height, chart.width = 7.5, 16
        chart.y_axis.title = s.unit
        chart.y_axis.scaling.min = 0
        chart.x_axis.title = SERIES_HEADS[lang][0]
        chart.y_axis.delete = False
        chart.x_axis.delete = False
        data = Reference(ws, min_col=3, max_col=5, min_row=head, max_row=r)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=2, min_row=head + 1, max_row=r))
        colors = ("1F4E79", "7F7F7F", "C00000")
        for i, line in enumerate(chart.series):
            line.graphicalProperties.line.solidFill = colors[i]
            line.graphicalProperties.line.width = 28575 if i == 0 else 19050
            line.smooth = False
            if i:
                line.graphicalProperties.line.dashStyle = "dash" if i == 2 else "sysDot"
            else:
                line.marker.symbol = "circle"
                line.marker.size = 7
        ws.add_chart(chart, f"{CHART_COL}{anchor_row}")
        anchor_row += CHART_ROWS
        r += 2
    setup_print(ws, title_rows="$3:$3", freeze="A4", header=header or (title or w["title"]), lang=lang)
    return ws
