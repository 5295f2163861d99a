"""``zengshou merge``: the workbooks (呈报版 and 工作底稿), read back with openpyxl, and the
command's behaviour (what blocks, what is left out, options, bytes)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import openpyxl
import pytest

from merge_fixtures import NAMES, fill_quarter, merge_once, read_docx_text, sample_text, write_submission
from zengshou.lint import load_catalog

Q = "2023Q2"
PLAN = "桂林市促进脱贫人口持续增收三年行动方案"
XLSX, WORK, DOCX, HTML, WORK_HTML = NAMES
TITLE = "《桂林市促进脱贫人口持续增收三年行动方案（2022—2024年）》重点任务清单落实进度（2023年二季度）"
TRICKY = {1: "=SUM(A1)", 2: "+1", 3: "-x", 4: "@x", 5: "#N/A"}


def fill(data: Path) -> Path:
    """All units report except 市科技局 (leads row 6) and 临桂区; 市农业农村局 writes texts that
    look like formulas and error values on the rows it leads (C404 would call them too short)."""
    (data / "zengshou.toml").write_text('[rules]\nC404 = "off"\n', encoding="utf-8")
    fill_quarter(data, Q, skip=("kjj", "lingui"), texts={("nyncj", r): t for r, t in TRICKY.items()})
    return data


@pytest.fixture
def quarter(empty_data: Path) -> Path:
    return fill(empty_data)


def run(cli, data: Path, *args):
    return cli("merge", "--quarter", Q, "--data", data, *args)


def out(tmp_path: Path, name: str) -> Path:
    return tmp_path / "reports" / Q / name


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    """One merge of the quarter, made once for the tests that only read its files (they never
    write to it); the folder it ran in, as the ``cli`` fixture would run it."""
    base = tmp_path_factory.mktemp("merged")
    _, stdout = merge_once(base, fill, "--quarter", Q)
    for name in NAMES:
        assert str(Path("reports") / Q / name) in stdout
    return base


@pytest.fixture
def book(merged):
    return openpyxl.load_workbook(out(merged, XLSX))


@pytest.fixture
def work(merged):
    return openpyxl.load_workbook(out(merged, WORK))


def unpacked(path: Path) -> bytes:
    """A file's bytes; for .xlsx/.docx (zip packages) every part's bytes, decompressed."""
    import zipfile

    if path.suffix in (".xlsx", ".docx"):
        with zipfile.ZipFile(path) as z:
            return b"".join(z.read(n) for n in z.namelist() if n.endswith((".xml", ".rels")))
    return path.read_bytes()


def body_rows(ws, first: int):
    return [[c.value for c in row] for row in ws.iter_rows(min_row=first, max_row=ws.max_row)]


def summary_rows(ws):
    """The 汇总表's 70 rows (header in row 2): 序号 具体措施 重点任务 落实进度 进展 责任单位."""
    return body_rows(ws, 3)[:70]


def work_lines(work, lead: str | None = None):
    """The 工作底稿's lines: 序号 具体措施 重点任务 牵头单位 单位 进展 落实进度 (optionally one lead's)."""
    rows = [r for r in body_rows(work["落实进度"], 3) if isinstance(r[0], int)]
    return [r for r in rows if lead is None or r[3] == lead]


# ---------------------------------------------------------------- 呈报版 workbook


def test_submit_edition_sheets_and_heading(book):
    assert book.sheetnames == ["正文", "汇总表", "指标", "口径说明"]
    ws = book["正文"]
    assert ws["A1"].value == TITLE
    assert ws["A2"].value == "编制单位：桂林市乡村振兴局　　截至日期：2023年7月6日"
    assert ws["A4"].value == "一、报送情况"
    assert "应报送单位34个，已报送32个（按时32个，逾期0个），未报送2个，草稿0个" in ws["A5"].value
    table = {r[0]: (r[1], r[2]) for r in body_rows(ws, 7) if r[0] and isinstance(r[1], int)}
    assert table["未报送"] == (2, "市科技局、临桂区")
    assert table["应报单位"][0] == 34


def test_summary_has_the_plan_table_with_lead_progress(book, merged):
    cat, _ = load_catalog(merged / "data")
    ws = book["汇总表"]
    assert ws["A1"].value == "附件1\u3000汇总表（重点任务清单落实进度）（2023年二季度）"
    assert [c.value for c in ws[2]] == ["序号", "具体措施", "重点任务", "落实进度", "进展", "责任单位"]
    rows = summary_rows(ws)
    assert [r[0] for r in rows] == list(range(1, 71))
    for t, row in zip(cat.tasks, rows, strict=True):
        assert row[2] == t.text
        lead = cat.by_id[cat.lead(t.id, Q)]
        if lead.id == "kjj":
            assert row[3].startswith("牵头单位未报送；已报送该项的单位：") and "详见" not in row[3], row[3]
        else:
            expected = TRICKY.get(t.id) if lead.id == "nyncj" and t.id in TRICKY else sample_text(lead.name, t.id)
            assert row[3] == expected, t.id
    assert rows[0][1] == "1．做大做强农业特色优势产业"
    assert rows[0][5] == cat.tasks[0].units_text
    assert ws.auto_filter.ref == "A2:F72"


def test_lead_missing_names_the_units_that_reported(book, merged):
    """Row 6 (市科技局 leads, did not report): the counties that did report are named."""
    cat, _ = load_catalog(merged / "data")
    row6 = summary_rows(book["汇总表"])[5][3]
    named = [u.name.removesuffix("人民政府") for u in cat.counties() if u.id != "lingui"]
    assert row6 == "牵头单位未报送；已报送该项的单位：" + "、".join(named)
    assert book["汇总表"]["D8"].font.color.rgb.endswith("C00000")


def test_every_row_names_its_measure_and_nothing_is_merged(book, merged):
    """The application paginates: no merged cell in the 汇总表 and no hand-set break, so a row
    on a new page still names its measure (（续） after its first row)."""
    cat, _ = load_catalog(merged / "data")
    ws = book["汇总表"]
    assert not ws.row_breaks.brk and not [r for r in ws.merged_cells.ranges if r.min_row > 1]
    assert ws.print_title_rows == "$2:$2"
    for m in cat.measure_list:
        rows = [3 + t.id - 1 for t in cat.tasks if t.measure == m.id]
        labels = [ws.cell(r, 2).value for r in rows]
        assert labels == [f"{m.id}．{m.title}"] + [f"{m.id}．{m.title}（续）"] * (len(rows) - 1)


def test_formula_and_error_looking_texts_read_back_as_text(book, work):
    for ws, col in ((book["汇总表"], 3), (work["落实进度"], 6)):
        seen = {}
        for row in ws.iter_rows(min_row=3):
            v = row[col]
            if v.value in TRICKY.values():
                seen[v.value] = v.data_type
        assert seen == {t: "s" for t in TRICKY.values()}, ws.title


def test_every_sheet_is_print_ready(book, work):
    for wb in (book, work):
        names = wb.sheetnames
        assert len(names) == len(set(names))
        for ws in wb.worksheets:
            assert len(ws.title) <= 31 and not set(ws.title) & set("[]:*?/\\")
            ps = ws.page_setup
            assert ps.orientation == "landscape", ws.title
            assert int(ps.paperSize) == 9
            assert int(ps.fitToWidth) == 1 and int(ps.fitToHeight) == 0
            assert ws.sheet_properties.pageSetUpPr.fitToPage is True
            assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
            for r in range(1, ws.max_row + 1):
                if any(c.value is not None for c in ws[r]):
                    assert ws.row_dimensions[r].height, (ws.title, r)
            fonts = {c.font.name for row in ws.iter_rows(min_row=1, max_row=5) for c in row if c.value is not None}
            assert fonts == {"仿宋"}, ws.title
            if ws.sheet_state != "hidden":
                assert ws.print_title_rows, ws.title  # print titles on every sheet
        assert wb.properties.creator == "桂林市乡村振兴局" and wb.properties.title


def test_row_heights_follow_the_text(cli, empty_data, tmp_path):
    long = "推进产业帮扶项目建设，" * 27  # 297 characters
    fill_quarter(empty_data, Q, texts={("nyncj", 1): long, ("nyncj", 2): "已完成。"})
    assert run(cli, empty_data, "--format", "xlsx").exit_code == 0
    ws = openpyxl.load_workbook(out(tmp_path, XLSX))["汇总表"]
    h_long, h_short = ws.row_dimensions[3].height, ws.row_dimensions[4].height
    # 297 CJK characters in an 86-wide column: at most ~46 a line → 7+ lines of 11 pt, with a margin
    assert h_long >= 7 * 11 * 1.3 + 5
    assert h_short >= 11 * 1.3  # row 2: its task and 责任单位 texts decide


def test_indicator_sheet_speaks_plain_words(cli, data_dir, tmp_path):
    assert run(cli, data_dir, "--format", "xlsx").exit_code == 0
    wb = openpyxl.load_workbook(out(tmp_path, XLSX))
    ws = wb["指标"]
    assert [c.value for c in ws[2]] == ["序号", "指标", "目标", "累计完成", "序时进度", "完成率", "状态", "落后单位"]
    cells = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [v for v in cells if "_" in v or v in ("限期累计", "界线", "界线，不考核")]
    rows = [r for r in body_rows(ws, 3) if isinstance(r[0], int)]
    training = next(r for r in rows if r[0] == 20)
    assert training[2] == "2022年—2024年累计培训脱贫劳动力不少于4500人次"  # the target as the plan writes it
    assert training[3] == "2,990人次"
    assert 49 not in {r[0] for r in rows}  # a threshold (200—3000平方米) is a condition, not a target
    assert len(ws._charts) >= 10
    data = wb["图表数据"]
    assert data.sheet_state == "hidden" and wb.sheetnames[-1] == "图表数据"
    dues = [c.value for row in data.iter_rows(min_row=2) for c in row[3:] if isinstance(c.value, float)]
    assert dues and all(round(v, 1) == v for v in dues)  # no 166.67 名


def test_notes_list_the_assumptions(book):
    notes = [r[1] for r in body_rows(book["口径说明"], 2)]
    assert len(notes) >= 7
    assert any("草稿" in n for n in notes) and any("序时进度" in n for n in notes)
    assert any("200—3000平方米" in n for n in notes)


# ---------------------------------------------------------------- 工作底稿


def test_workpaper_sheets(work, merged):
    assert work.sheetnames == ["报送情况", "落实进度"]
    for ws in work.worksheets:
        assert ws.auto_filter.ref, ws.title
        assert not [r for r in ws.merged_cells.ranges if r.min_row > 2], ws.title  # no merge in the data


def test_workpaper_has_each_text_once_on_self_contained_lines(work, merged):
    cat, _ = load_catalog(merged / "data")
    lines = work_lines(work)
    texts = [r[6] for r in lines if r[4] not in ("未报送", "未填写")]
    assert len(texts) == len(set(texts))  # each text once
    block = [r for r in lines if r[0] == 1]
    task = cat.tasks[0]
    assert all(r[1] == "1．做大做强农业特色优势产业" and r[2] == task.text and r[3] == "市农业农村局" for r in block)
    assert block[0][4] == "市农业农村局（牵头）" and block[0][6] == "=SUM(A1)"
    counties = [u for u in cat.counties() if u.id != "lingui"]
    assert [r[4] for r in block[1:-1]] == [u.name for u in counties]
    assert [r[6] for r in block[1:-1]] == [sample_text(u.name, 1) for u in counties]
    assert block[-1][4:7:2] == ["未报送", "临桂区"]
    # filtered to one county, every line still says which task it is
    ziyuan = [r for r in lines if r[4] == "资源县人民政府"]
    assert ziyuan and all(r[0] and r[2] and r[3] for r in ziyuan)


def test_workpaper_status_has_review_notes_and_relative_files(cli, quarter, tmp_path):
    write_submission(quarter, Q, "mzj", {r: "超" * 301 for r in load_catalog(quarter)[0].required_rows("mzj", Q)})
    assert run(cli, quarter, "--format", "xlsx").exit_code == 0
    ws = openpyxl.load_workbook(out(tmp_path, WORK))["报送情况"]
    head = [c.value for c in ws[3]]
    assert head[-4:] == ["联系人", "文件", "审核意见", "审核结果"]  # 审核结果: zengshou review (issue 25)
    rows = {r[1]: r for r in body_rows(ws, 4) if isinstance(r[0], int)}
    assert rows["市民政局"][12] == "progress/2023Q2/mzj.yaml"
    assert "C405" in rows["市民政局"][13] and "超过" in rows["市民政局"][13]
    assert all(not (r[12] or "").startswith("/") for r in rows.values())
    # the text over 300 characters is not blocked: it stands in the 汇总表
    summary = summary_rows(openpyxl.load_workbook(out(tmp_path, XLSX))["汇总表"])
    assert "超" * 301 in {r[3] for r in summary}


# ---------------------------------------------------------------- drafts, unreadable files, control characters


def test_drafts_stay_out_of_the_submit_edition(cli, quarter, tmp_path):
    cat, _ = load_catalog(quarter)
    write_submission(
        quarter, Q, "kjj", {r: "草稿里的进度文字" + str(r) for r in cat.required_rows("kjj", Q)}, submitted=None
    )
    assert run(cli, quarter).exit_code == 0
    book = openpyxl.load_workbook(out(tmp_path, XLSX))
    row6 = summary_rows(book["汇总表"])[5][3]
    assert row6.startswith("牵头单位未正式报送（草稿）") and "草稿里的进度文字" not in row6
    assert "草稿1个" in book["正文"]["A5"].value and "已报送32个" in book["正文"]["A5"].value
    for name in (DOCX, HTML):
        raw = read_docx_text(out(tmp_path, name)) if name == DOCX else out(tmp_path, name).read_text("utf-8")
        assert "草稿里的进度文字" not in raw, name
    work = openpyxl.load_workbook(out(tmp_path, WORK))
    texts = [r[6] for r in work_lines(work, "市科技局")]
    assert "【草稿】草稿里的进度文字6" in texts
    status = {r[1]: r for r in body_rows(work["报送情况"], 4) if isinstance(r[0], int)}
    assert status["市科技局"][3] == "草稿（未填报送日期）"
    # an internal preview shows it, marked
    assert run(cli, quarter, "--include-drafts", "--format", "xlsx").exit_code == 0
    row6 = summary_rows(openpyxl.load_workbook(out(tmp_path, XLSX))["汇总表"])[5][3]
    assert row6 == "【草稿】草稿里的进度文字6"


def test_unreadable_file_is_left_out_and_named(cli, quarter, tmp_path):
    bad = quarter / "progress" / Q / "lingui.yaml"
    bad.write_text("unit: 临桂区\nquarter: 2023Q2\nitems: [\n", encoding="utf-8")
    res = run(cli, quarter)
    assert res.exit_code == 0, res.output
    assert "progress/2023Q2/lingui.yaml" in res.stderr and "Traceback" not in res.output
    book = openpyxl.load_workbook(out(tmp_path, XLSX))
    first = [c for r in body_rows(book["正文"], 1) for c in r if isinstance(c, str)]
    assert any("临桂区" in c and "无法读取" in c for c in first) or any("YAML" in c for c in first)
    work = openpyxl.load_workbook(out(tmp_path, WORK))
    status = {r[1]: r for r in body_rows(work["报送情况"], 4) if isinstance(r[0], int)}
    assert status["临桂区人民政府"][3] == "文件无法读取" and status["临桂区人民政府"][13]
    assert status["临桂区人民政府"][12] == "progress/2023Q2/lingui.yaml"


def test_control_character_through_a_yaml_escape_never_reaches_a_renderer(cli, quarter, tmp_path):
    path = quarter / "progress" / Q / "ziyuan.yaml"
    text = path.read_text(encoding="utf-8").replace(
        f'"{sample_text("资源县人民政府", 1)}"', '"资源县\\x01结束\\u0085。\\x7f\\x1b[31m红"'
    )
    path.write_text(text, encoding="utf-8")
    res = run(cli, quarter)
    assert res.exit_code == 0, res.output  # whatever validate says about it, the merge goes on
    for name in NAMES:
        raw = unpacked(out(tmp_path, name))
        assert not any(b in raw for b in (b"\x01", b"\x1b", b"\x7f", "\x85".encode())), name
    work = openpyxl.load_workbook(out(tmp_path, WORK))
    texts = {r[6] for r in work_lines(work)}
    status = {r[1]: r[3] for r in body_rows(work["报送情况"], 4) if isinstance(r[0], int)}
    # either the text goes in, cleaned, or (if a rule calls the file unreadable) the file is named
    assert "资源县结束。[31m红" in texts or status["资源县人民政府"] == "文件无法读取"


def test_clean_removes_every_control_character():
    from zengshou.report.model import clean

    hostile = "".join(chr(c) for c in range(0x00, 0x20)) + "\x7f\x85\x9f\ufffe\uffff\u202e\u2066" + "正文"
    assert clean(hostile) == " \n\n正文"  # \t → space, \n kept, \r → \n; every other control dropped
    assert clean("a\r\nb") == "a\nb" and clean(None) == "" and clean("普通文字") == "普通文字"


# ---------------------------------------------------------------- the command


def test_workbooks_name_their_application_and_office(merged):
    import zipfile

    for name in (XLSX, WORK):
        with zipfile.ZipFile(out(merged, name)) as z:
            app, core = z.read("docProps/app.xml"), z.read("docProps/core.xml").decode("utf-8")
        assert b"<Application>zengshou</Application>" in app and b"penpyxl" not in app
        assert "<dc:creator" in core and "桂林市乡村振兴局" in core and "openpyxl" not in core


def test_same_inputs_same_bytes(cli, quarter, tmp_path):
    folder = tmp_path / "reports" / Q
    assert run(cli, quarter).exit_code == 0
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert set(first) == set(NAMES)
    assert run(cli, quarter).exit_code == 0
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first


def test_submissions_are_never_touched(cli, quarter):
    def digest():
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((quarter / "progress" / Q).iterdir())
        }

    before = digest()
    assert run(cli, quarter).exit_code == 0
    assert digest() == before


def test_strict_blocks_on_any_error(cli, quarter, tmp_path):
    write_submission(quarter, Q, "mzj", {r: "超" * 301 for r in (39, 40, 41)})  # C405: over 300 characters
    res = run(cli, quarter, "--strict")
    assert res.exit_code == 1
    assert "C405" in res.stderr and "mzj.yaml" in res.stderr and "--strict" in res.stderr
    assert not (tmp_path / "reports").exists()
    assert run(cli, quarter).exit_code == 0  # without --strict the content finding does not block


def test_skip_invalid_leaves_every_file_with_errors_out(cli, quarter, tmp_path):
    cat, _ = load_catalog(quarter)
    rows = cat.required_rows("mzj", Q)
    write_submission(quarter, Q, "mzj", {r: "超" * 301 for r in rows})
    res = run(cli, quarter, "--skip-invalid", "--format", "xlsx,html")
    assert res.exit_code == 0, res.output
    assert "mzj.yaml" in res.stderr
    summary = {r[0]: r[3] for r in summary_rows(openpyxl.load_workbook(out(tmp_path, XLSX))["汇总表"])}
    assert all(summary[r].startswith("牵头单位报送文件无法读取") for r in rows)
    assert "超" * 301 not in out(tmp_path, HTML).read_text(encoding="utf-8")


def test_definition_errors_block(cli, quarter):
    (quarter / "units.yaml").write_text("units: [\n", encoding="utf-8")
    res = run(cli, quarter)
    assert res.exit_code == 1 and "S102" in res.stderr


def test_missing_submissions_never_block(cli, empty_data, tmp_path):
    res = run(cli, empty_data, "--format", "xlsx")
    assert res.exit_code == 0, res.output
    rows = summary_rows(openpyxl.load_workbook(out(tmp_path, XLSX))["汇总表"])
    assert {r[3] for r in rows} == {"牵头单位未报送"}


def test_locked_output_keeps_the_old_file(cli, quarter, tmp_path, monkeypatch):
    assert run(cli, quarter, "--format", "xlsx").exit_code == 0
    target = out(tmp_path, XLSX)
    old = target.read_bytes()
    write_submission(quarter, Q, "nyncj", {r: "新的进度" for r in load_catalog(quarter)[0].required_rows("nyncj", Q)})

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    res = run(cli, quarter, "--format", "xlsx")
    assert res.exit_code == 2
    assert "Excel" in res.stderr and "原文件未改动" in res.stderr and "Traceback" not in res.output
    assert target.read_bytes() == old
    assert sorted(p.name for p in target.parent.iterdir()) == sorted([XLSX, WORK])  # no temp file left behind


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
    assert huge in out(tmp_path, HTML).read_text(encoding="utf-8")


def test_options(cli, quarter, tmp_path):
    res = run(cli, quarter, "--format", "pdf")
    assert res.exit_code == 2 and "pdf" in res.stderr
    res = run(cli, quarter, "--date", "2023-13-01")
    assert res.exit_code == 2 and "2023-13-01" in res.stderr
    res = cli("merge", "--quarter", "2030Q1", "--data", quarter)
    assert res.exit_code == 2
    res = run(cli, quarter, "--format", "html", "--out", tmp_path / "elsewhere")
    assert res.exit_code == 0 and sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == sorted(
        [HTML, WORK_HTML]
    )


def test_office_and_date(cli, quarter, tmp_path):
    res = run(cli, quarter, "--format", "xlsx", "--date", "2023-07-10", "--office", "桂林市农业农村局")
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(out(tmp_path, XLSX))["正文"]
    assert ws["A2"].value == "编制单位：桂林市农业农村局　　截至日期：2023年7月10日"
    (quarter / "zengshou.toml").write_text('[rules]\nC404 = "off"\n[report]\noffice = "市委农办"\n', encoding="utf-8")
    assert run(cli, quarter, "--format", "xlsx").exit_code == 0
    assert openpyxl.load_workbook(out(tmp_path, XLSX))["正文"]["A2"].value.startswith("编制单位：市委农办")
    (quarter / "zengshou.toml").write_text("[report]\noffice = 3\n", encoding="utf-8")
    res = run(cli, quarter, "--format", "xlsx")
    assert res.exit_code == 2 and "office" in res.stderr


def test_english_labels(cli, quarter, tmp_path):
    res = run(cli, quarter, "--lang", "en", "--format", "xlsx")
    assert res.exit_code == 0
    wb = openpyxl.load_workbook(out(tmp_path, f"{PLAN}-{Q}-progress.xlsx"))
    assert wb.sheetnames[:2] == ["Overview", "Summary"]
    head = [c.value for c in wb["Summary"][2]]
    assert head == ["No.", "Measure", "Key task", "Progress", "State", "Responsible units"]
    assert wb["Overview"]["A2"].value.endswith("6 July 2023")
    assert (tmp_path / "reports" / Q / f"{PLAN}-{Q}-working-papers.xlsx").is_file()


def test_shipped_sample_quarter(cli, data_dir, tmp_path):
    res = run(cli, data_dir)
    assert res.exit_code == 0, res.output
    first = {n: out(tmp_path, n).read_bytes() for n in NAMES}
    rows = summary_rows(openpyxl.load_workbook(out(tmp_path, XLSX))["汇总表"])
    assert len(rows) == 70
    assert not any("【示例】" in r[3] and r[0] == 6 for r in rows)  # 市科技局's draft stays out
    assert run(cli, data_dir).exit_code == 0
    assert {n: out(tmp_path, n).read_bytes() for n in NAMES} == first


# ---------------------------------------------------------------- library pieces


def test_sheet_titles_are_valid_and_unique():
    from zengshou.report.xlsxkit import sheet_title

    used: set[str] = set()
    a = sheet_title("a[b]:c*d?e/f\\g", used)
    assert not set(a) & set("[]:*?/\\")
    long = "很" * 40
    b, c = sheet_title(long, used), sheet_title(long, used)
    assert len(b) == len(c) == 31 and b != c
    assert sheet_title("'x'", used) == "x"


def test_blank_marker_when_a_row_is_left_out(empty_data):
    from zengshou.lint import lint
    from zengshou.report.merge import merge
    from zengshou.report.model import BLANK, MISSING

    (empty_data / "zengshou.toml").write_text('[rules]\nR501 = "off"\n', encoding="utf-8")
    write_submission(empty_data, Q, "nyncj", {1: "已推进。"})
    rep = merge(empty_data, Q, lint(empty_data, quarter=Q))
    by = {r.number: r for r in rep.rows}
    assert by[1].lead.text == "已推进。" and by[1].lead.source.line == 7
    assert by[2].lead.state == BLANK and by[2].summary.text == "牵头单位未填写" and by[2].summary.marker
    assert by[6].lead.state == MISSING
