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
    return max(min(col.min, _natural(col, values)), longest)


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
    # grow the wrapped non-prose columns towards their natural width, then give the rest to prose
    spare = room - sum(got)
    for i, c in enumerate(columns):
        if c.wrap and not c.grow and spare > 0:
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


def _cell(text: str, width: int, col: Column) -> str:
    if not col.wrap:
        return text
    return "\n".join(ln for part in text.splitlines() or [""] for ln in wrap(part, width) if ln or not part)


def table(title: str, columns: list[Column], rows: list[list[str]], width: int, *, lines: bool = False,
          total: list[str] | None = None, lang: str = "zh"):
    """A Rich renderable: the bordered table when it fits ``width``, else blocks."""
    from rich.table import Table

    every = rows + ([total] if total else [])
    got = widths(columns, every, width)
    if got is None:
        return blocks(title, columns, rows, width, total=total, lang=lang)
    tbl = Table(title=title, show_lines=lines, expand=False)
    for c, w in zip(columns, got):
        tbl.add_column("\n".join(wrap(c.head, w)) if c.wrap else c.head, justify=c.justify, width=w,
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
    out = [title, t("table.blocks", lang, columns=sep.join(c.head for c in columns)), ""]
    for r in rows + ([total] if total else []):
        out += wrap(r[0], width)
        pairs = [f"{c.head} {' '.join(v.split())}" for c, v in zip(columns[1:], r[1:]) if v.strip()]
        out += ["  " + x for x in wrap(sep.join(pairs), width - 2)]
    return Text("\n".join(out))
