"""The CLI imports only the module of the command it runs; nothing may go missing that way."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import typer.main

from zengshou.cli import COMMAND_MODULES


def test_command_module_map_matches_the_commands():
    """main() imports one command module, chosen by this map: it must name every command and
    the module that really defines it."""
    from zengshou.cli.app import app

    group = typer.main.get_command(app)
    assert set(group.commands) == set(COMMAND_MODULES)
    for name, cmd in group.commands.items():
        assert cmd.callback.__module__ == f"zengshou.cli.{COMMAND_MODULES[name]}", name


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ZENGSHOU_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "zengshou", *args], capture_output=True, text=True, env=env)


def test_rules_lists_every_family_when_only_its_module_is_loaded():
    from zengshou.rules import RULES

    res = run("rules", "--format", "json")
    assert res.returncode == 0, res.stderr
    listed = {r["code"] for r in json.loads(res.stdout)}
    assert listed == set(RULES)
    assert {"S101", "D201", "C405", "F701", "F801"} <= listed


def test_version_and_help_without_loading_commands():
    res = run("--version")
    assert res.returncode == 0 and res.stdout.startswith("zengshou ")
    res = run("--help")
    assert res.returncode == 0
    for name in COMMAND_MODULES:
        assert name in res.stdout


@pytest.mark.slow
def test_every_command_has_help():
    for name in COMMAND_MODULES:
        res = run(name, "--help")
        assert res.returncode == 0, (name, res.stderr)
        assert "Usage: python -m zengshou " + name in res.stdout or f"Usage: zengshou {name}" in res.stdout, res.stdout[
            :200
        ]


def test_every_command_is_documented_in_the_readme():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMAND_MODULES:
        assert f"`zengshou {name}" in readme, name


def test_a_legacy_console_encoding_degrades_characters_not_the_run(tmp_path):
    """On a Windows pipe in cp936 (or any narrow code page) an emoji in a clerk's text must not
    turn a finding into a traceback."""
    from conftest import DATA, write

    data = tmp_path / "data"
    data.mkdir()
    for name in ("tasks.yaml", "units.yaml"):
        (data / name).write_bytes((DATA / name).read_bytes())
    f = write(
        data / "progress" / "2023Q2" / "czj.yaml",
        "unit: 市财政局\nquarter: 2023Q2\nitems:\n  - task: 13\n    progress: 同上  # 😀\n",
    )
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    res = subprocess.run(
        [sys.executable, "-m", "zengshou", "validate", str(f), "--data", str(data)], capture_output=True, env=env
    )
    assert res.returncode == 1
    out = res.stdout.decode("gbk")
    assert "Traceback" not in out + res.stderr.decode("gbk", "replace")
    assert "\\U0001f600" in out and "czj.yaml:5:15 C404" in out


def test_an_unsupported_language_is_a_usage_error_not_a_traceback():
    """Found by mypy: lang_of passed ``lang`` twice to fail() and crashed with a TypeError."""
    res = run("validate", "--lang", "xx")
    assert res.returncode == 2, res.stderr
    assert "unsupported language: xx" in res.stderr and "Traceback" not in res.stderr
