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


def balance(
    columns: list[list[str]],
    widths: list[float | None],
    total: float,
    *,
    text: int,
    per_char: float,
    pad: float,
    step: float,
) -> list[float]:
    """Column widths for a table whose rows never split: the ``None`` widths share what the
    fixed ones leave of ``total`` so that the table is as short as it can be.

    A row is as tall as its tallest cell, so a wide text column beside a narrow task or units
    column wastes the space under the text; the split that minimises the sum over rows of the
    tallest cell's line count is chosen, in steps of ``step``, with every flexible column at
    least four characters wide and column ``text`` (the 落实进度) the widest of them. ``per_char``
    is the width of a CJK character and ``pad`` a cell's side padding, in the unit of
    ``widths``. Deterministic: among equal splits the one with the widest text column wins."""
    free = [i for i, w in enumerate(widths) if w is None]
    rest = total - sum(w for w in widths if w is not None)
    n_rows = len(columns[0]) if columns else 0
    paras = [[[text_width(p) for p in str(t).split("\n")] for t in col] for col in columns]
    floor = [1] * n_rows
    for i, w in enumerate(widths):
        if w is not None:
            floor = [max(a, _count(pw, w, per_char, pad)) for a, pw in zip(floor, paras[i], strict=True)]
    lo = 4 * per_char + pad
    grid = [lo + k * step for k in range(int((rest - lo * (len(free) - 1) - lo) / step) + 1)]
    counts = {i: [[_count(pw, w, per_char, pad) for pw in paras[i]] for w in grid] for i in free}
    best: tuple[int, float, list[float]] | None = None
    for ks in _splits(len(free), len(grid)):
        ws = [grid[k] for k in ks[:-1]]
        last = rest - sum(ws)
        if last < lo:
            continue
        k_last = min(len(grid) - 1, int((last - lo) / step))
        chosen = dict(zip(free, [*ws, last], strict=True))
        if any(chosen[i] > chosen[text] for i in free):
            continue
        arrays = [counts[i][k] for i, k in zip(free, [*ks[:-1], k_last], strict=True)]
        cost = sum(map(max, floor, *arrays))
        key = (cost, -chosen[text])
        if best is None or key < best[:2]:
            best = (cost, -chosen[text], [*ws, last])
    out = list(widths)
    for i, w in zip(free, best[2] if best else [rest / max(1, len(free))] * len(free), strict=True):
        out[i] = round(w, 2)
    return [float(w) for w in out]  # type: ignore[arg-type]


def _count(paras: list[float], width: float, per_char: float, pad: float) -> int:
    per_line = max(1.0, (width - pad) / per_char)
    return int(sum(max(1, -(-p // per_line)) for p in paras))  # ceil without math


def _splits(n: int, size: int) -> list[tuple[int, ...]]:
    """Grid indexes for the first ``n - 1`` flexible columns (the last takes what is left)."""
    if n <= 1:
        return [(0,)]
    return [(k, *rest) for k in range(size) for rest in _splits(n - 1, size)]
