"""Indicator series and the indicator table of the report model.

Each indicator's actual figure and its due line, quarter by quarter from the start of the plan
to the report's quarter (:func:`series_from`, from figures already collected — no file is read
here), and the table a leader reads (:func:`lines`): the target as the plan writes it, what is
achieved, what is due by now, the rate and the state, in plain words.

The Excel sheet (:mod:`zengshou.report.xlsx_charts`), the inline SVG charts
(:mod:`zengshou.report.svg`) and the Word document all draw from these, so they show the same
numbers.
"""

from __future__ import annotations

from pathlib import Path

from zengshou.catalog import Catalog
from zengshou.i18n import localized
from zengshou.i18n import t as msg
from zengshou.indicators import (
    COUNT_UNITS,
    SUMMED,
    Def,
    Figures,
    Progress,
    collect,
    fmt_number,
    progress,
    quarter_figures,
    reporters,
    unconfirmed_scopes,
)
from zengshou.quarters import Quarter
from zengshou.report.model import IndicatorLine, Series, clean, short_name
from zengshou.submissions import SUFFIXES, per_unit
from zengshou.workspace import Workspace

RATES = ("at_least", "at_most")  # shares and rates: no schedule, the worst unit counts


def series_from(cat: Catalog, figures: Figures, upto: Quarter | str, lang: str = "zh") -> list[Series]:
    """One series per indicator (thresholds included, never charted), in row order."""
    upto = Quarter.parse(str(upto))
    out: dict[str, Series] = {}
    for q in (q for q in cat.quarters() if q <= upto):
        for p in progress(cat, figures, q):
            ind = p.ind
            s = out.get(ind.id)
            if s is None:
                name = localized(ind.name, ind.name_en, lang)
                s = out[ind.id] = Series(p.row, ind.id, clean(name), clean(ind.unit), ind.aggregation, p.target)
            s.quarters.append(str(q))
            s.labels.append(quarter_short(q, lang))
            s.actual.append(p.actual)
            ceiling = ind.aggregation == "at_most"  # a ceiling is not due: never drawn as a shortfall
            due = None
            if p.expected is not None and p.target is not None and not ceiling:
                due = _due(p.target * p.expected, ind.unit)
            s.due.append(due)
            s.last = p
    for s in out.values():
        if s.last is not None:
            s.behind, s.no_figure = _who(cat, s.last, upto)
    return list(out.values())


def quarter_short(q: Quarter, lang: str = "zh") -> str:
    """23年Q2: a quarter where space forces a short form (a chart's axis)."""
    return msg("report.quarter_short", lang, yy=f"{q.year % 100:02d}", q=q.q, year=q.year)


def _name(cat: Catalog, uid: str) -> str:
    u = cat.by_id.get(uid)
    return clean(short_name(u.name)) if u else clean(uid)


def _who(cat: Catalog, p: Progress, q: Quarter) -> tuple[list[str], list[str]]:
    """The units that put an indicator behind, each with its figure, and those in scope with
    no figure: a share is as good as its worst unit, a per-county target is missed by the
    counties below their own due, a ceiling by the units above it, a city-wide total by the
    unit that reports it."""
    ind, agg = p.ind, p.ind.aggregation
    if p.status != "behind" or p.actual is None:
        return [], []
    unit = ind.unit

    def fig(uid: str) -> str:
        return f"{_name(cat, uid)} {_amount(p.units[uid][0], unit)}"

    if agg == "at_most":
        over = [u for u, (v, _) in p.units.items() if p.target is not None and v > p.target]
        names = [fig(u) for u in _ordered(cat, over)]
    elif agg in ("at_least", "monthly"):
        due = (p.expected or 0) * (p.target or 0)
        names = [fig(u) for u in _ordered(cat, [u for u, (v, _) in p.units.items() if v < due - 1e-9])]
    elif p.short:
        names = [fig(u) for u in _ordered(cat, p.short)]
    else:  # a summed total behind: every unit that reports it
        names = [fig(u) for u in _ordered(cat, list(p.units))]
    scope = reporters(cat, _def(cat, p), q) if agg in SUMMED or agg in RATES or agg == "monthly" else []
    missing = [_name(cat, u) for u in _ordered(cat, [u for u in scope if u not in p.units])]
    return names, missing


def _def(cat: Catalog, p: Progress) -> Def:
    return Def(p.row, p.ind)


def _ordered(cat: Catalog, ids: list[str]) -> list[str]:
    order = {u.id: i for i, u in enumerate(cat.units)}
    return sorted(ids, key=lambda u: order.get(u, 1 << 30))


def _due(v: float, unit: str) -> float:
    """What is due, as people count it: whole persons, firms, posts; one decimal otherwise."""
    return float(round(v)) if unit in COUNT_UNITS else round(v, 1)


def series(cat: Catalog, data_dir: Path | str | None, upto: Quarter | str, lang: str = "zh") -> list[Series]:
    """Series read from every quarter folder of ``data_dir`` up to ``upto`` (for tests and tools;
    the merge collects its figures itself, see :func:`figures_before`)."""
    upto = Quarter.parse(str(upto))
    ws = Workspace(Path(data_dir), cat) if data_dir else None
    figures = collect(ws, [q for q in ws.quarter_folders() if q <= upto]) if ws else {}
    return series_from(cat, figures, upto, lang)


def figures_before(ws: Workspace, q: Quarter) -> Figures:
    """The figures of every quarter folder before ``q``, as :func:`zengshou.indicators.collect`
    reads them, but only files that mention ``figures`` are parsed: a merge of quarter 12
    would otherwise parse some 370 earlier files for the few that carry numbers.

    A file without the word cannot add a figure; the one case this reads differently is two
    files for one unit in a folder (an I302 error already) where the losing one has figures."""
    needles = (b"figures", "figures".encode("utf-16-le"), "figures".encode("utf-16-be"))
    out: Figures = {}
    for folder_q in ws.quarter_folders():
        if folder_q >= q:
            continue
        folder = ws.data_dir / "progress" / str(folder_q)
        files = []
        for f in sorted(folder.glob("*")):
            if f.suffix not in SUFFIXES or not f.is_file():
                continue
            try:
                raw = f.read_bytes()
            except OSError:
                continue
            if any(n in raw for n in needles):
                files.append(ws.submission(f))
        out[str(folder_q)] = quarter_figures(ws.cat, per_unit(files), folder_q)
    return out


def _amount(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    return fmt_number(v) + ("%" if unit == "%" else unit)


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.0f}%"


def lines(all_series: list[Series], t: dict[str, str]) -> list[IndicatorLine]:
    """The tracked indicators (thresholds left out: they are limits, not goals) in words."""
    out = []
    for s in all_series:
        p = s.last
        if p is None or s.aggregation == "threshold":
            continue
        ind = p.ind
        target = clean(ind.quote) or _amount(p.target, s.unit)
        due = "—" if s.aggregation in RATES or p.expected is None else _pct(p.expected)
        rate = "—" if s.aggregation == "at_most" else _pct(p.achieved)
        # 口径待确认 stays in the 口径说明 (scope_notes), not in a state cell
        state = t.get("ind_" + (p.reason or p.status), p.reason or p.status)
        behind = p.status == "behind" and not p.reason
        who = who_text(s, due, t) if behind else ""
        goal = _amount(p.target, s.unit)
        line = IndicatorLine(s.row, s.name, target, _amount(p.actual, s.unit), due, rate, state, behind, s, who, goal)
        out.append(line)
    return out


def who_text(s: Series, due: str, t: dict[str, str], cap: int | None = None) -> str:
    """ "低于序时进度的：资源县 1家；未报数字的：…": the units behind an indicator, with their
    figures. ``cap`` names at most that many of each list and counts the rest (the 正文 keeps
    each line short; 附件2 names them all)."""

    def names(xs: list[str]) -> str:
        if cap is None or len(xs) <= cap:
            return t["sep"].join(xs)
        return t["sep"].join(xs[:cap]) + t["and_more"].format(n=len(xs))

    p = s.last
    target = _amount(p.target if p else None, s.unit)
    key = "who_above" if s.ceiling else ("who_below_goal" if due == "—" else "who_below")
    who = t[key].format(names=names(s.behind), target=target) if s.behind else ""
    if s.no_figure:
        who += (t["clause_sep"] if who else "") + t["who_no_figure"].format(names=names(s.no_figure))
    return who


def scope_notes(cat: Catalog, lang: str) -> list[str]:
    """One sentence per scope the plan does not spell out (e.g. which counties are 重点帮扶县)."""
    return [clean(sc.assumption(lang)) for sc in unconfirmed_scopes(cat)]


def thresholds(all_series: list[Series], t: dict[str, str]) -> str:
    """The plan's limits that are not goals, for the 口径说明."""
    return t["clause_sep"].join(
        clean(s.last.ind.quote) or s.name for s in all_series if s.aggregation == "threshold" and s.last is not None
    )
