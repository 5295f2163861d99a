"""A content cache for ``zengshou validate``, in the manner of ruff's: what a run found in a file is
kept under a key made of the file's bytes and everything that can change a finding, so the next
run over an unchanged tree reads results instead of parsing.

Two kinds of entry, each one small file under ``<cache dir>/v1/``:

* ``results`` — a file's findings (before configured levels and ``# zengshou: ignore`` apply),
  the source lines they show and the suppression comments on those lines. Keyed by the
  run's fingerprint (zengshou's code, the libraries that word findings, tasks.yaml, units.yaml,
  configuration file, whether the run is partial), the file's path and its bytes. An entry also names
  the quarter folders its cross-file rules read (C407 the previous quarter, C408 the same one)
  with a digest of each folder's files, and the submission date that decides T603 (a date in
  the future) — it is used only while all of those still hold.
* ``facts`` — what *other* files' checks need from a file (its data without the progress texts,
  and the squashed texts): keyed by zengshou's code and the file's bytes alone. A pre-commit run
  of one file reads the 60-odd files of its quarter and the quarter before from here.

Entries are written atomically (a temporary file, then ``os.replace``), so two runs writing at
once each leave a whole entry. An entry carries a signature (keyed blake2b) and its own key: a
corrupt, truncated, foreign or colliding entry is ignored, never trusted. The signing key lives
outside the repository (``~/.cache/zengshou/secret``, or inside a cache folder named with
``ZENGSHOU_CACHE_DIR``, which the user chose): a cache folder committed with the data, or
planted in a pull request, cannot vouch for a bad file. Entries are JSON — nothing in
the cache can run code. The cache is an optimisation only: any error reading or writing it
means the file is checked as if there were no cache.

Where: ``ZENGSHOU_CACHE_DIR``, else ``.zengshou-cache/`` beside the data directory (the folder
that holds ``data/``, where ``zengshou.toml`` and ``.gitignore`` live) — never inside
``data/progress/``. ``--no-cache`` or ``cache = false`` in the configuration turn it off.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import sys
import zlib
from datetime import date
from pathlib import Path
from typing import Any

from zengshou import __version__
from zengshou.atomic import write_bytes
from zengshou.findings import Finding
from zengshou.quarters import Quarter
from zengshou.registry import RULES

SUFFIXES = (".yaml", ".yml")  # as zengshou.submissions.SUFFIXES (a test keeps them equal)

ENV = "ZENGSHOU_CACHE_DIR"
DIRNAME = ".zengshou-cache"
_MAGIC = b"ZSC1"
_SUM = 16  # bytes of the keyed blake2b signature after the magic
SECRET = "secret"  # file name of the signing key
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _user_dir() -> Path:
    """zengshou's folder in the user's cache directory (outside any repository)."""
    base = (
        os.environ.get("XDG_CACHE_HOME")
        or os.environ.get("LOCALAPPDATA")
        or os.path.join(os.path.expanduser("~"), ".cache")
    )
    return Path(base) / "zengshou"


def _secret(path: Path) -> bytes | None:
    """The 32-byte signing key at ``path``, created (mode 0600) on first use; None when it can be
    neither read nor made. Why a key: a cache folder is just files, and one committed to the
    repository (or unpacked from a pull request's artifact) could otherwise carry entries that
    say "no findings" for a bad file. Entries signed with another key are ignored."""
    for _ in range(2):
        try:
            # O_NONBLOCK and a regular-file check: a FIFO (or a device) put there must not hang
            # validate or feed it a key; O_NOFOLLOW: a link could point at any file
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NOFOLLOW | getattr(os, "O_BINARY", 0))
            with os.fdopen(fd, "rb") as fh:
                if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                    return None
                key = fh.read(64)
            return key if len(key) == 32 else None
        except FileNotFoundError:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                _new_secret(path)
            except FileExistsError:
                continue  # another run made it meanwhile: read that one
            except OSError:
                return None
        except OSError:
            return None
    return None


def _new_secret(path: Path) -> None:
    """Make the key file whole or not at all: written under a private name, then linked into
    place (a run starting meanwhile must never read it empty and sign with a key of its own)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
            fh.flush()
        try:
            os.link(tmp, path)  # FileExistsError when another run was first
        except (AttributeError, NotImplementedError, PermissionError):  # no hard links here
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(tmp.read_bytes())
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def default_dir(data_dir: Path | str) -> Path:
    """``ZENGSHOU_CACHE_DIR``, else ``.zengshou-cache`` beside the data directory."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    return Path(data_dir).resolve().parent / DIRNAME


def code_fingerprint() -> str:
    """zengshou's version and source files (an editable install changes without a new version),
    and the libraries whose behaviour or wording ends up in a finding: pydantic (schema
    messages), ruamel.yaml and its libyaml binding (syntax messages), Python's Unicode tables
    (text comparison)."""
    import importlib.util
    import unicodedata

    parts = [__version__, sys.version, unicodedata.unidata_version]
    here = Path(__file__).parent
    for root, dirs, files in os.walk(here):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".j2")):
                st = os.stat(os.path.join(root, name))
                parts.append(f"{os.path.relpath(os.path.join(root, name), here)}:{st.st_size}:{st.st_mtime_ns}")
    parts.append(_libyaml_binding())
    for mod in ("pydantic.version", "pydantic_core", "ruamel.yaml"):
        try:
            spec = importlib.util.find_spec(mod)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        if origin and os.path.exists(origin):
            st = os.stat(origin)
            parts.append(f"{mod}:{origin}:{st.st_size}:{st.st_mtime_ns}")
        else:
            parts.append(f"{mod}:-")
    return digest("\n".join(parts).encode("utf-8", "surrogateescape"))


def _libyaml_binding() -> str:
    """Which ruamel.yaml.clib (libyaml's binding, whose errors word S1xx findings) is installed,
    by its distribution's metadata folder beside ruamel/ (``ruamel_yaml_clib-0.2.15.dist-info``):
    importlib.metadata would cost ~20 ms of every run."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("ruamel")
    except (ImportError, ValueError):
        spec = None
    found = []
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        try:
            names = os.listdir(os.path.dirname(folder))
        except OSError:
            continue
        found += [n for n in names if n.lower().replace("_", ".").startswith("ruamel.yaml.clib-") and "-info" in n]
    return "ruamel.yaml.clib:" + ",".join(sorted(found))


class Cache:
    """One cache directory. ``get`` answers None for anything it cannot vouch for."""

    def __init__(self, root: Path | str, code: str | None = None, secret: bytes | None = None):
        self.root = Path(root)
        self.code = code or code_fingerprint()
        self.base = self.root / "v1"
        # entries are signed with a key kept where the data's authors cannot write it (see
        # :func:`secret_for`); a given root without one keeps its key inside
        self.secret = secret if secret is not None else (_secret(self.root / SECRET) or os.urandom(32))
        self.hits = 0
        self.misses = 0
        self.writes = 0
        self._broken = False  # a directory we cannot write: stop trying for this run
        self._ignored = False  # the folder's .gitignore and CACHEDIR.TAG are in place

    @classmethod
    def open(cls, data_dir: Path | str, root: Path | str | None = None) -> Cache | None:
        """The cache for a data directory, or None when its place would be inside the data
        directory's ``progress/`` folder (it would pass for a submission folder) or no signing
        key can be kept."""
        explicit = root is not None or bool(os.environ.get(ENV))
        root = Path(root) if root is not None else default_dir(data_dir)
        progress = (Path(data_dir) / "progress").resolve()
        where = root.resolve()
        if where == progress or progress in where.parents:
            return None
        if not explicit and (root.is_symlink() or (root.exists() and not root.is_dir())):
            # a ``.zengshou-cache`` committed as a link (to ``data``, say) would make every run
            # write its entries and a ``.gitignore`` of ``*`` there: no cache instead
            return None
        secret = _secret(root / SECRET if explicit else _user_dir() / SECRET)
        return cls(root, secret=secret) if secret else None

    def key(self, kind: str, *parts: str) -> str:
        return digest("\x00".join((kind, self.code, *parts)).encode("utf-8", "surrogateescape"))

    def _path(self, key: str) -> Path:
        return self.base / key[:2] / key

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            blob = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        entry = _decode(blob, self.secret)
        if entry is None or entry.get("key") != key:
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        if self._broken:
            return
        try:
            body = dict(entry, key=key)
            payload = zlib.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)
            path = self._path(key)
            if not self._ignored:
                self.root.mkdir(parents=True, exist_ok=True)
                _ignore_me(self.root)
                self._ignored = True
            if not self._inside(path.parent):  # before anything is made there
                raise OSError(f"{path.parent} leads out of the cache folder")
            write_bytes(path, _MAGIC + _sign(self.secret, payload) + payload, durable=False)
            self.writes += 1
        except (OSError, TypeError, ValueError):  # read-only checkout, full disk, odd value: no cache
            self._broken = True

    def _inside(self, folder: Path) -> bool:
        """Whether ``folder`` really is below the cache folder: ``v1`` or a shard folder made a
        link (in a cache folder that came with the repository) must not lead writes elsewhere."""
        real = os.path.realpath(self.root)
        return os.path.realpath(folder).startswith(real + os.sep)


def _sign(secret: bytes, payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=_SUM, key=secret).digest()


def _decode(blob: bytes, secret: bytes) -> dict[str, Any] | None:
    if not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + _SUM:
        return None
    check, payload = blob[len(_MAGIC) : len(_MAGIC) + _SUM], blob[len(_MAGIC) + _SUM :]
    if not hmac.compare_digest(_sign(secret, payload), check):
        return None
    try:
        entry = json.loads(zlib.decompress(payload).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError, RecursionError):
        return None
    return entry if isinstance(entry, dict) else None


def _ignore_me(root: Path) -> None:
    """A cache directory tells git to ignore it, wherever it was put (as ruff's does)."""
    try:
        if root.is_symlink():
            return  # never write through a link (Cache.open refuses one in the default place)
        gi = root / ".gitignore"
        if not gi.exists():
            write_bytes(gi, b"# created by zengshou: the validate cache\n*\n", durable=False)
        tag = root / "CACHEDIR.TAG"
        if not tag.exists():
            write_bytes(tag, b"Signature: 8a477f597d28d172789f06886806bc55\n# zengshou validate cache\n", durable=False)
    except OSError:
        pass


# ---------------------------------------------------------------- a validate run's results


class Cached:
    """The results cache as one ``lint`` run uses it: which files it can skip, and keeping what
    the run found in the others."""

    def __init__(self, cache: Cache, ws: Any, config: Any, partial: bool):
        self.cache = cache
        self.ws = ws
        defs = [_file_digest(ws.data_dir / name) for name in ("tasks.yaml", "units.yaml")]
        # the configuration file as a whole: rule levels, and [deadlines], which move T601
        conf = f"{config.source}:{_file_digest(config.source)}" if config.source else "-"
        levels = json.dumps(sorted(config.levels.items()))
        self.run = "\x00".join([*(d or "-" for d in defs), conf, levels, "partial" if partial else "all"])
        self._hash: dict[str, str | None] = {}
        self._folders: dict[str, str] = {}

    # -- keys and dependencies
    def _digest(self, path: Path | str) -> str | None:
        """The file's kind and bytes: a regular file, or a link and where it leads. A file
        swapped for a link to the same bytes outside the data directory is S113, not the
        cached result of the file it replaced."""
        key = os.path.abspath(path)  # strings, not Paths: a run looks up every file two or three times
        if key not in self._hash:
            h = _file_digest(key)
            self._hash[key] = None if h is None else f"{_kind(key)}:{h}"
        return self._hash[key]

    def folder(self, name: str) -> str | None:
        """Digest of a quarter folder's files (names and bytes): what C407/C408 read of it."""
        if not _safe_folder(name):
            return None
        if name not in self._folders:
            folder = os.path.join(self.ws.data_dir, "progress", name)
            try:
                names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(SUFFIXES) and e.is_file())
            except OSError:
                names = []
            self._folders[name] = digest(
                "\n".join(f"{n}\x00{self._digest(os.path.join(folder, n))}" for n in names).encode(
                    "utf-8", "surrogateescape"
                )
            )
        return self._folders[name]

    def _key(self, path: Path) -> str | None:
        h = self._digest(path)
        if h is None or not h.startswith("file:"):
            return None  # only a regular file's findings are kept: a link is checked every time
        return self.cache.key("results", self.run, os.path.abspath(path), h)

    # -- reading
    def plan(
        self, groups: list[tuple[str, list[Path], frozenset]], result: Any
    ) -> list[tuple[str, list[Path], frozenset]]:
        """Take every file's findings the cache holds into ``result``; return the folders that
        still need checking, each with the files to skip. A folder whose files all come from the
        cache is still read (light) when the next folder is checked: its texts feed C407 there
        exactly as in a run without the cache."""
        from zengshou.submissions import display_path

        hit: dict[Path, dict] = {}
        for _, paths, _ in groups:
            for p in paths:
                entry = self._lookup(p)
                if entry is not None:
                    hit[p] = entry
        out = []
        for i, (folder, paths, _) in enumerate(groups):
            misses = any(p not in hit for p in paths)
            feeds = i + 1 < len(groups) and any(p not in hit for p in groups[i + 1][1])
            if misses or feeds:
                out.append((folder, paths, frozenset(p for p in paths if p in hit)))
        for p, entry in hit.items():
            display = display_path(p)
            result.findings.extend(
                Finding(code, display, line, col, params, level) for code, line, col, params, level in entry["findings"]
            )
            if entry["findings"]:
                result.sources[display] = {int(n): v for n, v in entry["lines"].items()}
                result.comments[display] = {int(n): v for n, v in entry["comments"].items()}
        return out

    def _lookup(self, path: Path) -> dict | None:
        key = self._key(path)
        entry = self.cache.get(key) if key else None
        if entry is None or not _well_formed(entry):
            return None
        if any(self.folder(name) != d for name, d in entry["deps"].items()):
            return None
        if entry["submitted"] is not None:  # T603 (a date in the future) depends on today
            try:
                future = date.fromisoformat(entry["submitted"]) > self.ws.today
            except ValueError:
                return None
            if future or entry["future"]:
                return None  # T603 names today's date: checked afresh each run, never kept
        return entry

    # -- writing
    def keep(self, findings: list[Finding], sources: dict, comments: dict, facts: dict[Path, dict]) -> None:
        """Keep each checked file's findings (called before levels and suppressions apply)."""
        for path, f in facts.items():
            key = self._key(path)
            if key is None:
                continue
            found = [[x.code, x.line, x.col, x.params, x.level] for x in f["found"]]
            deps = {path.parent.name}
            q = Quarter.try_parse(f["quarter"]) if f["quarter"] else None
            if q is not None:
                deps |= {str(q), str(q.prev())}
            digests = {name: self.folder(name) for name in sorted(deps)}
            if any(d is None for d in digests.values()):
                continue
            if f["submitted"] is not None and date.fromisoformat(f["submitted"]) > self.ws.today:
                continue  # its T603 quotes today: a later run must say its own today
            shown = sources.get(f["display"], {}) if found else {}
            entry = {
                "findings": found,
                "deps": digests,
                "submitted": f["submitted"],
                "future": f["submitted"] is not None and date.fromisoformat(f["submitted"]) > self.ws.today,
                "lines": {str(n): v for n, v in shown.items()} if isinstance(shown, dict) else {},
                "comments": {str(n): v for n, v in (comments.get(f["display"], {}) if found else {}).items()},
            }
            try:
                if json.loads(json.dumps(entry["findings"])) != entry["findings"]:
                    continue  # a parameter JSON cannot carry faithfully: check this file every time
            except (TypeError, ValueError):
                continue
            self.cache.put(key, entry)


def _file_digest(path: Path | str) -> str | None:
    """Digest of a regular file's bytes; None for anything the loader would not read (a FIFO
    would block, /dev/zero never ends, over 5 MB): those files are never cached."""
    from zengshou.loader import read_bytes

    raw, _ = read_bytes(Path(path))
    return None if raw is None else digest(raw)


def _kind(path: str) -> str:
    """``file`` for a regular file; ``link>`` and the real path for a link; ``other`` else."""
    try:
        st = os.lstat(path)
    except OSError:
        return "other"
    if stat.S_ISREG(st.st_mode):
        return "file"
    if stat.S_ISLNK(st.st_mode):
        return "link>" + os.path.realpath(path)
    return "other"


def _safe_folder(name: Any) -> bool:
    return isinstance(name, str) and bool(name) and not name.startswith(".") and "/" not in name and "\\" not in name


def _well_formed(entry: dict) -> bool:
    """Shape of a results entry, checked before anything in it is used."""
    try:
        ok = isinstance(entry["deps"], dict) and all(
            _safe_folder(k) and isinstance(v, str) for k, v in entry["deps"].items()
        )
        ok = (
            ok
            and (entry["submitted"] is None or isinstance(entry["submitted"], str))
            and isinstance(entry["future"], bool)
        )
        ok = ok and isinstance(entry["lines"], dict) and isinstance(entry["comments"], dict)
        ok = ok and all(
            k.isdigit() and isinstance(v, str) for d in (entry["lines"], entry["comments"]) for k, v in d.items()
        )
        ok = ok and isinstance(entry["findings"], list)
        for f in entry["findings"]:
            code, line, col, params, level = f
            ok = ok and code in RULES and isinstance(params, dict) and level in ("error", "warning")
            ok = ok and all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in (line, col))
        return ok
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
