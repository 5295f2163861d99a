"""Atomic writes: a temporary file in the same folder, then ``os.replace``.

A crash, a full disk or a file held open by Excel/WPS must leave the previous file intact.
Only a regular file (or nothing) is ever replaced: ``--output /dev/null`` run as root, a FIFO
or a link to one must not become a regular file. The temporary file is named
``.<name>.zengshou-<pid>-<random>.tmp``, so one left behind by a killed process (kill -9,
power loss) is recognisable, is never matched by a ``*.yaml`` scan, and is removed by the next
write to the same target once its process is gone.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

TMP_MARK = "zengshou-"  # .<name>.zengshou-<pid>-<random>.tmp


class OutputLocked(OSError):
    """The target exists and cannot be replaced — typically open in Excel or WPS on Windows."""


class NotRegularFile(OSError):
    """The target exists and is not a regular file (a device, FIFO, directory or symbolic link)."""


def check_target(path: Path | str) -> None:
    """Raise :class:`NotRegularFile` unless ``path`` is a regular file or does not exist."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(0, "not a regular file (a device, FIFO, directory or symbolic link)", str(path))


class Outside(OSError):
    """The target's folder leads, through a link, out of the folder it must stay in."""


def _check_inside(path: Path, inside: Path | str | None) -> None:
    if inside is not None and not os.path.realpath(path).startswith(os.path.realpath(inside) + os.sep):
        raise Outside(0, "leads out of its folder through a link", str(path))


def write_bytes(path: Path | str, data: bytes, *, durable: bool = True, inside: Path | str | None = None) -> None:
    """``durable=False`` skips the fsync: still all-or-nothing, for data that can be rebuilt
    (cache entries), where a power cut may lose the newest entries but never tear one.
    ``inside``: a folder the written file must really be in, links followed (checked before
    the folder is made and again just before the replace).
    Raises :class:`NotRegularFile` when ``path`` exists and is not a regular file."""
    path = Path(path)
    check_target(path)
    _check_inside(path, inside)
    path.parent.mkdir(parents=True, exist_ok=True)
    _clean_orphans(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{TMP_MARK}{os.getpid()}-", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; a report is meant to be shared
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        check_target(path)  # it may have been swapped for something else meanwhile
        _check_inside(path, inside)
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


def _clean_orphans(path: Path) -> None:
    """Remove temporary files of earlier writes to ``path`` whose process no longer runs."""
    prefix = f".{path.name}.{TMP_MARK}"
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            try:
                os.unlink(path.parent / name)
            except OSError:
                pass


def _alive(pid: int) -> bool:
    if os.name == "nt":  # no signal 0 on Windows; leave the file rather than guess
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


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
