"""How wide a text prints, for the renderers that must size rows themselves (Excel does not
grow a row to fit wrapped text; the Word 汇总表 is cut into pages by estimated height)."""

from __future__ import annotations


def text_width(text: str) -> float:
    """Width of a line of text in units of the font size: ASCII about half, everything else one.

    CJK characters and full-width punctuation are as wide as the font size; ASCII letters and
    digits about 0.55 of it. Non-ASCII narrow characters are rare in these texts, and counting
    them wide only errs towards a taller row, never a cut one. (Fast: a report measures some
    10,000 cells of up to 300 characters.)"""
    ascii_chars = len(text.encode("ascii", "ignore"))
    return len(text) - 0.45 * ascii_chars
