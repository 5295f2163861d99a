"""Indicators: definitions against the plan's text, figures in submissions, the math, the
``indicators`` and ``history`` commands, and the charts in the merged report."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import DATA, ROOT, write

PLAN = ROOT / "docs" / "plan" / "guilin-income-plan-2022-2024.txt"
INDICATORS = ROOT / "docs" / "plan" / "indicators.yaml"
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _defs() -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(INDICATORS.read_text(encoding="utf-8"))


def _rows() -> dict[int, str]:
    from zengshou.plantext import read_table

    return {int(c[0]): c[2] for c in read_table(PLAN.read_text(encoding="utf-8"))}


# ---------------------------------------------------------------- definitions vs the plan

def test_every_quote_is_in_its_row_of_the_plan():
    plan, rows = PLAN.read_text(encoding="utf-8"), _rows()
    defs = _defs()
    for ind in defs["indicators"]:
        assert ind["quote"] in plan, ind["id"]
        assert ind["quote"] in rows[ind["row"]], f"{ind['id']}: quote not in row {ind['row']}"
    for b in defs["body_only"]:
        assert b["quote"] in plan


def test_every_number_in_the_table_is_an_indicator_or_excluded():
    """Each number printed in a row's task text lies inside a quote of that row's indicators,
    or is listed (row, text) under exclusions with a reason."""
    defs, rows = _defs(), _rows()
    excluded = {(e["row"], str(e["text"])) for e in defs["exclusions"]}
    assert all(e["reason"].strip() for e in defs["exclusions"])
    spans: dict[int, list[tuple[int, int]]] = {}
    for ind in defs["indicators"]:
        text = rows[ind["row"]]
        i = text.index(ind["quote"])
        spans.setdefault(ind["row"], []).append((i, i + len(ind["quote"])))
    uncovered = []
    for row, text in rows.items():
        for m in NUMBER.finditer(text):
            inside = any(a <= m.start() and m.end() <= b for a, b in spans.get(row, []))
            if not inside and (row, m.group()) not in excluded:
                uncovered.append((row, m.group()))
    assert uncovered == []
    # and the list is there, with the plan's numbers
    got = {(i["row"], float(i["target"])) for i in defs["indicators"]}
    for need in [(3, 1), (10, 2), (12, 50), (13, 15), (20, 4500), (20, 30), (22, 3), (27, 300), (32, 21800),
                 (34, 2), (37, 2000), (46, 100), (49, 200), (55, 5), (56, 100000), (56, 200), (57, 10000), (68, 6)]:
        assert (need[0], float(need[1])) in got, need


def test_every_indicator_documents_its_decision():
    for ind in _defs()["indicators"]:
        assert ind.get("decision", "").strip(), ind["id"]
        tracked = ind["aggregation"] != "threshold"
        assert ind["decision"].startswith("tracked") == tracked, ind["id"]


def test_tasks_yaml_carries_the_indicators():
    from zengshou.lint import load_catalog
    from zengshou.plantext import PLAN_FILE, derive_file

    text, problems = derive_file(ROOT / "docs" / "plan" / PLAN_FILE, DATA / "units.yaml")
    assert problems == [] and text == (DATA / "tasks.yaml").read_text(encoding="utf-8")
    cat, findings = load_catalog(DATA)
    assert [f for f in findings if f.level == "error"] == []
    ids = [i.id for t in cat.tasks for i in t.indicators]
    assert ids == [i["id"] for i in _defs()["indicators"]] and len(set(ids)) == len(ids)
    r20 = cat.task(20).indicators[0]
    assert (r20.id, r20.target, r20.aggregation, r20.unit) == ("r20_training", 4500, "cumulative", "人次")


def test_a_quote_not_in_the_plan_stops_the_derivation(tmp_path):
    from zengshou.plantext import derive_file

    (tmp_path / "plan.txt").write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    text = INDICATORS.read_text(encoding="utf-8").replace("不少于4500人次", "不少于5000人次", 1)
    (tmp_path / "indicators.yaml").write_text(text, encoding="utf-8")
    _, problems = derive_file(tmp_path / "plan.txt", DATA / "units.yaml")
    assert len(problems) == 1 and "r20_training" in problems[0]


# ---------------------------------------------------------------- definition rules D210–D213

def _edit_tasks(data: Path, old: str, new: str) -> None:
    p = data / "tasks.yaml"
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def _codes(data: Path) -> list[tuple[str, int]]:
    from zengshou.lint import load_catalog

    return [(f.code, f.line) for f in load_catalog(data)[1]]


def _line_of(data: Path, needle: str) -> int:
    return (data / "tasks.yaml").read_text(encoding="utf-8").split("\n").index(needle) + 1


def test_d210_unknown_aggregation(empty_data):
    assert _codes(empty_data) == []
    _edit_tasks(empty_data, "        aggregation: cumulative\n", "        aggregation: total\n")
    assert _codes(empty_data) == [("D210", _line_of(empty_data, "        aggregation: total"))]


def test_d211_duplicate_indicator_id(empty_data):
    _edit_tasks(empty_data, "      - id: r27_skilled_workers\n", "      - id: r20_training\n")
    assert [c for c, _ in _codes(empty_data)] == ["D211"]


def test_d212_target_missing(empty_data):
    _edit_tasks(empty_data, "        target: 4500\n", "")
    assert [c for c, _ in _codes(empty_data)] == ["D212"]


def test_d213_bad_scope(empty_data):
    _edit_tasks(empty_data, "          - ziyuan\n", "          - ziyaun\n")
    _edit_tasks(empty_data, "        by: 2022Q4\n", "        by: 2026Q1\n")
    assert [c for c, _ in _codes(empty_data)] == ["D213", "D213"]


# ---------------------------------------------------------------- reading figures

@pytest.mark.parametrize("text,unit,value,problem,note", [
    ("1200", "人次", 1200, None, None),
    ("1,200", "人次", 1200, None, "separators"),
    ("1，200", "人次", 1200, None, "separators"),
    ("１２００", "人次", 1200, None, "fullwidth"),
    ("１，２００", "人次", 1200, None, "fullwidth+separators"),
    ("1,20", "人次", None, "text", None),  # not groups of three: could be a decimal comma
    ("1.234", "人次", None, "fraction", None),  # a count: maybe a European 1,234
    ("-5", "人次", None, "negative", None),
    ("", "人次", None, "empty", None),
    (None, "人次", None, "empty", None),
    ("约300", "名", None, "text", None),
    ("300人", "名", None, "text", None),
    ("2.18万", "个", None, "wan", None),
    ("35%", "%", 35, None, None),
    ("35％", "%", 35, None, None),
    ("35", "%", 35, None, None),
    ("16.2", "%", 16.2, None, None),
    ("0.35", "%", 0.35, None, "small-share"),
    ("35%", "人次", None, "percent", None),
    ("1e3", "人次", None, "text", None),
])
def test_parse_figure(text, unit, value, problem, note):
    from zengshou.indicators import parse_figure

    p = parse_figure(text, unit)
    assert (p.value, p.problem, p.note) == (value, problem, note)


# ---------------------------------------------------------------- figure rules F701–F706

SUB = ("unit: {unit}\nquarter: {q}\nsubmitted: {date}\nitems:\n  - task: {row}\n    progress: 二季度培训脱贫劳动力 1200 人次。\n"
       "    figures:\n      {key}: {value}\n")


def _sub(data: Path, unit_id: str, unit: str, row: int, key: str, value: str, q: str = "2023Q2") -> Path:
    date = {"2023Q1": "2023-04-04", "2023Q2": "2023-07-05"}[q]
    return write(data / "progress" / q / f"{unit_id}.yaml", SUB.format(unit=unit, q=q, date=date, row=row, key=key, value=value))


def _figure_findings(data: Path) -> list[tuple[str, int, int, str]]:
    from zengshou.lint import lint

    res = lint(data, quarter="2023Q2")
    return [(f.code, f.line, f.col, f.message("en")) for f in res.findings if f.code[0] in "FD"]


@pytest.mark.parametrize("value,code,words", [
    ("约300", "F701", "is not a number"),
    ('"2.18万"', "F701", "uses 万"),
    ('"35%"', "F701", "percent sign"),
    ('""', "F701", "is empty"),
    ("-5", "F702", "negative"),
    ("1.234", "F702", "count with decimals"),
    ('"1,234"', "F705", "counted as 1234 (thousands separators)"),
    ("１２３４", "F705", "counted as 1234 (full-width digits)"),
])
def test_figure_values(empty_data, value, code, words):
    """F701 refused (not a number), F702 refused (negative / a count with decimals), F705
    accepted with a warning that shows the number read — at the figure's own line and column."""
    _sub(empty_data, "rsj", "市人力资源社会保障局", 20, "r20_training", value)
    found = _figure_findings(empty_data)
    assert [(c, ln, col) for c, ln, col, _ in found] == [(code, 8, len("      r20_training: ") + 1)]
    assert words in found[0][3]


def test_share_with_percent_sign_or_not(empty_data):
    _sub(empty_data, "czj", "市财政局", 13, "r13_canteen_share", '"16.2%"')
    assert _figure_findings(empty_data) == []
    _sub(empty_data, "czj", "市财政局", 13, "r13_canteen_share", "0.162")
    found = _figure_findings(empty_data)
    assert [c for c, *_ in found] == ["F705"] and "0.16%" in found[0][3] or "0.162%" in found[0][3]


def test_f703_indicator_not_on_the_row(empty_data):
    _sub(empty_data, "czj", "市财政局", 13, "r20_training", "100")
    found = _figure_findings(empty_data)
    assert [(c, ln) for c, ln, *_ in found] == [("F703", 8)] and "belongs to row 20" in found[0][3]
    _sub(empty_data, "czj", "市财政局", 13, "nosuch", "100")
    assert [c for c, *_ in _figure_findings(empty_data)] == ["F703"]


def test_f703_threshold_takes_no_figure(empty_data):
    _sub(empty_data, "xczxj", "市乡村振兴局", 57, "r57_low_income_line", "10000")
    found = _figure_findings(empty_data)
    assert [c for c, *_ in found] == ["F703"] and "threshold" in found[0][3]


def test_f704_running_total_fell(empty_data):
    _sub(empty_data, "rsj", "市人力资源社会保障局", 20, "r20_training", "1790", q="2023Q1")
    _sub(empty_data, "rsj", "市人力资源社会保障局", 20, "r20_training", "1200")
    found = _figure_findings(empty_data)
    assert [(c, ln) for c, ln, *_ in found] == [("F704", 8)]
    assert "1200 is lower than 1790 in 2023Q1" in found[0][3]
    _sub(empty_data, "rsj", "市人力资源社会保障局", 20, "r20_training", "2990")
    assert _figure_findings(empty_data) == []


def test_level_may_fall_without_warning(empty_data):
    _sub(empty_data, "rsj", "市人力资源社会保障局", 32, "r32_welfare_posts", "22000", q="2023Q1")
    _sub(empty_data, "rsj", "市人力资源社会保障局", 32, "r32_welfare_posts", "21900")
    assert _figure_findings(empty_data) == []


def test_f706_figure_from_a_unit_that_does_not_report_it(empty_data):
    _sub(empty_data, "ziyuan", "资源县", 20, "r20_training", "310")
    found = _figure_findings(empty_data)
    assert [c for c, *_ in found] == ["F706"] and "市人力资源社会保障局" in found[0][3]


def test_figure_warnings_do_not_fail_validate(cli, empty_data):
    _sub(empty_data, "czj", "市财政局", 13, "r13_canteen_share", "１６.２")
    res = cli("validate", "--data", empty_data, "--format", "json")
    assert res.exit_code == 0, res.stdout
    assert [f["code"] for f in json.loads(res.stdout)["findings"]] == ["F705"]


# ---------------------------------------------------------------- aggregation math

def _progress(data: Path, q: str) -> dict:
    from zengshou.lint import load_catalog
    from zengshou.indicators import collect, progress
    from zengshou.workspace import Workspace

    cat, _ = load_catalog(data)
    return {p.ind.id: p for p in progress(cat, collect(Workspace(data, cat)), q)}


def test_aggregation(empty_data):
    _sub(empty_data, "rsj", "市人力资源社会保障局", 20, "r20_training", "1000", q="2023Q1")
    _sub(empty_data, "longsheng", "龙胜县", 10, "r10_eastern_firms", "3", q="2023Q1")
    _sub(empty_data, "longsheng", "龙胜县", 34, "r34_work_relief_share", "3.5")
    _sub(empty_data, "ziyuan", "资源县", 34, "r34_work_relief_share", "1.5")
    write(empty_data / "progress/2023Q2/lingui.yaml",
          "unit: 临桂区\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 55\n    progress: 管护经费。\n"
          "    figures:\n      r55_upkeep_share: 6\n  - task: 10\n    progress: 无关。\n")
    p = _progress(empty_data, "2023Q2")
    # cumulative, carried forward from 2023Q1: 1000 of 4500; due 6/12 of the plan
    r20 = p["r20_training"]
    assert (r20.actual, r20.target, r20.expected, r20.status) == (1000, 4500, 0.5, "behind")
    assert r20.units == {"rsj": (1000, "2023Q1")}
    assert round(r20.achieved, 4) == round(1000 / 4500, 4)
    # per-unit count over two counties: target 2 × 2; 3 of 4 with half the time gone
    r10 = p["r10_eastern_firms"]
    assert (r10.actual, r10.target, r10.status, r10.in_scope) == (3, 4, "on_track", 2)
    # a share every county must reach: the lowest counts
    r34 = p["r34_work_relief_share"]
    assert (r34.actual, r34.target, r34.status, len(r34.units), r34.in_scope) == (1.5, 2, "behind", 2, 17)
    # a ceiling: the highest counts
    assert (p["r55_upkeep_share"].actual, p["r55_upkeep_share"].status) == (6, "behind")
    # no figures, thresholds
    assert (p["r27_skilled_workers"].status, p["r27_skilled_workers"].reason) == ("n/a", "no_data")
    assert (p["r49_plot_size"].status, p["r49_plot_size"].reason, p["r49_plot_size"].expected) == ("n/a", "threshold", None)
    # a level due by 2022Q4 is fully due afterwards; per-year totals are due by quarter
    assert p["r32_welfare_posts"].expected == 1.0 and p["r57_monthly_monitoring"].expected == 0.5
    # in 2023Q1 the 2023Q2 figures do not count yet
    q1 = _progress(empty_data, "2023Q1")
    assert q1["r34_work_relief_share"].actual is None and q1["r20_training"].expected == 5 / 12


def test_per_year_figures_restart_each_year(empty_data):
    _sub(empty_data, "longsheng", "龙胜县", 57, "r57_monthly_monitoring", "12", q="2023Q1")
    p = _progress(empty_data, "2023Q2")["r57_monthly_monitoring"]
    assert (p.actual, p.target) == (12, 12 * 17)
    from zengshou.lint import load_catalog
    from zengshou.indicators import collect, progress
    from zengshou.workspace import Workspace

    cat, _ = load_catalog(empty_data)
    nxt = {x.ind.id: x for x in progress(cat, collect(Workspace(empty_data, cat)), "2024Q1")}["r57_monthly_monitoring"]
    assert nxt.actual is None and nxt.reason == "no_data"


# ---------------------------------------------------------------- commands

def test_indicators_table(cli, data_dir):
    res = cli("indicators", "--quarter", "2023Q2", "--data", data_dir, env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "量化指标（截至2023年第二季度）" in out
    for words in ("2,990", "4,500", "滞后", "正常", "界线", "暂无数字"):
        assert words in out, words


def test_indicators_json(cli, data_dir):
    res = cli("indicators", "--quarter", "2023Q2", "--data", data_dir, "--format", "json")
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    by = {i["id"]: i for i in doc["indicators"]}
    assert doc["quarter"] == "2023Q2" and len(by) == 23
    r20 = by["r20_training"]
    assert (r20["actual"], r20["target"], r20["expected"], r20["status"], r20["reported_by"]) == (2990, 4500, 0.5, "on_track", "lead")
    assert by["r37_lead_geese"]["status"] == "behind"
    assert by["r12_union_welfare_share"]["by_unit"] == {"zgh": {"value": 58, "as_of": "2023Q2"}}
    # English words, same numbers; the default quarter is the latest folder
    en = cli("indicators", "--data", data_dir, "--lang", "en", env={"COLUMNS": "200"})
    assert en.exit_code == 0 and "indicators as of Q2 2023" in en.stdout and "on track" in en.stdout


def test_indicators_bad_quarter(cli, data_dir):
    res = cli("indicators", "--quarter", "2023Q9", "--data", data_dir)
    assert res.exit_code == 2 and "2023Q9" in res.output


def test_history(cli, data_dir):
    res = cli("history", "--task", "13", "--unit", "czj", "--data", data_dir, "--format", "json")
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    assert [(e["quarter"], e["unit"], e["figures"]) for e in doc["entries"]] == [
        ("2023Q1", "czj", {"r13_canteen_share": "19"}), ("2023Q2", "czj", {"r13_canteen_share": "24"})]
    assert doc["indicators"] == ["r13_canteen_share"] and all(e["progress"].startswith("【示例】") for e in doc["entries"])
    table = cli("history", "--task", "13", "--data", data_dir, env={"COLUMNS": "240"})
    assert table.exit_code == 0 and "2023Q1" in table.stdout and "r13_canteen_share: 24" in table.stdout
    assert cli("history", "--task", "99", "--data", data_dir).exit_code == 2


# ---------------------------------------------------------------- charts in the report

def test_charts_in_the_merged_report(cli, data_dir, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "out"
    res = cli("merge", "--quarter", "2023Q2", "--data", data_dir, "--out", out)
    assert res.exit_code == 0, res.output
    xlsx = next(out.glob("*.xlsx"))
    wb = load_workbook(xlsx)
    assert wb.sheetnames[-2:] == ["指标", "报送情况"]
    ws = wb["指标"]
    assert ws["B4"].value == "r3_demo_zones" and ws.max_row > 30
    charts = ws._charts
    assert len(charts) >= 10  # one per indicator with figures
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert '<section id="indicators">' in html and html.count("<svg") == len(charts)
    assert "<script" not in html
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        ET.fromstring(svg)  # well-formed
    # same inputs, same bytes
    again = tmp_path / "again"
    cli("merge", "--quarter", "2023Q2", "--data", data_dir, "--out", again)
    assert next(again.glob("*.xlsx")).read_bytes() == xlsx.read_bytes()


def test_svg_chart_is_deterministic_and_well_formed():
    from zengshou.lint import load_catalog
    from zengshou.report.indicators import series
    from zengshou.report.svg import chart

    cat, _ = load_catalog(DATA)
    s = {x.id: x for x in series(cat, DATA, "2023Q2")}["r20_training"]
    assert s.quarters[0] == "2022Q1" and s.actual[-1] == 2990 and s.due[-1] == 2250
    a, b = chart(s), chart(s)
    assert a == b
    root = ET.fromstring(a)
    assert root.tag.endswith("svg") and not root.findall(".//{http://www.w3.org/2000/svg}script")
    assert "2,990" in a and "20. 累计培训脱贫劳动力" in a
