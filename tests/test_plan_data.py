"""The plan's definitions: tasks.yaml is what the plan text says, and broken definitions are
reported with a code and a line instead of crashing every command (issue 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, ROOT

PLAN = ROOT / "docs" / "plan" / "guilin-income-plan-2022-2024.txt"
NYNCJ_LEADS = [1, 2, 3, 4, 5, 44, 46, 50, 52, 58]


def tasks_json(cli, *args, data=DATA) -> list[dict]:
    r = cli("tasks", "--data", data, "--format", "json", *args)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


# ---------------------------------------------------------------- derived from the plan text


def test_tasks_yaml_equals_derivation():
    from zengshou.plantext import derive_file

    text, problems = derive_file(PLAN, DATA / "units.yaml")
    assert problems == []
    assert (DATA / "tasks.yaml").read_text(encoding="utf-8") == text


def test_task_texts_are_lines_of_the_plan_table():
    """Parsed independently of plantext: every task text is, verbatim, a cell (line) of the table."""
    lines = PLAN.read_text(encoding="utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "序号")
    end = next(i for i, ln in enumerate(lines) if ln.startswith("备注"))
    cells = {ln.strip() for ln in lines[start:end]}
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(DATA)
    missing = [t.id for t in cat.tasks if t.text not in cells]
    assert missing == []
    # and the row numbers 1..70 are cells of the table too
    assert all(str(n) in cells for n in range(1, 71))


def test_tasks_json(cli):
    rows = tasks_json(cli)
    assert len(rows) == 70 and [r["id"] for r in rows] == list(range(1, 71))
    for r in rows:
        assert {"id", "measure", "measure_title", "text", "lead", "units"} <= set(r)
        assert r["lead"] == r["units"][0] and r["text"] and r["measure_title"]
    assert rows[0]["lead"] == "市农业农村局"
    assert rows[0]["text"] == "推动我市农村特别是脱贫地区一二三产业融合发展，构建现代乡村产业体系。"


def test_merged_measure_cells_do_not_move_rows():
    """Rows 24 and 63 follow a blank (merged) measure cell: they stay in measures 10 and 29."""
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(DATA)
    assert cat.task(24).measure == 10 and cat.task(63).measure == 29
    assert cat.task(23).measure == 10 and cat.task(62).measure == 29


def test_rows_8_to_10_name_two_counties_only():
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(DATA)
    for row in (8, 9, 10):
        ids = cat.task_unit_ids(row)
        counties = [u for u in ids if cat.by_id[u].kind == "county"]
        assert counties == ["longsheng", "ziyuan"], row
        assert "gxrmzf" not in ids
        assert row in cat.required_rows("ziyuan") and row not in cat.required_rows("pingle")


def test_tasks_for_a_county(cli):
    rows = tasks_json(cli, "--unit", "资源县")
    assert len(rows) == 70 and {r["role"] for r in rows} == {"county"} and all(r["required"] for r in rows)
    assert len(tasks_json(cli, "--unit", "平乐县")) == 67


def test_tasks_for_a_lead_unit(cli):
    rows = tasks_json(cli, "--unit", "市农业农村局")
    assert [r["id"] for r in rows if r["role"] == "lead"] == NYNCJ_LEADS
    assert [r["id"] for r in rows if r["required"]] == NYNCJ_LEADS
    assert {r["role"] for r in rows} == {"lead", "participant"}
    assert tasks_json(cli, "--unit", "nyncj") == rows == tasks_json(cli, "--unit", "桂林市农业农村局")


def test_tasks_for_an_alias(cli):
    rows = tasks_json(cli, "--unit", "市场监管局")
    assert rows and {r["role"] for r in rows} == {"participant"}
    assert all("市市场监督管理局" in r["units"] for r in rows)


def test_tasks_unknown_unit(cli):
    r = cli("tasks", "--data", DATA, "--unit", "市农业局")
    assert r.exit_code == 2 and "市农业农村局" in r.output


def test_tasks_table(cli):
    r = cli("tasks", "--data", DATA, "--unit", "资源县")
    assert r.exit_code == 0 and "资源县人民政府" in r.stdout and "须报送 70 项" in r.stdout


def test_units_json(cli):
    r = cli("units", "--data", DATA, "--format", "json")
    units = json.loads(r.stdout)
    ids = [u["id"] for u in units]
    assert len(ids) == len(set(ids))
    for u in units:
        assert {"id", "name", "kind", "aliases", "required_rows"} <= set(u)
        assert u["kind"] in ("department", "county", "other", "group")
    by = {u["id"]: u for u in units}
    assert by["nyncj"]["required_rows"] == NYNCJ_LEADS
    assert len([u for u in units if u["kind"] == "county"]) == 17
    assert len(by["gxrmzf"]["members"]) == 17 and by["gxrmzf"]["required_rows"] == []


# ---------------------------------------------------------------- broken definitions


def _line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


def _edit(path: Path, old: str, new: str, after: str = "") -> int:
    """Replace the first ``old`` (after ``after``) and return its line number."""
    text = path.read_text(encoding="utf-8")
    start = text.index(after) if after else 0
    i = text.index(old, start)
    path.write_text(text[:i] + new + text[i + len(old) :], encoding="utf-8")
    return text[:i].count("\n") + 1


def _findings(cli, data: Path) -> tuple[int, list[dict]]:
    r = cli("validate", "--data", data, "--format", "json")
    assert "Traceback" not in r.output
    return r.exit_code, json.loads(r.stdout)["findings"]


def test_unknown_unit_in_a_task(cli, data_dir):
    line = _edit(data_dir / "tasks.yaml", "      - 市农业农村局\n", "      - 市农业农村厅\n", after="\ntasks:")
    code, fs = _findings(cli, data_dir)
    f = next(f for f in fs if f["code"] == "D201")
    assert code == 1 and f["file"].endswith("tasks.yaml") and (f["line"], f["col"]) == (line, 9)
    assert "市农业农村厅" in f["message"] and "市农业农村局" in f["fix"]
    r = cli("tasks", "--data", data_dir)
    assert r.exit_code == 1 and "D201" in r.output


def test_duplicate_row_id(cli, data_dir):
    line = _edit(data_dir / "tasks.yaml", "  - id: 2\n    measure: 1\n", "  - id: 1\n    measure: 1\n")
    code, fs = _findings(cli, data_dir)
    f = next(f for f in fs if f["code"] == "D202")
    assert code == 1 and f["line"] == line and f["params"]["first_line"] < line


def test_duplicate_alias(cli, data_dir):
    line = _edit(data_dir / "units.yaml", "aliases: [工业和信息化局,", "aliases: [农业农村局, 工业和信息化局,")
    code, fs = _findings(cli, data_dir)
    f = next(f for f in fs if f["code"] == "D203")
    assert code == 1 and f["file"].endswith("units.yaml") and f["line"] == line
    assert "农业农村局" in f["message"]


def test_tab_in_units(cli, data_dir):
    line = _edit(data_dir / "units.yaml", "    name: 市商务局\n", "\tname: 市商务局\n")
    code, fs = _findings(cli, data_dir)
    f = next(f for f in fs if f["code"] == "S102")
    assert code == 1 and f["file"].endswith("units.yaml") and f["line"] == line


@pytest.mark.parametrize(
    "name, old, new",
    [
        ("tasks.yaml", "    measure: 1\n", "    measure: 1\n    measure: 2\n"),
        ("units.yaml", "    kind: department\n", "    kind: department\n    kind: county\n"),
    ],
)
def test_duplicate_key_in_definitions(cli, data_dir, name, old, new):
    line = _edit(data_dir / name, old, new, after="\ntasks:" if name == "tasks.yaml" else "")
    code, fs = _findings(cli, data_dir)
    f = next(f for f in fs if f["code"] == "S103")
    assert code == 1 and f["file"].endswith(name) and f["line"] == line + 1 and f["params"]["first_line"] == line


def test_missing_definitions(cli, data_dir):
    (data_dir / "units.yaml").unlink()
    code, fs = _findings(cli, data_dir)
    assert code == 1 and [f["code"] for f in fs] == ["D200"]
    r = cli("status", "--quarter", "2023Q2", "--data", data_dir)
    assert r.exit_code == 1 and "D200" in r.output and "Traceback" not in r.output


# ---------------------------------------------------------------- institutional reform


@pytest.fixture
def reformed(data_dir: Path) -> Path:
    """市乡村振兴局 is merged into 市农业农村局 from 2024Q1; 市农业农村局 was once 市农业局."""
    _edit(
        data_dir / "units.yaml",
        "    aliases: [乡村振兴局, 桂林市乡村振兴局]\n",
        "    aliases: [乡村振兴局, 桂林市乡村振兴局]\n    successor: {id: nyncj, from: 2024Q1}\n",
    )
    _edit(
        data_dir / "units.yaml",
        "    aliases: [农业农村局, 桂林市农业农村局]\n",
        "    aliases: [农业农村局, 桂林市农业农村局]\n    former_names: [市农业局]\n",
    )
    return data_dir


def test_former_name_resolves(cli, reformed):
    from zengshou.lint import load_catalog

    cat, findings = load_catalog(reformed)
    assert [f for f in findings if f.level == "error"] == []
    assert cat.resolve("市农业局").id == "nyncj"
    assert tasks_json(cli, "--unit", "市农业局", data=reformed) == tasks_json(cli, "--unit", "nyncj", data=reformed)


def test_successor_takes_over(reformed):
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(reformed)
    assert cat.current("xczxj", "2023Q4") == "xczxj" and cat.current("xczxj", "2024Q1") == "nyncj"
    assert "xczxj" in cat.reporters("2023Q4") and "xczxj" not in cat.reporters("2024Q1")
    assert "nyncj" in cat.reporters("2024Q1")
    assert 7 not in cat.required_rows("nyncj", "2023Q4")
    assert {7, 8, 70} <= set(cat.required_rows("nyncj", "2024Q1"))
    assert cat.lead(7, "2024Q1") == "nyncj" and cat.lead(7, "2023Q4") == "xczxj"


def test_successor_validate_reports_i307(cli, reformed):
    from conftest import write

    write(
        reformed / "progress" / "2024Q1" / "xczxj.yaml",
        "unit: 市乡村振兴局\nquarter: 2024Q1\nsubmitted: 2024-04-03\nitems:\n  - task: 70\n"
        "    progress: 【测试】一季度通报增收工作进展2期，对3个突出问题跟踪督办。\n",
    )
    code, fs = _findings(cli, reformed)
    f = next(f for f in fs if f["code"] == "I307")
    assert f["level"] == "warning" and (f["line"], f["col"]) == (1, 7) and "市农业农村局" in f["message"]
    doc = json.loads(cli("status", "-q", "2024Q1", "--data", reformed, "-f", "json").stdout)
    assert "xczxj" not in [u["unit_id"] for u in doc["units"]]


# ---------------------------------------------------------------- help


def test_every_command_has_help(cli):
    import typer

    from zengshou.cli.app import app

    group = typer.main.get_command(app)
    names = sorted(group.commands)
    assert {"tasks", "units", "validate", "new", "status"} <= set(names)
    for name in names:
        r = cli(name, "--help")
        assert r.exit_code == 0 and "用法" in r.stdout, name  # help is in Chinese by default
        assert "--help" in r.stdout
    assert cli("--help").exit_code == 0


# ---------------------------------------------------------------- the deadline: a declared reading, movable per quarter


def test_deadline_reading_is_declared_in_tasks_yaml():
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(DATA)
    assert cat.plan.deadline_day == 6 and cat.plan.deadline_inclusive is True
    assert (
        "6日前" in cat.plan.note and "6日前" in cat.plan.deadline_reading and "[deadlines]" in cat.plan.deadline_reading
    )
    assert cat.deadline("2023Q2").isoformat() == "2023-07-06" and not cat.deadline_from_config("2023Q2")
    text = (DATA / "tasks.yaml").read_text(encoding="utf-8")
    assert "  deadline_inclusive: true\n" in text


def test_rules_t601_words_the_deadline_as_the_tools_reading(cli):
    zh = cli("rules", "T601").stdout
    assert "本工具" in zh and "读法" in zh and "[deadlines]" in zh
    en = cli("rules", "T601", "--lang", "en").stdout
    assert "the tool's reading" in en and "deadline_inclusive" in en


def test_exclusive_reading_makes_the_6th_late(cli, data_dir):
    _edit(data_dir / "tasks.yaml", "  deadline_inclusive: true\n", "  deadline_inclusive: false\n")
    _edit(data_dir / "progress" / "2023Q2" / "czj.yaml", "submitted: ", "submitted: 2023-07-06 #")
    code, fs = _findings(cli, data_dir)
    late = {f["file"].rsplit("/", 1)[-1]: f["params"] for f in fs if f["code"] == "T601"}
    assert late["czj.yaml"]["deadline"] == "2023-07-05" and late["czj.yaml"]["days"] == 1


def _status(cli, data: Path) -> dict:
    r = cli("status", "-q", "2023Q2", "--data", data, "-f", "json")
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)


def test_a_quarter_deadline_moved_in_config_moves_t601_status_reminder_and_report(cli, data_dir):
    """阳朔县 sent 2023Q2 on 11 July, 5 days after the 6th; the coordinator moves 2023Q2's deadline
    to 12 July (say, a holiday): the file is on time everywhere, and 2023Q3 keeps its 6 October."""
    from openpyxl import load_workbook

    def t601() -> list[dict]:
        return [f for f in _findings(cli, data_dir)[1] if f["code"] == "T601"]

    assert [f["params"]["deadline"] for f in t601()] == ["2023-07-06"]
    before = {u["unit_id"]: u for u in _status(cli, data_dir)["units"]}
    assert before["yangshuo"]["state"] == "late"

    (data_dir / "zengshou.toml").write_text('[deadlines]\n2023Q2 = "2023-07-12"\n', encoding="utf-8")
    assert t601() == []
    doc = _status(cli, data_dir)
    assert doc["deadline"] == "2023-07-12"
    assert {u["unit_id"]: u for u in doc["units"]}["yangshuo"]["state"] == "on_time"
    notice = cli("status", "-q", "2023Q2", "--data", data_dir, "--remind", "--date", "2023-07-10").stdout
    assert "2023年7月12日" in notice and "2023年7月6日" not in notice

    from zengshou.lint import load_catalog

    cat, _ = load_catalog(data_dir)
    assert cat.deadline("2023Q2").isoformat() == "2023-07-12" and cat.deadline_from_config("2023Q2")
    assert cat.deadline("2023Q3").isoformat() == "2023-10-06"
    r = cli("merge", "-q", "2023Q2", "--data", data_dir, "--out", data_dir.parent / "out", "--format", "xlsx")
    assert r.exit_code == 0, r.output
    wb = load_workbook(next((data_dir.parent / "out").glob("*-落实进度.xlsx")))  # 呈报版
    sheet = next(ws for ws in wb.worksheets if ws.title.startswith("正文"))
    heading = " ".join(str(sheet.cell(r, 1).value) for r in range(1, 6))  # title, 截至日期, digest (截止日期)
    assert "截止日期为2023年7月12日" in heading and "2023年7月6日" not in heading
    wb = load_workbook(next((data_dir.parent / "out").glob("*-工作底稿.xlsx")))  # per unit: the 工作底稿
    sheet = next(ws for ws in wb.worksheets if ws.title.startswith("报送情况"))
    yangshuo = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "阳朔县人民政府")
    assert yangshuo[3] == "按时报送" and yangshuo[4] == "2023年7月11日" and not yangshuo[5]


@pytest.mark.parametrize(
    "toml, needle",
    [
        ('[deadlines]\n2023Q5 = "2023-10-09"\n', "'2023Q5' is not a quarter"),
        ('[deadlines]\n2023Q3 = "2023-10-32"\n', "is not a date"),
        ('[deadlines]\n2023Q3 = "9 Oct 2023"\n', "is not a date"),
        ("[deadlines]\n2023Q3 = 20231009\n", "is not a date"),
        ('[deadlines]\n2023Q3 = "2023-09-09"\n', "must fall after the quarter ends (2023-09-30)"),
        ('[deadlines]\n2023Q3 = "2024-10-09"\n', "and by 2023-12-31"),
        ('deadlines = "2023-10-09"\n', "must be a table"),
        ("[deadlines\n", "zengshou.toml"),
    ],
)
def test_bad_deadline_config_is_a_clear_error(cli, data_dir, toml, needle):
    (data_dir / "zengshou.toml").write_text(toml, encoding="utf-8")
    for args in (("validate",), ("status", "-q", "2023Q2"), ("tasks",), ("indicators",)):
        r = cli(*args, "--data", data_dir, "--lang", "en")
        assert r.exit_code == 2 and "Traceback" not in r.output, (args, r.output)
        assert needle in r.output and "zengshou.toml" in r.output, (args, r.output)


def test_deadline_in_pyproject_and_native_toml_date(data_dir):
    from zengshou.lint import load_catalog

    (data_dir.parent / "pyproject.toml").write_text(
        "[tool.zengshou.deadlines]\n2023Q3 = 2023-10-09\n", encoding="utf-8"
    )
    cat, _ = load_catalog(data_dir)
    assert cat.deadline("2023Q3").isoformat() == "2023-10-09" and cat.deadline("2023Q2").isoformat() == "2023-07-06"
