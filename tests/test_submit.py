"""``zengshou new`` (the clerk's form) and ``zengshou status`` (who has reported, 催报)."""

from __future__ import annotations

import json
import re

import pytest

from conftest import write
from zengshou.loader import load_file


def comments_before(lines: list[str], i: int) -> str:
    """The comment block right above line ``i``, joined without the '# ' prefixes."""
    out = []
    j = i - 1
    while j >= 0 and lines[j].lstrip().startswith("#"):
        out.insert(0, lines[j].lstrip()[1:].strip())
        j -= 1
    return "".join(out)


def fill(text: str, submitted: str | None = "2023-07-05") -> str:
    """Fill a form the way a clerk does: text under each `progress: |-`, the date uncommented."""
    n = 0

    def one(m: re.Match) -> str:
        nonlocal n
        n += 1
        return f"{m.group(0)}\n      【测试】第{n}条：本季度完成培训{n * 7}人次，兑现补助{n * 3}万元。"

    text = re.sub(r"(?m)^    progress: \|-$", one, text)
    if submitted:
        text = text.replace("# submitted: YYYY-MM-DD", f"submitted: {submitted}")
    return text


# ---------------------------------------------------------------- new


def test_new_writes_a_form(cli, empty_data):
    from zengshou.lint import load_catalog
    from zengshou.loader import load_file

    r = cli("new", "--unit", "资源县", "--quarter", "2023Q2", "--data", empty_data)
    assert r.exit_code == 0, r.output
    path = empty_data / "progress" / "2023Q2" / "ziyuan.yaml"
    assert "data/progress/2023Q2/ziyuan.yaml" in r.stdout and "zengshou validate" in r.stdout
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../../docs/schema/progress.schema.json"
    assert "unit: 资源县人民政府" in lines and "quarter: 2023Q2" in lines
    assert "# submitted: YYYY-MM-DD" in lines
    assert {ln.split(":")[0] for ln in lines if re.match(r"(filled_by|phone|reviewer):\s+# ", ln)} == {
        "filled_by",
        "phone",
        "reviewer",
    }
    header = "\n".join(ln for ln in lines[:20] if ln.startswith("#"))
    assert "2023-07-06" in header and "300" in header and "字符数（不计空格）" in header
    assert not COMMAND_WORDS.search(header), COMMAND_WORDS.search(header)  # the command stays in the terminal
    doc = load_file(path)
    assert doc.findings == [] and doc.data["filled_by"] is None and doc.data["reviewer"] is None

    cat, _ = load_catalog(empty_data)
    rows = [int(ln.split(":")[1]) for ln in lines if ln.startswith("  - task:")]
    assert rows == cat.required_rows("ziyuan", "2023Q2") and len(rows) == 70
    for i, ln in enumerate(lines):
        if ln.startswith("  - task:"):
            row = int(ln.split(":")[1])
            above = comments_before(lines, i)
            assert cat.task(row).text.replace(" ", "") in above.replace(" ", ""), row
            assert cat.measures[cat.task(row).measure].title in above
            assert lines[i + 1] == "    progress: |-"
            assert lines[i + 2].startswith("    status:") and "未启动 / 推进中 / 已完成 / 持续推进" in lines[i + 2]
    # figures the county reports, commented out (an empty figure would be an error)
    at3 = text.index("  - task: 3\n")
    block = text[at3 : text.index("  - task: 4\n")]
    assert "    # figures:" in block and "    #   r3_demo_zones:" in block and "累计" in block and "（个，" in block
    assert "r20_training" not in text  # the city-wide figure of row 20 is the lead's (市人社局), not the county's
    assert max(len(ln) for ln in lines if ln.lstrip().startswith("#")) <= 90  # wrapped


def test_fresh_form_fails_only_for_emptiness(cli, empty_data):
    cli("new", "--unit", "市民政局", "--quarter", "2023Q2", "--data", empty_data)
    r = cli("validate", "--data", empty_data, "--format", "json")
    doc = json.loads(r.stdout)
    assert r.exit_code == 1
    assert [(f["code"], f["params"]["row"]) for f in doc["findings"]] == [("C404", 40), ("C404", 41), ("C404", 42)]


def test_filled_form_validates(cli, empty_data):
    cli("new", "--unit", "longsheng", "--quarter", "2023Q2", "--data", empty_data)
    path = empty_data / "progress" / "2023Q2" / "longsheng.yaml"
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    r = cli("validate", "--data", empty_data)
    assert r.exit_code == 0, r.stdout


def test_new_is_deterministic(cli, empty_data, tmp_path):
    cli("new", "--unit", "nyncj", "--quarter", "2023Q3", "--data", empty_data)
    path = empty_data / "progress" / "2023Q3" / "nyncj.yaml"
    first = path.read_bytes()
    cli("new", "--unit", "市农业农村局", "--quarter", "2023q3", "--data", empty_data, "--force")
    assert path.read_bytes() == first


def test_new_refuses_to_overwrite(cli, empty_data):
    path = write(empty_data / "progress" / "2023Q2" / "czj.yaml", "unit: 市财政局\n# 已经写了一半\n")
    r = cli("new", "--unit", "czj", "--quarter", "2023Q2", "--data", empty_data)
    assert r.exit_code == 2
    assert "已存在" in r.output and "--force" in r.output and "Traceback" not in r.output
    assert path.read_text(encoding="utf-8") == "unit: 市财政局\n# 已经写了一半\n"
    r = cli("new", "--unit", "czj", "--quarter", "2023Q2", "--data", empty_data, "--lang", "en")
    assert r.exit_code == 2 and "already exists" in r.output


def test_new_force_replaces_keeping_a_backup_and_showing_the_diff(cli, empty_data):
    path = write(empty_data / "progress" / "2023Q2" / "czj.yaml", "old\n")
    r = cli("new", "--unit", "czj", "--quarter", "2023Q2", "--data", empty_data, "--force")
    assert r.exit_code == 0
    assert "  - task: 13" in path.read_text(encoding="utf-8")
    assert "-old" in r.stdout and "+  - task: 13" in r.stdout and "czj.yaml.bak" in r.stdout
    assert sorted(p.name for p in path.parent.iterdir()) == ["czj.yaml", "czj.yaml.bak"]  # no temp file left
    assert (path.parent / "czj.yaml.bak").read_text(encoding="utf-8") == "old\n"
    # the same again: nothing to replace, no backup
    r = cli("new", "--unit", "czj", "--quarter", "2023Q2", "--data", empty_data, "--force")
    assert r.exit_code == 0 and "未改动" in r.stdout and len(list(path.parent.iterdir())) == 2
    # a second replacement never overwrites the first backup
    path.write_text("older work\n", encoding="utf-8")
    r = cli("new", "--unit", "czj", "--quarter", "2023Q2", "--data", empty_data, "--force", "--lang", "en")
    assert r.exit_code == 0 and "czj.yaml.bak.1" in r.stdout
    assert (path.parent / "czj.yaml.bak").read_text(encoding="utf-8") == "old\n"
    assert (path.parent / "czj.yaml.bak.1").read_text(encoding="utf-8") == "older work\n"
    # backups are not submissions: validate does not read them
    r = cli("validate", "--data", empty_data, "--format", "json")
    assert {f["file"].rsplit("/", 1)[-1] for f in json.loads(r.stdout)["findings"]} <= {"czj.yaml"}


def test_new_shows_last_quarter_under_each_task(cli, data_dir):
    r = cli("new", "--unit", "czj", "--quarter", "2023Q3", "--data", data_dir)
    assert r.exit_code == 0
    text = (data_dir / "progress" / "2023Q3" / "czj.yaml").read_text(encoding="utf-8")
    block = text[text.index("# 第 13 项") : text.index("  - task: 13")]
    assert "# 上季度（2023Q2，供参考）：【示例】" in block
    prev = load_file(data_dir / "progress" / "2023Q2" / "czj.yaml").data["items"]
    first = next(it["progress"] for it in prev if it["task"] == "13")
    assert first[:20] in block.replace("\n  # ", "")
    # hostile text last quarter: a line break or a direction control cannot escape the comment
    # (a C1 control such as \x85 makes the file invalid, S112, so it is never shown at all)
    write(
        data_dir / "progress" / "2023Q3" / "czj.yaml",
        'unit: 市财政局\nquarter: 2023Q3\nitems:\n  - task: 13\n    progress: "一\\u2028items: []\\n二\\u202e三 四"\n',
    )
    r = cli("new", "--unit", "czj", "--quarter", "2023Q4", "--data", data_dir)
    text = (data_dir / "progress" / "2023Q4" / "czj.yaml").read_text(encoding="utf-8")
    assert "# 上季度（2023Q3，供参考）：一 items: [] 二三 四" in text
    assert load_file(data_dir / "progress" / "2023Q4" / "czj.yaml").findings == []


def test_new_then_edit_gives_every_field(cli, empty_data):
    """What a clerk types into the file from `new` — text, status, figures, people — validates
    and reads back as typed."""
    cli("new", "--unit", "rsj", "--quarter", "2023Q2", "--data", empty_data)
    path = empty_data / "progress" / "2023Q2" / "rsj.yaml"
    text = fill(path.read_text(encoding="utf-8"), submitted="2023-07-05")
    text = re.sub(r"(?m)^filled_by:.*$", "filled_by: 王五", text)
    text = re.sub(r"(?m)^phone:.*$", "phone: 0773-2821234", text)
    text = re.sub(r"(?m)^reviewer:.*$", "reviewer: 李四", text)
    at20 = text.index("  - task: 20\n")
    head, tail = text[:at20], text[at20:]
    tail = tail.replace("    status:", "    status: 推进中 #", 1)
    tail = tail.replace("    # figures:", "    figures:", 1)
    tail = tail.replace("    #   r20_training:", "      r20_training: 2990", 1)
    tail = tail.replace("    #   r20_first_employment:", "      r20_first_employment: 63.5", 1)
    path.write_text(head + tail, encoding="utf-8")
    r = cli("validate", path, "--data", empty_data)
    assert r.exit_code == 0, r.stdout
    data = load_file(path).data
    assert (data["filled_by"], data["phone"], data["reviewer"]) == ("王五", "0773-2821234", "李四")
    item = next(it for it in data["items"] if it["task"] == "20")
    assert item["status"] == "推进中" and item["figures"] == {"r20_training": "2990", "r20_first_employment": "63.5"}


def test_new_unknown_unit_suggests(cli, empty_data):
    r = cli("new", "--unit", "市财务局", "--quarter", "2023Q2", "--data", empty_data)
    assert r.exit_code == 2 and "市财务局" in r.output and "市财政局" in r.output
    assert not (empty_data / "progress" / "2023Q2").exists()


@pytest.mark.parametrize("quarter", ["2023Q5", "23Q1", "2021Q4", "2025Q1"])
def test_new_invalid_quarter(cli, empty_data, quarter):
    r = cli("new", "--unit", "czj", "--quarter", quarter, "--data", empty_data)
    assert r.exit_code == 2 and quarter in r.output and "Traceback" not in r.output


def test_new_group_is_refused(cli, empty_data):
    r = cli("new", "--unit", "各县人民政府", "--quarter", "2023Q2", "--data", empty_data)
    assert r.exit_code == 2 and "群组" in r.output


def test_new_to_stdout(cli, empty_data):
    r = cli("new", "--unit", "czj", "--quarter", "2023Q2", "--data", empty_data, "-o", "-")
    assert r.exit_code == 0 and r.stdout.startswith("# yaml-language-server:")
    assert not (empty_data / "progress" / "2023Q2" / "czj.yaml").exists()


def test_new_participant_gets_optional_rows(cli, empty_data):
    r = cli("new", "--unit", "市工信局", "--quarter", "2023Q2", "--data", empty_data)
    assert r.exit_code == 0 and "可选" in r.stdout
    text = (empty_data / "progress" / "2023Q2" / "gxj.yaml").read_text(encoding="utf-8")
    assert "  - task: 1" in text and "可选填" in text


def test_new_all_rows_adds_participating_rows(cli, empty_data, tmp_path):
    out = tmp_path / "czj.yaml"
    cli("new", "--unit", "czj", "--quarter", "2023Q2", "--data", empty_data, "--all-rows", "-o", out)
    rows = [int(x) for x in re.findall(r"(?m)^  - task: (\d+)$", out.read_text(encoding="utf-8"))]
    assert 13 in rows and 7 in rows and len(rows) > 1


def test_new_english(cli, empty_data, tmp_path):
    out = tmp_path / "f.yaml"
    r = cli("new", "--unit", "czj", "--quarter", "2023Q2", "--data", empty_data, "-o", out, "--lang", "en")
    assert r.exit_code == 0 and r.stdout.startswith("wrote ")
    assert "# Deadline: 2023-07-06" in out.read_text(encoding="utf-8")


def test_new_follows_successor(cli, empty_data):
    units = empty_data / "units.yaml"
    text = units.read_text(encoding="utf-8")
    old = "  - id: czj\n    name: 市财政局\n    kind: department\n"
    text = text.replace(old, old + "    successor: {id: czjnew, from: 2024Q1}\n")
    text = text.replace(
        "  # ---- bodies outside",
        "  - id: czjnew\n    name: 市财政金融局\n    kind: department\n  # ---- bodies outside",
    )
    units.write_text(text, encoding="utf-8")
    r = cli("new", "--unit", "市财政局", "--quarter", "2024Q1", "--data", empty_data)
    assert r.exit_code == 0 and "市财政金融局" in r.output
    path = empty_data / "progress" / "2024Q1" / "czjnew.yaml"
    assert "unit: 市财政金融局" in path.read_text(encoding="utf-8")
    cli("new", "--unit", "市财政局", "--quarter", "2023Q4", "--data", empty_data)
    assert (empty_data / "progress" / "2023Q4" / "czj.yaml").is_file()


# ---------------------------------------------------------------- status


def test_status_table_on_the_sample(cli, data_dir):
    r = cli("status", "--quarter", "2023Q2", "--data", data_dir)
    assert r.exit_code == 1
    out = r.stdout
    for word in (
        "资源县人民政府",
        "按时报送",
        "逾期报送 5 天",
        "未报送",
        "草稿",
        "合计",
        "已报 10/34",
    ):  # the draft counts as 草稿, not 已报
        assert word in out, word
    assert "合计：应报 34 个单位，按时 9、逾期 1、草稿 1、有错误 0、未报送 23" in out
    row = next(ln for ln in out.splitlines() if "阳朔县人民政府" in ln)
    assert "2023-07-11" in row and "逾期" in row


def test_status_table_aligns_cjk(cli, data_dir):
    """Every table line has the same display width (CJK counted as two cells)."""
    from zengshou.writer import cells

    r = cli("status", "--quarter", "2023Q2", "--data", data_dir)
    table = [ln for ln in r.stdout.splitlines() if ln[:1] in "┏┃┡│├└"]
    assert len({cells(ln) for ln in table}) == 1


def test_status_json_shape(cli, data_dir):
    r = cli("status", "--quarter", "2023Q2", "--data", data_dir, "--format", "json")
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert set(doc) == {"quarter", "deadline", "units", "totals", "other_files", "complete"}
    assert doc["quarter"] == "2023Q2" and doc["deadline"] == "2023-07-06" and doc["complete"] is False
    assert len(doc["units"]) == 34
    assert set(doc["units"][0]) == {
        "unit_id",
        "name",
        "kind",
        "file",
        "submitted",
        "state",
        "late_days",
        "required",
        "reported",
        "missing_rows",
        "errors",
        "warnings",
        "review",  # zengshou review: the decision that holds, or null
    }
    by = {u["unit_id"]: u for u in doc["units"]}
    assert by["yangshuo"]["state"] == "late" and by["yangshuo"]["late_days"] == 5
    assert by["kjj"]["state"] == "draft" and by["kjj"]["submitted"] is None
    assert by["zgh"]["state"] == "on_time" and by["zgh"]["warnings"] == 1
    assert by["ziyuan"]["required"] == by["ziyuan"]["reported"] == 70
    assert by["swj"]["state"] == "missing" and by["swj"]["missing_rows"] == [15] and by["swj"]["file"] is None
    t = doc["totals"]
    assert (t["units"], t["reported"], t["on_time"], t["late"], t["draft"], t["missing"]) == (34, 10, 9, 1, 1, 23)


def test_status_invalid_and_incomplete_files(cli, data_dir):
    write(
        data_dir / "progress" / "2023Q2" / "swj.yaml",
        "unit: 市商务局\nquarter: 2023Q2\nsubmitted: 2023-07-03\nitems:\n  - task: 15\n    progress: 无\n",
    )
    write(
        data_dir / "progress" / "2023Q2" / "fgw.yaml",
        "unit: 市发展改革委\nquarter: 2023Q2\nsubmitted: 2023-07-03\n"
        "items:\n  - task: 34\n    progress: 【测试】以工代赈项目吸纳脱贫群众务工326人，发放劳务报酬185万元。\n",
    )
    doc = json.loads(cli("status", "-q", "2023Q2", "--data", data_dir, "-f", "json").stdout)
    by = {u["unit_id"]: u for u in doc["units"]}
    assert by["swj"]["state"] == "invalid" and by["swj"]["errors"] == 1
    assert by["fgw"]["missing_rows"] == [35, 36] and by["fgw"]["errors"] == 1  # R501


def test_status_complete_exits_0(cli, empty_data):
    """Every unit that must report has a dated, valid file with all its rows: exit 0."""
    from zengshou.lint import load_catalog
    from zengshou.writer import render_form

    cat, _ = load_catalog(empty_data)
    from datetime import date

    for uid in cat.reporters("2023Q3"):
        rows = cat.required_rows(uid, "2023Q3")
        values = {r: f"【测试】{uid}第{r}项：本季度完成{len(uid) * r}项具体工作，兑现资金{r + 3}万元。" for r in rows}
        text = render_form(cat, uid, "2023Q3", rows, values=values, submitted=date(2023, 10, 5))
        write(empty_data / "progress" / "2023Q3" / f"{uid}.yaml", text)
    # a participating unit may also report: it does not make the quarter incomplete
    write(
        empty_data / "progress" / "2023Q3" / "gxj.yaml",
        render_form(
            cat,
            "gxj",
            "2023Q3",
            [1],
            values={1: "【测试】配合开展产业融合项目调度两次，服务企业12家。"},
            submitted=date(2023, 10, 5),
        ),
    )
    r = cli("status", "--quarter", "2023Q3", "--data", empty_data, "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["complete"] is True and r.exit_code == 0, [u for u in doc["units"] if u["state"] != "on_time"]
    assert doc["other_files"] == ["data/progress/2023Q3/gxj.yaml"]
    r = cli("status", "--quarter", "2023Q3", "--data", empty_data)
    assert r.exit_code == 0 and "全部单位已按要求报送" in r.stdout
    r = cli("status", "--quarter", "2023Q3", "--data", empty_data, "--remind", "--date", "2023-10-09")
    assert r.exit_code == 0 and "无需催报" in r.stdout


def test_status_empty_quarter(cli, empty_data):
    r = cli("status", "--quarter", "2024Q1", "--data", empty_data)
    assert r.exit_code == 1 and "未报送 34" in r.stdout


#: What a command looks like in text meant for people who never run the tool.
COMMAND_WORDS = re.compile(r"zengshou|\b(validate|import|template|merge|status|new)\b\s+[-\w]|--\w|\.ya?ml\b")


def test_reminder_names_missing_units(cli, data_dir):
    r = cli("status", "--quarter", "2023Q2", "--data", data_dir, "--remind", "--date", "2023-07-10")
    assert r.exit_code == 1
    text = r.stdout
    assert text.startswith("关于报送2023年第二季度重点任务落实进度的催报通知")
    listed = re.findall(r"(?m)^\d+\. (\S+?)：(.+)$", text)
    names = [n for n, _ in listed]
    assert len(listed) == 24
    assert "市商务局" in names and "荔浦市人民政府" in names and "市科技局" in names
    assert "资源县人民政府" not in names and "阳朔县人民政府" not in names  # reported (late still reported)
    assert dict(listed)["市科技局"] == "尚未正式报送（未填报送日期）"
    assert dict(listed)["市商务局"] == "尚未报送"
    assert "2023年7月6日" in text and "xczxfwzx@guilin.gov.cn" in text and "张光强 2848638" in text
    assert text.rstrip().endswith("桂林市乡村振兴局\n2023年7月10日")  # 落款: the office, then the date


def test_reminder_speaks_to_people(cli, data_dir):
    """No command names; every unit named once (no addressee line repeating the list); says what
    to send, where and by when."""
    for lang in ("zh", "en"):
        text = cli(
            "status", "-q", "2023Q2", "--data", data_dir, "--remind", "--date", "2023-07-10", "--lang", lang
        ).stdout
        assert not COMMAND_WORDS.search(text), COMMAND_WORDS.search(text)
        assert text.count("市商务局") == 1 and text.count("荔浦市人民政府") == 1
        assert text.count("xczxfwzx@guilin.gov.cn") >= 2  # the rule, and where to send now
    assert "Within 2 working days of this notice, please send the progress" in text


def test_reminder_office_from_config(cli, data_dir):
    write(data_dir / "zengshou.toml", '[report]\noffice = "桂林市巩固脱贫成果办公室"\n')
    text = cli("status", "-q", "2023Q2", "--data", data_dir, "--remind", "--date", "2023-07-10").stdout
    assert text.rstrip().endswith("桂林市巩固脱贫成果办公室\n2023年7月10日") and "桂林市乡村振兴局" not in text
    write(data_dir / "zengshou.toml", "[report]\noffice = 3\n")
    r = cli("status", "-q", "2023Q2", "--data", data_dir, "--remind")
    assert r.exit_code == 2 and "office" in r.output and "Traceback" not in r.output


def test_reminder_before_the_deadline_is_a_reminder(cli, data_dir):
    r = cli("status", "--quarter", "2023Q2", "--data", data_dir, "--remind", "--date", "2023-07-01")
    assert (
        r.stdout.startswith("关于报送2023年第二季度重点任务落实进度的提醒")
        and "请上述单位于2023年7月6日前，将" in r.stdout
    )


def test_reminder_is_deterministic(cli, data_dir):
    args = ("status", "--quarter", "2023Q2", "--data", data_dir, "--remind", "--date", "2023-07-10")
    assert cli(*args).stdout == cli(*args).stdout


def test_reminder_lists_errors_and_missing_rows(cli, data_dir):
    write(
        data_dir / "progress" / "2023Q2" / "fgw.yaml",
        "unit: 市发展改革委\nquarter: 2023Q2\nsubmitted: 2023-07-03\n"
        "items:\n  - task: 34\n    progress: 【测试】以工代赈项目吸纳脱贫群众务工326人，发放劳务报酬185万元。\n",
    )
    text = cli("status", "-q", "2023Q2", "--data", data_dir, "--remind", "--date", "2023-07-10").stdout
    line = next(ln for ln in text.splitlines() if "市发展改革委" in ln and ln[0].isdigit())
    assert "1 处错误" in line and "缺第 35–36 项任务" in line


def test_reminder_template_override(cli, data_dir, tmp_path):
    tpl = tmp_path / "tpl"
    write(tpl / "reminder.txt.j2", "{{ quarter }}: {{ units | map(attribute='id') | join(',') }}\n")
    r = cli("status", "-q", "2023Q2", "--data", data_dir, "--remind", "--templates", tpl)
    assert r.stdout.startswith("2023Q2: swj,kjj,fgw,")
    write(tpl / "reminder.txt.j2", "{{ no_such_variable }}\n")
    r = cli("status", "-q", "2023Q2", "--data", data_dir, "--remind", "--templates", tpl)
    assert r.exit_code == 2 and "no_such_variable" in r.output and "Traceback" not in r.output
    r = cli("status", "-q", "2023Q2", "--data", data_dir, "--remind", "--templates", tmp_path / "none")
    assert r.exit_code == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (("--quarter", "2023Q5"), "错误：季度格式不对：2023Q5（应为 2023Q2 这样的形式）"),
        (("--quarter", "2026Q1"), "错误：季度 2026Q1 不在规划期 2022Q1–2024Q4 内"),
        (("--quarter", "2023Q2", "--remind", "--date", "7/10"), "错误：日期格式不对：7/10（应为 YYYY-MM-DD）"),
        (("--quarter", "2023Q2", "--format", "xml"), "Invalid value for '--format'"),
    ],
)
def test_status_usage_errors(cli, data_dir, args, message):
    r = cli("status", *args, "--data", data_dir)
    assert r.exit_code == 2 and r.stdout == ""
    assert message in r.stderr and "Traceback" not in r.stderr


def test_status_english(cli, data_dir):
    r = cli("status", "--quarter", "2023Q2", "--data", data_dir, "--lang", "en")
    assert "Submissions for Q2 2023" in r.stdout and "on time" in r.stdout and "missing" in r.stdout


def test_data_from_environment(cli, data_dir):
    r = cli("status", "--quarter", "2023Q2", "-f", "json", env={"ZENGSHOU_DATA": str(data_dir)})
    assert json.loads(r.stdout)["totals"]["reported"] == 10  # 9 on time + 1 late; the draft is not reported
    r = cli("new", "--unit", "swj", "--quarter", "2023Q2", env={"ZENGSHOU_DATA": str(data_dir)})
    assert r.exit_code == 0 and (data_dir / "progress" / "2023Q2" / "swj.yaml").is_file()


def test_missing_data_dir(cli, tmp_path):
    for args in (("status", "-q", "2023Q2"), ("new", "-u", "czj", "-q", "2023Q2")):
        r = cli(*args, "--data", tmp_path / "nope")
        assert r.exit_code == 2 and r.stdout == ""
        assert r.stderr == f"错误：数据目录不存在：{tmp_path / 'nope'}（用 --data 指定，或设置 ZENGSHOU_DATA）\n"


@pytest.mark.parametrize("command", ["new", "status"])
def test_help(cli, command):
    r = cli(command, "--help")
    assert r.exit_code == 0 and "--data" in r.stdout and "--quarter" in r.stdout


def test_sample_is_what_the_script_writes():
    """The committed sample quarter is exactly scripts/make_sample.py's output (deterministic)."""
    import importlib.util

    from conftest import DATA, ROOT

    spec = importlib.util.spec_from_file_location("make_sample", ROOT / "scripts" / "make_sample.py")
    ms = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ms)
    files = ms.build(DATA)
    assert len(files) == 14
    for path, text in files.items():
        assert path.read_text(encoding="utf-8") == text, path
    from zengshou.loader import load_file
    from zengshou.text import char_count

    texts = [it["progress"] for p in files for it in load_file(p).data["items"]]
    assert len(texts) > 300 and len(set(texts)) == len(texts) - 1  # one repeat: zgh row 12 = 2023Q1 (C407)
    assert all(t.startswith("【示例】") and 40 <= char_count(t) <= 250 for t in texts)


def test_reminder_in_english(cli, data_dir):
    r = cli("status", "--quarter", "2023Q2", "--data", data_dir, "--remind", "--date", "2023-07-10", "--lang", "en")
    assert r.exit_code == 1
    text = r.stdout
    assert text.startswith("Reminder: overdue progress reports on the key tasks for Q2 2023")
    listed = dict(re.findall(r"(?m)^\d+\. (\S+?): (.+)$", text))
    assert (
        len(listed) == 24
        and listed["市商务局"] == "not received"
        and listed["市科技局"] == "not sent yet (no date of sending)"
    )
    assert "6 July 2023" in text and text.rstrip().endswith("10 July 2023")
    r = cli("status", "--quarter", "2023Q2", "--data", data_dir, "--remind", "--date", "2023-07-01", "--lang", "en")
    assert r.stdout.startswith("Reminder: progress reports") and "By 6 July 2023, please send" in r.stdout
