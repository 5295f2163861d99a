"""Atomic writes: the old file survives a failed replace, no temp file is left, modes are kept."""

from __future__ import annotations

import os
import stat

import pytest

from zengshou.atomic import OutputLocked, write_bytes, write_text


def test_new_file_gets_umask_default_mode(tmp_path):
    old = os.umask(0o022)
    try:
        p = tmp_path / "report.html"
        write_text(p, "你好")
        assert p.read_text(encoding="utf-8") == "你好"
        assert stat.S_IMODE(p.stat().st_mode) == 0o644
    finally:
        os.umask(old)


def test_replacing_keeps_the_old_mode(tmp_path):
    p = tmp_path / "a.yaml"
    write_bytes(p, b"1")
    os.chmod(p, 0o640)
    write_bytes(p, b"2")
    assert p.read_bytes() == b"2"
    assert stat.S_IMODE(p.stat().st_mode) == 0o640


def test_locked_target_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    p = tmp_path / "report.xlsx"
    write_bytes(p, b"old")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputLocked):
        write_bytes(p, b"new")
    assert p.read_bytes() == b"old"
    assert [f.name for f in tmp_path.iterdir()] == ["report.xlsx"]


def test_crash_while_writing_leaves_old_file(tmp_path, monkeypatch):
    p = tmp_path / "x.txt"
    write_bytes(p, b"old")

    def boom(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        write_bytes(p, b"new")
    assert p.read_bytes() == b"old"
    assert [f.name for f in tmp_path.iterdir()] == ["x.txt"]


def test_creates_missing_folders(tmp_path):
    p = tmp_path / "reports" / "2023Q2" / "a.txt"
    write_text(p, "x")
    assert p.read_text() == "x"
