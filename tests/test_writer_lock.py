"""Nothing a writer does is lost (issue 28, item 6).

Before: two imports of different forms for one unit at once both said "imported" and one was
lost (3 of 20 rounds); ``import --force`` kept no ``.bak`` (``new --force`` did); ``new`` and
``import`` wrote through a quarter folder made a link to outside the data directory, which
validate then refused to read. Now every writer takes the unit file's lock
(:func:`zengshou.writer.unit_lock`), compares with what is there under it, keeps what it
replaces, and never follows a link out of the data directory.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from test_forms import fill, good_texts, make_form, yaml_of
from zengshou.writer import lock_path, unit_lock, write_submission


def test_import_force_keeps_a_backup(cli, empty_data):
    path = fill(make_form(cli, empty_data), good_texts())
    assert cli("import", path, "--data", empty_data).exit_code == 0
    first = yaml_of(empty_data).read_bytes()
    fill(path, {1: "改过的进度：二季度新增示范基地 2 个，带动脱贫户 150 户。"})
    res = cli("import", path, "--force", "--data", empty_data)
    assert res.exit_code == 0, res.output
    bak = yaml_of(empty_data).with_name("nyncj.yaml.bak")
    assert bak.read_bytes() == first and "nyncj.yaml.bak" in res.stdout
    # a second replacement keeps the first backup and adds another
    fill(path, {1: "再改一次：二季度新增示范基地 3 个，带动脱贫户 160 户。"})
    assert cli("import", path, "--force", "--data", empty_data).exit_code == 0
    assert bak.read_bytes() == first and bak.with_name("nyncj.yaml.bak.1").exists()


@pytest.fixture
def linked_quarter(empty_data: Path, tmp_path: Path) -> Path:
    """``progress/2023Q2`` is a link to a folder outside the data directory."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (empty_data / "progress" / "2023Q2").symlink_to(outside, target_is_directory=True)
    return outside


def test_new_does_not_write_through_a_linked_quarter_folder(cli, empty_data, linked_quarter):
    res = cli("new", "--unit", "nyncj", "--quarter", "2023Q2", "--data", empty_data, "--lang", "en")
    assert res.exit_code == 2 and "out of the data directory" in res.output
    assert not list(linked_quarter.iterdir())


def test_import_does_not_write_through_a_linked_quarter_folder(cli, empty_data, linked_quarter, tmp_path):
    path = fill(make_form(cli, empty_data, name=str(tmp_path / "form.xlsx")), good_texts())
    res = cli("import", path, "--data", empty_data)
    assert res.exit_code == 1 and "F824" in res.stdout and "数据目录之外" in res.stdout, res.output
    assert not list(linked_quarter.iterdir())


def test_a_writer_waits_for_the_lock_then_sees_the_other_file(tmp_path):
    """Deterministic interleaving: while one writer holds the unit's lock (between its read and
    its write), another waits; it then compares with the file the first wrote, not with the
    absence it would have seen before, and reports it instead of overwriting."""
    data = tmp_path / "data"
    target = data / "progress" / "2023Q2" / "czj.yaml"
    inside = threading.Event()
    release = threading.Event()

    def first():
        with unit_lock(target, data_dir=data):
            inside.set()
            release.wait(10)
            target.write_text("first\n", encoding="utf-8")

    t = threading.Thread(target=first)
    t.start()
    assert inside.wait(10)
    with ThreadPoolExecutor(1) as pool:
        second = pool.submit(write_submission, target, "second\n", data_dir=data)
        time.sleep(0.2)
        assert not second.done()  # waiting for the lock
        release.set()
        done = second.result(10)
    t.join()
    assert done.state == "exists" and target.read_text(encoding="utf-8") == "first\n"
    forced = write_submission(target, "second\n", data_dir=data, force=True)
    assert forced.state == "replaced" and forced.backup is not None and forced.backup.read_text() == "first\n"
    assert not lock_path(target).exists()  # no lock file left behind


def _race(data: Path, forms: list[Path], *extra: str) -> list[subprocess.CompletedProcess]:
    cmd = [sys.executable, "-m", "zengshou", "import", "--data", str(data), *extra]
    env = dict(os.environ, ZENGSHOU_LANG="zh")
    procs = [
        subprocess.Popen([*cmd, str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for f in forms
    ]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=120)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


def _source(text: str) -> str:
    return re.search(r"导入：(\S+\.xlsx)", text).group(1)


@pytest.mark.slow
def test_concurrent_imports_for_one_unit_lose_nothing(cli, empty_data, tmp_path):
    """Three different forms for one unit imported at once, round after round: without --force
    exactly one is written and the others are reported (F822); with --force every version is
    either the file or one of its backups. Never one said "imported" and then gone."""
    base = make_form(cli, empty_data, name=str(tmp_path / "base.xlsx"))
    forms = []
    for i in range(3):
        texts = good_texts()
        texts[1] = f"版本{i}：二季度新增示范基地 {i + 2} 个，带动脱贫户 {150 + i} 户。"
        forms.append(fill(base, texts, save_as=tmp_path / f"v{i}.xlsx"))
    target = yaml_of(empty_data)
    for _ in range(4):
        for f in target.parent.glob("nyncj.yaml*"):
            f.unlink()
        runs = _race(empty_data, forms)
        said = [Path(r.args[-1]).name for r in runs if "已导入" in r.stdout]
        refused = [Path(r.args[-1]).name for r in runs if "F822" in r.stdout]
        assert len(said) == 1 and sorted(said + refused) == ["v0.xlsx", "v1.xlsx", "v2.xlsx"], [r.stdout for r in runs]
        assert _source(target.read_text(encoding="utf-8")) == said[0]
    for _ in range(4):
        for f in target.parent.glob("nyncj.yaml*"):
            f.unlink()
        runs = _race(empty_data, forms, "--force")
        assert all(r.returncode == 0 for r in runs), [r.stdout + r.stderr for r in runs]
        kept = [_source(f.read_text(encoding="utf-8")) for f in target.parent.glob("nyncj.yaml*")]
        assert sorted(kept) == ["v0.xlsx", "v1.xlsx", "v2.xlsx"]  # the file and two backups
        assert not list(target.parent.glob(".*lock"))
