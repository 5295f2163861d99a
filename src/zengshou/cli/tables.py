"""Tables that survive a narrow terminal: every value whole, or wrapped, never cut.

Rich alone squeezes a table that does not fit by cutting cells and, at worst, collapsing a
column to nothing. Here the widths are decided first: a column either keeps its values whole
(dates, counts, states, ids) or wraps them (names, task texts) with the CJK-aware
:func:`zengshou.writer.wrap`; prose columns take the spare width. When even the narrowest widths
do not fit, the table becomes one block per row (the first column as a heading, the rest as
``label value`` pairs), with a line saying so. Rich then only draws the borders.
"""

from __future__ import annotations

from dataclasses import dataclass

from zengshou.i18n import t
from zengshou.writer import cells, wrap


#: the part of a table's width the prose column gets before the other columns are made whole
PROSE_SHARE = 0.4


@dataclass
class Column:
    head: str
    justify: str = "left"
    wrap: bool = False  # may be wrapped (names, texts); otherwise every value stays on one line
    grow: bool = False  # takes the spare width (the prose column)
    min: int = 8  # narrowest a wrapped column may get, in display cells
    max: int | None = None  # widest a wrapped column needs to be


def _natural(col: Column, values: list[str]) -> int:
    lines = [ln for v in [col.head, *values] for ln in (v.splitlines() or [""])]
    return max(cells(ln) for ln in lines)


def _minimum(col: Column, values: list[str]) -> int:
    if not col.wrap:
        return _natural(col, values)
    # the widest word: an ASCII token (id, date, number) is never split
    words = [w for v in [col.head, *values] for w in v.split()]
    longest = max((cells(w) for w in words if w.isascii()), default=0)
    head = cells(col.head) if cells(col.head) <= 8 else 0  # a short header is never broken
    return max(min(col.min, _natural(col, values)), longest, head)


def widths(columns: list[Column], rows: list[list[str]], width: int) -> list[int] | None:
    """Column widths (content cells) for a bordered table ``width`` cells wide, or None when the
    columns cannot fit without cutting a value."""
    values = [[r[i] for r in rows] for i in range(len(columns))]
    room = width - (3 * len(columns) + 1)  # a border between and around columns, one space each side
    natural = [_natural(c, v) for c, v in zip(columns, values)]
    if columns and any(c.max for c in columns):
        natural = [min(n, c.max) if c.wrap and c.max else n for n, c in zip(natural, columns)]
    got = [_minimum(c, v) for c, v in zip(columns, values)]
    if sum(got) > room:
        return None
    # prose gets its share first; then the wrapped columns are made whole, the nearest to it
    # first (short values stop wrapping before long names do); prose takes what is left
    spare = room - sum(got)
    share = int(room * PROSE_SHARE) // max(1, sum(1 for c in columns if c.grow))
    for i, c in enumerate(columns):  # prose first gets its share of the width
        if c.grow and spare > 0:
            add = min(spare, max(0, min(natural[i], share) - got[i]))
            got[i] += add
            spare -= add
    for i in sorted((i for i, c in enumerate(columns) if c.wrap and not c.grow), key=lambda i: natural[i] - got[i]):
        add = min(spare, natural[i] - got[i])
        got[i] += add
        spare -= add
    growers = [i for i, c in enumerate(columns) if c.grow] or [i for i, c in enumerate(columns) if c.wrap]
    while spare > 0 and growers:
        want = [i for i in growers if got[i] < natural[i]]
        if not want:
            break
        for i in want:
            if spare:
                got[i] += 1
                spare -= 1
    return got


def fits_whole(columns: list[Column], rows: list[list[str]], width: int) -> bool:
    """Every value fits on one line: the wide layout needs no wrapping at this width."""
    values = [[r[i] for r in rows] for i in range(len(columns))]
    need = sum(_natural(c, v) for c, v in zip(columns, values)) + 3 * len(columns) + 1
    return need <= width


def fit(text: str, width: int) -> list[str]:
    """``text`` wrapped to lines of at most ``width`` cells. :func:`wrap` lets a closing mark
    (、，。）) hang one past the width and keeps an over-long ASCII word whole; here the
    first is wrapped a little narrower and the second folded, so a bordered cell never crops."""
    lines = wrap(text, width)
    if any(cells(ln) > width for ln in lines) and width > 4:
        lines = wrap(text, width - 2)
    out: list[str] = []
    for ln in lines:
        while cells(ln) > width:
            cut = 0
            while cells(ln[: cut + 1]) <= width:
                cut += 1
            out.append(ln[:cut])
            ln = ln[cut:]
        out.append(ln)
    return out


def _cell(text: str, width: int, col: Column) -> str:
    if not col.wrap:
        return text
    return "\n".join(ln for part in text.splitlines() or [""] for ln in fit(part, width) if ln or not part)


def table(title: str, columns: list[Column], rows: list[list[str]], width: int, *, lines: bool = False,
          total: list[str] | None = None, lang: str = "zh"):
    """A Rich renderable: the bordered table when it fits ``width``, else blocks."""
    from rich.table import Table

    every = rows + ([total] if total else [])
    got = widths(columns, every, width)
    if got is None:
        return blocks(title, columns, rows, width, total=total, lang=lang)
    inner = sum(got) + 3 * len(got) + 1
    tbl = Table(title="\n".join(fit(title, inner)), show_lines=lines, expand=False)
    for c, w in zip(columns, got):
        tbl.add_column("\n".join(fit(c.head, w)) if c.wrap else c.head, justify=c.justify, width=w,
                       no_wrap=True, overflow="fold")
    for n, r in enumerate(rows):
        tbl.add_row(*(_cell(v, w, c) for v, w, c in zip(r, got, columns)), end_section=bool(total) and n + 1 == len(rows))
    if total:
        tbl.add_row(*(_cell(v, w, c) for v, w, c in zip(total, got, columns)))
    return tbl


def blocks(title: str, columns: list[Column], rows: list[list[str]], width: int, *, total: list[str] | None = None,
           lang: str = "zh"):
    """One block per row: the first column's value as a heading, then ``head value`` pairs
    wrapped to ``width``. A legend under the title names every column in order."""
    from rich.text import Text

    sep = " · "
    out = [*fit(title, width), *fit(t("table.blocks", lang, columns=sep.join(c.head for c in columns)), width), ""]
    for r in rows + ([total] if total else []):
        # the first column's value heads the block; a short one (a row number) says what it is
        out += fit(r[0] if cells(r[0]) > 6 else f"{columns[0].head} {r[0]}", width)
        pairs = [f"{c.head} {' '.join(v.split())}" for c, v in zip(columns[1:], r[1:]) if v.strip()]
        line = ""
        for pair in pairs:  # lines break between pairs; a pair longer than a line wraps by itself
            if line and cells(line + sep + pair) <= width - 2:
                line += sep + pair
                continue
            if line:
                out.append("  " + line)
            *full, line = fit(pair, width - 2)
            out += ["  " + x for x in full]
        if line:
            out.append("  " + line)
    return Text("\n".join(out))
