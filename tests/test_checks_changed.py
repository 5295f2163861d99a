"""``validate --changed``: only the submissions changed since a git ref, everything when the
definitions changed, and a clear exit 2 outside a repository or with an unknown ref."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import write

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
    "unit: {unit}\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: {row}\n"
    "    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。\n"
)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def repo(empty_data: Path, monkeypatch) -> Path:
    for k in GIT_ENV:
        monkeypatch.setenv(k, GIT_ENV[k])
    root = empty_data.parent
    write(empty_data / "progress/2023Q2/czj.yaml", GOOD.format(unit="市财政局", row=13))
    write(empty_data / "progress/2023Q2/kjj.yaml", GOOD.format(unit="市科技局", row=6))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "data")
    return empty_data


def checked(cli, data: Path, *args) -> tuple[int, int, set[str]]:
    res = cli("validate", "--data", data, "--format", "json", *args)
    assert res.exit_code in (0, 1), res.output
    doc = json.loads(res.stdout)
    return res.exit_code, doc["summary"]["files"], {Path(f["file"]).name for f in doc["findings"]}


def test_nothing_changed_checks_only_definitions(cli, repo):
    assert checked(cli, repo, "--changed") == (0, 2, set())


def test_modified_and_untracked_files(cli, repo):
    write(repo / "progress/2023Q2/czj.yaml", GOOD.format(unit="市财政局", row=71))  # unstaged edit
    write(repo / "progress/2023Q2/swj.yaml", GOOD.format(unit="市商务局", row=99))  # untracked
    (repo / "progress/2023Q2/kjj.yaml").unlink()  # deleted: nothing to check
    rc, files, bad = checked(cli, repo, "--changed")
    assert (rc, files, bad) == (1, 4, {"czj.yaml", "swj.yaml"})


def test_committed_since_ref(cli, repo):
    root = repo.parent
    base = git(root, "rev-parse", "HEAD")
    write(repo / "progress/2023Q2/czj.yaml", GOOD.format(unit="市财政局", row=71))
    git(root, "commit", "-q", "-am", "change")
    assert checked(cli, repo, "--changed") == (0, 2, set())  # default HEAD: nothing uncommitted
    assert checked(cli, repo, "--since", base) == (1, 3, {"czj.yaml"})
    assert checked(cli, repo, "--changed", "--since", "HEAD~1") == (1, 3, {"czj.yaml"})
    assert checked(cli, repo, "--changed", "HEAD~1") == (1, 3, {"czj.yaml"})  # the issue's `--changed [REF]`


def test_default_ref_is_origin_head(cli, repo):
    root = repo.parent
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(root, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
    write(repo / "progress/2023Q2/czj.yaml", GOOD.format(unit="市财政局", row=71))
    git(root, "commit", "-q", "-am", "on the branch")
    assert checked(cli, repo, "--changed") == (1, 3, {"czj.yaml"})

    from zengshou.changed import changed_files

    ch = changed_files(repo)
    assert ch.base == "origin/HEAD" and [p.name for p in ch.files] == ["czj.yaml"] and not ch.everything


@pytest.mark.parametrize("name", ["units.yaml", "tasks.yaml", "zengshou.toml"])
def test_definitions_changed_checks_everything(cli, repo, name):
    write(repo / "progress/2023Q2/kjj.yaml", GOOD.format(unit="市科技局", row=99))
    git(repo.parent, "commit", "-q", "-am", "bad file")
    f = repo / name
    f.write_text((f.read_text(encoding="utf-8") if f.exists() else "") + "\n# touched\n", encoding="utf-8")
    rc, files, bad = checked(cli, repo, "--changed")
    assert (rc, files, bad) == (1, 4, {"kjj.yaml"})


def test_definitions_among_paths_checks_everything(cli, repo):
    write(repo / "progress/2023Q2/kjj.yaml", GOOD.format(unit="市科技局", row=99))
    assert checked(cli, repo, repo / "progress/2023Q2/czj.yaml") == (0, 3, set())
    assert checked(cli, repo, repo / "units.yaml") == (1, 4, {"kjj.yaml"})


def test_errors_exit_2(cli, repo, tmp_path):
    res = cli("validate", "--data", repo, "--since", "no-such-ref", "--lang", "en")
    assert res.exit_code == 2
    assert "unknown git ref 'no-such-ref'" in res.stderr
    res = cli("validate", "--data", repo, "--changed", repo / "units.yaml", "--lang", "en")
    assert res.exit_code == 2 and "--changed cannot be combined with file arguments" in res.stderr

    shutil.rmtree(repo.parent / ".git")
    res = cli("validate", "--data", repo, "--changed", "--lang", "en")
    assert res.exit_code == 2
    assert res.stderr.strip() == f"error: cannot tell which files changed: {repo} is not inside a git repository"
