"""``zengshou merge``: the workbook, read back with openpyxl, and the command's behaviour."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import openpyxl
import pytest

from merge_fixtures import fill_quarter, sample_text, write_submission
from zengshou.lint import load_catalog
from zengshou.status import STATE_WORDS, quarter_status
from zengshou.workspace import Workspace

Q = "2023Q2"
XLSX = f"桂林市促进脱贫人口持续增收三年行动方案-{Q}-落实进度.xlsx"
HTML = f"桂林市促进脱贫人口持续增收三年行动方案-{Q}-落实进度.html"
TRICKY = {1: "=SUM(A1)", 2: "+1", 3: "-x", 4: "@x", 5: "#N/A"}


@pytest.fixture
def quarter(empty_data: Path) -> Path:
    """All units report except 市科技局 (leads row 6) and 临桂区; 市农业农村局 writes texts that
    look like formulas and error values on the rows it leads (C404 would call them too short)."""
    (empty_data / "zengshou.toml").write_text('[rules]\nC404 = "off"\n', encoding="utf-8")
    fill_quarter(empty_data, Q, skip=("kjj", "lingui"), texts={("nyncj", r): t for r, t in TRICKY.items()})
    return empty_data


def run(cli, data: Path, *args):
    return cli("merge", "--quarter", Q, "--data", data, *args)


@pytest.fixture
def book(cli, quarter, tmp_path):
    res = run(cli, quarter)
    assert res.exit_code == 0, res.output
    path = tmp_path / "reports" / Q / XLSX
    assert str(Path("reports") / Q / XLSX) in res.stdout
    return openpyxl.load_workbook(path)


def body_rows(ws, first: int):
    return [[c.value for c in row] for row in ws.iter_rows(min_row=first, max_row=ws.max_row)]


# ---------------------------------------------------------------- 汇总表

def test_summary_has_the_plan_table_with_lead_progress(book, quarter):
    cat, _ = load_catalog(quarter)
    ws = book["汇总表"]
    assert book.sheetnames[0] == "汇总表" and book.sheetnames[-1] == "报送情况"
    assert "桂林市促进脱贫人口持续增收三年行动方案" in ws["A1"].value and "2023年第二季度" in ws["A1"].value
    assert [c.value for c in ws[2]] == ["序号", "主要目标任务", "具体落实措施", "落实进度", "责任单位"]
    rows = body_rows(ws, 3)
    assert len(rows) == 70
    for t, row in zip(cat.tasks, rows):
        assert row[0] == t.id
        assert row[2] == t.text
        lead = cat.by_id[cat.lead(t.id, Q)]
        expected = ("未报送" if lead.id == "kjj" else
                    TRICKY.get(t.id) if lead.id == "nyncj" and t.id in TRICKY else sample_text(lead.name, t.id))
        assert row[3] == expected, t.id
    assert ws["B3"].value == "1．做大做强农业特色优势产业"
    assert ws["E3"].value == cat.tasks[0].units_text


def test_summary_merges_measures_as_in_the_plan(book, quarter):
    cat, _ = load_catalog(quarter)
    ws = book["汇总表"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A1:E1" in merged  # title
    first = 3
    for m in cat.measure_list:
        rows = [t.id for t in cat.tasks if t.measure == m.id]
        a, b = first + rows[0] - 1, first + rows[-1] - 1
        if a == b:
            assert not any(r.startswith(f"B{a}:") for r in merged)
        else:
            assert f"B{a}:B{b}" in merged, m.title
            assert ws[f"B{a}"].value == f"{m.id}．{m.title}"


def test_formula_and_error_looking_texts_read_back_as_text(book):
    for ws, col in ((book["汇总表"], 4), (book["市农业农村局"], 4)):
        seen = {}
        for row in ws.iter_rows(min_row=3):
            v = row[col - 1]
            if v.value in TRICKY.values():
                seen[v.value] = v.data_type
        assert seen == {t: "s" for t in TRICKY.values()}, ws.title


def test_every_sheet_is_print_ready(book):
    names = book.sheetnames
    assert len(names) == len(set(names))
    for ws in book.worksheets:
        assert len(ws.title) <= 31 and not set(ws.title) & set("[]:*?/\\")
        ps = ws.page_setup
        assert ps.orientation == "landscape", ws.title
        assert int(ps.paperSize) == 9
        assert int(ps.fitToWidth) == 1 and int(ps.fitToHeight) == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows in ("$2:$2", "$3:$3")
        assert ws.freeze_panes in ("A3", "A4", "C3")
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        for r in range(1, ws.max_row + 1):
            if any(c.value is not None for c in ws[r]):
                assert ws.row_dimensions[r].height, (ws.title, r)
        fonts = {c.font.name for row in ws.iter_rows(min_row=1, max_row=5) for c in row if c.value is not None}
        assert fonts == {"仿宋"}
        header_row = int(ws.print_title_rows.split(":")[0].strip("$"))
        assert all(c.alignment.wrap_text for c in ws[header_row + 1] if c.value is not None)


def test_row_heights_follow_the_text(cli, empty_data, tmp_path):
    long = "推进产业帮扶项目建设，" * 27  # 297 characters
    fill_quarter(empty_data, Q, texts={("nyncj", 1): long, ("nyncj", 2): "已完成。"})
    assert run(cli, empty_data, "--format", "xlsx").exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "reports" / Q / XLSX)["汇总表"]
    h_long, h_short = ws.row_dimensions[3].height, ws.row_dimensions[4].height
    # 297 CJK characters in a 60-wide column: at most ~28 a line → 11+ lines of 11 pt
    assert h_long >= 11 * 11 * 1.3
    assert h_short < h_long
    # the merged measure cell of rows 4–5 (measure 2) fits in its rows together
    from zengshou.report.xlsx import height_for, line_count

    m2 = ws["B6"].value
    need = height_for(line_count(m2, ws.column_dimensions["B"].width))
    assert ws.row_dimensions[6].height + ws.row_dimensions[7].height >= need


# ---------------------------------------------------------------- per lead unit, per county

def test_lead_sheet_carries_every_county_text(book, quarter):
    cat, _ = load_catalog(quarter)
    ws = book["市农业农村局"]
    rows = body_rows(ws, 3)
    led = [t.id for t in cat.tasks if cat.lead(t.id, Q) == "nyncj"]
    assert sorted({r[0] for r in rows if r[0] is not None}) == led
    # row 1: lead first, then the 17 counties in units.yaml order, participants only if they wrote
    start = next(i for i, r in enumerate(rows) if r[0] == 1)
    block = rows[start:start + 18]
    assert block[0][2] == "市农业农村局（牵头）" and block[0][3] == "=SUM(A1)"
    counties = [u for u in cat.counties()]
    assert [r[2] for r in block[1:]] == [u.name for u in counties]
    for u, r in zip(counties, block[1:]):
        assert r[3] == ("未报送" if u.id == "lingui" else sample_text(u.name, 1))
    # the task cells are merged over the unit rows
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"A{3 + start}:A{3 + start + 17}" in merged and f"B{3 + start}:B{3 + start + 17}" in merged


def test_county_sheet_is_its_own_table(book, quarter):
    cat, _ = load_catalog(quarter)
    ws = book["秀峰区人民政府"]
    assert "报送日期：2023-07-04" in ws["A2"].value
    rows = body_rows(ws, 4)
    need = cat.required_rows("xiufeng", Q)
    assert [r[0] for r in rows] == need
    assert all(r[3] == sample_text("秀峰区人民政府", r[0]) for r in rows)
    missing = body_rows(book["临桂区人民政府"], 4)
    assert {r[3] for r in missing} == {"未报送"} and book["临桂区人民政府"]["A2"].value == "未报送"


def test_status_sheet_matches_quarter_status(book, quarter):
    cat, _ = load_catalog(quarter)
    st = quarter_status(Workspace(quarter, cat), Q)
    ws = book["报送情况"]
    rows = body_rows(ws, 3)[: len(st.units)]
    assert [r[1] for r in rows] == [u.name for u in st.units]
    assert [r[3] for r in rows] == [STATE_WORDS[u.state]["zh"] for u in st.units]
    assert [r[6] for r in rows] == [u.required for u in st.units]
    assert [r[7] for r in rows] == [u.reported for u in st.units]
    assert len(st.units) == 34
    assert {r[1] for r in rows if r[3] == "未报送"} == {"市科技局", "临桂区人民政府"}


def test_status_sheet_matches_status_command(cli, book, quarter):
    import json

    res = cli("status", "--quarter", Q, "--data", quarter, "--format", "json")
    doc = json.loads(res.stdout)
    rows = body_rows(book["报送情况"], 3)[: len(doc["units"])]
    assert [r[1] for r in rows] == [u["name"] for u in doc["units"]]
    assert [r[3] for r in rows] == [STATE_WORDS[u["state"]]["zh"] for u in doc["units"]]


# ---------------------------------------------------------------- the command

def test_same_inputs_same_bytes(cli, quarter, tmp_path):
    out = tmp_path / "reports" / Q
    assert run(cli, quarter).exit_code == 0
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(first) == {XLSX, HTML}
    assert run(cli, quarter).exit_code == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first


def test_submissions_are_never_touched(cli, quarter):
    def digest():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((quarter / "progress" / Q).iterdir())}

    before = digest()
    assert run(cli, quarter).exit_code == 0
    assert digest() == before


def test_errors_block_the_merge(cli, quarter, tmp_path):
    write_submission(quarter, Q, "mzj", {r: "超" * 301 for r in (39, 40, 41)})  # C405: over 300 characters
    res = run(cli, quarter)
    assert res.exit_code == 1
    assert "C405" in res.stderr and "mzj.yaml" in res.stderr and "--skip-invalid" in res.stderr
    assert not (tmp_path / "reports").exists()


def test_skip_invalid_leaves_the_file_out_and_marks_it(cli, quarter, tmp_path):
    cat, _ = load_catalog(quarter)
    rows = cat.required_rows("mzj", Q)
    write_submission(quarter, Q, "mzj", {r: "超" * 301 for r in rows})
    res = run(cli, quarter, "--skip-invalid")
    assert res.exit_code == 0, res.output
    assert "mzj.yaml" in res.stderr
    wb = openpyxl.load_workbook(tmp_path / "reports" / Q / XLSX)
    summary = {r[0]: r[3] for r in body_rows(wb["汇总表"], 3)}
    assert all(summary[r] == "报送文件有错误，未汇总" for r in rows)
    status = {r[1]: r for r in body_rows(wb["报送情况"], 3) if r[1]}
    assert status["市民政局"][3] == "有错误" and "跳过" in status["市民政局"][12]
    assert "超" * 301 not in (tmp_path / "reports" / Q / HTML).read_text(encoding="utf-8")


def test_definition_errors_block_even_with_skip_invalid(cli, quarter):
    (quarter / "units.yaml").write_text("units: [\n", encoding="utf-8")
    res = run(cli, quarter, "--skip-invalid")
    assert res.exit_code == 1 and "S102" in res.stderr


def test_missing_submissions_never_block(cli, empty_data, tmp_path):
    res = run(cli, empty_data, "--format", "xlsx")
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(tmp_path / "reports" / Q / XLSX)["汇总表"]
    assert {r[3] for r in body_rows(ws, 3)} == {"未报送"}


def test_locked_output_keeps_the_old_file(cli, quarter, tmp_path, monkeypatch):
    assert run(cli, quarter, "--format", "xlsx").exit_code == 0
    target = tmp_path / "reports" / Q / XLSX
    old = target.read_bytes()
    write_submission(quarter, Q, "nyncj", {r: "新的进度" for r in range(1, 71) if r in
                                             load_catalog(quarter)[0].required_rows("nyncj", Q)})

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    res = run(cli, quarter, "--format", "xlsx")
    assert res.exit_code == 2
    assert "Excel" in res.stderr and "原文件未改动" in res.stderr and "Traceback" not in res.output
    assert target.read_bytes() == old
    assert [p.name for p in target.parent.iterdir()] == [XLSX]  # no temp file left behind


def test_text_longer_than_an_excel_cell_is_an_error_not_cut(cli, quarter, tmp_path):
    (quarter / "zengshou.toml").write_text('[rules]\nC404 = "off"\nC405 = "off"\n', encoding="utf-8")
    huge = "很长的进度" * 7000  # 35,000 characters
    cat, _ = load_catalog(quarter)
    write_submission(quarter, Q, "mzj", {r: huge for r in cat.required_rows("mzj", Q)})
    res = run(cli, quarter)
    assert res.exit_code == 1
    assert "32767" in res.stderr and "35000" in res.stderr and "mzj.yaml:7:15" in res.stderr
    assert not (tmp_path / "reports").exists()
    res = run(cli, quarter, "--format", "html")
    assert res.exit_code == 0
    assert huge in (tmp_path / "reports" / Q / HTML).read_text(encoding="utf-8")


def test_options(cli, quarter, tmp_path):
    res = run(cli, quarter, "--format", "pdf")
    assert res.exit_code == 2 and "pdf" in res.stderr
    res = cli("merge", "--quarter", "2030Q1", "--data", quarter)
    assert res.exit_code == 2
    res = run(cli, quarter, "--format", "html", "--out", tmp_path / "elsewhere")
    assert res.exit_code == 0 and [p.name for p in (tmp_path / "elsewhere").iterdir()] == [HTML]


def test_english_labels(cli, quarter, tmp_path):
    res = run(cli, quarter, "--lang", "en", "--format", "xlsx")
    assert res.exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "reports" / Q / f"桂林市促进脱贫人口持续增收三年行动方案-{Q}-progress.xlsx")
    assert wb.sheetnames[0] == "Summary" and wb.sheetnames[-1] == "Status"
    assert [c.value for c in wb["Summary"][2]] == ["No.", "Objective", "Measure", "Progress", "Responsible units"]
    assert "not reported" in {r[3] for r in body_rows(wb["Summary"], 3)}


def test_shipped_sample_quarter(cli, data_dir, tmp_path):
    assert (data_dir / "progress" / Q).is_dir(), "the shipped sample quarter is missing"
    res = run(cli, data_dir)
    assert res.exit_code == 0, res.output
    first = (tmp_path / "reports" / Q / XLSX).read_bytes()
    ws = openpyxl.load_workbook(tmp_path / "reports" / Q / XLSX)["汇总表"]
    assert len(body_rows(ws, 3)) == 70
    assert run(cli, data_dir).exit_code == 0
    assert (tmp_path / "reports" / Q / XLSX).read_bytes() == first


# ---------------------------------------------------------------- library pieces

def test_sheet_titles_are_valid_and_unique():
    from zengshou.report.xlsx import sheet_title

    used: set[str] = set()
    a = sheet_title("a[b]:c*d?e/f\\g", used)
    assert not set(a) & set("[]:*?/\\")
    long = "很" * 40
    b, c = sheet_title(long, used), sheet_title(long, used)
    assert len(b) == len(c) == 31 and b != c
    assert sheet_title("'x'", used) == "x"


def test_blank_marker_when_a_row_is_left_out(empty_data):
    from zengshou.report.model import BLANK, MISSING, merge

    (empty_data / "zengshou.toml").write_text('[rules]\nR501 = "off"\n', encoding="utf-8")
    write_submission(empty_data, Q, "nyncj", {1: "已推进。"})
    rep = merge(empty_data, Q)
    by = {r.number: r for r in rep.rows}
    assert by[1].lead.text == "已推进。" and by[1].lead.source.line == 7
    assert by[2].lead.state == BLANK
    assert by[6].lead.state == MISSING
