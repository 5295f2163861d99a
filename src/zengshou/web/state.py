"""What ``zengshou serve`` keeps on disk besides the submissions: ``<data>/.zengshou-serve/``.

One clearly named folder inside the data directory, so a backup of ``data/`` carries it and
deleting it resets the server (every link and the password must then be issued again; the
submissions are untouched). ``zengshou validate`` never reads it: submissions are looked for
only under ``progress/``, and nothing in here is named ``*.yaml``/``*.yml`` (history copies end
in ``.txt``), so even ``zengshou validate data/`` passes over it. A ``.gitignore`` inside keeps
it out of git (it holds secrets: the signing key and the password hash).

Contents::

    .zengshou-serve/
      README.txt          what this folder is
      .gitignore          "*": never committed
      secret.key          32 random bytes: signs cookies and CSRF tokens (mode 0600)
      tokens.json         one entry per issued link: sha256 of the token, unit, quarter, created, revoked
      password.json       the coordinator's password: scrypt hash, salt, parameters, failures, locked_until
      locks.json          quarters the coordinator has locked
      history/<quarter>/<unit>/<time>-<n>-<kind>.txt   every version a save replaced or wrote
      reports/<quarter>/  the dashboard's merge outputs
      access.log          one line per request, tokens replaced by "…"
      locks/              lock files, one per unit file

Tokens are never stored: a link's token is shown once (``zengshou serve links``) and only its
sha256 is kept, so a copy of this folder opens nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from zengshou.atomic import write_text

FOLDER = ".zengshou-serve"
#: scrypt parameters: 2^15 × 8 × 128 B = 32 MiB and ~50 ms per check (OWASP's minimum is 2^17
#: with r=8 for interactive logins at 128 MiB; 32 MiB keeps a small office server's memory low,
#: and the lockout bounds guessing)
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
TOKEN_BYTES = 18  # 144 bits, 24 URL-safe characters

_README = """This folder belongs to `zengshou serve` (see README, "Running it on an office intranet").
It holds the server's own state: the signing key, the sha256 of each link's token, the
coordinator's password hash, quarter locks, the history of every save, merge outputs and the
access log. The submissions themselves are in ../progress/. Back it up with the data directory;
never commit or share it (it holds secrets). Deleting it revokes every link and the password.
"""


class StateError(Exception):
    """A state file cannot be read (damaged, or not what the server wrote)."""


def now_utc() -> datetime:
    return datetime.now(UTC)


def token_hash(token: str) -> str:
    """The stored form of a link's token. Tokens are 144 random bits, so a plain sha256 (no
    salt, no stretching) cannot be reversed; it also makes lookup a dictionary access."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass
class Link:
    hash: str
    unit: str
    quarter: str
    created: str
    revoked: str | None = None

    @property
    def id(self) -> str:
        """What a session cookie names the link by (never the token, never the whole hash)."""
        return self.hash[:16]


class ServerState:
    """The folder above; every write is atomic (:mod:`zengshou.atomic`) and made under a lock."""

    def __init__(self, data_dir: Path | str):
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / FOLDER
        self._lock = threading.RLock()
        self._links: dict[str, Link] | None = None
        self._key: bytes | None = None

    # ------------------------------------------------------------ the folder
    def ensure(self) -> None:
        self.root.mkdir(mode=0o700, exist_ok=True)
        for name, text in ((".gitignore", "*\n"), ("README.txt", _README)):
            p = self.root / name
            if not p.exists():
                write_text(p, text)

    def secret(self) -> bytes:
        """The signing key, made on first use (0600)."""
        if self._key is None:
            with self._lock:
                self.ensure()
                p = self.root / "secret.key"
                if not p.exists():
                    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(secrets.token_bytes(32))
                key = p.read_bytes()
                if len(key) < 32:
                    raise StateError(f"{p}: shorter than 32 bytes; delete it to make a new key")
                self._key = key
        return self._key

    def _read_json(self, name: str, default):
        p = self.root / name
        try:
            raw = p.read_bytes()
        except FileNotFoundError:
            return default
        except OSError as e:
            raise StateError(f"{p}: {e.strerror or e}") from e
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise StateError(f"{p}: not the JSON the server wrote ({e})") from e

    def _write_json(self, name: str, value) -> None:
        self.ensure()
        write_text(self.root / name, json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n")

    # ------------------------------------------------------------ links
    def _load_links(self) -> dict[str, Link]:
        if self._links is None:
            raw = self._read_json("tokens.json", {"links": []})
            try:
                self._links = {d["hash"]: Link(**d) for d in raw["links"]}
            except (KeyError, TypeError) as e:
                raise StateError(f"{self.root / 'tokens.json'}: not the list the server wrote") from e
        return self._links

    def _save_links(self) -> None:
        links = sorted(self._load_links().values(), key=lambda k: (k.quarter, k.unit, k.created, k.hash))
        self._write_json("tokens.json", {"links": [vars(k) for k in links]})

    def issue(self, quarter: str, units: list[str]) -> dict[str, str]:
        """A new token per unit for ``quarter``; returns unit → token (the only time it exists).
        Earlier links of the unit keep working until revoked."""
        out: dict[str, str] = {}
        with self._lock, self.file_lock("tokens"):
            self._links = None  # another process may have issued links meanwhile
            links = self._load_links()
            stamp = now_utc().isoformat(timespec="seconds")
            for uid in units:
                token = secrets.token_urlsafe(TOKEN_BYTES)
                h = token_hash(token)
                links[h] = Link(h, uid, quarter, stamp)
                out[uid] = token
            self._save_links()
        return out

    def revoke(self, unit: str, quarter: str | None = None) -> int:
        """Revoke every live link of ``unit`` (of one quarter, or all); returns how many."""
        n = 0
        with self._lock, self.file_lock("tokens"):
            self._links = None
            stamp = now_utc().isoformat(timespec="seconds")
            for k in self._load_links().values():
                if k.unit == unit and k.revoked is None and (quarter is None or k.quarter == quarter):
                    k.revoked = stamp
                    n += 1
            if n:
                self._save_links()
        return n

    def link(self, token: str) -> Link | None:
        """The live link a token opens, or None (unknown or revoked)."""
        with self._lock:
            self._links = None  # revocations made by the CLI while serving take effect at once
            k = self._load_links().get(token_hash(token))
        return k if k is not None and k.revoked is None else None

    def link_by_id(self, link_id: str) -> Link | None:
        with self._lock:
            self._links = None
            for k in self._load_links().values():
                if hmac.compare_digest(k.id, link_id):
                    return k if k.revoked is None else None
        return None

    def links(self) -> list[Link]:
        with self._lock:
            self._links = None
            return list(self._load_links().values())

    # ------------------------------------------------------------ the coordinator's password
    def has_password(self) -> bool:
        return bool(self._read_json("password.json", {}).get("hash"))

    def set_password(self, password: str) -> None:
        salt = secrets.token_bytes(16)
        h = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        with self._lock:
            self._write_json(
                "password.json",
                {
                    "algorithm": "scrypt",
                    "n": SCRYPT_N,
                    "r": SCRYPT_R,
                    "p": SCRYPT_P,
                    "salt": salt.hex(),
                    "hash": h.hex(),
                    "failures": 0,
                    "locked_until": None,
                    "set": now_utc().isoformat(timespec="seconds"),
                },
            )

    def password_version(self) -> str:
        """Changes when the password does: a coordinator's cookie names it, so setting a new
        password signs every open dashboard out."""
        return str(self._read_json("password.json", {}).get("salt", ""))[:16]

    def check_password(self, password: str) -> tuple[bool, datetime | None]:
        """(right?, locked until). After :data:`MAX_FAILURES` wrong passwords in a row the
        dashboard refuses every attempt, right or wrong, for :data:`LOCKOUT` (kept on disk, so a
        restart does not reset it)."""
        with self._lock:
            rec = self._read_json("password.json", {})
            if not rec.get("hash"):
                return False, None
            until = rec.get("locked_until")
            if until:
                when = datetime.fromisoformat(until)
                if when > now_utc():
                    return False, when
            try:
                got = _scrypt(password, bytes.fromhex(rec["salt"]), rec["n"], rec["r"], rec["p"])
            except (KeyError, ValueError, TypeError) as e:
                raise StateError(f"{self.root / 'password.json'}: damaged; set the password again") from e
            ok = hmac.compare_digest(got.hex(), rec["hash"])
            if ok:
                rec["failures"], rec["locked_until"] = 0, None
            else:
                rec["failures"] = int(rec.get("failures") or 0) + 1
                if rec["failures"] >= MAX_FAILURES:
                    rec["locked_until"] = (now_utc() + LOCKOUT).isoformat(timespec="seconds")
                    rec["failures"] = 0
            self._write_json("password.json", rec)
            locked = datetime.fromisoformat(rec["locked_until"]) if rec.get("locked_until") else None
            return ok, locked

    # ------------------------------------------------------------ quarter locks
    def locked(self, quarter: str) -> bool:
        return quarter in self._read_json("locks.json", {}).get("locked", {})

    def set_locked(self, quarter: str, on: bool) -> None:
        with self._lock, self.file_lock("quarters"):
            rec = self._read_json("locks.json", {})
            locked = dict(rec.get("locked", {}))
            if on:
                locked.setdefault(quarter, now_utc().isoformat(timespec="seconds"))
            else:
                locked.pop(quarter, None)
            self._write_json("locks.json", {"locked": locked})

    def locked_quarters(self) -> list[str]:
        return sorted(self._read_json("locks.json", {}).get("locked", {}))

    # ------------------------------------------------------------ history
    def keep(self, quarter: str, unit: str, raw: bytes, kind: str) -> Path:
        """Keep one version of a unit's file (``kind``: before — the version a save replaced —,
        draft, submit). Names sort in time order and are claimed with O_EXCL, so two saves never
        share one. A replaced version is flushed to disk before the save goes on (it is then its
        only copy); the copy of what a save writes is not (the file itself is, atomically, and a
        power cut can lose only the newest copy, never the text)."""
        folder = self.root / "history" / quarter / unit
        folder.mkdir(parents=True, exist_ok=True)
        stamp = now_utc().strftime("%Y%m%dT%H%M%S%fZ")
        for n in range(1000):
            p = folder / f"{stamp}-{n}-{kind}.txt"
            try:
                fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
                if kind == "before":
                    fh.flush()
                    os.fsync(fh.fileno())
            return p
        raise StateError(f"{folder}: too many versions in one microsecond")

    def history(self, quarter: str, unit: str) -> list[Path]:
        folder = self.root / "history" / quarter / unit
        return sorted(folder.glob("*.txt")) if folder.is_dir() else []

    # ------------------------------------------------------------ locking
    @contextmanager
    def file_lock(self, name: str):
        """An exclusive lock on ``locks/<name>.lock`` (fcntl) for the server's own state files
        (links, quarter locks), so two server processes never interleave. Submissions are not
        locked here: a save takes :func:`zengshou.writer.unit_lock`, as every writer does. On
        systems without fcntl only the in-process locks apply."""
        self.ensure()
        folder = self.root / "locks"
        folder.mkdir(exist_ok=True)
        try:
            import fcntl
        except ImportError:  # Windows
            yield
            return
        fd = os.open(folder / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2**26, dklen=32)
