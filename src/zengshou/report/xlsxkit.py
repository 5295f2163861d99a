"""The building blocks every report workbook shares: measuring text for row heights, writing
cells that stay text, the report's cell styles, print set-up and page breaks.

Two things openpyxl does not do for us:

* **Row heights.** Excel and LibreOffice do not grow a row to fit wrapped text in a merged
  cell, and openpyxl never computes heights, so a sheet printed as saved would cut Chinese
  text. Heights are computed here from the text's display width (CJK characters count
  double) and the column width, and a merged cell's need is spread over its rows.
* **Text stays text.** openpyxl turns ``"=..."`` into a formula and ``"#N/A"`` into an error
  value. Every text is written as a string (``data_type = "s"``), with Excel's quote prefix on
  texts that an editor would otherwise re-read as a formula.

Both the tables (:mod:`zengshou.report.xlsx`) and the indicator sheet
(:mod:`zengshou.report.xlsx_charts`) import from here, and neither imports the other's module.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from copy import copy

from zengshou.report.measure import text_width

FONT = "仿宋"
SIZE = 11
TITLE_SIZE = 16
MAX_ROW_HEIGHT = 409  # Excel's limit, in points
DIGIT_PX = 8  # an Arial 11 pt digit at 96 dpi: the column width unit (see new_workbook)
LINE = 1.35  # line height as a multiple of the font size (CJK fonts run tall)
ERROR_LITERALS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


# ---------------------------------------------------------------- measuring text


def line_count(text: str, col_width: float, size: float = SIZE) -> int:
    """How many lines ``text`` wraps to in a column ``col_width`` Excel units wide."""
    # Excel width unit = one digit of the default font (DIGIT_PX), plus 5 px of padding; a CJK
    # character is as wide as the font size (at 96 dpi: size * 4/3 px)
    usable_px = col_width * DIGIT_PX + 5 - 6
    # 0.92: a wrapped line rarely fills the column (a line never starts with ，。；” under
    # Chinese line breaking, and fonts differ in their ASCII widths); erring wide costs a
    # little white space, erring narrow hides the last line (Excel/WPS clip at the row height)
    per_line = max(1.0, usable_px / (size * 4 / 3) * 0.92)  # characters of width 1 per line
    n = 0
    for para in str(text).split("\n"):
        n += max(1, math.ceil(text_width(para) / per_line))
    return n


def height_for(lines: int, size: float = SIZE) -> float:
    """Points for ``lines`` lines, with room for the cell's padding and a CJK font's descent."""
    return round(lines * size * LINE + 8, 1)


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

    def __init__(self, ws, widths: Sequence[float], st: Styles):
        from openpyxl.utils import get_column_letter

        self.ws, self.widths, self.st = ws, widths, st
        self.need: dict[int, float] = {}
        self.merged: list[tuple[int, int, float]] = []
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = w

    def _width(self, c1: int, c2: int) -> float:
        return sum(self.widths[c1 - 1 : c2]) + 0.7 * (c2 - c1)

    def put(
        self, r: int, c: int, value, style: str = "text", *, rows: int = 1, cols: int = 1, size: float = SIZE
    ) -> None:
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

    def heights(self) -> dict[int, float]:
        """Each row's height: its own cells' need, merged cells' need spread over their rows."""
        heights = dict(self.need)
        for r1, r2, h in self.merged:
            have = sum(heights.get(r, height_for(1)) for r in range(r1, r2 + 1))
            if have < h:
                extra = (h - have) / (r2 - r1 + 1)
                for r in range(r1, r2 + 1):
                    heights[r] = heights.get(r, height_for(1)) + extra
        return {r: round(min(MAX_ROW_HEIGHT, h), 1) for r, h in heights.items()}

    def finish(self, *, title_rows: str | None, freeze: str, header: str, footer: str) -> None:
        heights = self.heights()
        for r in sorted(heights):
            self.ws.row_dimensions[r].height = heights[r]
        setup_print(self.ws, title_rows=title_rows, freeze=freeze, header=header, footer=footer)


def setup_print(ws, *, title_rows: str | None, freeze: str, header: str, footer: str) -> None:
    from zengshou.xlsxutil import setup_print as setup

    setup(ws, title_rows=title_rows, freeze=freeze, header=header, footer=footer, font=FONT)


def new_workbook():
    """An empty workbook whose default font is Arial 11 pt rather than Calibri.

    Column widths are counted in digits of the workbook's default font. Calibri is missing on
    most Linux machines (LibreOffice falls back to DejaVu Sans, whose digits are a third wider)
    and 仿宋's digits differ between its Windows and fallback fonts; Arial exists everywhere or
    has a metric twin (Liberation Sans), so a column is equally wide in Excel, WPS and
    LibreOffice and the page breaks computed here hold in all of them. Every cell the report
    writes carries its own 仿宋 font; the default font is only the width unit."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    wb = Workbook()
    wb.remove(wb.worksheets[0])
    base = Font(name="Arial", size=11)
    # The default font lives in private attributes that types-openpyxl does not declare.
    wb._fonts = IndexedList([base])  # type: ignore[attr-defined]
    wb._named_styles["Normal"].font = base  # type: ignore[attr-defined]
    return wb


# ---------------------------------------------------------------- pages

PAGE_W, PAGE_H = 842.0, 595.0  # A4 landscape, points
MARGINS = (0.4, 0.4, 0.7, 0.7)  # inches: left, right, top, bottom (as xlsxutil.setup_print)


def width_points(widths: Sequence[float]) -> float:
    """Printed width of columns given in Excel width units (one digit, plus 5 px padding)."""
    return sum(w * DIGIT_PX + 5 for w in widths) * 0.75


def page_scale(widths: Sequence[float]) -> int:
    """The print scale (percent) at which the columns fill the page width, as fit-to-width
    would choose; fixed here so page breaks can be computed."""
    usable = PAGE_W - (MARGINS[0] + MARGINS[1]) * 72
    return max(10, min(100, int(usable / width_points(widths) * 100) - 1))


def page_breaks(
    heights: list[float], *, first_page_used: float, repeat: float, scale: int, slack: float = 0.95
) -> list[int]:
    """Indexes into ``heights`` (body rows, in order) that start a new page.

    ``first_page_used`` is what precedes the body on page one (title, header row),
    ``repeat`` what repeats on every later page (the header row); heights in sheet points.
    ``slack`` keeps a margin so the application's own breaks never fall before ours."""
    usable = (PAGE_H - (MARGINS[2] + MARGINS[3]) * 72) * 100 / scale * slack
    out, y = [], first_page_used
    for i, h in enumerate(heights):
        if y + h > usable and y > repeat:
            out.append(i)
            y = repeat
        y += h
    return out


def add_breaks(ws, breaks_before: list[int]) -> None:
    """Manual page breaks before the given sheet rows (the sheet still fits one page wide)."""
    from openpyxl.worksheet.pagebreak import Break

    for r in breaks_before:
        ws.row_breaks.append(Break(id=r - 1))


def autofilter(ws, first_row: int, last_row: int, last_col: int) -> None:
    from openpyxl.utils import get_column_letter

    if last_row > first_row:
        ws.auto_filter.ref = f"A{first_row}:{get_column_letter(last_col)}{last_row}"


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
            "marker_left": (Font(name=FONT, size=SIZE, color="C00000"), wrap_left, box, None),
            "info_center": (body, wrap_center, none, None),
            "bold": (
                Font(name=FONT, size=SIZE, bold=True),
                Alignment(horizontal="left", vertical="center"),
                none,
                None,
            ),
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
