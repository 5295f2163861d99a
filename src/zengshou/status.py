"""Who has reported for a quarter: the coordinator's first question (催报).

``quarter_status`` lints one quarter and returns a row per unit that must report, in the order
of ``Catalog.reporters``. The merge report's 报送情况 sheet and ``zengshou status`` both print it,
so they always agree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from zengshou.i18n import both
from zengshou.lint import Result, lint
from zengshou.quarters import Quarter
from zengshou.review import Review, ReviewError, current
from zengshou.submissions import per_unit
from zengshou.workspace import Workspace

# state, most urgent first; returned (退回) is the coordinator's decision on the file as it is now
# (zengshou.review): it outranks what the checks found, and a new version of the file clears it
STATES = ("missing", "returned", "invalid", "draft", "late", "on_time")
#: each state in both languages (the words live in the message catalogue, ``state.<name>``)
STATE_WORDS = {s: both(f"state.{s}") for s in STATES}


@dataclass
class UnitStatus:
    unit_id: str
    name: str
    kind: str
    file: str | None
    submitted: date | None
    state: str
    late_days: int
    required: int
    reported: int
    missing_rows: list[int]
    errors: int
    warnings: int
    review: Review | None = None  # the coordinator's decision that holds for the file as it is now

    def as_dict(self) -> dict:
        d = asdict(self)
        d["submitted"] = self.submitted.isoformat() if self.submitted else None
        d["review"] = (
            {"decision": self.review.decision, "comment": self.review.comment, "at": self.review.at}
            if self.review
            else None
        )
        return d


@dataclass
class QuarterStatus:
    quarter: Quarter
    deadline: date
    units: list[UnitStatus]
    result: Result
    other_files: list[str] = field(default_factory=list)  # files that belong to no required unit
    review_problems: list[ReviewError] = field(default_factory=list)  # unreadable review records

    @property
    def totals(self) -> dict[str, int]:
        t = {s: 0 for s in STATES}
        for u in self.units:
            t[u.state] += 1
        t["units"] = len(self.units)
        # a draft (no submission date) has not been sent: it counts as 草稿, not as reported
        t["reported"] = sum(1 for u in self.units if u.state not in ("missing", "draft"))
        t["missing_rows"] = sum(len(u.missing_rows) for u in self.units)
        t["errors"] = sum(u.errors for u in self.units)
        t["warnings"] = sum(u.warnings for u in self.units)
        return t

    @property
    def complete(self) -> bool:
        """Everyone has reported, nothing is missing or invalid: the scheduler can stop reminding.

        Other files (a participating unit reporting voluntarily) only block completion when they
        have errors: such units may report but need not.
        """
        stray_errors = any(f.level == "error" for o in self.other_files for f in self.result.for_file(o))
        return all(u.state in ("late", "on_time") and not u.missing_rows for u in self.units) and not stray_errors

    def as_dict(self) -> dict:
        return {
            "quarter": str(self.quarter),
            "deadline": self.deadline.isoformat(),
            "units": [u.as_dict() for u in self.units],
            "totals": self.totals,
            "other_files": list(self.other_files),
            "complete": self.complete,
        }


def quarter_status(ws: Workspace, quarter: Quarter | str, *, result: Result | None = None) -> QuarterStatus:
    q = Quarter.parse(str(quarter))
    if result is None:
        result = lint(ws, quarter=str(q))
    cat = ws.cat
    deadline = cat.deadline(q)
    mine = per_unit(sub for sub in result.submissions if sub.folder == str(q))
    rows: list[UnitStatus] = []
    problems: list[ReviewError] = []
    required_ids = cat.reporters(q)
    for uid in required_ids:
        u = cat.by_id[uid]
        need = cat.required_rows(uid, q)
        sub = mine.get(uid)
        if sub is None:
            rows.append(UnitStatus(uid, u.name, u.kind, None, None, "missing", 0, len(need), 0, list(need), 0, 0))
            continue
        fs = result.for_file(sub.display)
        errors = sum(1 for f in fs if f.level == "error")
        warnings = sum(1 for f in fs if f.level == "warning")
        have = {it.task for it in sub.model.items} if sub.model else set()
        missing = [r for r in need if r not in have]
        submitted = sub.model.submitted if sub.model else None
        late_days = max(0, (submitted - deadline).days) if submitted else 0
        try:
            review = current(ws.data_dir, str(q), uid, sub.path)
        except ReviewError as e:
            review = None
            problems.append(e)
        if review is not None and review.decision == "returned":
            state = "returned"
        elif errors:
            state = "invalid"
        elif submitted is None:
            state = "draft"
        elif late_days:
            state = "late"
        else:
            state = "on_time"
        rows.append(
            UnitStatus(
                uid,
                u.name,
                u.kind,
                sub.display,
                submitted,
                state,
                late_days,
                len(need),
                len(need) - len(missing),
                missing,
                errors,
                warnings,
                review,
            )
        )
    used = {mine[uid].display for uid in required_ids if uid in mine}
    others = sorted(s.display for s in result.submissions if s.display not in used)
    return QuarterStatus(q, deadline, rows, result, others, problems)
