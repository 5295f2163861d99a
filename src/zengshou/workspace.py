"""The one owner of data access: a data directory's catalog and submissions, each read once.

Every command that reads submissions (``validate``, ``status``, ``merge``, ``indicators``,
``history``, ``import``) goes through a :class:`Workspace`. It answers the questions that were
once answered in several places, each slightly differently:

* which file is a unit's submission for a quarter (the file named after the unit wins),
* what the unit submitted the quarter before,
* which quarter folders exist.

Its caches are declared fields, live as long as the workspace (one command run) and are
dropped per quarter with :meth:`Workspace.forget`, so a large tree is checked in flat memory.
There are no module-level caches.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from zengshou.catalog import Catalog
from zengshou.configfile import load_deadlines
from zengshou.findings import Finding
from zengshou.loader import Document, load_file
from zengshou.models import TasksFile, UnitsFile
from zengshou.quarters import Quarter
from zengshou.schema import validate
from zengshou.submissions import SUFFIXES, Loaded, display_path, load_light, load_submission, per_unit

DEFINITION_FILES = (("units.yaml", UnitsFile), ("tasks.yaml", TasksFile))


class BadToday(ValueError):
    """ZENGSHOU_TODAY is set but is not a real YYYY-MM-DD date."""


def today() -> date:
    """Today, or ZENGSHOU_TODAY (YYYY-MM-DD) so CI and tests can pin the date. A value that is
    not a real date raises :class:`BadToday` (the CLI turns it into exit 2), never silently
    the real today. The one place the variable is read."""
    pinned = (os.environ.get("ZENGSHOU_TODAY") or "").strip()
    if not pinned:
        return date.today()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", pinned):
            return date.fromisoformat(pinned)
    except ValueError:
        pass
    raise BadToday(pinned)


@dataclass
class Workspace:
    data_dir: Path
    catalog: Catalog | None = None
    today: date = field(default_factory=today)
    # what reading tasks.yaml / units.yaml found (missing file, syntax, structure) and the parsed
    # documents, which the definition rules check with positions
    catalog_findings: list[Finding] = field(default_factory=list)
    definition_docs: dict[str, Document] = field(default_factory=dict)
    # the definition rules' findings, computed once per run by the linter core
    definition_findings: list[Finding] | None = None
    # the run's content cache (zengshou.cache.Cache) when it has one: other files are read from it
    cache: Any = field(default=None, repr=False)
    _files: dict[Path, Loaded] = field(default_factory=dict, repr=False)
    _quarters: dict[str, dict[str, Loaded]] = field(default_factory=dict, repr=False)
    # files read only for what other files' checks need (see :func:`submissions.load_light`)
    _light: dict[Path, Loaded] = field(default_factory=dict, repr=False)
    _light_quarters: dict[str, dict[str, Loaded]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir)

    @classmethod
    def open(cls, data_dir: Path | str, *, today: date | None = None) -> Workspace:
        """Read ``units.yaml`` and ``tasks.yaml``; the catalog is None when they cannot be read.
        The catalog carries the configuration's ``[deadlines]`` (a bad entry raises ConfigError)."""
        ws = cls(Path(data_dir))
        if today is not None:
            ws.today = today
        ws._read_definitions()
        return ws

    def _read_definitions(self) -> None:
        models = {}
        for name, model in DEFINITION_FILES:
            path = self.data_dir / name
            shown = display_path(path)
            if not os.path.lexists(path):
                self.catalog_findings.append(Finding("D200", shown, None, None, {"path": shown}))
                continue
            doc = load_file(path, shown, root=self.data_dir)  # a directory, FIFO or link out: S113/S114
            models[name] = validate(doc, model, code="S108")
            self.catalog_findings.extend(doc.findings)
            self.definition_docs[name] = doc
        if len(models) < 2 or any(m is None for m in models.values()):
            return
        tf, uf = models["tasks.yaml"], models["units.yaml"]
        assert isinstance(tf, TasksFile) and isinstance(uf, UnitsFile)
        self.catalog = Catalog(
            tf.plan,
            tf.parts,
            list(tf.measures),
            tf.tasks,
            uf.units,
            tasks_path=self.definition_docs["tasks.yaml"].path,
            units_path=self.definition_docs["units.yaml"].path,
            deadline_overrides=load_deadlines(self.data_dir),
        )

    @property
    def cat(self) -> Catalog:
        if self.catalog is None:
            raise ValueError("the plan definitions could not be read")
        return self.catalog

    # ------------------------------------------------------------ submissions
    def submission(self, path: Path) -> Loaded:
        """One file, read once per run."""
        key = Path(path).absolute()
        sub = self._files.get(key)
        if sub is None:
            sub = self._files[key] = load_submission(Path(path), self.cat, self.data_dir)
        return sub

    def peek(self, path: Path) -> Loaded:
        """A file as other files' checks see it (C407 last quarter, C408 the same quarter, F704
        last quarter's figures): the full file when this run read it, else a light read that
        the cache can answer without parsing (:func:`submissions.load_light`)."""
        key = Path(path).absolute()
        sub = self._files.get(key) or self._light.get(key)
        if sub is None:
            sub = self._light[key] = load_light(Path(path), self.cat, self.cache, self.data_dir)
        return sub

    def quarter(self, quarter: Quarter | str, *, light: bool = False) -> dict[str, Loaded]:
        """Valid submissions in a quarter's folder, by unit id (see :func:`submissions.per_unit`).
        ``light``: the files as :meth:`peek` reads them."""
        key = str(quarter)
        if key in self._quarters:
            return self._quarters[key]
        if light and key in self._light_quarters:
            return self._light_quarters[key]
        files = self._folder_files(key)
        if light:
            self._light_quarters[key] = per_unit(self.peek(f) for f in files)
            return self._light_quarters[key]
        self._quarters[key] = per_unit(self.submission(f) for f in files)
        return self._quarters[key]

    def folder_files(self, key: str) -> list[Path]:
        """The regular ``*.yaml`` files of a quarter folder, sorted (as a run checks them)."""
        return self._folder_files(key)

    def _folder_files(self, key: str) -> list[Path]:
        folder = self.data_dir / "progress" / key
        return [f for f in sorted(folder.glob("*")) if f.suffix in SUFFIXES and f.is_file()] if folder.is_dir() else []

    def unit_file(self, quarter: Quarter | str, unit_id: str, *, light: bool = False) -> Loaded | None:
        """The unit's own file of a quarter (``progress/<Q>/<id>.yaml``), when valid and its own."""
        key = str(quarter)
        if key in self._quarters:
            return self._quarters[key].get(unit_id)
        if light and key in self._light_quarters:
            return self._light_quarters[key].get(unit_id)
        for suffix in SUFFIXES:
            path = self.data_dir / "progress" / key / f"{unit_id}{suffix}"
            if path.is_file():
                sub = self.peek(path) if light else self.submission(path)
                return sub if sub.ok and sub.unit_id == unit_id else None
        return None

    def previous(self, unit_id: str, quarter: Quarter | str, *, light: bool = False) -> Loaded | None:
        """What the unit submitted the quarter before ``quarter``."""
        return self.unit_file(Quarter.parse(str(quarter)).prev(), unit_id, light=light)

    def quarter_folders(self) -> list[Quarter]:
        """Quarters that have a folder under ``progress/``, oldest first."""
        base = self.data_dir / "progress"
        found = [Quarter.try_parse(p.name) for p in base.glob("*") if p.is_dir()] if base.is_dir() else []
        return sorted(q for q in found if q is not None)

    def forget(self, quarters: Iterable[str]) -> None:
        """Drop the parsed files of these quarter folders (their compact indexes live elsewhere)."""
        gone = set(quarters)
        for key in gone:
            self._quarters.pop(key, None)
            self._light_quarters.pop(key, None)
        for files in (self._files, self._light):
            for path in [p for p, s in files.items() if s.folder in gone]:
                del files[path]
