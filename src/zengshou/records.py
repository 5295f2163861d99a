"""Each unit's reporting record over a year: the 考核 view (issue 26).

Per unit and per year: how many quarters it reported on time, late (and by how many days in
all) or not at all, how many rows it left out, how often its report was returned, and its
findings by rule family. Units are ranked on that record, and the rank is compared with the
year before. ``zengshou status --year`` prints it; the span reports' 工作底稿 has it as a sheet.

Everything comes from :func:`zengshou.status.quarter_status`, once per quarter, so the record
says exactly what ``status --quarter`` said for each quarter:

* **on time** — a dated file on or before the deadline (also when it has errors: the file was
  sent; its errors are counted under the findings);
* **late** — a dated file after the deadline, with its days late;
* **missing** — no file, or a draft (no ``submitted`` date: not sent);
* **rows missing** — rows left out of the reports that were sent (a quarter not sent counts
  once, as missing, not again per row);
* **returned** — the coordinator's 退回 (issue 25). Counted from the quarter status when it
  carries that state (:func:`returned`); until then every unit counts 0.

Quarters count only up to the latest quarter that has a folder under ``progress/`` (a year in
progress is not judged on quarters not yet due), see :func:`span_quarters`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zengshou.catalog import Catalog
from zengshou.lint import Result
from zengshou.quarters import Quarter
from zengshou.registry import RULES
from zengshou.status import QuarterStatus, UnitStatus, quarter_status
from zengshou.workspace import Workspace

#: the rule families whose findings a record counts, in the order of ``zengshou rules``
KINDS = ("syntax", "identity", "content", "completeness", "timing", "figures")
#: what a quarter was for a unit, in the record
ON_TIME, LATE, MISSING = "on_time", "late", "missing"


class NoQuarters(ValueError):
    """The span has no quarter with data yet; ``key`` is the message id to show."""

    def __init__(self, key: str, **params: str | int):
        super().__init__(key)
        self.key, self.params = key, params


def span_quarters(ws: Workspace, year: int | None = None) -> list[Quarter]:
    """The quarters a span covers: the plan's quarters (of ``year`` when given) up to the latest
    quarter that has a folder under ``progress/``. Quarters before it without a folder stay in
    (everyone missed them); quarters after it are not due yet and are left out.

    Raises :class:`NoQuarters` when the year is outside the plan or has no quarter with data."""
    cat = ws.cat
    plan = cat.quarters()
    if year is not None and not any(q.year == year for q in plan):
        raise NoQuarters(
            "cli.span_year_outside", year=year, start=plan[0].year if plan else "", end=plan[-1].year if plan else ""
        )
    folders = [q for q in ws.quarter_folders() if cat.in_period(q)]
    last = max(folders) if folders else None
    out = [q for q in plan if (year is None or q.year == year) and last is not None and q <= last]
    if not out:
        raise NoQuarters("cli.span_no_data_year", year=year) if year is not None else NoQuarters("cli.span_no_data")
    return out


def returned(u: UnitStatus) -> bool:
    """Whether the coordinator returned the unit's report (退回). The hook for issue 25: its
    review state arrives on the quarter status as the state ``returned`` (or a ``returned``
    flag); without it, nothing was returned."""
    return u.state == "returned" or bool(getattr(u, "returned", False))


@dataclass
class QuarterMark:
    """One unit in one quarter, as the record counts it."""

    quarter: str
    state: str  # on_time | late | missing
    submitted: date | None
    late_days: int
    rows_missing: int
    returned: bool
    findings: dict[str, int]

    def as_dict(self) -> dict:
        return {
            "quarter": self.quarter,
            "state": self.state,
            "submitted": self.submitted.isoformat() if self.submitted else None,
            "late_days": self.late_days,
            "rows_missing": self.rows_missing,
            "returned": self.returned,
            "findings": dict(self.findings),
        }


@dataclass
class UnitRecord:
    unit_id: str
    name: str
    kind: str
    quarters: list[QuarterMark]
    rank: int = 0
    previous_rank: int | None = None  # in the year before (None: no record then)

    @property
    def on_time(self) -> int:
        return sum(1 for m in self.quarters if m.state == ON_TIME)

    @property
    def late(self) -> int:
        return sum(1 for m in self.quarters if m.state == LATE)

    @property
    def late_days(self) -> int:
        return sum(m.late_days for m in self.quarters)

    @property
    def missing(self) -> int:
        return sum(1 for m in self.quarters if m.state == MISSING)

    @property
    def rows_missing(self) -> int:
        return sum(m.rows_missing for m in self.quarters)

    @property
    def returned(self) -> int:
        return sum(1 for m in self.quarters if m.returned)

    @property
    def findings(self) -> dict[str, int]:
        return {k: sum(m.findings.get(k, 0) for m in self.quarters) for k in KINDS}

    @property
    def rank_change(self) -> int | None:
        """Places gained since the year before (positive: moved up)."""
        return None if self.previous_rank is None else self.previous_rank - self.rank

    def sort_key(self) -> tuple:
        """Worse records sort later: missing quarters, then returned, late quarters, days
        late, rows missing, findings."""
        return (self.missing, self.returned, self.late, self.late_days, self.rows_missing, sum(self.findings.values()))

    def as_dict(self) -> dict:
        return {
            "unit_id": self.unit_id,
            "name": self.name,
            "kind": self.kind,
            "rank": self.rank,
            "previous_rank": self.previous_rank,
            "rank_change": self.rank_change,
            "on_time": self.on_time,
            "late": self.late,
            "late_days": self.late_days,
            "missing": self.missing,
            "rows_missing": self.rows_missing,
            "returned": self.returned,
            "findings": self.findings,
            "quarters": [m.as_dict() for m in self.quarters],
        }


@dataclass
class YearRecords:
    year: int
    quarters: list[str]
    units: list[UnitRecord]  # ranked, best first
    previous_year: int | None = None
    statuses: dict[str, QuarterStatus] = field(default_factory=dict, repr=False)

    @property
    def totals(self) -> dict[str, int]:
        t = {
            "units": len(self.units),
            "on_time": sum(u.on_time for u in self.units),
            "late": sum(u.late for u in self.units),
            "late_days": sum(u.late_days for u in self.units),
            "missing": sum(u.missing for u in self.units),
            "rows_missing": sum(u.rows_missing for u in self.units),
            "returned": sum(u.returned for u in self.units),
        }
        t["findings"] = sum(sum(u.findings.values()) for u in self.units)
        return t

    @property
    def complete(self) -> bool:
        """Nothing missing, late or returned in the year (status exits 0 only then)."""
        return all(u.missing == 0 and u.rows_missing == 0 and u.returned == 0 for u in self.units)

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "quarters": list(self.quarters),
            "previous_year": self.previous_year,
            "units": [u.as_dict() for u in self.units],
            "totals": self.totals,
            "complete": self.complete,
        }


def mark(st: QuarterStatus, u: UnitStatus) -> QuarterMark:
    """How the record counts one unit's quarter (module docstring)."""
    if u.file is None or u.submitted is None:
        state = MISSING
    elif u.late_days:
        state = LATE
    else:
        state = ON_TIME
    kinds = dict.fromkeys(KINDS, 0)
    if u.file is not None:
        for f in st.result.for_file(u.file):
            rule = RULES.get(f.code)
            fam = rule.family if rule else ""
            if fam in kinds and f.level in ("error", "warning"):
                kinds[fam] += 1
    rows = len(u.missing_rows) if state != MISSING else 0  # a quarter not sent counts once, as missing
    return QuarterMark(str(st.quarter), state, u.submitted, u.late_days, rows, returned(u), kinds)


def rank(units: list[UnitRecord], order: dict[str, int]) -> list[UnitRecord]:
    """Sorted best first; equal records share a rank (1, 2, 2, 4), then unit file order."""
    ranked = sorted(units, key=lambda u: (u.sort_key(), order.get(u.unit_id, 1 << 30)))
    for i, u in enumerate(ranked):
        u.rank = ranked[i - 1].rank if i and u.sort_key() == ranked[i - 1].sort_key() else i + 1
    return ranked


def year_records(
    ws: Workspace,
    quarters: list[Quarter],
    *,
    statuses: dict[str, QuarterStatus] | None = None,
    lint_quarter=None,
) -> YearRecords:
    """The records of one year's ``quarters`` (all of the same year), ranked.

    ``statuses`` may hold quarter statuses already computed (by quarter string); the others are
    computed here, linting through ``lint_quarter(q) -> Result`` when given."""
    cat = ws.cat
    statuses = dict(statuses or {})
    per: dict[str, list[QuarterMark]] = {}
    for q in quarters:
        st = statuses.get(str(q))
        if st is None:
            res: Result | None = lint_quarter(q) if lint_quarter else None
            st = statuses[str(q)] = quarter_status(ws, q, result=res)
        for u in st.units:
            per.setdefault(u.unit_id, []).append(mark(st, u))
    order = {u.id: i for i, u in enumerate(cat.units)}
    units = [_record(cat, uid, marks) for uid, marks in per.items()]
    year = quarters[0].year
    return YearRecords(year, [str(q) for q in quarters], rank(units, order), None, statuses)


def _record(cat: Catalog, uid: str, marks: list[QuarterMark]) -> UnitRecord:
    u = cat.by_id[uid]
    return UnitRecord(uid, u.name, u.kind, marks)


def with_previous(current: YearRecords, previous: YearRecords | None) -> YearRecords:
    """Fill each unit's rank in the year before (the change in rank follows)."""
    if previous is None:
        return current
    before = {u.unit_id: u.rank for u in previous.units}
    for u in current.units:
        u.previous_rank = before.get(u.unit_id)
    current.previous_year = previous.year
    return current


def records_for(ws: Workspace, year: int, *, lint_quarter=None) -> YearRecords:
    """The year's records with the change in rank since the year before (when the plan and the
    data reach back that far)."""
    quarters = span_quarters(ws, year)
    current = year_records(ws, quarters, lint_quarter=lint_quarter)
    prev_q = [q for q in ws.cat.quarters() if q.year == year - 1]
    have = {str(q) for q in ws.quarter_folders()}
    previous = year_records(ws, prev_q, lint_quarter=lint_quarter) if any(str(q) in have for q in prev_q) else None
    return with_previous(current, previous)
