"""The report as an Excel workbook, ready to print and send upward.

Sheets: 汇总表 (the plan's table with the lead units' progress), one sheet per lead unit (its
rows with every county's and participant's text), one per county (its own table), 报送情况.

Two things openpyxl does not do for us:

* **Row heights.** Excel and LibreOffice do not grow a row to fit wrapped text in a merged
  cell, and openpyxl never computes heights, so a sheet printed as saved would cut Chinese
  text. Heights are computed here from the text's display width (CJK characters count
  double) and the column width, and a merged cell's need is spread over its rows.
* **Text stays text.** openpyxl turns ``"=..."`` into a formula and ``"#N/A"`` into an error
  value. Every text is written as a string (``data_type = "s"``), with Excel's quote prefix on
  texts that an editor would otherwise re-read as a formula.
"""

from __future__ import annotations

import re
from copy import copy

from zengshou.i18n import join, paren
from zengshou.i18n import t as msg
from zengshou.report.labels import labels
from zengshou.report.layout import FONT, MAX_ROW_HEIGHT, SIZE, TITLE_SIZE, char_width, height_for, line_count, setup_print
from zengshou.report.model import BLANK, FILLED, MISSING, SKIPPED, Report, measure_spans, units_spans
from zengshou.status import STATE_WORDS

ERROR_LITERALS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


# ---------------------------------------------------------------- writing cells

def put_text(cell, text: str) -> None:
    """Write ``text`` as a string, whatever it looks like."""
    cell.value = text
    cell.data_type = "s"
    if text[:1] in ("=", "+", "-", "@") or text.strip() in ERROR_LITERALS:
        cell.quotePrefix = True


def sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique sheet name: ≤31 characters, none of []:*?/\\ , no edge apostrophes."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'").strip() or "Sheet"
    base = base[:31]
    title, n = base, 1
    while title.casefold() in used or title.casefold() == "history":
        n += 1
        suffix = f"({n})"
        title = base[: 31 - len(suffix)] + suffix
    used.add(title.casefold())
    return title


class Sheet:
    """A worksheet plus the heights its cells need; ``finish`` sets the row heights."""

    def __init__(self, ws, widths: list[float], st: "Styles"):
        from openpyxl.utils import get_column_letter

        self.ws, self.widths, self.st = ws, widths, st
        self.need: dict[int, float] = {}
        self.merged: list[tuple[int, int, float]] = []
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = w

    def _width(self, c1: int, c2: int) -> float:
        return sum(self.widths[c1 - 1: c2]) + 0.7 * (c2 - c1)

    def put(self, r: int, c: int, value, style: str = "text", *, rows: int = 1, cols: int = 1,
            size: float = SIZE) -> None:
        ws = self.ws
        cell = ws.cell(r, c)
        if isinstance(value, str):
            put_text(cell, value)
        elif value is not None:
            cell.value = value
        self.st.apply(cell, style)
        for rr in range(r, r + rows):
            for cc in range(c, c + cols):
                if (rr, cc) != (r, c):
                    self.st.apply(ws.cell(rr, cc), style)
        if rows > 1 or cols > 1:
            # every covered cell already carries the style (borders included), so the range is
            # recorded directly: ws.merge_cells would re-style the edges cell by cell, slowly
            from openpyxl.worksheet.cell_range import CellRange

            ws.merged_cells.add(CellRange(min_row=r, min_col=c, max_row=r + rows - 1, max_col=c + cols - 1))
        h = height_for(line_count("" if value is None else str(value), self._width(c, c + cols - 1), size), size)
        if rows == 1:
            self.need[r] = max(self.need.get(r, 0), h)
        else:
            self.merged.append((r, r + rows - 1, h))

    def finish(self, *, title_rows: str, freeze: str, header: str, lang: str) -> None:
        ws = self.ws
        heights = dict(self.need)
        for r1, r2, h in self.merged:  # spread a merged cell's need over its rows
            have = sum(heights.get(r, height_for(1)) for r in range(r1, r2 + 1))
            if have < h:
                extra = (h - have) / (r2 - r1 + 1)
                for r in range(r1, r2 + 1):
                    heights[r] = heights.get(r, height_for(1)) + extra
        for r in sorted(heights):
            ws.row_dimensions[r].height = round(min(MAX_ROW_HEIGHT, heights[r]), 1)
        setup_print(ws, title_rows=title_rows, freeze=freeze, header=header, lang=lang)


class Styles:
    """The few cell styles the report uses, built once."""

    def __init__(self):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="000000")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        none = Border()
        body = Font(name=FONT, size=SIZE)
        wrap_left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        wrap_center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        grey = PatternFill("solid", fgColor="E7E6E6")
        self.styles = {
            "title": (Font(name=FONT, size=TITLE_SIZE, bold=True), wrap_center, none, None),
            "info": (body, Alignment(horizontal="left", vertical="center", wrap_text=True), none, None),
            "head": (Font(name=FONT, size=SIZE, bold=True), wrap_center, box, grey),
            "text": (body, wrap_left, box, None),
            "center": (body, wrap_center, box, None),
            "marker": (Font(name=FONT, size=SIZE, color="C00000"), wrap_center, box, None),
            "unit": (body, wrap_left, box, None),
            "lead": (Font(name=FONT, size=SIZE, bold=True), wrap_left, box, None),
        }
        self.arrays: dict = {}

    def apply(self, cell, name: str) -> None:
        # Setting font/alignment/border looks each up in the workbook's style tables; after the
        # first cell, copying that cell's style indices is the same result, much faster.
        done = self.arrays.get(name)
        if done is not None:
            cell._style = copy(done)
            return
        font, align, border, fill = self.styles[name]
        cell.font, cell.alignment, cell.border = font, align, border
        if fill is not None:
            cell.fill = fill
        self.arrays[name] = copy(cell._style)


# ---------------------------------------------------------------- the workbook

def progress_cell(entry, t: dict[str, str]) -> tuple[str, str]:
    """The text for a progress cell and its style: the text, or a marker."""
    if entry.state == FILLED:
        return entry.text, "text"
    return t[{MISSING: "missing", BLANK: "blank", SKIPPED: "skipped"}[entry.state]], "marker"


def unit_label(entry, t: dict[str, str], lang: str) -> str:
    """The unit's name, with its role unless it is a county (counties are plain names)."""
    if entry.role == "county":
        return entry.unit_name
    role = t["role_" + entry.role]
    return paren(entry.unit_name, role, lang)



def build_workbook(report: Report, lang: str = "zh"):
    from openpyxl import Workbook

    t = labels(lang)
    qlabel = report.quarter.label(lang)
    header = f"{report.plan.short_title}　{qlabel}"
    wb = Workbook()
    st = Styles()
    used: set[str] = set()
    wb.remove(wb.active)

    _summary(wb.create_sheet(sheet_title(t["summary"], used)), report, t, st, header, lang)
    for sec in report.leads:
        _lead(wb.create_sheet(sheet_title(sec.name, used)), sec, report, t, st, header, lang)
    for sec in report.counties:
        _county(wb.create_sheet(sheet_title(sec.name, used)), sec, report, t, st, header, lang)
    from zengshou.report.indicators import for_report
    from zengshou.report.xlsx_charts import SHEET, add_indicator_sheet

    used.add(SHEET[lang])
    add_indicator_sheet(wb, for_report(report, lang), lang, header=header)  # 指标: table and charts
    _status(wb.create_sheet(sheet_title(t["status_sheet"], used)), report, t, st, header, lang)
    wb.active = 0
    return wb


def render_xlsx(report: Report, lang: str = "zh") -> bytes:
    """The workbook's bytes: the same report always gives the same bytes.

    Raises :class:`~zengshou.report.limits.TooLongForExcel` before building anything when a
    text does not fit in an Excel cell.
    """
    from zengshou.report.limits import TooLongForExcel, excel_problems
    from zengshou.xlsxutil import save_workbook_deterministic

    too_long = excel_problems(report)
    if too_long:
        raise TooLongForExcel(too_long)
    return save_workbook_deterministic(build_workbook(report, lang))


def _summary(ws, report: Report, t, st: Styles, header: str, lang: str) -> None:
    sh = Sheet(ws, [6, 16, 38, 60, 22], st)
    title = msg("report.title", lang, plan=report.plan.short_title, suffix=t["title_suffix"],
                quarter=report.quarter.label(lang))
    sh.put(1, 1, title, "title", cols=5, size=TITLE_SIZE)
    for c, key in enumerate(("no", "measure", "task", "progress", "units"), 1):
        sh.put(2, c, t[key], "head")
    rows = report.rows
    mspan, uspan = measure_spans(rows), units_spans(rows)
    for i, row in enumerate(rows):
        r = 3 + i
        sh.put(r, 1, row.number, "center")
        if mspan[i]:
            sh.put(r, 2, row.measure_label, "center", rows=mspan[i])
        sh.put(r, 3, row.task.text, "text")
        text, style = progress_cell(row.lead, t)
        sh.put(r, 4, text, style)
        if uspan[i]:
            sh.put(r, 5, row.units_text, "text", rows=uspan[i])
    sh.finish(title_rows="2:2", freeze="A3", header=header, lang=lang)


def _lead(ws, sec, report: Report, t, st: Styles, header: str, lang: str) -> None:
    sh = Sheet(ws, [6, 34, 20, 70, 9], st)
    sh.put(1, 1, t["lead_title"].format(unit=sec.name, quarter=report.quarter.label(lang)), "title", cols=5,
           size=TITLE_SIZE)
    for c, key in enumerate(("no", "task", "unit", "progress", "item_status"), 1):
        sh.put(2, c, t[key], "head")
    r = 3
    for row in sec.rows:
        entries = row.entries
        n = len(entries)
        sh.put(r, 1, row.number, "center", rows=n)
        sh.put(r, 2, row.task.text, "text", rows=n)
        for k, e in enumerate(entries):
            sh.put(r + k, 3, unit_label(e, t, lang), "lead" if e.role == "lead" else "unit")
            text, style = progress_cell(e, t)
            sh.put(r + k, 4, text, style)
            sh.put(r + k, 5, e.status or "", "center")
        r += n
    sh.finish(title_rows="2:2", freeze="A3", header=header, lang=lang)


def _county(ws, sec, report: Report, t, st: Styles, header: str, lang: str) -> None:
    sh = Sheet(ws, [6, 16, 38, 62, 9], st)
    sh.put(1, 1, t["county_title"].format(unit=sec.name, quarter=report.quarter.label(lang)), "title", cols=5,
           size=TITLE_SIZE)
    sh.put(2, 1, section_info(sec, t), "info", cols=5)
    for c, key in enumerate(("no", "measure", "task", "progress", "item_status"), 1):
        sh.put(3, c, t[key], "head")
    rows = sec.rows
    mspan = measure_spans(rows)
    for i, (row, e) in enumerate(sec.pairs):
        r = 4 + i
        sh.put(r, 1, row.number, "center")
        if mspan[i]:
            sh.put(r, 2, row.measure_label, "center", rows=mspan[i])
        sh.put(r, 3, row.task.text, "text")
        text, style = progress_cell(e, t)
        sh.put(r, 4, text, style)
        sh.put(r, 5, e.status or "", "center")
    sh.finish(title_rows="3:3", freeze="A4", header=header, lang=lang)


def section_info(sec, t) -> str:
    if sec.state == MISSING:
        return t["not_submitted_info"]
    if sec.state == SKIPPED:
        return t["skipped"]
    date = sec.submitted.isoformat() if sec.submitted else t["draft"]
    return t["submitted_info"].format(date=date, contact=sec.contact or "—")


def status_rows(report: Report, lang: str, t) -> list[list]:
    """The 报送情况 table, one list per unit (shared by Excel and HTML)."""
    skipped = {s.unit_id for s in report.skipped if s.unit_id}
    out = []
    for i, u in enumerate(report.status.units, 1):
        remark = t["skipped_remark"] if u.state == "invalid" and u.unit_id in skipped else ""
        out.append([i, u.name, t["kind_" + u.kind], STATE_WORDS[u.state][lang],
                    u.submitted.isoformat() if u.submitted else "", u.late_days or "", u.required, u.reported,
                    row_ranges(u.missing_rows, lang), u.errors or "", u.warnings or "", u.file or "", remark])
    return out


STATUS_KEYS = ("no", "unit", "kind", "state", "submitted", "late_days", "required", "reported", "missing_rows",
               "errors", "warnings", "file", "remark")


def totals_line(report: Report, t) -> str:
    tot = report.status.totals
    return t["totals_line"].format(units=tot["units"], reported=tot["reported"], missing=tot["missing"],
                                   invalid=tot["invalid"], missing_rows=tot["missing_rows"])


def _status(ws, report: Report, t, st: Styles, header: str, lang: str) -> None:
    widths = [6, 24, 12, 14, 12, 8, 8, 8, 22, 6, 6, 36, 18]
    sh = Sheet(ws, widths, st)
    n = len(widths)
    sh.put(1, 1, t["status_title"].format(quarter=report.quarter.label(lang), deadline=report.deadline.isoformat()),
           "title", cols=n, size=TITLE_SIZE)
    for c, key in enumerate(STATUS_KEYS, 1):
        sh.put(2, c, t[key], "head")
    r = 3
    for values in status_rows(report, lang, t):
        for c, v in enumerate(values, 1):
            style = "text" if c in (2, 9, 12, 13) else "center"
            if c == 4 and v != STATE_WORDS["on_time"][lang]:
                style = "marker"
            sh.put(r, c, v if v != "" else None, style)
        r += 1
    sh.put(r + 1, 1, totals_line(report, t), "info", cols=n)
    r += 2
    others = report.status.other_files
    if others:
        sh.put(r, 1, msg("fmt.colon", lang, label=t["other_files"], value=join(others, lang)), "info", cols=n)
    sh.finish(title_rows="2:2", freeze="C3", header=header, lang=lang)


def row_ranges(rows: list[int], lang: str) -> str:
    """[1, 2, 3, 5] → "1–3、5"."""
    parts: list[str] = []
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1] == rows[j] + 1:
            j += 1
        parts.append(str(rows[i]) if i == j else f"{rows[i]}–{rows[j]}")
        i = j + 1
    return join(parts, lang)
