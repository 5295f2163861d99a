"""The merge itself: the plan's table plus every valid submission → one report model.

The Excel and HTML renderers only lay this model out, so both always show the same texts and
the same markers. Everything here is ordered deterministically — rows in table order, units in
``units.yaml`` order — so the same inputs give the same report, byte for byte.

Who appears where:

* every row carries its **lead** unit's entry: the text, or a marker — 未报送 (no submission),
  未填写 (a submission that leaves the row out or empty), or "skipped" (the unit's file has
  errors and ``--skip-invalid`` left it out);
* then the **counties** named on the row (directly or through 各县人民政府), always, since they
  must report it; then **participating** units, only when they wrote something (they may
  report, but need not). A unit that reports a row it is not named on (only possible when
  rule C402 is switched off) still appears, as "other": no submitted text is ever dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zengshou.catalog import Catalog
from zengshou.findings import Finding
from zengshou.lint import Result, lint
from zengshou.models import Measure, Plan, Task
from zengshou.quarters import Quarter
from zengshou.status import QuarterStatus, quarter_status
from zengshou.submissions import Loaded, per_unit
from zengshou.workspace import Workspace

FILLED, MISSING, BLANK, SKIPPED = "filled", "missing", "blank", "skipped"
ROLE_ORDER = {"lead": 0, "participant": 1, "other": 1, "county": 2}


@dataclass(frozen=True)
class Source:
    """Where a text was typed: for messages that point back at the submission."""

    file: str
    line: int | None
    col: int | None


@dataclass
class Entry:
    """One unit's contribution to one row."""

    unit_id: str
    unit_name: str
    role: str  # lead | participant | county | other
    state: str  # filled | missing | blank | skipped
    text: str = ""
    status: str | None = None  # the item's optional 未启动/推进中/已完成/持续推进
    source: Source | None = None

    @property
    def filled(self) -> bool:
        return self.state == FILLED


@dataclass
class Row:
    task: Task
    measure: Measure
    lead: Entry
    others: list[Entry] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.task.id

    @property
    def units_text(self) -> str:
        return self.task.units_text or "、".join(self.task.units)

    @property
    def entries(self) -> list[Entry]:
        return [self.lead, *self.others]

    @property
    def measure_label(self) -> str:
        return f"{self.measure.id}．{self.measure.title}"


@dataclass
class UnitSection:
    """A lead unit's rows, or a county's own table."""

    unit_id: str
    name: str
    kind: str
    state: str  # filled (it reported) | missing | skipped
    file: str | None
    submitted: date | None
    contact: str | None
    rows: list[Row]
    entries: list[Entry]  # this unit's entry for each of ``rows``, same order

    @property
    def anchor(self) -> str:
        return self.unit_id

    @property
    def pairs(self) -> list[tuple[Row, Entry]]:
        return list(zip(self.rows, self.entries))


@dataclass
class Skipped:
    file: str
    unit_id: str | None
    errors: int


@dataclass
class Report:
    plan: Plan
    quarter: Quarter
    deadline: date
    rows: list[Row]
    leads: list[UnitSection]
    counties: list[UnitSection]
    status: QuarterStatus
    skipped: list[Skipped]
    result: Result

    def texts(self) -> list[Entry]:
        """Every submitted text in the report (for limits such as Excel's cell size)."""
        seen: list[Entry] = []
        for row in self.rows:
            seen.extend(e for e in row.entries if e.filled)
        return seen


class MergeBlocked(Exception):
    """Errors stop the merge; ``findings`` lists them, ``result`` has the sources to quote."""

    def __init__(self, findings: list[Finding], result: Result, skippable: bool):
        super().__init__(f"{len(findings)} error(s) block the merge")
        self.findings = findings
        self.result = result
        self.skippable = skippable  # True when --skip-invalid would let the merge go on


# ---------------------------------------------------------------- merge

def merge(data_dir: Workspace | Path | str, quarter: Quarter | str, *, cat: Catalog | None = None,
          skip_invalid: bool = False, result: Result | None = None) -> Report:
    """Validate the quarter and build its report.

    Errors in the definitions always block. Errors in a submission block unless
    ``skip_invalid``, which leaves that submission out and marks its unit. Missing
    submissions never block: they show as 未报送.
    """
    q = Quarter.parse(str(quarter))
    ws = data_dir if isinstance(data_dir, Workspace) else Workspace.open(data_dir)
    if result is None:
        result = lint(ws, quarter=str(q))
    if cat is None:
        cat = result.catalog
    errors = [f for f in result.findings if f.level == "error"]
    in_quarter = {s.display: s for s in result.submissions if s.folder == str(q)}
    fatal = [f for f in errors if f.file not in in_quarter]
    if cat is None or fatal or (errors and not skip_invalid):
        raise MergeBlocked(errors, result, skippable=cat is not None and not fatal)

    bad_files = {f.file for f in errors}
    good: list[Loaded] = []
    skipped: list[Skipped] = []
    for sub in sorted(in_quarter.values(), key=lambda s: s.display):
        if sub.display in bad_files or sub.model is None or not sub.unit_id:
            uid = sub.unit_id or _unit_from_stem(cat, sub.path.stem)
            skipped.append(Skipped(sub.display, uid, sum(1 for f in errors if f.file == sub.display)))
            continue
        good.append(sub)
    accepted = per_unit(good)
    skipped_units = {s.unit_id for s in skipped if s.unit_id and s.unit_id not in accepted}
    status = quarter_status(ws, q, result=result)
    return build(cat, q, accepted, skipped_units, status, skipped, result)


def _unit_from_stem(cat: Catalog, stem: str) -> str | None:
    u = cat.resolve(stem)
    return u.id if u else None


def build(cat: Catalog, q: Quarter, accepted: dict[str, Loaded], skipped_units: set[str],
          status: QuarterStatus, skipped: list[Skipped], result: Result) -> Report:
    order = {u.id: i for i, u in enumerate(cat.units)}
    # each accepted submission's items by row (the first item for a row wins; duplicates are C403)
    items: dict[str, dict[int, tuple[int, object]]] = {}
    for uid, sub in accepted.items():
        by_row: dict[int, tuple[int, object]] = {}
        for i, it in enumerate(sub.model.items):
            by_row.setdefault(it.task, (i, it))
        items[uid] = by_row

    def entry(uid: str, row: int, role: str) -> Entry:
        u = cat.by_id[uid]
        if uid not in accepted:
            return Entry(uid, u.name, role, SKIPPED if uid in skipped_units else MISSING)
        hit = items[uid].get(row)
        if hit is None:
            return Entry(uid, u.name, role, BLANK)
        i, it = hit
        text = (it.progress or "").rstrip("\r\n")
        if not text.strip():
            return Entry(uid, u.name, role, BLANK, status=it.status)
        sub = accepted[uid]
        line, col = sub.doc.pos(("items", i, "progress"))
        return Entry(uid, u.name, role, FILLED, text, it.status, Source(sub.display, line, col))

    rows: list[Row] = []
    for t in cat.tasks:
        lead = cat.lead(t.id, q)
        named: dict[str, str] = {}
        for pos, nid in enumerate(cat.task_unit_ids(t.id)):
            for mid in cat.members(nid):
                cur = cat.current(mid, q)
                if cur == lead or cat.by_id[cur].kind == "group":
                    continue
                role = "county" if cat.by_id[cur].kind == "county" else "participant"
                named.setdefault(cur, role)
        for uid, by_row in items.items():  # units reporting a row they are not named on
            if t.id in by_row and uid != lead and uid not in named:
                named[uid] = "other"
        others = []
        for uid in sorted(named, key=lambda u: (ROLE_ORDER[named[u]], order[u])):
            e = entry(uid, t.id, named[uid])
            if e.role == "county" or e.filled:
                others.append(e)
        rows.append(Row(t, cat.measures[t.measure], entry(lead, t.id, "lead"), others))

    def section(uid: str, mine: list[Row], pick) -> UnitSection:
        u = cat.by_id[uid]
        sub = accepted.get(uid)
        state = FILLED if sub else (SKIPPED if uid in skipped_units else MISSING)
        return UnitSection(uid, u.name, u.kind, state, sub.display if sub else None,
                           sub.model.submitted if sub else None, sub.model.contact_line if sub else None,
                           mine, [pick(r) for r in mine])

    lead_ids = sorted({r.lead.unit_id for r in rows}, key=order.__getitem__)
    leads = [section(uid, [r for r in rows if r.lead.unit_id == uid], lambda r: r.lead) for uid in lead_ids]
    counties = []
    for u in cat.counties():
        uid = cat.current(u.id, q)
        if uid != u.id or cat.by_id[uid].kind != "county":
            continue
        mine = [r for r in rows if any(e.unit_id == uid for e in r.entries)]
        counties.append(section(uid, mine, lambda r, uid=uid: next(e for e in r.entries if e.unit_id == uid)))
    return Report(cat.plan, q, cat.deadline(q), rows, leads, counties, status, skipped, result)


# ---------------------------------------------------------------- layout helpers

def spans(values: list) -> list[int]:
    """Row spans for merging equal neighbours: ``[a, a, b]`` → ``[2, 0, 1]`` (0 = covered)."""
    out = [0] * len(values)
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        out[i] = j - i + 1
        i = j + 1
    return out


def measure_spans(rows: list[Row]) -> list[int]:
    return spans([r.measure.id for r in rows])


def units_spans(rows: list[Row]) -> list[int]:
    """The plan prints one 责任单位 cell over a measure's rows when they share it."""
    return spans([(r.measure.id, r.units_text) for r in rows])
