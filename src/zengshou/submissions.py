"""Finding and loading quarterly submissions: ``progress/<quarter>/<unit id>.yaml``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zengshou.catalog import Catalog
from zengshou.findings import Finding
from zengshou.i18n import both
from zengshou.loader import Document, display_path, file_kind, load_file, read_bytes  # noqa: F401  (display_path: re-exported)
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
    real_dirs: dict[Path, str] = {}  # a folder's real path, resolved once for all its files
    for f in found:
        if f.is_symlink():
            k = f.absolute()
        elif f.name in ("", ".", ".."):
            k = f.resolve()
        else:  # what f.resolve() gives: the last part is no link, so only the folder resolves
            parent = real_dirs.get(f.parent)
            if parent is None:
                parent = real_dirs[f.parent] = os.path.realpath(f.parent)
            k = Path(parent, f.name)
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
            kind = both("kind.broken_link")
        return [Finding("S117", display_path(base), None, None, {"kind": kind})]
    return []


def load_submission(path: Path, cat: Catalog, data_dir: Path | None = None) -> Loaded:
    """One file; ``data_dir`` is the directory a symbolic link must not lead out of (S113)."""
    display = display_path(path)
    doc = load_file(path, display, root=data_dir)
    model = validate(doc, Submission) if doc.data is not None or not doc.findings else None
    unit = cat.resolve(model.unit) if model else None
    q = Quarter.try_parse(model.quarter) if model else None
    return Loaded(path, display, doc, model, unit.id if unit else None, q, path.parent.name)


def load_light(path: Path, cat: Catalog, cache=None, data_dir: Path | None = None) -> Loaded:
    """A file read for what *other* files' checks need of it (whether it is valid, its unit and
    quarter, rows, squashed texts, figures): from the cache's ``facts`` entry for its bytes when
    there is one, else read in full (and the facts kept for next time). A file from the cache
    has no progress texts or positions: it stands beside the files being checked, never for them.
    """
    path = Path(path)
    if cache is None:
        return load_submission(path, cat, data_dir)
    # never a FIFO or a device, nor a link out of the data directory (the loader says what it is):
    # a light read must refuse what a full read refuses, or C407/C408 would differ between them
    raw, _ = read_bytes(path, data_dir)
    if raw is None:
        return load_submission(path, cat, data_dir)
    key = cache.key("facts", digest_of(raw))
    entry = cache.get(key)
    if entry is not None:
        sub = _from_facts(path, cat, entry)
        if sub is not None:
            return sub
    sub = load_submission(path, cat, data_dir)
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
