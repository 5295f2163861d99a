"""Finding and loading quarterly submissions: ``progress/<quarter>/<unit id>.yaml``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zengshou.catalog import Catalog
from zengshou.loader import Document, load_file
from zengshou.models import Submission
from zengshou.quarters import Quarter
from zengshou.schema import validate
from zengshou.text import squash

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
    _squashed: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.model is not None

    @property
    def valid(self) -> Submission:
        """The model of a file that passed the schema, for code that holds only such files."""
        if self.model is None:
            raise ValueError(f"{self.display} did not pass the schema")
        return self.model

    def squashed(self) -> list[str]:
        """Each item's progress text reduced for comparisons (:func:`text.squash`), computed once."""
        if self._squashed is None:
            self._squashed = [squash(it.progress or "") for it in self.model.items] if self.model else []
        return self._squashed


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


def load_submission(path: Path, cat: Catalog) -> Loaded:
    display = display_path(path)
    doc = load_file(path, display)
    model = validate(doc, Submission) if doc.data is not None or not doc.findings else None
    unit = cat.resolve(model.unit) if model else None
    q = Quarter.try_parse(model.quarter) if model else None
    return Loaded(path, display, doc, model, unit.id if unit else None, q, path.parent.name)


def load_light(path: Path, cat: Catalog, cache=None) -> Loaded:
    """A file read for what *other* files' checks need of it (whether it is valid, its unit and
    quarter, rows, squashed texts, figures): from the cache's ``facts`` entry for its bytes when
    there is one, else read in full (and the facts kept for next time). A file from the cache
    has no progress texts or positions: it stands beside the files being checked, never for them.
    """
    path = Path(path)
    if cache is None:
        return load_submission(path, cat)
    try:
        raw = path.read_bytes()
    except OSError:
        return load_submission(path, cat)
    key = cache.key("facts", digest_of(raw))
    entry = cache.get(key)
    if entry is not None:
        sub = _from_facts(path, cat, entry)
        if sub is not None:
            return sub
    sub = load_submission(path, cat)
    cache.put(key, _facts(sub))
    return sub


def digest_of(raw: bytes) -> str:
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _facts(sub: Loaded) -> dict:
    if sub.model is None:
        return {"ok": False}
    data = sub.model.model_dump(mode="json", by_alias=True)
    for item in data.get("items", []):
        item.pop("progress", None)  # the squashed texts stand for them
        item.pop("note", None)
    return {"ok": True, "data": data, "squashed": sub.squashed()}


def _from_facts(path: Path, cat: Catalog, entry: dict) -> Loaded | None:
    from pydantic import ValidationError

    display = display_path(path)
    doc = Document(display)
    if entry.get("ok") is False:
        return Loaded(path, display, doc, None, None, None, path.parent.name)
    squashed = entry.get("squashed")
    try:
        model = Submission.model_validate(entry.get("data"))
    except ValidationError:
        return None
    if (
        not isinstance(squashed, list)
        or len(squashed) != len(model.items)
        or not all(isinstance(s, str) for s in squashed)
    ):
        return None
    unit = cat.resolve(model.unit)
    q = Quarter.try_parse(model.quarter)
    return Loaded(path, display, doc, model, unit.id if unit else None, q, path.parent.name, squashed)


def per_unit(subs: Iterable[Loaded]) -> dict[str, Loaded]:
    """Valid submissions by unit id. When two files name the same unit, the file named after the
    unit (``<id>.yaml``) wins; otherwise the later one. The one place this rule lives."""
    out: dict[str, Loaded] = {}
    for sub in subs:
        if sub.ok and sub.unit_id and (sub.unit_id not in out or sub.path.stem == sub.unit_id):
            out[sub.unit_id] = sub
    return out
