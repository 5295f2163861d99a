"""Finding and loading quarterly submissions: ``progress/<quarter>/<unit id>.yaml``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from zengshou.catalog import Catalog
from zengshou.findings import Finding
from zengshou.loader import Document, display_path, file_kind, load_file  # noqa: F401  (display_path: re-exported)
from zengshou.models import Submission
from zengshou.quarters import Quarter
from zengshou.schema import validate

SUFFIXES = (".yaml", ".yml")
DEFINITIONS = ("tasks.yaml", "units.yaml")


@dataclass
class Loaded:
    path: Path
    display: str
    doc: Document
    model: Submission | None
    unit_id: str | None  # the unit the file names, resolved
    quarter: Quarter | None  # the quarter the file states, when valid
    folder: str  # name of the folder the file sits in

    @property
    def ok(self) -> bool:
        return self.model is not None


def _named_yaml(folder: Path) -> list[Path]:
    """Every entry of ``folder`` named ``*.yaml``/``*.yml`` — regular or not. A FIFO, device,
    directory or link with such a name is returned too, so the loader reports it (S113/S114)
    instead of the scan skipping it in silence. Temporary files of an interrupted write
    (``.czj.yaml.zengshou-….tmp``) end in ``.tmp`` and are not matched."""
    return sorted(f for f in folder.glob("*") if f.suffix in SUFFIXES)


def _folders(base: Path) -> list[Path]:
    return sorted(p for p in base.glob("*") if p.is_dir())


def submission_files(data_dir: Path, paths: list[Path] | None = None, quarter: str | None = None) -> list[Path]:
    """The files to check: the given ones (folders expanded), else one quarter or all."""
    found: list[Path] = []
    data_dir = Path(data_dir)
    paths = [Path(p) for p in paths] if paths else paths
    if paths:
        for p in paths:
            if p.is_dir():
                found += [f for f in sorted(p.rglob("*")) if f.suffix in SUFFIXES]
            else:
                found.append(p)
        found = [f for f in found if not (f.name in DEFINITIONS and f.resolve().parent == data_dir.resolve())]
    else:
        base = data_dir / "progress"
        folders = [base / quarter] if quarter else _folders(base)
        for folder in folders:
            if folder.is_dir():
                found += _named_yaml(folder)
    if quarter and paths:
        found = [f for f in found if f.parent.name == quarter]
    seen, out = set(), []
    for f in found:
        k = f.absolute() if f.is_symlink() else f.resolve()
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def layout_findings(data_dir: Path) -> list[Finding]:
    """``progress`` must be a folder: a file there would make every unit look missing (S117)."""
    base = Path(data_dir) / "progress"
    if os.path.lexists(base) and not base.is_dir():
        try:
            kind = file_kind(os.stat(base).st_mode)
        except OSError:
            kind = {"zh": "失效的链接", "en": "a broken link"}
        return [Finding("S117", display_path(base), None, None, {"kind": kind})]
    return []


def load_submission(path: Path, cat: Catalog, data_dir: Path | None = None) -> Loaded:
    display = display_path(path)
    doc = load_file(path, display, root=data_dir)
    model = validate(doc, Submission) if doc.data is not None or not doc.findings else None
    unit = cat.resolve(model.unit) if model else None
    q = Quarter.try_parse(model.quarter) if model else None
    return Loaded(path, display, doc, model, unit.id if unit else None, q, path.parent.name)


def quarter_submissions(cat: Catalog, data_dir: Path, quarter: Quarter | str) -> dict[str, Loaded]:
    """Valid submissions of one quarter by unit id (the file named after the unit wins)."""
    folder = Path(data_dir) / "progress" / str(quarter)
    out: dict[str, Loaded] = {}
    if not folder.is_dir():
        return out
    for f in _named_yaml(folder):
        if f.is_file():
            sub = load_submission(f, cat, data_dir)
            if sub.ok and sub.unit_id and (sub.unit_id not in out or f.stem == sub.unit_id):
                out[sub.unit_id] = sub
    return out
