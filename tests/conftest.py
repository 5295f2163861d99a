"""Shared fixtures: a private copy of the shipped data, and a CLI runner.

Tests never touch the repository's own data directory: each gets a copy in ``tmp_path``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped data/ (definitions and sample progress) in tmp_path/data."""
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst


@pytest.fixture
def empty_data(tmp_path: Path) -> Path:
    """Definitions only, no progress files."""
    dst = tmp_path / "data"
    dst.mkdir()
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(DATA / name, dst / name)
    (dst / "progress").mkdir()
    return dst


@pytest.fixture
def cli(monkeypatch, tmp_path):
    """Run the CLI in tmp_path: ``cli("validate", "--data", d)`` → click Result."""
    from zengshou.cli.app import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ZENGSHOU_LANG", raising=False)
    monkeypatch.delenv("ZENGSHOU_DATA", raising=False)
    # tables follow COLUMNS when it is set: the caller's terminal (or pytest-xdist's worker,
    # which sets it) must not decide what a test sees; tests that want a width pass env=
    monkeypatch.delenv("COLUMNS", raising=False)
    runner = CliRunner()

    def invoke(*args, input=None, env=None):
        return runner.invoke(app, [str(a) for a in args], input=input, env=env, catch_exceptions=False)

    return invoke


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def as_json(result) -> object:
    return json.loads(result.stdout)


# Hypothesis profiles (tests/test_properties.py). "ci", the default: derandomized (a fixed seed:
# the same examples on every run), few examples, no example database, no deadline (speed targets
# belong in bench/run.py). "release": HYPOTHESIS_PROFILE=release python -m pytest tests/test_properties.py
# runs 25 times as many, random, keeping failures in .hypothesis/ (ignored by git) — see docs/ci.md.
try:
    from hypothesis import settings as _settings
except ImportError:  # the property tests skip themselves
    pass
else:
    _settings.register_profile("ci", max_examples=20, derandomize=True, database=None, deadline=None, print_blob=True)
    _settings.register_profile("release", max_examples=500, deadline=None, print_blob=True)
    _settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


#: Slow tests in files other work is changing right now, marked here instead of with a decorator
#: there (``@pytest.mark.slow`` is the usual way; ``pytest -m "not slow"`` skips both).
SLOW = {
    "tests/test_mail_intake.py::test_mbox_of_1000_messages_streams",
    "tests/test_outbox.py::test_a_silent_server_times_out_clearly",  # waits out a 1 s timeout, twice
}


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if item.nodeid.split("[")[0] in SLOW:
            item.add_marker(pytest.mark.slow)
