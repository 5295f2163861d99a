"""The 正文 read back from the generated documents (Word, workbook, page) and checked against
the input files, counted here independently of the report code: the 进展 of the 70 rows (the
lead unit's ``status`` in its YAML file), the 滞后 indicators with the units behind, the late
units; and, where LibreOffice and Chromium are installed, the page budgets of issue 22 at two
font sets."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from ruamel.yaml import YAML

from zengshou.lint import load_catalog

ROOT = Path(__file__).resolve().parent.parent
Q = "2024Q4"
PLAN = "桂林市促进脱贫人口持续增收三年行动方案"


def generate(tmp_path: Path, chars: str) -> Path:
    """bench/generate.py's full quarter: 34 units, 12 quarters, figures, 进展, a few late files."""
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), str(tmp_path / "g"), "--units", "34", "--quarters", "12"]
        + ["--chars", chars],
        check=True,
        capture_output=True,
    )
    return tmp_path / "g" / "data"


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> tuple[Path, Path]:
    """(data dir, reports folder) of a merged full-load quarter with short texts."""
    from typer.testing import CliRunner

    from zengshou.cli.app import app

    tmp = tmp_path_factory.mktemp("full")
    data = generate(tmp, "40-60")
    out = tmp / "out"
    res = CliRunner().invoke(app, ["merge", "--quarter", Q, "--data", str(data), "--out", str(out)])
    assert res.exit_code == 0, res.output
    return data, out


def expected(data: Path) -> dict:
    """The facts of the 正文, from the YAML files and the plan (not from the report model)."""
    cat, _ = load_catalog(data)
    yaml = YAML(typ="safe")
    files = {p.stem: yaml.load(p.read_text("utf-8")) for p in (data / "progress" / Q).glob("*.yaml")}
    words = {"已完成": "done", "持续推进": "ongoing", "推进中": "active", "未启动": "not_started"}
    counts = dict.fromkeys(("done", "ongoing", "active", "not_started", "unstated", "unreported"), 0)
    not_started = []
    for t in cat.tasks:
        lead = cat.lead(t.id, Q)
        item = next((i for i in (files.get(lead) or {}).get("items", []) if i["task"] == t.id), None)
        if item is None or not str(item.get("progress") or "").strip():
            counts["unreported"] += 1
        elif item.get("status"):
            counts[words[item["status"]]] += 1
            if item["status"] == "未启动":
                not_started.append(t.id)
        else:
            counts["unstated"] += 1
    deadline = cat.deadline(Q)
    late = sorted(
        cat.by_id[u].name.removesuffix("人民政府")
        for u, f in files.items()
        if date.fromisoformat(str(f["submitted"])) > deadline
    )
    missing = [cat.by_id[u].name.removesuffix("人民政府") for u in cat.reporters(Q) if u not in files]
    # row 55 is a ceiling (at most 5%): the counties above it, by their figure this quarter
    above = sorted(
        cat.by_id[u].name.removesuffix("人民政府")
        for u, f in files.items()
        for i in f["items"]
        if i["task"] == 55 and float((i.get("figures") or {}).get("r55_upkeep_share", 0)) > 5
    )
    # row 43 is a share (at least 100%) reported by its lead unit
    share = next(
        float(i["figures"]["r43_pension_coverage"])
        for i in files[cat.lead(43, Q)]["items"]
        if i["task"] == 43 and i.get("figures")
    )
    return {
        "counts": counts,
        "not_started": not_started,
        "late": late,
        "missing": missing,
        "above_55": above,
        "behind_43": share < 100,
        "lead_43": cat.by_id[cat.lead(43, Q)].name,
    }


def body_paragraphs(out: Path) -> list[str]:
    d = docx.Document(str(out / f"{PLAN}-{Q}-落实进度.docx"))
    texts = []
    for p in d.paragraphs:
        if p.text.startswith("附件1"):
            break
        texts.append(p.text)
    return texts


def check_body(lines: list[str], facts: dict) -> None:
    text = "\n".join(lines)
    c = facts["counts"]
    assert (
        f"已完成{c['done']}项，持续推进{c['ongoing']}项，推进中{c['active']}项，未启动{c['not_started']}项；"
        f"已报送但未注明进展{c['unstated']}项，牵头单位未报送{c['unreported']}项"
    ) in text
    started = [int(m) for m in re.findall(r"第(\d+)项未启动", text)]
    assert started == facts["not_started"][: len(started)] and len(started) == min(8, len(facts["not_started"]))
    line_55 = next(x for x in lines if x.startswith("第55项"))
    assert facts["above_55"] and all(f"{n} " in line_55 for n in facts["above_55"]), line_55
    assert "超过上限5%" in line_55
    if facts["behind_43"]:
        line_43 = next(x for x in lines if x.startswith("第43项"))
        assert facts["lead_43"] in line_43
    late = next(x for x in lines if "逾期报送的单位" in x)
    assert facts["late"] and all(n in late for n in facts["late"]) and f"单位{len(facts['late'])}个" in late
    assert not facts["missing"] and "未报送的单位" not in text
    assert "详见工作底稿" not in text and "2024Q4" not in text


@pytest.mark.slow  # the full-load quarter (bench/generate.py --full), merged
def test_docx_body_states_the_facts_of_the_input(full):
    data, out = full
    check_body(body_paragraphs(out), expected(data))


@pytest.mark.slow  # the full-load quarter (bench/generate.py --full), merged
def test_xlsx_and_html_body_state_the_same_facts(full):
    data, out = full
    facts = expected(data)
    ws = openpyxl.load_workbook(out / f"{PLAN}-{Q}-落实进度.xlsx")["正文"]
    check_body([str(r[0].value) for r in ws.iter_rows() if r[0].value], facts)
    html = (out / f"{PLAN}-{Q}-落实进度.html").read_text("utf-8")
    head = html[: html.index('id="summary"')]
    items = re.findall(r"<(?:p|li)[^>]*>([^<]*)</(?:p|li)>", head)
    check_body([x.replace("&#34;", '"') for x in items], facts)


@pytest.mark.slow  # the full-load quarter (bench/generate.py --full), merged
def test_summary_carries_the_progress_column(full):
    data, out = full
    facts = expected(data)
    ws = openpyxl.load_workbook(out / f"{PLAN}-{Q}-落实进度.xlsx")["汇总表"]
    states = [r[4].value for r in ws.iter_rows(min_row=3, max_row=72)]
    assert states.count("未启动") == facts["counts"]["not_started"]
    assert states.count("已完成") == facts["counts"]["done"]


# ---------------------------------------------------------------- page budgets (slow)

BUDGETS = {  # run → (正文, whole 呈报版 in each format, 工作底稿 xlsx)
    "sample": (3, 20, 120),
    "full": (3, 30, 420),
}


def _tools() -> str | None:
    for exe in ("soffice", "chromium", "pdfinfo", "pdftotext"):
        if shutil.which(exe) is None and not (exe == "chromium" and shutil.which("chromium-browser")):
            return exe
    return None


@pytest.mark.slow
@pytest.mark.parametrize("run", ["sample", "full"])
@pytest.mark.parametrize("fonts", ["noto", "arpl"])
def test_page_budgets(run, fonts, tmp_path, cli):
    missing = _tools()
    if missing:
        pytest.skip(f"{missing} is not installed: page counts need LibreOffice, Chromium and poppler-utils")
    sys.path.insert(0, str(ROOT / "bench"))
    import pages

    if run == "sample":
        data, q = tmp_path / "data", "2023Q2"
        shutil.copytree(ROOT / "data", data)
    else:
        data, q = generate(tmp_path, "280-300"), Q
    out = tmp_path / "out"
    res = cli("merge", "--quarter", q, "--data", data, "--out", out)
    assert res.exit_code == 0, res.output
    body_max, whole_max, work_max = BUDGETS[run]
    for suffix in (".docx", ".xlsx", ".html"):
        src = out / f"{PLAN}-{q}-落实进度{suffix}"
        pdf = pages.to_pdf(src, tmp_path / "pdf", fonts, tmp_path / "profile")
        n, body = pages.page_count(pdf), pages.body_pages(pdf)
        assert n <= whole_max, (suffix, n)
        assert body is not None and body <= body_max, (suffix, body)
    work = pages.to_pdf(out / f"{PLAN}-{q}-工作底稿.xlsx", tmp_path / "pdf", fonts, tmp_path / "profile")
    assert pages.page_count(work) <= work_max


@pytest.mark.slow  # the full-load quarter (bench/generate.py --full), merged
def test_ceiling_is_drawn_as_a_ceiling_and_scope_stays_in_the_notes(full):
    """Row 55 (at most 5%) has no due line and a 上限 line; states never carry 口径待确认 (the
    口径说明 does); chart axes read 24年Q4, not 2024Q4."""
    data, out = full
    wb = openpyxl.load_workbook(out / f"{PLAN}-{Q}-落实进度.xlsx")
    ws = wb["指标"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3) if isinstance(r[0].value, int)]
    row55 = next(r for r in rows if r[0] == 55)
    assert row55[6] == "滞后" and row55[7].startswith("超过上限5%的：")
    assert not any("口径待确认" in str(r[6]) for r in rows)
    assert any("口径待确认" in str(r[1].value) for r in wb["口径说明"].iter_rows())
    chart = wb["图表数据"]
    head = [c.value for c in chart[1]][3:]
    assert head[-1] == "24年Q4" and not any("Q" in str(h) and str(h).startswith("20") for h in head)
    lines = [[c.value for c in r] for r in chart.iter_rows(min_row=2)]
    first = next(i for i, r in enumerate(lines) if r[0] == 55)
    actual, due, goal = lines[first : first + 3]
    assert due[2] == "应完成" and all(v is None for v in due[3:])
    assert goal[2] == "上限" and set(goal[3:]) == {5}
    svg = (out / f"{PLAN}-{Q}-落实进度.html").read_text("utf-8")
    part = svg[svg.index("55. 统筹自治区衔接资金") :]
    part = part[: part.index("</svg>")]
    assert "上限" in part and "应完成" not in part and 'stroke-dasharray="3 3" points' not in part


def test_status_sheet_gives_whom_to_call(cli, empty_data, tmp_path):
    """A unit that has not reported: its contact from its last file, else from units.yaml."""
    sys.path.insert(0, str(ROOT / "tests"))
    from merge_fixtures import fill_quarter, write_submission

    units = empty_data / "units.yaml"
    units.write_text(
        units.read_text("utf-8").replace(
            "  - id: lingui\n    name: 临桂区人民政府\n",
            "  - id: lingui\n    name: 临桂区人民政府\n    contact: 王五 0773-5550000\n",
        ),
        encoding="utf-8",
    )
    fill_quarter(empty_data, "2023Q2", skip=("lingui", "kjj"))
    write_submission(empty_data, "2023Q1", "kjj", {6: "一季度。"}, submitted="2023-04-03")
    text = (empty_data / "progress" / "2023Q1" / "kjj.yaml").read_text("utf-8")
    (empty_data / "progress" / "2023Q1" / "kjj.yaml").write_text(
        text.replace("quarter: 2023Q1\n", "quarter: 2023Q1\ncontact: 赵六 2840000\n"), encoding="utf-8"
    )
    res = cli("merge", "--quarter", "2023Q2", "--data", empty_data, "--format", "xlsx")
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(tmp_path / "reports" / "2023Q2" / f"{PLAN}-2023Q2-工作底稿.xlsx")["报送情况"]
    head = [c.value for c in ws[3]]
    col = head.index("联系人")
    rows = {r[1].value: r[col].value for r in ws.iter_rows(min_row=4) if isinstance(r[0].value, int)}
    assert rows["临桂区人民政府"] == "王五 0773-5550000"
    assert rows["市科技局"] == "赵六 2840000"
