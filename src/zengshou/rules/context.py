"""What submission rules may look at besides the file itself, and how they report.

A :class:`Context` sits on the run's :class:`~zengshou.workspace.Workspace` (the catalog, the
other units' files, last quarter's file, today) and adds what only the rules need: compact
indexes of squashed texts for C407/C408. Files outside the run are read light (the workspace's
``light=True``: from the cache when it knows them), since only their texts and figures matter.
The linter checks one quarter folder at a time and then calls :meth:`Context.done`, which keeps
the quarter's compact texts (for the next quarter's C407) and lets the parsed documents go:
memory stays flat however many quarters a data directory holds.

Checks report through :meth:`Context.findings`: a list that records a finding only when its
rule is switched on, so a rule that is off is never reported, and no rule can read another's
outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from zengshou.catalog import Catalog
from zengshou.findings import Finding
from zengshou.quarters import Quarter
from zengshou.submissions import Loaded, per_unit
from zengshou.workspace import Workspace

Texts = dict[int, str]  # row → squashed progress text


class Findings(list[Finding]):
    """The findings one check makes on one file, positioned by a path into the document."""

    def __init__(self, sub: Loaded, off: frozenset[str]):
        super().__init__()
        self.sub = sub
        self.off = off

    def at(self, loc: tuple, code: str, /, *, key: bool = False, **params: Any) -> None:
        if code in self.off:
            return
        line, col = self.sub.doc.pos(loc, key=key)
        self.append(Finding(code, self.sub.display, line, col, params))


@dataclass
class Context:
    ws: Workspace
    subs: list[Loaded] = field(default_factory=list)  # the files of this run in the current folder
    partial: bool = False  # only some files of a folder are checked (pre-commit)
    off: frozenset[str] = frozenset()  # rule codes switched off in the configuration
    prev_figures: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    _quarters: dict[str, dict[str, Loaded]] = field(default_factory=dict)
    _index: dict[str, dict[int, dict[str, list[str]]]] = field(default_factory=dict)
    _by_unit: dict[str, dict[str, Texts]] = field(default_factory=dict)

    @property
    def cat(self) -> Catalog:
        return self.ws.cat

    @property
    def today(self) -> date:
        return self.ws.today

    def findings(self, sub: Loaded) -> Findings:
        return Findings(sub, self.off)

    def quarter(self, q: Quarter | str) -> dict[str, Loaded]:
        """Valid submissions of a quarter by unit id. The files of this run take precedence;
        when only some files are checked (pre-commit), the rest of the folder is read too."""
        key = str(q)
        if key not in self._quarters:
            mine = [s for s in self.subs if _of(s, key)]
            rest: list[Loaded] = []
            if self.partial or not per_unit(mine):
                # the same files, chosen the same way, as a run over the folder takes: a run of
                # one quarter (validate --quarter) or one file must find what a full run finds
                rest = [s for s in map(self.ws.peek, self.ws.folder_files(key)) if _of(s, key)]
            self._quarters[key] = per_unit([*rest, *mine])
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
            self._by_unit[key] = {uid: self._texts_of(sub) for uid, sub in self.quarter(key).items()}
        return self._by_unit[key]

    def _texts_of(self, sub: Loaded) -> Texts:
        if not sub.model:
            return {}
        return {it.task: s for it, s in zip(sub.model.items, sub.squashed(), strict=True)}

    def previous(self, sub: Loaded) -> tuple[str, Texts] | None:
        """The unit's texts of the quarter before, as ``(quarter, {row: squashed text})``:
        from the index of the quarter just checked, or else from that one file alone."""
        if not sub.quarter or not sub.unit_id:
            return None
        prev = str(sub.quarter.prev())
        # the index of the quarter just checked, or else the same index built from that folder:
        # before, this read only ``<unit id>.yaml``, so a last-quarter file named otherwise gave
        # C407 in a full run and not in ``validate --quarter`` (whose cached result then hid it)
        texts = self._unit_texts(prev).get(sub.unit_id)
        return (prev, texts) if texts is not None else None

    def done(self, q: Quarter | str) -> None:
        """The quarter is checked: keep its compact texts for the next one, drop the rest."""
        key = str(q)
        self._unit_texts(key)
        self._quarters.pop(key, None)
        self._index.pop(key, None)
        for old in [k for k in self._by_unit if k < key]:
            del self._by_unit[old]
        for old in [k for k in self._quarters if k < key]:
            del self._quarters[old]
        self.prev_figures.clear()


def _of(sub: Loaded, key: str) -> bool:
    """A valid file of quarter ``key`` in that quarter's folder: what the cross-file rules read."""
    return sub.ok and sub.quarter is not None and str(sub.quarter) == key and sub.folder == key
