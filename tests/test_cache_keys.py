"""The cache is keyed on everything a finding depends on and never writes outside its folder
(issue 28, item 5). Each test is an attack that used to succeed: a ``validate --quarter`` result
reused by a full run hid C407; a file swapped for a same-bytes link out of the data directory kept
its cached "no findings" instead of S113; a cached T603 kept an old today; a FIFO as the signing
key file hung validate; a committed ``.zengshou-cache`` link to ``data`` made validate write
``data/.gitignore`` of ``*``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import write
from test_cache import as_tuples, both
from zengshou.cache import DIRNAME, ENV, Cache
from zengshou.config import load_config
from zengshou.lint import lint

TEXT = "全市预算单位预留脱贫地区农副产品采购份额 16.2%，一季度采购 900 万元。"


def sub(quarter: str, text: str = TEXT, extra: str = "") -> str:
    return f"unit: 市财政局\nquarter: {quarter}\n{extra}items:\n  - task: 13\n    progress: {text}\n"


@pytest.fixture
def two_quarters(empty_data: Path) -> Path:
    """Last quarter's file named other than ``czj.yaml`` and this quarter's with the same text."""
    write(empty_data / "progress" / "2023Q1" / "czj-一季度.yaml", sub("2023Q1"))
    write(empty_data / "progress" / "2023Q2" / "czj.yaml", sub("2023Q2"))
    return empty_data


def codes_for(result, name: str) -> list[str]:
    return sorted(f.code for f in result.findings if f.file.endswith(name))


def test_one_quarter_and_every_quarter_agree_on_c407(two_quarters, tmp_path):
    config = load_config(two_quarters)
    full = lint(two_quarters, config=config, keep=False)
    one = lint(two_quarters, quarter="2023Q2", config=config, keep=False)
    assert "C407" in codes_for(full, "2023Q2/czj.yaml")
    assert codes_for(one, "2023Q2/czj.yaml") == codes_for(full, "2023Q2/czj.yaml")
    # pre-commit's one file agrees too
    path = two_quarters / "progress" / "2023Q2" / "czj.yaml"
    assert codes_for(lint(two_quarters, [path], config=config, keep=False), "czj.yaml") == codes_for(full, "czj.yaml")


def test_a_one_quarter_result_reused_by_a_full_run(two_quarters, tmp_path):
    config = load_config(two_quarters)
    cache = tmp_path / "c"
    lint(two_quarters, quarter="2023Q2", config=config, keep=False, cache=Cache(cache))
    plain = lint(two_quarters, config=config, keep=False)
    cached = lint(two_quarters, config=config, keep=False, cache=Cache(cache))
    assert as_tuples(cached) == as_tuples(plain) and "C407" in codes_for(cached, "2023Q2/czj.yaml")


def test_a_same_bytes_link_out_of_the_data_directory_is_s113(empty_data, tmp_path):
    f = write(empty_data / "progress" / "2023Q2" / "czj.yaml", sub("2023Q2"))
    _, first, _ = both(empty_data, tmp_path / "c")
    assert "S113" not in codes_for(first, "czj.yaml")
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(f.read_bytes())
    f.unlink()
    f.symlink_to(outside)
    plain, cached, _ = both(empty_data, tmp_path / "c")  # both() asserts cached == uncached
    assert "S113" in codes_for(cached, "czj.yaml")


def test_t603_names_this_runs_today(empty_data, tmp_path):
    write(empty_data / "progress" / "2023Q2" / "czj.yaml", sub("2023Q2", extra="submitted: 2025-01-05\n"))
    _, first, _ = both(empty_data, tmp_path / "c", today=date(2024, 6, 1))
    _, second, _ = both(empty_data, tmp_path / "c", today=date(2024, 7, 1))
    (t1,) = [f for f in first.findings if f.code == "T603"]
    (t2,) = [f for f in second.findings if f.code == "T603"]
    assert t1.params["today"] == "2024-06-01" and t2.params["today"] == "2024-07-01"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_the_secret_does_not_hang(tree_of_one, tmp_path, monkeypatch):
    home = tmp_path / "home-cache"
    (home / "zengshou").mkdir(parents=True)
    os.mkfifo(home / "zengshou" / "secret")
    env = dict(os.environ, XDG_CACHE_HOME=str(home))
    env.pop(ENV, None)
    run = subprocess.run(
        [sys.executable, "-m", "zengshou", "validate", "--data", str(tree_of_one), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode in (0, 1), run.stderr
    assert json.loads(run.stdout)["findings"] is not None
    assert not (tree_of_one.parent / DIRNAME / "v1").exists()  # no key: no cache at all


@pytest.fixture
def tree_of_one(empty_data: Path) -> Path:
    write(empty_data / "progress" / "2023Q2" / "czj.yaml", sub("2023Q2"))
    return empty_data


def test_a_committed_cache_link_is_not_written_through(cli, tree_of_one, tmp_path, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    (tree_of_one.parent / DIRNAME).symlink_to(tree_of_one)
    before = sorted(p.relative_to(tree_of_one) for p in tree_of_one.rglob("*"))
    r = cli("validate", "--data", tree_of_one)
    assert r.exit_code in (0, 1), r.output
    assert sorted(p.relative_to(tree_of_one) for p in tree_of_one.rglob("*")) == before
    assert not (tree_of_one / ".gitignore").exists()


def test_a_shard_folder_made_a_link_is_not_written_through(tree_of_one, tmp_path):
    """A real cache folder whose ``v1`` is a link elsewhere: entries are not written there."""
    root = tmp_path / "c"
    (root).mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "v1").symlink_to(elsewhere)
    both(tree_of_one, root)
    assert not list(elsewhere.rglob("*"))
