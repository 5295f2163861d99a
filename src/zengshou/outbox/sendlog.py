"""The send log: one JSON line per attempt, appended, never rewritten.

``<data>/sendlog.jsonl`` (not ``*.yaml``: no scan takes it for a submission). Each line says
when (ISO date-time with offset), what (``reminder``, ``review`` or ``receipt``), the quarter
and unit, the channel (``smtp``, ``wecom``, ``dingtalk``), to whom (a mail address, or the
robot's channel name — never its webhook, which carries its key), the result (``sent`` or
``failed``) and, for a failure, the error in both languages with every secret removed.

The log is also the memory of the reminder interval: a unit reminded successfully on a channel
less than ``[notify] interval_hours`` ago is not reminded there again. A line that cannot be read
(a half-written line after a power cut, an edit by hand) is skipped, not fatal.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

LOG_NAME = "sendlog.jsonl"
#: the log is read for the interval only as far back as this many bytes from its end
TAIL_BYTES = 4_000_000


@dataclass(frozen=True)
class Entry:
    at: str
    kind: str  # reminder | review | receipt
    quarter: str
    unit: str  # unit id, or "" for a group robot message
    channel: str
    to: str
    result: str  # sent | failed
    error: dict | None = None  # {"zh": …, "en": …}
    subject: str = ""

    def as_dict(self) -> dict:
        d: dict[str, object] = {
            "at": self.at,
            "kind": self.kind,
            "quarter": self.quarter,
            "unit": self.unit,
            "channel": self.channel,
            "to": self.to,
            "result": self.result,
            "subject": self.subject,
        }
        if self.error:
            d["error"] = self.error
        return d


def log_path(data_dir: Path | str) -> Path:
    return Path(data_dir) / LOG_NAME


class Busy(Exception):
    """Another run is sending from the same data directory right now."""


@contextmanager
def exclusive(data_dir: Path | str) -> Iterator[None]:
    """Hold the log for one run: from reading it (who was reminded when) to the last line written,
    so two runs started together (a scheduled one and one by hand) cannot both remind a unit.
    An advisory lock on the log file itself, released when the process ends however it ends —
    no stale lock file to clean up. Where the platform has no ``fcntl`` (Windows) it is a no-op."""
    try:
        import fcntl
    except ImportError:  # Windows: Task Scheduler does not start a task that is still running
        yield
        return
    path = log_path(data_dir)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise OSError(0, "not a regular file", str(path))
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(str(path)) from None
        yield
    finally:
        os.close(fd)


def append(data_dir: Path | str, entry: Entry) -> None:
    """Add one line and make it durable before the next send (a crash loses no record)."""
    line = json.dumps(entry.as_dict(), ensure_ascii=False, sort_keys=False) + "\n"
    path = log_path(data_dir)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise OSError(0, "not a regular file", str(path))
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read(data_dir: Path | str) -> list[Entry]:
    """The entries of the log's last :data:`TAIL_BYTES` (all of any real log), oldest first."""
    path = log_path(data_dir)
    if not path.is_file():
        return []
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(max(0, size - TAIL_BYTES))
        raw = f.read()
    out = []
    for line in raw.decode("utf-8", "replace").splitlines():
        try:
            d = json.loads(line)
            out.append(
                Entry(
                    str(d["at"]),
                    str(d["kind"]),
                    str(d.get("quarter", "")),
                    str(d.get("unit", "")),
                    str(d["channel"]),
                    str(d.get("to", "")),
                    str(d["result"]),
                    d.get("error"),
                    str(d.get("subject", "")),
                )
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    return out


def last_reminded(entries: list[Entry], quarter: str) -> dict[tuple[str, str], datetime]:
    """(unit, channel) → when the unit was last reminded successfully for ``quarter``.
    A group robot's message counts for each unit it named (``unit`` holds their ids, comma-joined)."""
    out: dict[tuple[str, str], datetime] = {}
    for e in entries:
        if e.kind != "reminder" or e.quarter != quarter or e.result != "sent":
            continue
        try:
            when = datetime.fromisoformat(e.at)
        except ValueError:
            continue
        if when.tzinfo is None:
            when = when.astimezone()
        for uid in e.unit.split(","):
            key = (uid, e.channel)
            if key not in out or out[key] < when:
                out[key] = when
    return out


def recently(entries: list[Entry], quarter: str, now: datetime, hours: float) -> set[tuple[str, str]]:
    """The (unit, channel) pairs reminded less than ``hours`` before ``now``."""
    cut = now - timedelta(hours=hours)
    return {k for k, when in last_reminded(entries, quarter).items() if when > cut}
