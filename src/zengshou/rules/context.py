"""What submission rules may look at besides the file itself: the catalog, the other units'
files of the same quarter, the unit's file of the quarter before, and today's date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zengshou.catalog import Catalog
from zengshou.quarters import Quarter
from zengshou.submissions import Loaded, quarter_submissions


@dataclass
class Context:
    cat: Catalog
    data_dir: Path
    subs: list[Loaded]
    partial: bool = False
    today: date = field(default_factory=date.today)
    _quarters: dict[str, dict[str, Loaded]] = field(default_factory=dict)

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

    def previous(self, sub: Loaded) -> Loaded | None:
        if not sub.quarter or not sub.unit_id:
            return None
        return self.quarter(sub.quarter.prev()).get(sub.unit_id)
