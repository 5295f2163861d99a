"""Finding and loading quarterly submissions: ``progress/<quarter>/<unit id>.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zengshou.catalog import Catalog
from zengshou.loader import Document, load_file
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


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def submission_files(data_dir: Path, paths: list[Path] | None = None, quarter: str | None = None) -> list[Path]:
    """The files to check: the given ones (folders expanded), else one quarter or all."""
    found: list[Path] = []
    data_dir = Path(data_dir)
    paths = [Path(p) for p in paths] if paths else paths
    if paths:
        for p in paths:
            if p.is_dir():
                found += [f for f in sorted(p.rglob("*")) if f.suffix in SUFFIXES and f.is_file()]
            else:
                found.append(p)
        found = [f for f in found if not (f.name in DEFINITIONS and f.resolve().parent == data_dir.resolve())]
    else:
        base = data_dir / "progress"
        folders = [base / quarter] if quarter else sorted(p for p in base.glob("*") if p.is_dir())
        for folder in folders:
            found += sorted(f for f in folder.glob("*") if f.suffix in SUFFIXES and f.is_file())
    if quarter and paths:
        found = [f for f in found if f.parent.name == quarter]
    seen, out = set(), []
    for f in found:
        k = f.resolve()
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def load_submission(path: Path, cat: Catalog, data_dir: Path | None = None) -> Loaded:
    display = display_path(path)
    doc = load_file(path, display)
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
    for f in sorted(folder.glob("*")):
        if f.suffix in SUFFIXES and f.is_file():
            sub = load_submission(f, cat, data_dir)
            if sub.ok and sub.unit_id and (sub.unit_id not in out or f.stem == sub.unit_id):
                out[sub.unit_id] = sub
    return out
