"""The plan's definitions — tasks, measures, units — as one queryable object.

A :class:`Catalog` answers the questions every command asks: who is this unit (by id, name or
alias), which rows must it report on and in what role, who must report in a quarter, where is
the deadline. It is built once from ``tasks.yaml`` and ``units.yaml``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from zengshou.models import Measure, Part, Plan, Task, TasksFile, Unit, UnitsFile
from zengshou.quarters import Quarter
from zengshou.text import squash

COUNTY_GROUP = "gxrmzf"  # 各县人民政府: the 17 county-level governments


def normalize(name: str) -> str:
    """Fold the ways a clerk may type a name: width, spaces, ASCII vs full-width brackets."""
    s = unicodedata.normalize("NFKC", name or "")
    s = re.sub(r"\s+", "", s)
    return s.replace("(", "（").replace(")", "）").replace(",", "，").strip()


@dataclass
class Catalog:
    plan: Plan
    parts: list[Part]
    measure_list: list[Measure]
    tasks: list[Task]
    units: list[Unit]
    tasks_path: str = "data/tasks.yaml"
    units_path: str = "data/units.yaml"
    by_id: dict[str, Unit] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)
    _task_units: dict[int, list[str]] = field(default_factory=dict)
    _roles: dict[tuple, dict[int, str]] = field(default_factory=dict)
    _squashed_tasks: dict[int, str] = field(default_factory=dict)
    deadline_overrides: dict[str, date] = field(default_factory=dict)  # quarter → day, from [deadlines]

    def __post_init__(self) -> None:
        self.measures: dict[int, Measure] = {m.id: m for m in self.measure_list}
        self.by_id = {u.id: u for u in self.units}
        for u in self.units:
            for n in (u.id, u.name, *u.aliases, *u.former_names):
                self._names.setdefault(normalize(n), u.id)
        self._tasks = {t.id: t for t in self.tasks}
        self._members = {u.id: frozenset(u.members) for u in self.units if u.kind == "group"}
        self._successions = any(u.successor for u in self.units)
        for t in self.tasks:
            self._task_units[t.id] = [uid for uid in (self.id_of(n) for n in t.units) if uid]

    # ------------------------------------------------------------ units
    def resolve(self, name: str | None) -> Unit | None:
        if not name:
            return None
        uid = self._names.get(normalize(str(name)))
        if uid is None:
            uid = self._names.get(normalize(str(name)).lower())
        return self.by_id.get(uid) if uid else None

    def id_of(self, name: str) -> str | None:
        u = self.resolve(name)
        return u.id if u else None

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Nearest unit names, for an "unknown unit" message."""
        key = normalize(name)
        pool = {normalize(k): self.by_id[v].name for k, v in self._names.items()}
        hits = difflib.get_close_matches(key, list(pool), n=n * 3, cutoff=0.4)
        # also: names that contain what was typed, or are contained in it
        hits += [k for k in pool if key and (key in k or (len(k) >= 2 and k in key))]
        out: list[str] = []
        for h in hits:
            full = pool[h]
            if full not in out:
                out.append(full)
        return out[:n]

    def members(self, unit_id: str) -> list[str]:
        u = self.by_id[unit_id]
        return list(u.members) if u.kind == "group" else [unit_id]

    def counties(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "county"]

    def current(self, unit_id: str, quarter: Quarter | str) -> str:
        """The office that reports for ``unit_id`` in ``quarter``, following successors."""
        if not self._successions:
            return unit_id
        q = Quarter.parse(str(quarter))
        seen = set()
        uid = unit_id
        while uid not in seen:
            seen.add(uid)
            succ = self.by_id[uid].successor
            if succ is None or q < Quarter.parse(succ.from_):
                return uid
            uid = succ.id
        return uid

    # ------------------------------------------------------------ tasks
    def task(self, row: int) -> Task | None:
        return self._tasks.get(row)

    def squashed_task(self, row: int) -> str:
        """The row's task text reduced for comparisons (C406: progress that only copies it)."""
        if row not in self._squashed_tasks:
            task = self._tasks.get(row)
            self._squashed_tasks[row] = squash(task.text) if task else ""
        return self._squashed_tasks[row]

    def task_unit_ids(self, row: int) -> list[str]:
        return self._task_units.get(row, [])

    def lead(self, row: int, quarter: Quarter | str | None = None) -> str:
        uid = self._task_units[row][0]
        return self.current(uid, quarter) if quarter else uid

    def roles(self, unit_id: str, quarter: Quarter | str | None = None) -> dict[int, str]:
        """Rows ``unit_id`` is named on, with its role: lead, participant or county.

        A county is named directly (龙胜县) or through 各县人民政府. With a quarter, a successor
        also takes over its predecessors' rows.
        """
        key = (unit_id, str(quarter) if quarter is not None and self._successions else None)
        if key in self._roles:
            return dict(self._roles[key])
        ids = {unit_id}
        if quarter is not None and self._successions:
            ids |= {u.id for u in self.units if self.current(u.id, quarter) == unit_id}
        out: dict[int, str] = {}
        for t in self.tasks:
            named = self._task_units[t.id]
            for pos, uid in enumerate(named):
                if uid in ids or not ids.isdisjoint(self._members.get(uid, ())):
                    kind = self.by_id[unit_id].kind
                    role = "county" if kind == "county" else ("lead" if pos == 0 else "participant")
                    if out.get(t.id) != "lead":
                        out[t.id] = role
        self._roles[key] = out
        return dict(out)

    def required_rows(self, unit_id: str, quarter: Quarter | str | None = None) -> list[int]:
        """Rows the unit must report: a county every row naming it, a lead unit the rows it leads."""
        return sorted(r for r, role in self.roles(unit_id, quarter).items() if role in ("lead", "county"))

    def reporters(self, quarter: Quarter | str | None = None) -> list[str]:
        """Everyone who must report in a quarter: the lead units, then the counties, in file order."""
        need: set[str] = set()
        for t in self.tasks:
            named = self._task_units[t.id]
            if named:
                lead = named[0]
                need.add(self.current(lead, quarter) if quarter else lead)
        for u in self.counties():
            need.add(self.current(u.id, quarter) if quarter else u.id)
        order = {u.id: i for i, u in enumerate(self.units)}
        kind_rank = {"department": 0, "other": 0, "county": 1, "group": 2}
        return sorted((uid for uid in need if self.by_id[uid].kind != "group"),
                      key=lambda uid: (kind_rank[self.by_id[uid].kind], order[uid]))

    # ------------------------------------------------------------ calendar
    def deadline(self, quarter: Quarter | str) -> date:
        """The last day a quarter's report counts as on time — the one source for T601, status,
        reminders, forms and reports.

        A coordinator's ``[deadlines]`` entry for the quarter wins (holidays; the workspace reads
        it from the configuration); otherwise day ``deadline_day`` of the next quarter's first
        month, read as the tool's declared reading of the plan's "6日前": inclusive (the 6th is on
        time) unless ``deadline_inclusive`` is false.
        """
        q = Quarter.parse(str(quarter))
        if str(q) in self.deadline_overrides:
            return self.deadline_overrides[str(q)]
        nxt = q.next()
        day = date(nxt.year, nxt.first_month, self.plan.deadline_day)
        return day if self.plan.deadline_inclusive else day - timedelta(days=1)

    def deadline_from_config(self, quarter: Quarter | str) -> bool:
        """Whether the quarter's deadline was set in configuration rather than by the plan."""
        return str(Quarter.parse(str(quarter))) in self.deadline_overrides

    def in_period(self, quarter: Quarter | str) -> bool:
        q = Quarter.parse(str(quarter))
        return Quarter.parse(self.plan.period.start) <= q <= Quarter.parse(self.plan.period.end)

    def quarters(self) -> list[Quarter]:
        q, end = Quarter.parse(self.plan.period.start), Quarter.parse(self.plan.period.end)
        out = []
        while q <= end:
            out.append(q)
            q = q.next()
        return out
