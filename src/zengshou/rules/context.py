"""What submission rules may look at besides the file itself: the catalog, the other units'
files of the same quarter, the unit's file of the quarter before, and today's date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zengshou.catalog import Catalog
from zengshou.quarters import Quarter
from zengshou.submissions import SUFFIXES, Loaded, load_submission, quarter_submissions


@dataclass
class Context:
    cat: Catalog
    data_dir: Path
    subs: list[Loaded]
    partial: bool = False
    today: date = field(default_factory=date.today)
    _quarters: dict[str, dict[str, Loaded]] = field(default_factory=dict)
    _texts: dict[str, dict] = field(default_factory=dict)
    _previous: dict[tuple[str, str], Loaded | None] = field(default_factory=dict)

    def quarter(self, q: Quarter | str) -> dict[str, Loaded]:
        """Valid submissions of a quarter by unit id — the files checked in this run take precedence."""
        key = str(q)
        if key not in self._quarters:
            found = quarter_submissions(self.cat, self.data_dir, key)
            for s in self.subs:
                if s.ok and s.unit_id and s.quarter and str(s.quarter) == key and s.folder == key:
                    found[s.unit_id] = s
            self._quarters[key] = found
        return self._quarters[key]

    def texts(self, q: Quarter | str) -> dict[int, dict[str, list[str]]]:
        """Per row, squashed progress text → the units that submitted it (for C408)."""
        key = str(q)
        if key not in self._texts:
            from zengshou.rules.content import squash

            index: dict[int, dict[str, list[str]]] = {}
            for uid, sub in sorted(self.quarter(key).items()):
                for it in sub.model.items:
                    s = squash(it.progress or "")
                    if s:
                        index.setdefault(it.task, {}).setdefault(s, []).append(uid)
            self._texts[key] = index
        return self._texts[key]

    def previous(self, sub: Loaded) -> Loaded | None:
        """The unit's valid file of the quarter before (only that file is read)."""
        if not sub.quarter or not sub.unit_id:
            return None
        prev = str(sub.quarter.prev())
        if prev in self._quarters:
            return self._quarters[prev].get(sub.unit_id)
        key = (prev, sub.unit_id)
        if key not in self._previous:
            found = None
            for suffix in SUFFIXES:
                path = self.data_dir / "progress" / prev / f"{sub.unit_id}{suffix}"
                if path.is_file():
                    cand = load_submission(path, self.cat, self.data_dir)
                    if cand.ok and cand.unit_id == sub.unit_id:
                        found = cand
                    break
            self._previous[key] = found
        return self._previous[key]
