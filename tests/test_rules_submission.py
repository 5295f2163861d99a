"""Every submission rule, failing and passing, through ``zengshou validate --format json``.

Files are written into a copy of the definitions (no sample data, so nothing else reports).
The helper :func:`sub` lays a file out the same way every time, so positions are known:

    1 unit: …          (value at col 7)
    2 quarter: …       (col 10)
    3 submitted: …     (col 12; absent → everything below moves up one line)
    4 items:
    5   - task: N      (col 11)        item i: task at 5 + 2i
    6     progress: …  (col 15)                progress at 6 + 2i
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import write

TEXT = "【测试】二季度督促预算单位预留食堂采购份额，通过832平台采购脱贫地区农副产品326万元，占比17%。"
OTHER = "【测试】二季度预算单位832平台采购额达到412万元，预留份额全部落实到位，下一步开展专项督查。"


def sub(
    unit: str = "市财政局",
    quarter: str = "2023Q2",
    submitted: str | None = "2023-07-05",
    items=((13, TEXT),),
    tail: str = "",
) -> str:
    lines = [f"unit: {unit}", f"quarter: {quarter}"]
    if submitted:
        lines.append(f"submitted: {submitted}")
    lines.append("items:")
    for row, text in items:
        lines += [f"  - task: {row}", f"    progress: {text}"]
    return "\n".join(lines) + "\n" + tail


def put(data: Path, text: str, name: str = "czj.yaml", quarter: str = "2023Q2") -> Path:
    return write(data / "progress" / quarter / name, text)


def check(cli, data: Path, *paths, args=(), env=None) -> tuple[int, dict]:
    r = cli("validate", *paths, "--data", data, "--format", "json", *args, env=env)
    assert "Traceback" not in r.output
    return r.exit_code, json.loads(r.stdout)


def codes(doc: dict) -> list[str]:
    return [f["code"] for f in doc["findings"]]


def one(doc: dict, code: str) -> dict:
    hits = [f for f in doc["findings"] if f["code"] == code]
    assert len(hits) == 1, (code, doc["findings"])
    return hits[0]


def at(f: dict) -> tuple[int, int]:
    return f["line"], f["col"]


@pytest.fixture
def data(empty_data: Path) -> Path:
    return empty_data


# ---------------------------------------------------------------- a clean file


def test_clean_file_passes(cli, data):
    p = put(data, sub())
    code, doc = check(cli, data, p)
    assert code == 0 and doc["findings"] == []
    assert doc["summary"] == {"files": 3, "errors": 0, "warnings": 0}


# ---------------------------------------------------------------- S1xx (details in test_corpus.py)


@pytest.mark.parametrize(
    "text, code, pos",
    [
        ("", "S110", (1, 1)),
        ("- a\n", "S108", (1, 1)),
        (sub(tail="unit: 市民政局\n"), "S103", (7, 1)),
        (sub(tail="contact: &a 张三\n"), "S104", (7, 10)),
        (sub(tail="contact: !!python/object:os.system ls\n"), "S105", (7, 10)),
        (sub() + "---\n" + sub(), "S106", (7, 1)),
        ("items: " + "[" * 100 + "]" * 100 + "\n", "S107", (1, 27)),
        (sub(tail="remark: 另报\n"), "S108", (7, 1)),
        (sub(tail="contact: 张三\u0007\n"), "S109", (7, 12)),
        (sub().replace("  - task", "\t- task"), "S102", (5, None)),
    ],
)
def test_syntax_rules_fail(cli, data, text, code, pos):
    p = put(data, text)
    exit_code, doc = check(cli, data, p)
    f = one(doc, code)
    assert exit_code == 1
    assert f["line"] == pos[0]
    if pos[1] is not None:
        assert f["col"] == pos[1]


def test_s101_encoding_fails_and_utf8_passes(cli, data):
    p = data / "progress" / "2023Q2" / "czj.yaml"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(sub().encode("gbk"))
    exit_code, doc = check(cli, data, p)
    assert exit_code == 1 and at(one(doc, "S101")) == (1, 7)
    p.write_bytes(sub().encode("utf-8"))
    assert check(cli, data, p)[0] == 0


def test_s111_too_large(cli, data):
    p = put(data, sub(tail="# " + "x" * (5 * 1024 * 1024) + "\n"))
    exit_code, doc = check(cli, data, p)
    assert exit_code == 1 and codes(doc) == ["S111"]


# ---------------------------------------------------------------- I3xx


def test_i301_unknown_unit_suggests(cli, data):
    p = put(data, sub(unit="市财务局"))
    exit_code, doc = check(cli, data, p)
    f = one(doc, "I301")
    assert exit_code == 1 and at(f) == (1, 7)
    assert "市财政局" in f["fix"]
    assert check(cli, data, put(data, sub(unit="财政局")))[0] == 0  # alias resolves
    assert check(cli, data, put(data, sub(unit="czj")))[0] == 0  # id resolves


def test_i302_file_name(cli, data):
    p = put(data, sub(), name="财政局.yaml")
    exit_code, doc = check(cli, data, p)
    f = one(doc, "I302")
    assert exit_code == 1 and at(f) == (1, 7) and "czj.yaml" in f["message"]
    p.unlink()
    assert check(cli, data, put(data, sub()))[0] == 0


def test_i303_folder_quarter(cli, data):
    p = put(data, sub(), quarter="2023Q1")
    exit_code, doc = check(cli, data, p)
    assert exit_code == 1 and at(one(doc, "I303")) == (2, 10)


def test_i304_invalid_quarter(cli, data):
    p = put(data, sub(quarter="2023Q5"))
    exit_code, doc = check(cli, data, p)
    f = one(doc, "I304")
    assert exit_code == 1 and at(f) == (2, 10) and "2023Q5" in f["message"]


def test_i305_quarter_outside_plan(cli, data):
    p = put(data, sub(quarter="2025Q1", submitted="2025-04-03"), quarter="2025Q1")
    exit_code, doc = check(cli, data, p)
    assert exit_code == 1 and at(one(doc, "I305")) == (2, 10)
    p = put(data, sub(quarter="2024Q4", submitted="2025-01-03"), quarter="2024Q4")
    assert check(cli, data, p)[0] == 0


def test_i306_group_cannot_submit(cli, data):
    p = put(data, sub(unit="各县人民政府"), name="gxrmzf.yaml")
    exit_code, doc = check(cli, data, p)
    assert exit_code == 1 and at(one(doc, "I306")) == (1, 7)


def test_i307_unit_replaced(cli, data):
    units = data / "units.yaml"
    text = units.read_text(encoding="utf-8")
    old = "  - id: czj\n    name: 市财政局\n    kind: department\n"
    assert old in text
    text = text.replace(old, old + "    successor: {id: czjnew, from: 2024Q1}\n")
    text = text.replace(
        "  # ---- bodies outside",
        "  - id: czjnew\n    name: 市财政金融局\n    kind: department\n  # ---- bodies outside",
    )
    units.write_text(text, encoding="utf-8")
    p = put(data, sub(quarter="2024Q1", submitted="2024-04-03"), quarter="2024Q1")
    exit_code, doc = check(cli, data, p)
    f = one(doc, "I307")
    assert f["level"] == "warning" and at(f) == (1, 7) and "市财政金融局" in f["message"]
    p.unlink()
    p = put(
        data, sub(unit="市财政金融局", quarter="2024Q1", submitted="2024-04-03"), name="czjnew.yaml", quarter="2024Q1"
    )
    exit_code, doc = check(cli, data, p)
    assert exit_code == 0 and doc["findings"] == []
    # before the reform the old unit still reports
    assert check(cli, data, put(data, sub()))[1]["findings"] == []


# ---------------------------------------------------------------- C4xx


def test_c401_unknown_row(cli, data):
    p = put(data, sub(items=((13, TEXT), (71, OTHER))))
    exit_code, doc = check(cli, data, p)
    f = one(doc, "C401")
    assert exit_code == 1 and at(f) == (7, 11) and "71" in f["message"]


def test_c402_not_responsible(cli, data):
    p = put(data, sub(items=((13, TEXT), (1, OTHER))))
    exit_code, doc = check(cli, data, p)
    f = one(doc, "C402")
    assert exit_code == 1 and at(f) == (7, 11)
    # a participating unit may report its rows: 市财政局 is named on row 7
    assert check(cli, data, put(data, sub(items=((13, TEXT), (7, OTHER)))))[0] == 0


def test_c403_duplicate_row(cli, data):
    p = put(data, sub(items=((13, TEXT), (13, OTHER))))
    exit_code, doc = check(cli, data, p)
    f = one(doc, "C403")
    assert exit_code == 1 and at(f) == (7, 11) and f["params"]["first_line"] == 5


@pytest.mark.parametrize("text", ["无", "略", "同上", "见上", "暂无", "无。", "“同上”", '""', "暂无进展", "xxx", "—"])
def test_c404_placeholder(cli, data, text):
    p = put(data, sub(items=((13, text),)))
    exit_code, doc = check(cli, data, p)
    f = one(doc, "C404")
    assert exit_code == 1 and at(f) == (6, 15)


def test_c404_empty_and_missing_progress(cli, data):
    p = put(data, sub(items=((13, "|-"),)))
    assert at(one(check(cli, data, p)[1], "C404")) == (6, 15)
    p = put(data, "unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n")
    exit_code, doc = check(cli, data, p)
    assert exit_code == 1 and one(doc, "C404")["line"] == 5


def test_c404_placeholder_within_text_is_fine(cli, data):
    p = put(data, sub(items=((13, "【测试】同上季度相比，采购额增加86万元，暂无未落实的预算单位。"),)))
    exit_code, doc = check(cli, data, p)
    assert exit_code == 0 and doc["findings"] == []


def test_char_count_rules():
    from zengshou.text import char_count

    assert char_count("一二三") == 3
    assert char_count("一 二\n三\u3000四\t五\r\n") == 5
    assert char_count("ABC 12。") == 6


def _block(text: str) -> str:
    return "|-\n" + "\n".join("      " + ln for ln in text.split("\n"))


def test_c405_exactly_300_passes(cli, data):
    body = "增" * 300
    p = put(data, sub(items=((13, body),)))
    assert check(cli, data, p)[1]["findings"] == []


def test_c405_301_fails_with_count(cli, data):
    p = put(data, sub(items=((13, "增" * 301),)))
    exit_code, doc = check(cli, data, p)
    f = one(doc, "C405")
    assert exit_code == 1 and at(f) == (6, 15)
    assert f["params"]["count"] == 301 and f["params"]["over"] == 1 and "301" in f["message"] and "300" in f["message"]


def test_c405_whitespace_and_line_breaks_do_not_count(cli, data):
    lines = ["增 " * 50 + "收" for _ in range(5)]  # 5 × 51 = 255 characters plus spaces
    text = "\n".join(lines) + "\n" + "　" * 40 + "增" * 45  # full-width spaces do not count: 300
    p = put(data, sub(items=((13, _block(text)),)))
    exit_code, doc = check(cli, data, p)
    assert exit_code == 0 and doc["findings"] == []
    p = put(data, sub(items=((13, _block(text + "收")),)))
    f = one(check(cli, data, p)[1], "C405")
    assert f["params"]["count"] == 301


def test_c406_copies_task_text(cli, data):
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(data)
    p = put(data, sub(items=((13, cat.task(13).text),)))
    exit_code, doc = check(cli, data, p)
    f = one(doc, "C406")
    assert exit_code == 0 and f["level"] == "warning" and at(f) == (6, 15)
    p = put(data, sub(items=((13, "【测试】" + cat.task(13).text + "已完成"),)))
    assert "C406" in codes(check(cli, data, p)[1])
    assert check(cli, data, put(data, sub()))[1]["findings"] == []


def test_c407_same_as_last_quarter(cli, data):
    put(data, sub(quarter="2023Q1", submitted="2023-04-04"), quarter="2023Q1")
    p = put(data, sub())
    exit_code, doc = check(cli, data, p)
    f = one(doc, "C407")
    assert exit_code == 0 and f["level"] == "warning" and at(f) == (6, 15) and f["params"]["prev"] == "2023Q1"
    p = put(data, sub(items=((13, OTHER),)))
    assert check(cli, data, p)[1]["findings"] == []


def test_c407_needs_the_same_unit(cli, data):
    put(
        data,
        sub(
            unit="市民政局",
            quarter="2023Q1",
            submitted="2023-04-04",
            items=((40, TEXT), (41, OTHER), (42, OTHER + "。")),
        ),
        name="mzj.yaml",
        quarter="2023Q1",
    )
    assert "C407" not in codes(check(cli, data, put(data, sub()))[1])


def test_c408_same_text_across_units(cli, data):
    a = put(
        data,
        sub(unit="市民政局", items=((40, TEXT), (41, OTHER), (42, "【测试】共同文字：两项补贴发放1.2万人次。"))),
        name="mzj.yaml",
    )
    b = put(
        data, sub(unit="市残联", items=((62, OTHER), (42, "【测试】共同文字：两项补贴发放1.2万人次。"))), name="cl.yaml"
    )
    exit_code, doc = check(cli, data, a, b)
    hits = [f for f in doc["findings"] if f["code"] == "C408"]
    assert exit_code == 0
    assert {(f["file"], f["line"], f["col"]) for f in hits} == {
        ("data/progress/2023Q2/mzj.yaml", 10, 15),
        ("data/progress/2023Q2/cl.yaml", 8, 15),
    }
    assert "市残联" in [f for f in hits if f["file"].endswith("mzj.yaml")][0]["message"]
    b = put(data, sub(unit="市残联", items=((62, OTHER), (42, "【测试】配合做好两项补贴核查。"))), name="cl.yaml")
    assert "C408" not in codes(check(cli, data, a, b)[1])


def test_c408_checked_when_only_one_file_is_given(cli, data):
    """Pre-commit passes one file; the other units' files in the quarter still count."""
    put(
        data,
        sub(unit="市民政局", items=((40, TEXT), (41, OTHER), (42, "【测试】共同文字。两项补贴按月发放。"))),
        name="mzj.yaml",
    )
    b = put(data, sub(unit="市残联", items=((62, OTHER), (42, "【测试】共同文字。两项补贴按月发放。"))), name="cl.yaml")
    assert at(one(check(cli, data, b)[1], "C408")) == (8, 15)


# ---------------------------------------------------------------- R501


def test_r501_missing_rows(cli, data):
    p = put(data, sub(unit="市民政局", items=((40, TEXT),)), name="mzj.yaml")
    exit_code, doc = check(cli, data, p)
    f = one(doc, "R501")
    assert exit_code == 1 and at(f) == (4, 1)
    assert f["params"]["missing"] == [41, 42] and "41" in f["message"]
    p = put(data, sub(unit="市民政局", items=((40, TEXT), (41, OTHER), (42, OTHER + "两项补贴"))), name="mzj.yaml")
    assert check(cli, data, p)[1]["findings"] == []


def test_r501_county_must_report_every_row_naming_it(cli, data):
    p = put(data, sub(unit="资源县", items=((1, TEXT),)), name="ziyuan.yaml")
    f = one(check(cli, data, p)[1], "R501")
    assert f["params"]["n"] == 69 and 8 in f["params"]["missing"] and 10 in f["params"]["missing"]
    p = put(data, sub(unit="平乐县", items=((1, TEXT),)), name="pingle.yaml")
    f = one(check(cli, data, p)[1], "R501")
    assert f["params"]["n"] == 66 and 8 not in f["params"]["missing"]


def test_r501_participants_need_not_report(cli, data):
    # 市工业和信息化局 is named on rows but leads none
    p = put(data, sub(unit="市工信局", items=((1, TEXT),)), name="gxj.yaml")
    exit_code, doc = check(cli, data, p)
    assert exit_code == 0 and doc["findings"] == []


# ---------------------------------------------------------------- T6xx


def test_t601_late(cli, data):
    p = put(data, sub(submitted="2023-07-07"))
    exit_code, doc = check(cli, data, p)
    f = one(doc, "T601")
    assert exit_code == 0 and f["level"] == "warning" and at(f) == (3, 12) and f["params"]["days"] == 1
    assert check(cli, data, put(data, sub(submitted="2023-07-06")))[1]["findings"] == []  # the 6th is on time


def test_t602_before_quarter_end(cli, data):
    p = put(data, sub(submitted="2023-06-30"))
    f = one(check(cli, data, p)[1], "T602")
    assert at(f) == (3, 12) and f["level"] == "warning"
    assert check(cli, data, put(data, sub(submitted="2023-07-01")))[1]["findings"] == []


def test_t603_future_date_cli(cli, data):
    p = put(data, sub(submitted="2999-01-01"))
    doc = check(cli, data, p)[1]
    assert at(one(doc, "T603")) == (3, 12)


@pytest.mark.parametrize(
    "today, expect", [(date(2023, 7, 4), ["T603"]), (date(2023, 7, 5), []), (date(2024, 1, 1), [])]
)
def test_t603_with_frozen_today(data, today, expect):
    from zengshou.lint import lint

    p = put(data, sub(submitted="2023-07-05"))
    found = lint(data, [p], today=today).findings
    assert [f.code for f in found] == expect
    if expect:
        assert found[0].params["today"] == today.isoformat() and found[0].line == 3


def test_draft_has_no_timing_findings(cli, data):
    p = put(data, sub(submitted=None))
    assert check(cli, data, p)[1]["findings"] == []


# ---------------------------------------------------------------- levels, suppression, output


def test_strict_fails_on_warnings(cli, data):
    p = put(data, sub(submitted="2023-07-10"))
    assert check(cli, data, p)[0] == 0
    assert check(cli, data, p, args=("--strict",))[0] == 1
    clean = put(data, sub())
    assert check(cli, data, clean, args=("--strict",))[0] == 0


def test_config_in_data_dir_zengshou_toml(cli, data):
    p = put(data, sub(submitted="2023-07-10"))
    (data / "zengshou.toml").write_text('[rules]\nT601 = "error"\n', encoding="utf-8")
    exit_code, doc = check(cli, data, p)
    assert exit_code == 1 and one(doc, "T601")["level"] == "error"
    (data / "zengshou.toml").write_text('[rules]\nlate = "off"\n', encoding="utf-8")
    exit_code, doc = check(cli, data, p)
    assert exit_code == 0 and doc["findings"] == []


def test_config_in_pyproject(cli, data):
    p = put(data, sub(items=((13, "同上"),)))
    (data.parent / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.zengshou.rules]\nempty-progress = "warning"\n', encoding="utf-8"
    )
    exit_code, doc = check(cli, data, p)
    assert exit_code == 0 and one(doc, "C404")["level"] == "warning"
    assert check(cli, data, p, args=("--strict",))[0] == 1


def test_config_zengshou_toml_beside_data_wins_over_pyproject(cli, data):
    p = put(data, sub(items=((13, "同上"),)))
    (data.parent / "pyproject.toml").write_text('[tool.zengshou.rules]\nC404 = "warning"\n', encoding="utf-8")
    (data.parent / "zengshou.toml").write_text('[rules]\nC404 = "off"\n', encoding="utf-8")
    exit_code, doc = check(cli, data, p)
    assert exit_code == 0 and doc["findings"] == []


@pytest.mark.parametrize(
    "toml, message",
    [
        ('[rules]\nC999 = "off"\n', "unknown rule 'C999' in [rules]"),
        ('[rules]\nC404 = "loud"\n', "rule C404: level must be one of error, warning, off, not 'loud'"),
        ("[rules\n", "Expected ']' at the end of a table declaration (at line 1, column 7)"),
    ],
)
def test_bad_config_is_a_usage_error(cli, data, toml, message):
    (data / "zengshou.toml").write_text(toml, encoding="utf-8")
    r = cli("validate", "--data", data)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("错误：配置文件有误：") and "zengshou.toml" in r.stderr
    r = cli("validate", "--data", data, "--lang", "en")
    assert r.exit_code == 2 and "zengshou.toml: " + message in r.stderr


def test_suppression_by_code(cli, data):
    p = put(data, sub(items=((13, "同上  # zengshou: ignore[C404]"),)))
    assert check(cli, data, p)[1]["findings"] == []
    p = put(data, sub(items=((13, "同上  # zengshou: ignore[C405, empty-progress]"),)))
    assert check(cli, data, p)[1]["findings"] == []
    p = put(data, sub(items=((13, "同上  # zengshou: ignore[C405]"),)))
    assert codes(check(cli, data, p)[1]) == ["C404"]


def test_bare_suppression_silences_the_line_only(cli, data):
    p = put(data, sub(items=((13, "同上  # zengshou: ignore"), (71, "无"))))
    doc = check(cli, data, p)[1]
    assert codes(doc) == ["C401"] and doc["findings"][0]["line"] == 7


def test_lang_en_flag_and_env(cli, data):
    p = put(data, sub(items=((13, "无"),)))
    exit_code, doc = check(cli, data, p, args=("--lang", "en"))
    assert one(doc, "C404")["message"] == "progress for row 13 only says '无'"
    exit_code, doc = check(cli, data, p, env={"ZENGSHOU_LANG": "en"})
    assert one(doc, "C404")["message"] == "progress for row 13 only says '无'"
    exit_code, doc = check(cli, data, p)
    assert one(doc, "C404")["message"] == "第 13 项的落实进度只写了“无”"
    r = cli("validate", p, "--data", data, "--lang", "en")
    assert "error" in r.stdout and "Checked 3 file(s): 1 error(s), 0 warning(s)." in r.stdout


def test_text_output_shape(cli, data):
    p = put(data, sub(items=((13, "同上"),)))
    r = cli("validate", p, "--data", data)
    lines = r.stdout.splitlines()
    assert lines[0].startswith("data/progress/2023Q2/czj.yaml:6:15 C404 错误 ")
    assert lines[1].strip() == "6 |     progress: 同上"
    assert lines[-1] == "检查了 3 个文件：1 个错误，0 个警告。"


def test_github_output_shape(cli, data):
    p = put(data, sub(submitted="2023-07-10", items=((13, "同上"),)))
    r = cli("validate", p, "--data", data, "--format", "github")
    ann = [ln for ln in r.stdout.splitlines() if ln.startswith("::")]
    err = next(ln for ln in ann if "C404" in ln)
    warn = next(ln for ln in ann if "T601" in ln)
    assert err.startswith("::error file=data/progress/2023Q2/czj.yaml,line=6,col=15,")
    assert warn.startswith("::warning file=data/progress/2023Q2/czj.yaml,line=3,col=12,")
    assert "title=C404" in err and "::" in err[2:]
    assert r.exit_code == 1


def test_json_shape(cli, data):
    p = put(data, sub(submitted="2023-07-10", items=((13, "同上"),)))
    exit_code, doc = check(cli, data, p)
    assert set(doc) >= {"version", "summary", "findings"} and doc["version"] == 1
    assert doc["summary"] == {"files": 3, "errors": 1, "warnings": 1}
    for f in doc["findings"]:
        assert set(f) >= {"file", "line", "col", "code", "rule", "level", "message", "fix", "params"}
        assert isinstance(f["line"], int) and isinstance(f["col"], int)
    assert [f["code"] for f in doc["findings"]] == ["T601", "C404"]  # sorted by position
    assert one(doc, "C404")["rule"] == "empty-progress"


def test_output_file_is_json(cli, data, tmp_path):
    p = put(data, sub(items=((13, "同上"),)))
    out = tmp_path / "report.json"
    r = cli("validate", p, "--data", data, "--output", out)
    assert r.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["errors"] == 1


def test_quarter_option_limits_the_run(cli, data):
    put(data, sub(items=((13, "无"),)), quarter="2023Q2")
    put(data, sub(quarter="2023Q1", submitted="2023-04-04", items=((13, OTHER),)), quarter="2023Q1")
    exit_code, doc = check(cli, data, args=("--quarter", "2023Q1"))
    assert exit_code == 0 and doc["summary"]["files"] == 3
    r = cli("validate", "--data", data, "--quarter", "2023Q9")
    assert r.exit_code == 2


def test_shipped_data_passes(cli):
    from conftest import DATA

    exit_code, doc = check(cli, DATA)
    assert exit_code == 0
    assert {f["code"] for f in doc["findings"]} <= {"T601", "C407"}
    assert doc["summary"]["errors"] == 0 and doc["summary"]["warnings"] >= 2
