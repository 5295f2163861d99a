"""Lint, format and types hold: ``ruff check``, ``ruff format --check`` (src and tests) and ``mypy``
(configured in pyproject.toml: ``[tool.ruff]``, ``[tool.mypy]``) exit 0. They run from the venv's
bin directory, like tests/test_architecture.py runs lint-imports, so the test command checks them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "args",
    [
        ["ruff", "check", "--no-cache", "src", "tests"],
        ["ruff", "format", "--no-cache", "--check", "src", "tests"],
        pytest.param(["mypy"], marks=pytest.mark.slow),  # a whole type check: the full run
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_passes(args):
    res = subprocess.run([str(BIN / args[0]), *args[1:]], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, f"{' '.join(args)} exited {res.returncode}:\n" + res.stdout[-6000:] + res.stderr[-2000:]
