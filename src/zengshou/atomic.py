"""Atomic writes: a temporary file in the same folder, then ``os.replace``.

A crash, a full disk or a file held open by Excel/WPS must leave the previous file intact.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputLocked(OSError):
    """The target exists and cannot be replaced — typically open in Excel or WPS on Windows."""


def write_bytes(path: Path | str, data: bytes, *, durable: bool = True) -> None:
    """``durable=False`` skips the fsync: still all-or-nothing, for data that can be rebuilt
    (cache entries), where a power cut may lose the newest entries but never tear one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; a report is meant to be shared
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        try:
            os.replace(tmp, path)
        except PermissionError as e:
            raise OutputLocked(e.errno, f"cannot replace {path}: is it open in Excel or WPS?", str(path)) from e
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _mode_for(path: Path) -> int:
    """Keep the mode of the file being replaced; a new file gets the usual 0666 minus umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text(path: Path | str, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
