"""What submission rules may look at besides the file itself: the catalog, the other units'
files of the same quarter, the unit's file of the quarter before, and today's date.

The linter checks one quarter folder at a time and then calls :meth:`Context.done`, which keeps
only a compact index of the quarter's texts (for the next quarter's C407) and lets the parsed
documents go: memory stays flat however many quarters a data directory holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zengshou.catalog import Catalog
from zengshou.quarters import Quarter
from zengshou.submissions import SUFFIXES, Loaded, load_submission, quarter_submissions

Texts = dict[int, str]  # row → squashed progress text


@dataclass
class Context:
    cat: Catalog
    data_dir: Path
    subs: list[Loaded]
    partial: bool = False
    today: date = field(default_factory=lambda: today())
    _quarters: dict[str, dict[str, Loaded]] = field(default_factory=dict)
    _index: dict[str, dict[int, dict[str, list[str]]]] = field(default_factory=dict)
    _by_unit: dict[str, dict[str, Texts]] = field(default_factory=dict)
    _single: dict[tuple[str, str], Texts | None] = field(default_factory=dict)

    def quarter(self, q: Quarter | str) -> dict[str, Loaded]:
        """Valid submissions of a quarter by unit id. The files of this run take precedence;
        when only some files are checked (pre-commit), the rest of the folder is read too."""
        key = str(q)
        if key not in self._quarters:
            found: dict[str, Loaded] = {}
            mine = [s for s in self.subs if s.ok and s.unit_id and s.quarter and str(s.quarter) == key and s.folder == key]
            if self.partial or not mine:
                found = quarter_submissions(self.cat, self.data_dir, key)
            for s in mine:
                if s.unit_id not in found or s.path.stem == s.unit_id:
                    found[s.unit_id] = s
            self._quarters[key] = found
        return self._quarters[key]

    def texts(self, q: Quarter | str) -> dict[int, dict[str, list[str]]]:
        """Per row, squashed progress text → the units that submitted it (for C408)."""
        key = str(q)
        if key not in self._index:
            index: dict[int, dict[str, list[str]]] = {}
            for uid, texts in sorted(self._unit_texts(key).items()):
                for row, s in texts.items():
                    if s:
                        index.setdefault(row, {}).setdefault(s, []).append(uid)
            self._index[key] = index
        return self._index[key]

    def _unit_texts(self, key: str) -> dict[str, Texts]:
        if key not in self._by_unit:
            self._by_unit[key] = {uid: _squashed(sub) for uid, sub in self.quarter(key).items()}
        return self._by_unit[key]

    def previous(self, sub: Loaded) -> tuple[str, Texts] | None:
        """The unit's texts of the quarter before, as ``(quarter, {row: squashed text})``.

        Taken from the index of the quarter just checked, or else from that one file alone.
        """
        if not sub.quarter or not sub.unit_id:
            return None
        prev = str(sub.quarter.prev())
        if prev in self._by_unit:
            texts = self._by_unit[prev].get(sub.unit_id)
            return (prev, texts) if texts is not None else None
        key = (prev, sub.unit_id)
        if key not in self._single:
            texts = None
            for suffix in SUFFIXES:
                path = self.data_dir / "progress" / prev / f"{sub.unit_id}{suffix}"
                if path.is_file():
                    cand = load_submission(path, self.cat, self.data_dir)
                    if cand.ok and cand.unit_id == sub.unit_id:
                        texts = _squashed(cand)
                    break
            self._single[key] = texts
        texts = self._single[key]
        return (prev, texts) if texts is not None else None

    def done(self, q: Quarter | str) -> None:
        """The quarter is checked: keep its compact texts for the next one, drop the rest."""
        key = str(q)
        self._unit_texts(key)
        self._quarters.pop(key, None)
        self._index.pop(key, None)
        for old in [k for k in self._by_unit if k < key]:
            del self._by_unit[old]
        self._single.clear()


def today() -> date:
    """Today, or ZENGSHOU_TODAY (YYYY-MM-DD) so CI and tests can pin the date."""
    import os

    pinned = os.environ.get("ZENGSHOU_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return date.today()


def _squashed(sub: Loaded) -> Texts:
    from zengshou.rules.content import squashed_items

    if not sub.model:
        return {}
    return {it.task: s for it, s in zip(sub.model.items, squashed_items(sub))}
