"""The ``zengshou-validate`` hook, run by the real pre-commit framework.

A snapshot of this repository (sources, pyproject, .pre-commit-hooks.yaml) is committed into a
temporary hook repository once per module, so pre-commit installs the hook environment once
(with pip, from the local path; dependencies come from PyPI). Then ``pre-commit try-repo`` runs
the hook in a temporary data repository: a good change passes, a bad one fails with the rule
code, and passing units.yaml re-checks every submission.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT, write

#: each test installs and runs pre-commit in a fresh repository: tens of seconds
pytestmark = pytest.mark.slow

pytest.importorskip("pre_commit")
if shutil.which("git") is None:  # pragma: no cover
    pytest.skip("git is not installed", allow_module_level=True)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
GOOD = (
    "unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n"
    "    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。\n"
)


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str, Path]:
    """(hook repository, its commit, PRE_COMMIT_HOME) — built once for the module."""
    base = tmp_path_factory.mktemp("precommit")
    repo = base / "zengshou"
    repo.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, repo / name)
    for folder in ("src", "templates"):  # templates/ is force-included into the wheel
        shutil.copytree(
            ROOT / folder, repo / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
        )
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "snapshot")
    return repo, git(repo, "rev-parse", "HEAD").strip(), base / "cache"


@pytest.fixture
def data_repo(tmp_path) -> Path:
    repo = tmp_path / "reports"
    repo.mkdir()
    shutil.copytree(DATA, repo / "data")
    (repo / ".pre-commit-config.yaml").write_text(
        "# try-repo supplies the hook; a real repository lists it here (see docs/ci.md)\nrepos: []\n", encoding="utf-8"
    )
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "data")
    return repo


def try_repo(hook_repo, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    repo, rev, home = hook_repo
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "ZENGSHOU_LANG": "en"}
    env.pop("ZENGSHOU_DATA", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(repo),
            "zengshou-validate",
            "--ref",
            rev,
            "--verbose",
            *args,
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_good_commit_passes_bad_commit_fails(hook_repo, data_repo):
    f = write(data_repo / "data/progress/2023Q2/czj.yaml", GOOD)
    git(data_repo, "add", "-A")
    res = try_repo(hook_repo, data_repo)  # the staged files, as on `git commit`
    assert res.returncode == 0, res.stdout + res.stderr
    assert "zengshou validate" in res.stdout and "Passed" in res.stdout
    git(data_repo, "commit", "-q", "-m", "good")

    write(
        f,
        GOOD.replace("二季度采购 1860 万元。", "").replace("全市预算单位预留脱贫地区农副产品采购份额 16.2%，", "同上"),
    )
    git(data_repo, "add", "-A")
    res = try_repo(hook_repo, data_repo)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Failed" in res.stdout
    assert "data/progress/2023Q2/czj.yaml:6:15 C404" in res.stdout


def test_definitions_change_rechecks_everything(hook_repo, data_repo):
    bad = write(data_repo / "data/progress/2023Q2/czj.yaml", GOOD.replace("task: 13", "task: 71"))
    good = write(
        data_repo / "data/progress/2023Q2/kjj.yaml", GOOD.replace("市财政局", "市科技局").replace("task: 13", "task: 6")
    )
    git(data_repo, "add", "-A")
    git(data_repo, "commit", "-q", "-m", "files", "--no-verify")

    res = try_repo(hook_repo, data_repo, "--files", str(good.relative_to(data_repo)))
    assert res.returncode == 0, res.stdout + res.stderr  # only kjj.yaml is checked

    res = try_repo(hook_repo, data_repo, "--files", "data/units.yaml")
    assert res.returncode == 1, res.stdout + res.stderr
    assert f"{bad.relative_to(data_repo).as_posix()}:5:11 C401" in res.stdout


def test_files_outside_data_are_not_passed(hook_repo, data_repo):
    write(data_repo / "notes/minutes.yaml", "unit: [not, a, submission\n")
    git(data_repo, "add", "-A")
    res = try_repo(hook_repo, data_repo)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "no files to check" in res.stdout.lower()
