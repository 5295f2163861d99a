"""Excel forms: ``zengshou template`` → a clerk fills it in → ``zengshou import`` → YAML.

Forms are made with the real CLI, filled in with openpyxl (as Excel would store what is typed),
imported with the real CLI, and the YAML written is read back with zengshou's own loader.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from zengshou.loader import load_file

Q = "2023Q2"
UNIT = "nyncj"  # 市农业农村局: 10 required rows
ROWS = [1, 2, 3, 4, 5, 44, 46, 50, 52, 58]
FIRST = 6  # first task row of a form


def make_form(cli, data: Path, unit: str = UNIT, quarter: str = Q, name: str | None = None) -> Path:
    out = Path(name or f"{unit}-{quarter}.xlsx")
    res = cli("template", "--unit", unit, "--quarter", quarter, "-o", out, "--data", data)
    assert res.exit_code == 0, res.output
    return out.resolve()


def fill(path: Path, texts: dict[int, object], *, contact: str | None = "张三 0773-2848638", save_as: Path | None = None,
         edit=None) -> Path:
    """Type into the progress cells of task rows (keys are task numbers). A str starting with '='
    is stored as text, as Excel does in a cell formatted as Text."""
    wb = openpyxl.load_workbook(path)
    ws = wb["落实进度"]
    rows = {ws.cell(r, 1).value: r for r in range(FIRST, ws.max_row + 1)}
    for task, value in texts.items():
        c = ws.cell(rows[task], 5)
        c.value = value
        if isinstance(value, str):
            c.data_type = "s"
    if contact is not None:
        ws["C4"].value = contact
    if edit:
        edit(wb, ws)
    target = save_as or path
    wb.save(target)
    return target


def good_texts() -> dict[int, str]:
    return {r: f"第{r}项：二季度组织专项推进会 2 次，完成年度目标的 {40 + r % 50}%，带动脱贫户 {100 + r} 户。" for r in ROWS}


def yaml_of(data: Path, unit: str = UNIT, quarter: str = Q) -> Path:
    return data / "progress" / quarter / f"{unit}.yaml"


def loaded_items(path: Path) -> dict[int, str]:
    doc = load_file(path)
    assert doc.ok, [f.message("en") for f in doc.findings]
    return {int(it["task"]): it["progress"] for it in doc.data["items"]}


def codes(res) -> list[str]:
    import re

    return re.findall(r"\b(F8\d\d|[SDICRT]\d{3})\b", res.stdout)


# ---------------------------------------------------------------- template

def test_template_twice_identical_bytes(cli, empty_data):
    a = make_form(cli, empty_data, name="a.xlsx")
    b = make_form(cli, empty_data, name="b.xlsx")
    assert a.read_bytes() == b.read_bytes()
    res = cli("template", "-u", "市农业农村局", "-q", Q, "--data", empty_data)  # default name in cwd
    assert res.exit_code == 0 and Path(f"{UNIT}-{Q}.xlsx").read_bytes() == a.read_bytes()


def test_template_form_layout(cli, empty_data):
    path = make_form(cli, empty_data)
    wb = openpyxl.load_workbook(path)
    ws = wb["落实进度"]
    assert "市农业农村局" in ws["A2"].value and Q in ws["A2"].value and "2023年7月6日" in ws["A2"].value
    assert [c.value for c in ws[5]] == ["序号", "主要目标任务", "具体落实措施", "责任单位", "落实进度"]
    assert [ws.cell(r, 1).value for r in range(FIRST, ws.max_row + 1)] == ROWS
    assert ws.cell(FIRST, 3).value.startswith("推动我市农村特别是脱贫地区")
    # protection without a password; only the progress cells and the contact cell are unlocked
    assert ws.protection.sheet and not ws.protection.password
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row if not c.protection.locked}
    assert unlocked == {f"E{r}" for r in range(FIRST, FIRST + len(ROWS))} | {"C4"}
    # length check with a Chinese input message and error message
    (dv,) = ws.data_validations.dataValidation
    assert (dv.type, dv.operator, dv.formula1, str(dv.sqref)) == ("textLength", "lessThanOrEqual", "300", "E6:E15")
    assert dv.showInputMessage and dv.showErrorMessage and dv.errorStyle == "stop"
    assert "300字" in dv.prompt and "300字" in dv.error
    # print-ready
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == "$5:$5" and ws.cell(FIRST, 3).alignment.wrap_text
    assert ws.cell(FIRST, 3).font.name == "仿宋"
    # hidden metadata
    meta = wb["_zengshou"]
    assert meta.sheet_state == "hidden"
    kv = {a: b for a, b in meta.values}
    assert kv["unit"] == UNIT and kv["quarter"] == Q and kv["rows"] == ",".join(map(str, ROWS))
    assert kv["version"] == "1" and len(kv["fingerprint"]) == 64
    with zipfile.ZipFile(path) as z:
        assert {i.date_time for i in z.infolist()} == {(2022, 1, 1, 0, 0, 0)}


def test_template_all(cli, empty_data):
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(empty_data)
    res = cli("template", "--all", "-q", Q, "--data", empty_data)
    assert res.exit_code == 0, res.output
    made = sorted(p.stem for p in Path("forms", Q).glob("*.xlsx"))
    assert made == sorted(cat.reporters(Q)) and len(made) == 34
    res = cli("template", "--all", "-q", Q, "-o", "out", "--data", empty_data)
    assert Path("out/ziyuan.xlsx").read_bytes() == Path(f"forms/{Q}/ziyuan.xlsx").read_bytes()


def test_template_usage_errors_and_keeps_filled_form(cli, empty_data):
    assert cli("template", "-q", Q, "--data", empty_data).exit_code == 2
    assert cli("template", "-u", UNIT, "--all", "-q", Q, "--data", empty_data).exit_code == 2
    assert cli("template", "-u", "nosuchunit", "-q", Q, "--data", empty_data).exit_code == 2
    assert cli("template", "-u", UNIT, "-q", "2025Q1", "--data", empty_data).exit_code == 2
    path = fill(make_form(cli, empty_data), good_texts())
    before = path.read_bytes()
    res = cli("template", "-u", UNIT, "-q", Q, "-o", path, "--data", empty_data)
    assert res.exit_code == 1 and "--force" in res.output and path.read_bytes() == before


def test_template_all_rows_marks_optional(cli, empty_data):
    res = cli("template", "-u", "kjj", "-q", Q, "--all-rows", "-o", "kjj.xlsx", "--data", empty_data)
    assert res.exit_code == 0
    wb = openpyxl.load_workbook("kjj.xlsx")
    kv = {a: b for a, b in wb["_zengshou"].values}
    assert kv["rows"] == "6" and not kv["optional"]  # 市科技局 leads its only row
    res = cli("template", "-u", "nyncj", "-q", Q, "--all-rows", "-o", "all.xlsx", "--data", empty_data)
    assert "选填" in res.stdout
    kv = {a: b for a, b in openpyxl.load_workbook("all.xlsx")["_zengshou"].values}
    assert kv["optional"] and "1" not in kv["optional"].split(",")


# ---------------------------------------------------------------- round trip

TRICKY = {
    1: "二季度：\n1. 新建示范园 3 个；\n2. 带动脱贫户 1,200 户。",  # multi-line
    2: "=SUM(A1:A3) 不是公式，是开头带等号的文字",  # leading '='
    3: "产业帮扶成效明显👍，群众满意度提升😀（见“简报”第 3 期）。",  # emoji, full-width punctuation
    4: "\u3000\u3000首行缩进两个全角空格，句中  两个半角空格；结尾无空格",
    5: "甲乙丙丁戊己庚辛壬癸" * 29 + "\n" + "（长文本，多行）",  # long: 298 characters, just under the limit
}


def test_round_trip_keeps_exactly_what_was_typed(cli, empty_data):
    texts = {**good_texts(), **TRICKY}
    path = fill(make_form(cli, empty_data), texts)
    res = cli("import", path, "--submitted", "2023-07-05", "--data", empty_data)
    assert res.exit_code == 0, res.output
    assert "已导入" in res.stdout and "没有发现问题" in res.stdout
    target = yaml_of(empty_data)
    assert loaded_items(target) == texts
    doc = load_file(target).data
    assert doc["quarter"] == Q and doc["submitted"] == "2023-07-05" and doc["contact"] == "张三 0773-2848638"
    assert doc["unit"] == "市农业农村局"
    # multi-line text is a literal block, readable in git
    assert "    progress: |-\n      二季度：\n      1. 新建示范园 3 个；\n" in target.read_text("utf-8")
    assert cli("validate", target, "--data", empty_data).exit_code == 0


def test_carriage_returns_become_line_feeds(cli, empty_data):
    """Excel stores a pasted CR as ``_x000D_`` in the sheet's XML (openpyxl writes a raw CR, which
    an XML parser already turns into LF, so the workbook is patched the way Excel writes it)."""
    from test_hardening import _patch_xml

    texts = {**good_texts(), 1: "第一段CRLF第二段LONECR第三段"}
    path = fill(make_form(cli, empty_data), texts)
    _patch_xml(path, "CRLF", "_x000D_\n")
    _patch_xml(path, "LONECR", "_x000D_")
    assert cli("import", path, "--data", empty_data).exit_code == 0
    assert loaded_items(yaml_of(empty_data))[1] == "第一段\n第二段\n第三段"
    from zengshou.forms.importer import normalize_text

    assert normalize_text("a_x000D_\nb\r\nc\rd_x005F_x000D_") == "a\nb\nc\nd_x000D_"


def test_reimport_refuses_without_force_and_shows_diff_with_it(cli, empty_data):
    path = fill(make_form(cli, empty_data), good_texts())
    assert cli("import", path, "--data", empty_data).exit_code == 0
    target = yaml_of(empty_data)
    before = target.read_bytes()
    # the same form again: nothing to do, not an error
    res = cli("import", path, "--data", empty_data)
    assert res.exit_code == 0 and "未改动" in res.stdout and target.read_bytes() == before
    # a changed form: refused, file byte-identical
    fill(path, {1: "改过的进度：二季度新增示范基地 2 个，带动脱贫户 150 户。"})
    res = cli("import", path, "--data", empty_data)
    assert res.exit_code == 1 and "F822" in codes(res) and "--force" in res.stdout
    assert target.read_bytes() == before
    # --force replaces it and shows what changed
    res = cli("import", path, "--force", "--data", empty_data)
    assert res.exit_code == 0, res.output
    assert "--- data/progress/2023Q2/nyncj.yaml" in res.stdout
    assert "+      改过的进度：二季度新增示范基地 2 个，带动脱贫户 150 户。" in res.stdout
    assert "已替换" in res.stdout
    assert loaded_items(target)[1].startswith("改过的进度")


def test_two_forms_for_one_unit_in_one_run(cli, empty_data):
    a = fill(make_form(cli, empty_data), good_texts())
    b = fill(a, {1: "另一份：二季度完成项目验收 3 个，带动脱贫户 90 户。"}, save_as=Path("copy.xlsx"))
    res = cli("import", a, b, "--data", empty_data)
    assert res.exit_code == 1 and codes(res).count("F823") == 1
    assert loaded_items(yaml_of(empty_data))[1] == good_texts()[1]


def test_import_validates_what_it_wrote(cli, empty_data):
    texts = good_texts()
    texts[2] = "无"
    texts[3] = "超" * 301
    path = fill(make_form(cli, empty_data), texts)
    res = cli("import", path, "--data", empty_data)
    assert res.exit_code == 1
    found = codes(res)
    assert "C404" in found and "C405" in found and "F820" in found
    assert "落实进度!E8" in res.stdout and "301 字" in res.stdout  # the cell, the count
    assert loaded_items(yaml_of(empty_data))[3] == "超" * 301  # never cut


def test_english_messages(cli, empty_data):
    path = fill(make_form(cli, empty_data), {})
    res = cli("import", path, "--data", empty_data, "--lang", "en")
    assert res.exit_code == 1 and "the form has no progress at all" in res.stdout
    assert "not imported" in res.stdout


# ---------------------------------------------------------------- bad files

def _refused(cli, data, path, code, *extra, text: str | None = None):
    res = cli("import", path, "--data", data, *extra)
    assert res.exit_code == 1, res.output
    assert code in codes(res), res.stdout
    if text:
        assert text in res.stdout, res.stdout
    assert "Traceback" not in res.output
    assert not yaml_of(data).exists()
    return res


def test_lock_file(cli, empty_data):
    p = Path("~$nyncj-2023Q2.xlsx")
    p.write_bytes(b"\x0bzhangsan" + b"\x00" * 150)
    _refused(cli, empty_data, p, "F801", text="锁定文件")


def test_old_xls_or_encrypted(cli, empty_data):
    p = Path("old.xlsx")
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    res = _refused(cli, empty_data, p, "F802", text=".xls")
    assert "密码" in res.stdout and "另存为" in res.stdout


@pytest.mark.parametrize("content, text", [
    (b"\xe5\xba\x8f\xe5\x8f\xb7,\xe8\x90\xbd\xe5\xae\x9e\xe8\xbf\x9b\xe5\xba\xa6\n1,abc\n", "文本或 CSV"),
    (b"<html><body><table></table></body></html>", "网页"),
    (b"%PDF-1.4\n", "PDF"),
])
def test_renamed_file(cli, empty_data, content, text):
    p = Path("renamed.xlsx")
    p.write_bytes(content)
    _refused(cli, empty_data, p, "F803", text=text)


def test_corrupt_zip(cli, empty_data):
    good = make_form(cli, empty_data).read_bytes()
    p = Path("cut.xlsx")
    p.write_bytes(good[: len(good) // 2])  # a download that stopped half-way
    _refused(cli, empty_data, p, "F803", text="压缩包已损坏")


def test_empty_file(cli, empty_data):
    p = Path("empty.xlsx")
    p.write_bytes(b"")
    _refused(cli, empty_data, p, "F804", text="0 字节")


def test_zip_without_workbook(cli, empty_data):
    p = Path("report.xlsx")
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    _refused(cli, empty_data, p, "F806", text="Word 文档")


def test_broken_workbook_inside_zip(cli, empty_data):
    p = Path("broken.xlsx")
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<not closed")
    _refused(cli, empty_data, p, "F807")


def test_size_checked_before_opening(cli, empty_data, monkeypatch):
    import zengshou.forms.importer as importer

    path = fill(make_form(cli, empty_data), good_texts())
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(importer, "_open", lambda imp: pytest.fail("opened a file over the size limit"))
    _refused(cli, empty_data, path, "F805", text="超过上限")


def test_form_for_another_quarter(cli, empty_data):
    path = fill(make_form(cli, empty_data, quarter="2023Q1"), good_texts())
    res = _refused(cli, empty_data, path, "F810", "--quarter", Q, text="这是 2023Q1 的表单，而不是 2023Q2 的")
    assert "zengshou template --unit nyncj --quarter 2023Q2" in res.stdout


def test_form_for_another_unit(cli, empty_data):
    path = fill(make_form(cli, empty_data), good_texts())
    _refused(cli, empty_data, path, "F809", "--unit", "czj", text="市农业农村局")


def test_outdated_task_list(cli, empty_data):
    path = fill(make_form(cli, empty_data), good_texts())
    tasks = empty_data / "tasks.yaml"
    text = tasks.read_text("utf-8")
    old = "推动我市农村特别是脱贫地区一二三产业融合发展，构建现代乡村产业体系。"
    assert old in text
    tasks.write_text(text.replace(old, "推动我市农村一二三产业融合发展，构建现代乡村产业体系。"), "utf-8")
    _refused(cli, empty_data, path, "F811", text="任务内容有改动")


def test_rows_deleted(cli, empty_data):
    path = fill(make_form(cli, empty_data), good_texts(), edit=lambda wb, ws: ws.delete_rows(FIRST + 2))
    _refused(cli, empty_data, path, "F813", text="第 3 项")


def test_row_added(cli, empty_data):
    def add(wb, ws):
        ws.cell(ws.max_row + 1, 5, "补充说明：另有 2 个项目在建。")

    path = fill(make_form(cli, empty_data), good_texts(), edit=add)
    _refused(cli, empty_data, path, "F814", text="没有序号")


def test_task_text_changed(cli, empty_data):
    def shift(wb, ws):  # 序号 sorted but task texts left in place: progress would land on the wrong task
        ws.cell(FIRST, 1).value, ws.cell(FIRST + 1, 1).value = ws.cell(FIRST + 1, 1).value, ws.cell(FIRST, 1).value

    path = fill(make_form(cli, empty_data), good_texts(), edit=shift)
    res = _refused(cli, empty_data, path, "F816", text="第 2 项的“具体落实措施”与任务清单不一致")
    assert "F815" in codes(res)


def test_rows_moved_whole_still_import_by_number(cli, empty_data):
    def swap(wb, ws):
        for col in range(1, 6):
            a, b = ws.cell(FIRST, col), ws.cell(FIRST + 1, col)
            a.value, b.value = b.value, a.value
            a.data_type, b.data_type = b.data_type, a.data_type

    path = fill(make_form(cli, empty_data), good_texts(), edit=swap)
    res = cli("import", path, "--data", empty_data)
    assert "F815" in codes(res) and "警告" in res.stdout
    assert res.exit_code == 0  # a warning: each row kept its own number and task
    assert loaded_items(yaml_of(empty_data)) == good_texts()


def test_merged_progress_cells(cli, empty_data):
    path = fill(make_form(cli, empty_data), good_texts(), edit=lambda wb, ws: ws.merge_cells(f"E{FIRST}:E{FIRST + 1}"))
    _refused(cli, empty_data, path, "F817", text="落实进度!E6:E7")


def test_formula(cli, empty_data):
    def formula(wb, ws):
        ws.cell(FIRST, 5).value = '=CONCAT("完成",B6)'  # openpyxl stores a leading '=' as a formula

    path = fill(make_form(cli, empty_data), good_texts(), edit=formula)
    _refused(cli, empty_data, path, "F818", text="落实进度!E6")


@pytest.mark.parametrize("value, kind", [(12345, "数字"), (3.5, "数字")])
def test_number_where_text_belongs(cli, empty_data, value, kind):
    texts = good_texts()
    texts[1] = value
    path = fill(make_form(cli, empty_data), texts)
    _refused(cli, empty_data, path, "F819", text=kind)


def test_date_where_text_belongs(cli, empty_data):
    from datetime import datetime

    texts = good_texts()
    texts[2] = datetime(2023, 6, 30)
    path = fill(make_form(cli, empty_data), texts)
    _refused(cli, empty_data, path, "F819", text="日期")


def test_empty_form(cli, empty_data):
    path = fill(make_form(cli, empty_data), {}, contact=None)
    _refused(cli, empty_data, path, "F821", text="没有任何落实进度")


def test_not_a_form_without_unit_and_quarter(cli, empty_data):
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "主要目标任务", "具体落实措施", "落实进度", "责任单位"])
    wb.save("plain.xlsx")
    _refused(cli, empty_data, Path("plain.xlsx"), "F808", text="--unit")


def test_usage_errors(cli, empty_data):
    path = make_form(cli, empty_data)
    assert cli("import", "missing.xlsx", "--data", empty_data).exit_code == 2
    assert cli("import", path, "--submitted", "2023-7-5", "--data", empty_data).exit_code == 2
    assert cli("import", path, "--quarter", "2023Q9", "--data", empty_data).exit_code == 2
    assert cli("import", path, "--unit", "各县人民政府", "--data", empty_data).exit_code == 2
    assert cli("import", "--data", empty_data).exit_code == 2


def test_openpyxl_reads_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


# ---------------------------------------------------------------- the plan's own table

def plan_table(path: Path, cat, rows: dict[int, str]) -> Path:
    """The plan's layout: a title row, 序号 | 主要目标任务 | 具体落实措施 | 落实进度 | 责任单位,
    part headings merged across, measure cells merged down, 70 rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "重点任务清单"
    ws.append(["桂林市促进脱贫人口持续增收三年行动方案重点任务清单"])
    ws.merge_cells("A1:E1")
    ws.append(["序 号", "主要目标任务", "具体落实措施", "落实进度", "责任单位"])
    part = None
    start: dict[int, int] = {}
    for t in cat.tasks:
        m = cat.measures[t.measure]
        if m.part != part:
            part = m.part
            ws.append([f"{m.part}"])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=5)
        first = t.measure not in start
        ws.append([t.id, m.title if first else None, t.text, rows.get(t.id), t.units_text])
        if first:
            start[t.measure] = ws.max_row
        elif start[t.measure] <= ws.max_row:
            pass
    # merge each measure's cells down column B
    by_measure: dict[int, list[int]] = {}
    for r in range(3, ws.max_row + 1):
        n = ws.cell(r, 1).value
        if isinstance(n, int):
            by_measure.setdefault(cat.task(n).measure, []).append(r)
    for rs in by_measure.values():
        if len(rs) > 1 and rs[-1] - rs[0] == len(rs) - 1:
            ws.merge_cells(start_row=rs[0], start_column=2, end_row=rs[-1], end_column=2)
    wb.save(path)
    return path


def test_plan_table_layout(cli, empty_data):
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(empty_data)
    texts = {r: f"资源县第{r}项：二季度落实资金 {r * 10} 万元，\n惠及脱贫户 {r + 300} 户。" for r in (1, 2, 9)}
    path = plan_table(Path("资源县二季度.xlsx"), cat, texts)
    _refused(cli, empty_data, path, "F808")
    res = cli("import", path, "--unit", "资源县", "--quarter", Q, "--data", empty_data)
    assert "已导入" in res.stdout, res.output
    items = loaded_items(yaml_of(empty_data, "ziyuan"))
    assert {r: t for r, t in items.items() if t} == texts
    assert set(items) == set(cat.required_rows("ziyuan", Q))  # the blank required rows are listed too
    assert res.exit_code == 1 and "C404" in codes(res)  # …and reported as empty


def test_plan_table_row_text_mismatch(cli, empty_data):
    from zengshou.lint import load_catalog

    cat, _ = load_catalog(empty_data)
    path = plan_table(Path("t.xlsx"), cat, {1: "进度文字，二季度完成。"})
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    r = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == 1)
    ws.cell(r, 3).value = "改过的任务内容"
    wb.save(path)
    _refused(cli, empty_data, path, "F816", "--unit", "ziyuan", "--quarter", Q, text="第 1 项")


def test_no_header(cli, empty_data):
    def rename(wb, ws):
        ws.cell(5, 5).value = "进展情况"  # the 落实进度 header renamed

    path = fill(make_form(cli, empty_data), good_texts(), edit=rename)
    _refused(cli, empty_data, path, "F812", text="找不到含“序号”“具体落实措施”“落实进度”的表头行")


@pytest.mark.parametrize("key, value, text", [
    ("unit", "nosuch", "未知单位“nosuch”"),
    ("quarter", "2023Q5", "季度无效"),
    ("version", "9", "更新版本"),
])
def test_damaged_metadata(cli, empty_data, key, value, text):
    def damage(wb, ws):
        meta = wb["_zengshou"]
        for row in meta.iter_rows():
            if row[0].value == key:
                row[1].value = value

    path = fill(make_form(cli, empty_data), good_texts(), edit=damage)
    _refused(cli, empty_data, path, "F825", text=text)


def test_cannot_write_keeps_going(cli, empty_data, monkeypatch):
    import zengshou.atomic as atomic

    path = fill(make_form(cli, empty_data), good_texts())

    def locked(target, text):
        raise atomic.OutputLocked(13, "cannot replace: is it open in Excel or WPS?", str(target))

    monkeypatch.setattr(atomic, "write_text", locked)
    _refused(cli, empty_data, path, "F824", text="无法写入 data/progress/2023Q2/nyncj.yaml")
