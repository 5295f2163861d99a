"""Atomic writes: a temporary file in the same folder, then ``os.replace``.

A crash, a full disk or a file held open by Excel/WPS must leave the previous file intact.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputLocked(OSError):
    """The target exists and cannot be replaced — typically open in Excel or WPS on Windows."""


def write_bytes(path: Path | str, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
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


def write_text(path: Path | str, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
