"""The codebase's own house rules: no other package's private modules, one definition per concept."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).parent.parent / "src" / "zengshou"


def test_no_private_modules_of_other_packages():
    """Typer's vendored Click (typer._click), its rich_utils and ruamel.yaml's C module are not
    ours to import or patch: a new release may move them (typer 0.25 has no typer._click)."""
    pattern = re.compile(r"typer\._|_ruamel_yaml|rich_utils|typer\.core\._|pydantic\.plugin\._")
    hits = [
        f"{p.relative_to(SRC)}:{i}: {line.strip()}"
        for p in sorted(SRC.rglob("*.py"))
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ZENGSHOU_LANG"}
    env["COLUMNS"] = "80"
    return subprocess.run([sys.executable, "-m", "zengshou", *args], capture_output=True, text=True, env=env)


def test_an_unknown_command_is_a_usage_error_in_chinese():
    """Typer printed this one in English ('Try …', 'Error'): zengshou now draws every usage error."""
    r = _run("nosuch")
    assert r.returncode == 2
    assert "用法" in r.stderr and "查看帮助" in r.stderr and "错误" in r.stderr
    assert "Try " not in r.stderr and "Error" not in r.stderr
    en = _run("--lang", "en", "nosuch")
    assert en.returncode == 2 and "for help." in en.stderr and "Error" in en.stderr


def test_help_shows_types_defaults_and_required_marks():
    r = _run("new", "--help")  # merge's --quarter is one of three choices since merge --year/--plan
    assert r.returncode == 0
    out = r.stdout
    assert "zengshou new [选项]" in out
    assert "[必填]" in out and "[默认：data]" in out and "[环境变量：ZENGSHOU_DATA]" in out
    assert re.search(r"\*\s+--quarter\s+-q\s+<str>", out)
    assert max(len(line) for line in out.splitlines()) <= 80
