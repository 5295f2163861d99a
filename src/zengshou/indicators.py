"""The plan's quantitative indicators: reading figures, adding them up, measuring progress.

Indicators are defined per row in ``tasks.yaml`` (from docs/plan/indicators.yaml); units put
figures on their items (``figures: {r20_training: 1200}``). This module turns those figures
into the numbers ``zengshou indicators`` and the report's charts show. The rules that check
figures (F7xx) use :func:`parse_figure` too, so what the checker accepts is exactly what gets
counted. See docs/indicators.md for the aggregation rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from zengshou.catalog import COUNTY_GROUP, Catalog
from zengshou.i18n import both, join, tr
from zengshou.i18n import t as msg
from zengshou.models import Basis, Indicator
from zengshou.quarters import Quarter
from zengshou.text import fmt_number  # noqa: F401  (the indicators' number format; re-exported)
from zengshou.workspace import Workspace

AGGREGATIONS = ("cumulative", "count_by", "level", "per_year", "monthly", "at_least", "at_most", "threshold")
RUNNING = ("cumulative", "count_by")  # running totals: a fall from last quarter is suspicious
SUMMED = ("cumulative", "count_by", "level", "per_year")
COUNT_UNITS = ("人次", "名", "个", "家", "次", "人", "户", "月")  # whole numbers only
MONTHS_PER_QUARTER = 3  # a ``monthly`` figure counts the months of one quarter
ON_TRACK, BEHIND, NA = "on_track", "behind", "n/a"
UNCONFIRMED = both("ind.unconfirmed")  # shown beside every number on an unconfirmed scope
#: how an indicator adds up, in both languages (catalogue ids ``agg.<name>``)
AGG_WORD = {
    k: both(f"agg.{k}")
    for k in ("cumulative", "count_by", "level", "per_year", "monthly", "at_least", "at_most", "threshold")
}


# ---------------------------------------------------------------- definitions


@dataclass(frozen=True)
class Def:
    row: int
    ind: Indicator

    @property
    def id(self) -> str:
        return self.ind.id


def definitions(cat: Catalog) -> list[Def]:
    """Every indicator in row order (ids assumed unique; D211 reports repeats)."""
    out, seen = [], set()
    for t in cat.tasks:
        for ind in t.indicators:
            if ind.id not in seen:
                seen.add(ind.id)
                out.append(Def(t.id, ind))
    return out


def by_id(cat: Catalog) -> dict[str, Def]:
    return {d.id: d for d in definitions(cat)}


def scope_units(cat: Catalog, ind: Indicator) -> list[str]:
    """Ids of the units ``over`` names (city → none: one city-wide figure; a group → its members)."""
    return list(scope(cat, ind).members)


@dataclass(frozen=True)
class Scope:
    """Whom an indicator's target covers, and whether the plan itself says so.

    ``over`` names it: ``city`` (one city-wide figure), ``counties`` (the 17 county-level
    governments), a group of ``units.yaml`` (重点帮扶县, 协作县 — with ``confirmed`` and
    ``basis`` there), or a list of unit ids the row names. Only a group can be unconfirmed: its
    membership is then an assumption, and every number resting on it says 口径待确认."""

    id: str
    name: dict[str, str]
    members: tuple[str, ...]
    confirmed: bool
    basis: Basis | None = None
    member_names: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.name.get(lang) or self.name["zh"]

    def assumption(self, lang: str) -> str:
        """The sentence a reader needs when the scope is unconfirmed ("" when confirmed)."""
        if self.confirmed:
            return ""
        rows = [str(r) for r in self.basis.rows] if self.basis else []
        where = msg("ind.assumption_where", lang, rows=join(rows, lang)) if rows else ""
        return msg(
            "ind.assumption",
            lang,
            group=self.label("zh"),
            members=join(self.member_names, lang),
            where=where,
            unconfirmed=tr(UNCONFIRMED, lang),
        )

    def as_dict(self, lang: str = "zh") -> dict:
        return {
            "id": self.id,
            "name": self.label(lang),
            "members": list(self.members),
            "member_names": list(self.member_names),
            "confirmed": self.confirmed,
            "basis": self.basis.model_dump() if self.basis else None,
            "assumption": self.assumption(lang) or None,
        }


_CITY = {"zh": "全市", "en": "city-wide"}


def _short(name: str) -> str:
    """龙胜各族自治县人民政府 → 龙胜各族自治县: a county's name as a scope lists it."""
    return name[:-4] if name.endswith("人民政府") and len(name) > 4 else name


def scope(cat: Catalog, ind: Indicator) -> Scope:
    over = ind.over
    if isinstance(over, list):
        names = tuple(_short(cat.by_id[u].name) if u in cat.by_id else u for u in over)
        return Scope("+".join(over), {"zh": "、".join(names), "en": ", ".join(names)}, tuple(over), True, None, names)
    if over == "city":
        return Scope("city", dict(_CITY), (), True)
    if over == "counties":
        ids = tuple(u.id for u in cat.counties())
        group = cat.by_id.get(COUNTY_GROUP)
        name = group.name if group else "各县人民政府"
        return Scope(
            "counties",
            {"zh": name, "en": name},
            ids,
            True,
            group.basis if group else None,
            tuple(_short(cat.by_id[u].name) for u in ids),
        )
    u = cat.by_id.get(over)
    if u is None:  # D213 reports it; count nobody rather than guess
        return Scope(str(over), {"zh": str(over), "en": str(over)}, (), True)
    ids = tuple(cat.members(u.id))
    return Scope(
        u.id,
        {"zh": u.name, "en": u.name},
        ids,
        u.confirmed is not False,
        u.basis,
        tuple(_short(cat.by_id[m].name) if m in cat.by_id else m for m in ids),
    )


def unconfirmed_scopes(cat: Catalog) -> list[Scope]:
    """Every unconfirmed scope an indicator rests on, once each, in row order (for 口径说明)."""
    out: dict[str, Scope] = {}
    for d in definitions(cat):
        sc = scope(cat, d.ind)
        if not sc.confirmed:
            out.setdefault(sc.id, sc)
    return list(out.values())


def reporters(cat: Catalog, d: Def, quarter: Quarter | str | None = None) -> list[str]:
    """Whose figures count: the row's lead, or the units of ``over``."""
    if d.ind.reported_by == "counties":
        return scope_units(cat, d.ind) or [u.id for u in cat.counties()]
    return [cat.lead(d.row, quarter)]


def total_target(cat: Catalog, d: Def) -> float | None:
    """The city-wide target: per-unit targets of summed indicators multiply by the units."""
    t = d.ind.target
    if t is None:
        return None
    if d.ind.per_unit and d.ind.aggregation in SUMMED:
        return t * max(1, len(scope_units(cat, d.ind)) or len(cat.counties()))
    return t


# ---------------------------------------------------------------- reading a figure


@dataclass(frozen=True)
class Parsed:
    value: float | None  # None when the text cannot be read as a number
    problem: str | None = None  # why it was rejected: empty | text | negative | fraction | percent | wan
    note: str | None = None  # accepted but written unusually: fullwidth | separators | small-share
    hint: str = ""  # the plain number to write instead, when one can be offered


_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def parse_figure(text: str | None, unit: str) -> Parsed:
    """Read a figure as typed. Never guesses: a form that could mean two numbers is refused.

    * plain digits, optionally with a decimal point: ``1200``, ``16.5``;
    * full-width digits (``１２００``) and thousands separators in groups of three (``1,200``,
      ``1，200``): accepted, with a note saying which number was read;
    * for a ``%`` indicator, ``35%`` / ``35％`` and ``35`` all mean 35 percent; a share below 1
      with decimals (``0.35``) is read as 0.35% with a note, since it may have been meant as 35%;
    * refused: empty, negative, words or units (``约300``, ``300人``), ``2.18万`` (write 21800),
      a decimal for a count (``1.234`` 人次 might be a European 1,234), a ``%`` on a non-share.
    """
    if text is None or not str(text).strip():
        return Parsed(None, "empty")
    raw = str(text).strip()
    s = unicodedata.normalize("NFKC", raw).replace(" ", "")
    notes = []
    if any("\uff10" <= ch <= "\uff19" or ch == "\uff0e" for ch in raw):
        notes.append("fullwidth")
    s = s.replace("，", ",")
    percent = False
    if s.endswith("%"):
        percent, s = True, s[:-1]
    if s.startswith("-") and _PLAIN.match(s[1:].replace(",", "")):
        return Parsed(None, "negative")
    if s.endswith("万"):
        body = s[:-1].replace(",", "")
        if _PLAIN.match(body):
            n = float(body) * 10000
            return Parsed(None, "wan", hint=_fmt(n))
        return Parsed(None, "text")
    if _GROUPED.match(s):
        s = s.replace(",", "")
        notes.append("separators")
    elif not _PLAIN.match(s):
        return Parsed(None, "text", hint=_digits_hint(s))
    v = float(s)
    if percent and unit != "%":
        return Parsed(None, "percent", hint=_fmt(v))
    if unit in COUNT_UNITS and "." in s:
        return Parsed(None, "fraction")
    if unit == "%" and 0 < v < 1 and "." in s:
        notes.append("small-share")
    return Parsed(v, None, "+".join(notes) or None)


def _digits_hint(s: str) -> str:
    m = re.fullmatch(r"[^\d]*(\d+(?:\.\d+)?)[^\d]*", s)
    return m.group(1) if m else ""


def _fmt(v: float | None) -> str:
    if v is None:
        return ""
    if v == int(v):
        return str(int(v))
    return f"{v:.2f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------- collecting figures

Figures = dict[str, dict[str, dict[str, float]]]  # quarter → indicator id → unit id → value


def collect(ws: Workspace, quarters: list[Quarter] | None = None) -> Figures:
    """Readable figures of every valid submission, by quarter (each folder's own quarter)."""
    return {
        str(q): quarter_figures(ws.cat, ws.quarter(q), q)
        for q in (quarters if quarters is not None else ws.quarter_folders())
    }


def quarter_figures(cat: Catalog, subs: dict, q: Quarter) -> dict[str, dict[str, float]]:
    """Indicator id → unit id → value, from one quarter's submissions by unit id (what
    :func:`collect` reads per folder, and the merge from the files it has already loaded)."""
    defs = by_id(cat)
    per: dict[str, dict[str, float]] = {}
    for uid, sub in sorted(subs.items()):
        if sub.quarter != q:
            continue
        for item in sub.model.items:
            for key, text in (item.figures or {}).items():
                d = defs.get(key)
                if d is None or d.row != item.task or d.ind.aggregation == "threshold":
                    continue
                p = parse_figure(text, d.ind.unit)
                if p.value is not None:
                    per.setdefault(key, {}).setdefault(uid, p.value)
    return per


# ---------------------------------------------------------------- progress against targets


@dataclass
class Progress:
    row: int
    ind: Indicator
    quarter: str
    actual: float | None
    target: float | None  # the city-wide target (per-unit targets multiplied out)
    achieved: float | None  # actual / target (None for ceilings and thresholds)
    expected: float | None  # share of the target due by this quarter
    status: str  # on_track | behind | n/a
    reason: str = ""  # for n/a: threshold | no_data
    units: dict[str, tuple[float, str]] = field(default_factory=dict)  # unit → (value, as of quarter)
    in_scope: int = 0  # units expected to report
    scope: Scope | None = None  # whom the target covers; scope.confirmed False → 口径待确认
    short: list[str] = field(default_factory=list)  # per-unit targets: reporters below their own due

    @property
    def scope_confirmed(self) -> bool:
        return self.scope is None or self.scope.confirmed

    def assumptions(self, lang: str = "zh") -> list[str]:
        """What a reader must know the number rests on (empty when nothing is assumed)."""
        return [self.scope.assumption(lang)] if self.scope is not None and not self.scope.confirmed else []

    def as_dict(self, lang: str = "zh") -> dict:
        return {
            "id": self.ind.id,
            "row": self.row,
            "name": self.ind.name,
            "name_en": self.ind.name_en,
            "unit": self.ind.unit,
            "aggregation": self.ind.aggregation,
            "by": self.ind.by,
            "in_quarter": self.ind.in_quarter,
            "per_unit": self.ind.per_unit,
            "reported_by": self.ind.reported_by,
            "quarter": self.quarter,
            "actual": self.actual,
            "target": self.target,
            "achieved": _round(self.achieved),
            "expected": _round(self.expected),
            "status": self.status,
            "reason": self.reason,
            "scope": self.scope.as_dict(lang) if self.scope else None,
            "scope_confirmed": self.scope_confirmed,
            "assumptions": self.assumptions(lang),
            "units_reported": len(self.units),
            "units_in_scope": self.in_scope,
            "units_short": list(self.short),
            "by_unit": {u: {"value": v, "as_of": q} for u, (v, q) in sorted(self.units.items())},
        }


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


def expected_share(cat: Catalog, d: Def, q: Quarter) -> float | None:
    """How much of the target should be reached by the end of ``q``.

    Running totals and stocks: linear from the plan's start to ``by`` (default: the plan's end),
    then all of it. Per-year totals: a quarter of the year's target per quarter. Shares and
    rates: all of the target at all times, or linearly up to ``by`` when one is given."""
    agg = d.ind.aggregation
    if agg == "threshold":
        return None
    if agg == "per_year":
        if d.ind.in_quarter:  # a yearly event held in a set quarter (row 57: each Q4)
            return 1.0 if q.q >= d.ind.in_quarter else 0.0
        return q.q / 4
    if agg == "monthly" or (agg in ("at_least", "at_most") and not d.ind.by):
        return 1.0
    start = Quarter.parse(cat.plan.period.start)
    due = Quarter.try_parse(d.ind.by or "") or Quarter.parse(cat.plan.period.end)
    span = _count(start, due)
    return min(1.0, max(0, _count(start, q)) / span) if span > 0 else 1.0


def _count(a: Quarter, b: Quarter) -> int:
    """Quarters from ``a`` through ``b`` inclusive (0 when ``b`` is before ``a``)."""
    return max(0, (b.year - a.year) * 4 + b.q - a.q + 1)


def progress(cat: Catalog, figures: Figures, quarter: Quarter | str) -> list[Progress]:
    """Every indicator's position at the end of ``quarter``, from figures up to it."""
    q = Quarter.parse(str(quarter))
    out = []
    for d in definitions(cat):
        out.append(_one(cat, d, figures, q))
    return out


def _latest(
    figures: Figures, key: str, uid: str, q: Quarter, same_year: bool, same_quarter: bool = False
) -> tuple[float, str] | None:
    for qs in sorted(figures, reverse=True):
        qq = Quarter.parse(qs)
        if qq > q or (same_year and qq.year != q.year) or (same_quarter and qq != q):
            continue
        v = figures[qs].get(key, {}).get(uid)
        if v is not None:
            return v, qs
    return None


def _one(cat: Catalog, d: Def, figures: Figures, q: Quarter) -> Progress:
    ind, agg = d.ind, d.ind.aggregation
    target = total_target(cat, d)
    who = reporters(cat, d, q)
    p = Progress(
        d.row, ind, str(q), None, target, None, expected_share(cat, d, q), NA, in_scope=len(who), scope=scope(cat, ind)
    )
    if agg == "threshold":
        p.reason = "threshold"
        p.expected = None
        return p
    for uid in who:
        got = _latest(
            figures,
            ind.id,
            uid,
            q,
            same_year=agg in ("per_year", "at_least", "at_most") and not ind.by,
            same_quarter=agg == "monthly",
        )
        if got is not None:
            p.units[uid] = got
    if not p.units:
        p.reason = "no_data"
        return p
    values = [v for v, _ in p.units.values()]
    if agg in SUMMED:
        p.actual = sum(values)
    elif agg in ("at_least", "monthly"):
        p.actual = min(values)
    else:  # at_most
        p.actual = max(values)
    if target is None:
        p.reason = "no_target"
        return p
    if agg == "at_most":
        p.status = ON_TRACK if p.actual <= target else BEHIND
        return p
    p.achieved = p.actual / target if target else None
    due = (p.expected or 0) * target
    if ind.per_unit and agg in SUMMED and ind.target is not None:
        # "each county at least …" is a minimum for every unit, not for their sum
        p.short = sorted(u for u, (v, _) in p.units.items() if v < (p.expected or 0) * ind.target - 1e-9)
    p.status = ON_TRACK if p.actual >= due - 1e-9 and not p.short else BEHIND
    return p


# ---------------------------------------------------------------- history of a row


@dataclass
class HistoryEntry:
    quarter: str
    unit_id: str
    unit_name: str
    progress: str
    status: str | None
    figures: dict[str, str]
    file: str


def history(ws: Workspace, row: int, unit_id: str | None = None) -> list[HistoryEntry]:
    """A row's texts and figures in every quarter folder, oldest first, units in file order."""
    cat = ws.cat
    order = {u.id: i for i, u in enumerate(cat.units)}
    out = []
    for q in ws.quarter_folders():
        subs = ws.quarter(q)
        for uid in sorted(subs, key=lambda u: order.get(u, 1 << 30)):
            if unit_id and uid != unit_id:
                continue
            sub = subs[uid]
            for item in sub.valid.items:
                if item.task == row:
                    out.append(
                        HistoryEntry(
                            str(q),
                            uid,
                            cat.by_id[uid].name,
                            item.progress or "",
                            item.status,
                            {k: ("" if v is None else str(v)) for k, v in (item.figures or {}).items()},
                            sub.display,
                        )
                    )
                    break
    return out
