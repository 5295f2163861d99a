"""Sheet layout shared by the report's workbook sheets and its chart sheet: font, sizes, how tall a
wrapped text runs, print set-up. Kept apart so the sheets and the charts depend on it, not on
each other."""

from __future__ import annotations

import math
import unicodedata

from zengshou.report.labels import labels
from zengshou.xlsxutil import setup_print as setup

FONT = "仿宋"
SIZE = 11
TITLE_SIZE = 16
MAX_ROW_HEIGHT = 409  # Excel's limit, in points
LINE = 1.35  # line height as a multiple of the font size (CJK fonts run tall)


# ---------------------------------------------------------------- measuring text

def char_width(ch: str) -> float:
    """Width of a character in units of the font size: CJK and full-width 1, others about half."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.55


def line_count(text: str, col_width: float, size: float = SIZE) -> int:
    """How many lines ``text`` wraps to in a column ``col_width`` Excel units wide."""
    # Excel width unit = one '0' of the default 11 pt font: 7 px, plus 5 px of padding; a CJK
    # character is as wide as the font size (at 96 dpi: size * 4/3 px)
    usable_px = col_width * 7 + 5 - 6
    per_line = max(1.0, usable_px / (size * 4 / 3) * 0.97)  # characters of width 1 per line
    n = 0
    for para in str(text).split("\n"):
        w = sum(char_width(c) for c in para)
        n += max(1, math.ceil(w / per_line))
    return n


def height_for(lines: int, size: float = SIZE) -> float:
    return round(lines * size * LINE + 5, 1)


def setup_print(ws, *, title_rows: str, freeze: str, header: str, lang: str) -> None:
    setup(ws, title_rows=title_rows, freeze=freeze, header=header, footer=labels(lang)["page"], font=FONT)
