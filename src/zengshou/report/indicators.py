"""Indicator series for the merged report: each indicator's actual figure and its due line,
quarter by quarter from the start of the plan to the report's quarter.

Both the Excel sheet (:mod:`zengshou.report.xlsx_charts`) and the inline SVG charts
(:mod:`zengshou.report.svg`) draw from these series, so the two always show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zengshou.catalog import Catalog
from zengshou.i18n import localized
from zengshou.indicators import Progress, collect, progress
from zengshou.quarters import Quarter
from zengshou.workspace import Workspace


@dataclass
class Series:
    row: int
    id: str
    name: str
    unit: str
    aggregation: str
    target: float | None  # city-wide target
    quarters: list[str] = field(default_factory=list)
    actual: list[float | None] = field(default_factory=list)
    due: list[float | None] = field(default_factory=list)  # target × share expected by that quarter
    last: Progress | None = None  # position at the report's quarter

    @property
    def chartable(self) -> bool:
        return self.aggregation != "threshold" and any(v is not None for v in self.actual)


def series(cat: Catalog, data_dir: Path | str | None, upto: Quarter | str, lang: str = "zh") -> list[Series]:
    """One series per indicator (thresholds included, never charted), in row order."""
    upto = Quarter.parse(str(upto))
    quarters = [q for q in cat.quarters() if q <= upto]
    ws = Workspace(Path(data_dir), cat) if data_dir else None
    folders = [q for q in ws.quarter_folders() if q <= upto] if ws else []
    figures = collect(ws, folders) if ws else {}
    out: dict[str, Series] = {}
    for q in quarters:
        for p in progress(cat, figures, q):
            ind = p.ind
            s = out.get(ind.id)
            if s is None:
                name = localized(ind.name, ind.name_en, lang)
                s = out[ind.id] = Series(p.row, ind.id, name, ind.unit, ind.aggregation, p.target)
            s.quarters.append(str(q))
            s.actual.append(p.actual)
            s.due.append(None if p.expected is None or p.target is None else p.target * p.expected)
            s.last = p
    return list(out.values())


def data_dir_of(report) -> Path | None:
    """The data directory a merged report was read from (the submissions sit in
    ``<data>/progress/<quarter>/``), or None when the quarter had no files."""
    subs = getattr(getattr(report, "result", None), "submissions", None) or []
    for s in subs:
        return Path(s.path).resolve().parents[2]
    return None


def for_report(report, lang: str = "zh") -> list[Series]:
    cat = report.result.catalog
    return series(cat, data_dir_of(report), report.quarter, lang)
