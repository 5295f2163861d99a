"""Regression tests for issue 15: the thirteen ways bad input still got through.

Each test names the reproduction it pins. Cases that could hang the process before the fix
(a FIFO opened for reading, a symlink to /dev/zero) run the CLI in a subprocess with a timeout,
so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import as_json, write

Q = "2023Q2"
OK = "全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。"
HEAD = f"unit: 市财政局\nquarter: {Q}\nsubmitted: 2023-07-05\n"


def good(progress: str = OK, *, contact: str | None = None, unit: str = "市财政局") -> str:
    """A valid czj submission (czj reports row 13); progress is on line 6 (7 with a contact)."""
    return (
        f"unit: {unit}\nquarter: {Q}\nsubmitted: 2023-07-05\n"
        + (f"contact: {contact}\n" if contact else "")
        + f"items:\n  - task: 13\n    progress: {progress}\n"
    )


def codes(doc) -> list[str]:
    return [f["code"] for f in doc["findings"]]


def run_cli(*args, cwd: Path, env: dict | None = None, timeout: int = 60) -> subprocess.CompletedProcess:
    """The real entry point in a subprocess: a hang becomes a failure, not a stuck suite."""
    e = {k: v for k, v in os.environ.items() if not k.startswith("ZENGSHOU_")}
    e.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "zengshou", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        timeout=timeout,
        env=e,
    )


# ---------------------------------------------------------------- 1. control characters via escapes


@pytest.mark.parametrize(
    "escape, char",
    [
        (r"\x01", "U+0001"),
        (r"\v", "U+000B"),
        (r"\0", "U+0000"),
        (r"\e", "U+001B"),
        (r"\x85", "U+0085"),
        (r"\ud800", "U+D800"),
    ],
)
def test_control_character_written_as_escape_is_an_error(cli, empty_data, escape, char):
    path = write(empty_data / "progress" / Q / "czj.yaml", good(f'"资源县{escape}结束"'))
    r = cli("validate", path, "--data", empty_data, "--format", "json", "--lang", "en")
    assert r.exit_code == 1
    found = [f for f in as_json(r)["findings"] if f["code"] == "S112"]
    assert len(found) == 1, as_json(r)["findings"]
    assert (found[0]["line"], found[0]["col"]) == (6, 15)
    assert char in found[0]["message"] and "escape" in found[0]["message"]


def test_control_character_in_contact_is_an_error(cli, empty_data):
    path = write(empty_data / "progress" / Q / "czj.yaml", good(contact='"张三\\x07 0773"'))
    r = cli("validate", path, "--data", empty_data, "--format", "json")
    assert r.exit_code == 1
    assert [(f["code"], f["line"], f["col"]) for f in as_json(r)["findings"]] == [("S112", 4, 10)]


def test_merge_leaves_a_file_with_a_control_character_out(cli, empty_data, tmp_path):
    write(empty_data / "progress" / Q / "czj.yaml", good('"资源县\\x01结束"'))
    r = cli("merge", "--quarter", Q, "--data", empty_data, "--out", tmp_path / "out", "--format", "xlsx,html")
    assert r.exit_code == 0, r.output  # files that cannot be read are left out and named (not a traceback)
    assert "czj.yaml" in r.stderr
    for f in (tmp_path / "out").iterdir():
        raw = (
            f.read_bytes()
            if f.suffix == ".html"
            else b"".join(__import__("zipfile").ZipFile(f).read(n) for n in __import__("zipfile").ZipFile(f).namelist())
        )
        assert b"\x01" not in raw and "资源县\x01".encode() not in raw and "结束".encode() not in raw, f.name
    r = cli("merge", "--quarter", Q, "--data", empty_data, "--out", tmp_path / "strict", "--strict")
    assert r.exit_code == 1 and "S112" in r.stderr and not (tmp_path / "strict").exists()


# ---------------------------------------------------------------- 2. bounded findings and work


def test_findings_of_one_file_are_capped_with_a_summary(cli, empty_data):
    path = write(empty_data / "progress" / Q / "czj.yaml", HEAD + "items:\n" + "- 1\n" * 300)
    r = cli("validate", path, "--data", empty_data, "--format", "json", "--lang", "en")
    assert r.exit_code == 1
    found = as_json(r)["findings"]
    assert len(found) == 101
    last = found[-1]
    assert last["code"] == "S115" and last["level"] == "error"
    assert last["params"]["total"] >= 300 and last["params"]["shown"] == 100
    assert f"{last['params']['total'] - 100} more" in last["message"]


def test_too_many_values_stops_reading(cli, empty_data):
    from zengshou.loader import MAX_NODES

    path = write(empty_data / "progress" / Q / "czj.yaml", HEAD + "items:\n" + "-\n" * (MAX_NODES + 10))
    r = cli("validate", path, "--data", empty_data, "--format", "json", "--lang", "en")
    assert r.exit_code == 1
    found = as_json(r)["findings"]
    assert [f["code"] for f in found] == ["S116"]
    assert found[0]["line"] == MAX_NODES - 4  # value MAX_NODES + 1: 9 values come before the list (line 5 on)
    assert str(MAX_NODES) in found[0]["message"]


def test_flow_sequence_of_many_mappings_is_bounded(cli, empty_data):
    from zengshou.loader import MAX_NODES

    path = write(empty_data / "progress" / Q / "czj.yaml", HEAD + "items: [" + "{task: 1}," * MAX_NODES + "]\n")
    r = cli("validate", path, "--data", empty_data, "--format", "json")
    assert r.exit_code == 1
    assert codes(as_json(r)) == ["S116"]


def test_cap_applies_under_status(cli, empty_data):
    write(empty_data / "progress" / Q / "czj.yaml", HEAD + "items:\n" + "- 1\n" * 300)
    r = cli("status", "--quarter", Q, "--data", empty_data, "--format", "json")
    assert r.exit_code == 1
    doc = as_json(r)
    assert doc["other_files"] == ["data/progress/2023Q2/czj.yaml"] and not doc["complete"]
    from zengshou.status import quarter_status
    from zengshou.workspace import Workspace

    st = quarter_status(Workspace.open(empty_data), Q)
    found = st.result.for_file("data/progress/2023Q2/czj.yaml")
    assert len(found) == 101 and found[-1].code == "S115" and found[-1].params["total"] >= 300


# ---------------------------------------------------------------- 3. symlinks out of the data directory

SECRET = "root:x:0:0:SECRET-LINE-THAT-MUST-NOT-APPEAR\n"


@pytest.fixture
def secret(tmp_path) -> Path:
    return write(tmp_path / "outside" / "secret.txt", SECRET)


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_symlink_out_of_data_dir_is_a_finding_and_never_read(cli, empty_data, secret, fmt):
    link = empty_data / "progress" / Q / "lingui.yaml"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    r = cli("validate", "--data", empty_data, "--format", fmt, "--lang", "en")
    assert r.exit_code == 1
    assert "SECRET-LINE" not in r.output
    assert "S113" in r.output
    assert "outside the data directory" in r.output


def test_symlinked_quarter_folder_out_of_data_dir(cli, empty_data, secret, tmp_path):
    write(tmp_path / "outside" / "czj.yaml", SECRET)
    (empty_data / "progress" / Q).symlink_to(tmp_path / "outside", target_is_directory=True)
    r = cli("merge", "--quarter", Q, "--data", empty_data, "--out", tmp_path / "out", "--strict")
    assert r.exit_code == 1
    assert "S113" in r.output and "SECRET-LINE" not in r.output
    r = cli("merge", "--quarter", Q, "--data", empty_data, "--out", tmp_path / "out")
    assert r.exit_code == 0 and "czj.yaml" in r.stderr and "SECRET-LINE" not in r.output
    for f in (tmp_path / "out").glob("*.html"):
        assert "SECRET-LINE" not in f.read_text(encoding="utf-8")


def test_symlink_inside_data_dir_is_read(cli, empty_data):
    real = write(empty_data / "progress" / Q / "czj.yaml", good())
    (empty_data / "progress" / Q / "copy").mkdir()
    (empty_data / "progress" / Q / "copy" / "czj.yaml").symlink_to(real)
    r = cli("validate", empty_data / "progress" / Q / "copy" / "czj.yaml", "--data", empty_data, "--format", "json")
    assert "S113" not in codes(as_json(r))


# ---------------------------------------------------------------- 4. --output over special files


def test_output_refuses_a_fifo_and_a_symlink_to_one(tmp_path, data_dir):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link.json"
    link.symlink_to(fifo)
    for target in (fifo, link):
        r = run_cli("validate", "--data", data_dir, "--output", target, "--lang", "en", cwd=tmp_path)
        assert r.returncode == 2, r.stderr
        assert "not a regular file" in r.stderr and "Traceback" not in r.stderr
    assert fifo.is_fifo() and link.is_symlink()


def test_output_refuses_a_character_device(tmp_path, data_dir):
    # never the real /dev/null: run as root before the fix, this very test replaced it
    import stat

    dev = tmp_path / "null"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    r = run_cli("validate", "--data", data_dir, "--output", dev, "--lang", "en", cwd=tmp_path)
    assert r.returncode == 2 and "not a regular file" in r.stderr
    assert dev.is_char_device()


def test_atomic_write_refuses_special_files(tmp_path):
    from zengshou.atomic import NotRegularFile, write_text

    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile):
        write_text(fifo, "x")
    (tmp_path / "d").mkdir()
    with pytest.raises(NotRegularFile):
        write_text(tmp_path / "d", "x")
    assert fifo.is_fifo() and not list(tmp_path.glob(".*tmp"))


# ---------------------------------------------------------------- 5./6. what reaches a terminal or a CI log

OUR_COMMANDS = re.compile(r"^::(group::|endgroup::$|(error|warning|notice) [a-z]+=)")


def test_github_log_never_starts_a_line_with_user_data(cli, empty_data):
    evil = "x\\n::error file=README.md,line=1::fake\\n::stop-commands::tok"
    write(empty_data / "progress" / Q / "czj.yaml", good(unit=f'"{evil}"'))
    write(empty_data / "progress" / Q / "::warning::x.yaml", good(unit='"y"'))
    r = cli("validate", "--data", empty_data, "--format", "github")
    assert r.exit_code == 1
    for line in r.stdout.splitlines():
        if line.startswith("::"):
            assert OUR_COMMANDS.match(line), line
            assert "stop-commands" not in line.split("::", 2)[1]


def test_escape_sequences_are_made_visible(cli, empty_data):
    write(empty_data / "progress" / Q / "czj.yaml", good(unit='"\\e[2J\\e[31mHACKED\\e[0m"'))
    for fmt in ("text", "github", "json"):
        r = cli("validate", "--data", empty_data, "--format", fmt)
        assert "\x1b" not in r.stdout
    r = cli("validate", "--data", empty_data)
    assert "U+001B" in r.stdout


def test_reporters_make_control_characters_visible():
    from zengshou.findings import Finding
    from zengshou.reporters import GithubReporter, JsonReporter, TextReporter

    f = Finding(
        "I301",
        "data/progress/2023Q2/x\x1b[2J.yaml",
        1,
        7,
        {"unit": "\x1b[31mHACKED\x1b[0m\n::error::x\u202e\x9b", "suggest": ""},
    )
    src = {"data/progress/2023Q2/x\x1b[2J.yaml": {1: "unit: \x1b[31m\u202eA"}}
    for rep in (TextReporter("en", src, 1), GithubReporter("en", src, 1)):
        out = rep.render([f])
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out), out
        assert "\\x1b[31mHACKED" in out and "\\u202e" in out
        assert not any(ln.startswith("::error::") for ln in out.splitlines())
    out = JsonReporter("en", src, 1).render([f])
    assert json.loads(out)["findings"][0]["params"]["unit"] == "\x1b[31mHACKED\x1b[0m\n::error::x\u202e\x9b"
    assert "\x9b" not in out and "\u202e" not in out


# ---------------------------------------------------------------- 10. special files given by path


def test_fifo_given_to_validate_is_a_finding(tmp_path, empty_data):
    fifo = empty_data / "progress" / Q / "czj.yaml"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    r = run_cli("validate", fifo, "--data", empty_data, "--format", "json", "--lang", "en", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    f = json.loads(r.stdout)["findings"]
    assert [x["code"] for x in f] == ["S114"] and "FIFO" in f[0]["message"]


@pytest.mark.slow  # four subprocesses per file, each reading /dev/zero up to the limit
@pytest.mark.parametrize("name", ["units.yaml", "tasks.yaml"])
def test_definition_file_as_fifo_or_dev_zero(tmp_path, empty_data, name):
    (empty_data / name).unlink()
    os.mkfifo(empty_data / name)
    r = run_cli("validate", "--data", empty_data, "--format", "json", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert "S114" in [x["code"] for x in json.loads(r.stdout)["findings"]]
    (empty_data / name).unlink()
    (empty_data / name).symlink_to("/dev/zero")
    for cmd in (["validate", "--format", "json"], ["status", "--quarter", Q], ["merge", "--quarter", Q]):
        r = run_cli(*cmd, "--data", empty_data, cwd=tmp_path)
        assert r.returncode == 1, (cmd, r.stderr[-500:])
        assert "S113" in r.stdout + r.stderr and "Traceback" not in r.stderr


def test_symlink_to_dev_zero_as_submission(tmp_path, empty_data):
    link = empty_data / "progress" / Q / "czj.yaml"
    link.parent.mkdir(parents=True)
    link.symlink_to("/dev/zero")
    r = run_cli("validate", "--data", empty_data, "--format", "json", cwd=tmp_path)
    assert r.returncode == 1 and [x["code"] for x in json.loads(r.stdout)["findings"]] == ["S113"]


def test_fifo_outside_the_data_dir_given_by_path(tmp_path, empty_data):
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    r = run_cli("validate", fifo, "--data", empty_data, "--format", "json", cwd=tmp_path)
    assert r.returncode == 1 and [x["code"] for x in json.loads(r.stdout)["findings"]] == ["S114"]


# ---------------------------------------------------------------- 12. odd layouts and environment


def test_special_files_named_yaml_are_findings_in_scans(tmp_path, empty_data):
    folder = empty_data / "progress" / Q
    folder.mkdir(parents=True)
    (folder / "dir.yaml").mkdir()
    os.mkfifo(folder / "fifo.yaml")
    write(folder / "czj.yaml", good())
    r = run_cli("validate", "--data", empty_data, "--format", "json", "--lang", "en", cwd=tmp_path)
    assert r.returncode == 1
    found = {(Path(f["file"]).name, f["code"]) for f in json.loads(r.stdout)["findings"]}
    assert found == {("dir.yaml", "S114"), ("fifo.yaml", "S114")}
    r = run_cli("status", "--quarter", Q, "--data", empty_data, "--format", "json", cwd=tmp_path)
    doc = json.loads(r.stdout)
    assert r.returncode == 1 and not doc["complete"]
    assert sorted(Path(f).name for f in doc["other_files"]) == ["dir.yaml", "fifo.yaml"]


def test_progress_being_a_file_is_an_error(cli, empty_data, tmp_path):
    (empty_data / "progress").rmdir()
    write(empty_data / "progress", "oops\n")
    r = cli("merge", "--quarter", Q, "--data", empty_data, "--out", tmp_path / "out", "--lang", "en")
    assert r.exit_code == 1 and "S117" in r.output and "progress" in r.output
    r = cli("validate", "--data", empty_data, "--format", "json")
    assert r.exit_code == 1 and codes(as_json(r)) == ["S117"]


def test_data_dir_being_a_file_says_so(cli, tmp_path):
    write(tmp_path / "notdir", "x")
    for cmd in (["validate"], ["status", "--quarter", Q], ["merge", "--quarter", Q]):
        r = cli(*cmd, "--data", tmp_path / "notdir", "--lang", "en")
        assert r.exit_code == 2
        assert "is not a directory" in r.stderr and "not found" not in r.stderr


def test_tasks_yaml_being_a_directory_says_so(cli, empty_data):
    (empty_data / "tasks.yaml").unlink()
    (empty_data / "tasks.yaml").mkdir()
    r = cli("validate", "--data", empty_data, "--format", "json", "--lang", "en")
    assert r.exit_code == 1
    f = [x for x in as_json(r)["findings"] if x["file"].endswith("tasks.yaml")]
    assert [x["code"] for x in f] == ["S114"] and "directory" in f[0]["message"]


@pytest.mark.parametrize("value", ["garbage", "2023-02-30", "2023/7/5"])
def test_garbage_today_is_a_usage_error(cli, data_dir, value):
    r = cli("validate", "--data", data_dir, "--lang", "en", env={"ZENGSHOU_TODAY": value})
    assert r.exit_code == 2
    assert "ZENGSHOU_TODAY" in r.stderr and value in r.stderr and "YYYY-MM-DD" in r.stderr


def test_a_pinned_today_the_cli_accepts_is_the_today_the_checks_use(cli, data_dir):
    """One reader of ZENGSHOU_TODAY: a value the CLI lets through (spaces around it) pins the
    date the rules use — here 2023-07-04, so the files sent on the 5th and 6th are in the future."""
    r = cli("validate", "--data", data_dir, "--format", "json", env={"ZENGSHOU_TODAY": " 2023-07-04 "})
    assert r.exit_code == 0, r.output
    assert "T603" in {f["code"] for f in json.loads(r.stdout)["findings"]}


def test_orphan_temporary_files_are_recognisable_and_cleaned(tmp_path):
    from zengshou.atomic import TMP_MARK, write_text

    target = tmp_path / "report.xlsx"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = tmp_path / f".report.xlsx.{TMP_MARK}{int(dead.stdout)}-abc.tmp"
    orphan.write_text("half")
    live = tmp_path / f".report.xlsx.{TMP_MARK}{os.getpid()}-def.tmp"
    live.write_text("in flight")
    write_text(target, "new")
    assert target.read_text() == "new"
    assert not orphan.exists() and live.exists()


def test_changed_symlink_is_checked_not_skipped(tmp_path, empty_data, secret):
    def git(*a):
        subprocess.run(["git", *a], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("add", "data", "outside")
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "-m", "init")
    link = empty_data / "progress" / Q / "czj.yaml"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    r = run_cli("validate", "--changed", "--data", empty_data, "--format", "json", cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert [x["code"] for x in json.loads(r.stdout)["findings"]] == ["S113"]
    assert "SECRET-LINE" not in r.stdout


# ---------------------------------------------------------------- 7.–9., 11. importing forms


def _patch_xml(path: Path, old: str, new: str) -> None:
    """Rewrite the workbook's XML as Excel would have stored it (openpyxl never writes _xHHHH_)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    hits = 0
    for name, blob in parts.items():
        if name.endswith(".xml") and old.encode() in blob:
            parts[name] = blob.replace(old.encode(), new.encode())
            hits += 1
    assert hits, old
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)


def _meta(path: Path, key: str, value: str) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["_zengshou"]
    row = next((r for r in ws.iter_rows() if r[0].value == key), None)
    if row is None:  # a key the form version does not write (contact_cell is version 1's)
        ws.append([key, value])
    else:
        row[1].value = value
    wb.save(path)


def test_excel_escapes_are_decoded_on_import(cli, empty_data):
    from test_forms import fill, good_texts, loaded_items, make_form, yaml_of

    texts = {**good_texts(), 1: "第一行CRLF第二行LONECR第三行，字面写法 LITERAL 保留"}
    path = fill(make_form(cli, empty_data), texts)
    _patch_xml(path, "CRLF", "_x000D_\n")
    _patch_xml(path, "LONECR", "_x000D_")
    _patch_xml(path, "LITERAL", "_x005F_x000D_")
    r = cli("import", path, "--data", empty_data)
    assert r.exit_code == 0, r.output
    assert loaded_items(yaml_of(empty_data))[1] == "第一行\n第二行\n第三行，字面写法 _x000D_ 保留"


def test_control_character_escape_in_a_cell_is_refused(cli, empty_data):
    from test_forms import fill, good_texts, make_form, yaml_of

    path = fill(make_form(cli, empty_data), {**good_texts(), 1: "第一行BELL第二行"})
    _patch_xml(path, "BELL", "_x0007_")
    r = cli("import", path, "--data", empty_data, "--lang", "en")
    assert r.exit_code == 1 and "F826" in r.stdout and "U+0007" in r.stdout
    assert not yaml_of(empty_data).exists()


@pytest.mark.parametrize("value", ["A1:E75", "E", "E0", "'; DROP", "1" * 5000])
def test_tampered_contact_cell_is_a_finding(cli, empty_data, value):
    from test_forms import fill, good_texts, make_form, yaml_of

    path = fill(make_form(cli, empty_data), good_texts())
    _meta(path, "contact_cell", value)
    r = cli("import", path, "--data", empty_data, "--lang", "en")
    assert r.exit_code == 1 and "F825" in r.stdout and "contact cell" in r.stdout
    assert not yaml_of(empty_data).exists()


@pytest.mark.parametrize("key, value", [("version", "9" * 5000), ("rows", "1," + "9" * 5000), ("optional", "-3")])
def test_tampered_metadata_numbers_are_findings(cli, empty_data, key, value):
    from test_forms import fill, good_texts, make_form

    path = fill(make_form(cli, empty_data), good_texts())
    _meta(path, key, value)
    r = cli("import", path, "--data", empty_data, "--lang", "en")
    assert r.exit_code == 1 and "F825" in r.stdout


@pytest.mark.parametrize("key", ["phone_cell", "filled_by_cell", "status_col", "figure_cols", "figures"])
def test_tampered_version_2_cells_never_traceback(cli, empty_data, key):
    from test_forms import fill, good_texts, make_form, yaml_of

    path = fill(make_form(cli, empty_data), good_texts())
    _meta(path, key, "A1:E75")
    r = cli("import", path, "--data", empty_data, "--lang", "en")
    # an unreadable cell reference is left unread (the importer's rule for version-2 extras): the
    # form still imports, the progress texts whole
    assert r.exit_code == 0, r.output
    assert yaml_of(empty_data).exists()


def test_tampered_unit_disagreeing_with_the_header_is_refused(cli, empty_data):
    from test_forms import fill, good_texts, make_form

    path = fill(make_form(cli, empty_data), good_texts())
    _meta(path, "unit", "longsheng")
    r = cli("import", path, "--data", empty_data, "--lang", "en")
    assert r.exit_code == 1, r.output
    assert "F827" in r.stdout and "市农业农村局" in r.stdout
    assert not list((empty_data / "progress").rglob("*.yaml"))


def test_form_whose_header_lost_its_unit_line_is_refused(cli, empty_data):
    """Issue 28: the header check ran only when a 填报单位 line was there; a form whose header was
    cleared imported under whatever unit the hidden sheet named."""
    import openpyxl

    from test_forms import fill, good_texts, make_form

    path = fill(make_form(cli, empty_data), good_texts())
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=1, max_row=4):
        for cell in row:
            if isinstance(cell.value, str) and "填报单位" in cell.value:
                cell.value = "落实进度表"
    wb.save(path)
    r = cli("import", path, "--data", empty_data, "--lang", "en")
    assert r.exit_code == 1, r.output
    assert "F827" in r.stdout and "no 填报单位 line" in r.stdout
    assert not list((empty_data / "progress").rglob("*.yaml"))


def test_stray_cell_at_the_last_row_is_cheap(cli, empty_data):
    import tracemalloc

    import openpyxl

    from test_forms import fill, good_texts, make_form
    from zengshou.forms.xlsx_import import read_form
    from zengshou.lint import load_catalog

    path = fill(make_form(cli, empty_data), good_texts())
    wb = openpyxl.load_workbook(path)
    wb["落实进度"].cell(1_048_576, 2).value = " "
    wb.save(path)
    cat = load_catalog(empty_data)[0]
    tracemalloc.start()
    try:
        imp = read_form(path, cat)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not imp.refused and len(imp.items) == 10
    assert peak < 60 * 1024 * 1024, peak


def test_usage_errors_show_escapes_not_obey_them(cli, data_dir):
    r = cli("validate", "nowhere/\x1b[2Jx.yaml", "--data", data_dir, "--lang", "en")
    assert r.exit_code == 2
    assert r.stderr == "error: no such file: nowhere/\\x1b[2Jx.yaml\n"
