"""Excel forms: ``zengshou template`` → a clerk fills it in → ``zengshou import`` → YAML.

Forms are made with the real CLI, filled in with openpyxl (as Excel would store what is typed),
imported with the real CLI, and the YAML written is read back with zengshou's own loader.
"""

from __future__ import annotations

import re
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


PEOPLE = {"C4": "张三", "E4": "0773-2848638", "H4": "李四"}  # 填报人, 联系电话, 审核人（分管领导）


def fill(
    path: Path,
    texts: dict[int, object],
    *,
    people: dict[str, object] | None = PEOPLE,
    save_as: Path | None = None,
    edit=None,
) -> Path:
    """Type into the progress cells of task rows (keys are task numbers) and the people cells.
    A str starting with '=' is stored as text, as Excel does in a cell formatted as Text."""
    wb = openpyxl.load_workbook(path)
    ws = wb["落实进度"]
    rows = {ws.cell(r, 1).value: r for r in range(FIRST, ws.max_row + 1)}
    for task, value in texts.items():
        c = ws.cell(rows[task], 5)
        c.value = value
        if isinstance(value, str):
            c.data_type = "s"
    for ref, value in (people or {}).items():
        ws[ref].value = value
    if edit:
        edit(wb, ws)
    target = save_as or path
    wb.save(target)
    return target


def good_texts() -> dict[int, str]:
    return {
        r: f"第{r}项：二季度组织专项推进会 2 次，完成年度目标的 {40 + r % 50}%，带动脱贫户 {100 + r} 户。" for r in ROWS
    }


def yaml_of(data: Path, unit: str = UNIT, quarter: str = Q) -> Path:
    return data / "progress" / quarter / f"{unit}.yaml"


def loaded_items(path: Path) -> dict[int, str]:
    doc = load_file(path)
    assert doc.ok, [f.message("en") for f in doc.findings]
    return {int(it["task"]): it["progress"] for it in doc.data["items"]}


#: What a command looks like in text meant for people who never run the tool.
COMMAND_WORDS = re.compile(r"zengshou|\b(validate|import|template|merge|status|new)\b\s+[-\w]|--\w|\.ya?ml\b")


def codes(res) -> list[str]:
    import re

    return re.findall(r"\b([SDICRTF]\d{3})\b", res.stdout)


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
    assert "市农业农村局" in ws["A2"].value and "2023年第二季度" in ws["A2"].value and "2023年7月6日" in ws["A2"].value
    # 市农业农村局 reports one figure (row 46): one 指标/数值 pair, then last quarter's text
    assert [c.value for c in ws[5]] == [
        "序号",
        "主要目标任务",
        "具体落实措施",
        "责任单位",
        "落实进度",
        "字数",
        "进展",
        "指标",
        "数值",
        "上季度（供参考）",
    ]
    assert [ws.cell(r, 1).value for r in range(FIRST, ws.max_row + 1)] == ROWS
    assert ws.cell(FIRST, 3).value.startswith("推动我市农村特别是脱贫地区")
    assert [ws[c].value for c in ("A4", "D4", "F4")] == ["填报人：", "联系电话：", "审核人\n（分管领导）："]
    # protection without a password; unlocked: progress, status, the one figure, the people
    assert ws.protection.sheet and not ws.protection.password
    unlocked = {
        c.coordinate
        for row in ws.iter_rows()
        for c in row
        if not c.protection.locked and type(c).__name__ != "MergedCell"
    }  # H4:J4 is one cell
    r46 = FIRST + ROWS.index(46)
    assert unlocked == (
        {f"E{r}" for r in range(FIRST, FIRST + len(ROWS))}
        | {f"G{r}" for r in range(FIRST, FIRST + len(ROWS))}
        | {f"I{r46}", "C4", "E4", "H4"}
    )
    assert ws[f"H{r46}"].value == "农村“三变”改革行政村覆盖率（%，比例：填百分数，63 表示 63%）"
    # the live count and the length check use the same formula
    assert (
        ws["F6"].value == '=IF(E6="",0,SUMPRODUCT(--ISERROR(FIND(MID(E6,ROW(OFFSET($A$1,0,0,LEN(E6))),1),zs_blank))))'
    )
    dvs = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    length = dvs["E6:E15"]
    assert (length.type, length.formula1) == ("custom", ws["F6"].value[1:] + "<=300") and len(length.formula1) < 255
    assert (
        length.showErrorMessage and length.errorStyle == "stop" and "300字" in length.prompt and "300字" in length.error
    )
    status = dvs["G6:G15"]
    assert (status.type, status.formula1) == ("list", '"未启动,推进中,已完成,持续推进"')
    figure = dvs[f"I{r46}"]
    assert (figure.type, figure.operator, figure.formula1, figure.formula2) == ("decimal", "between", "0", "100")
    blank = wb.defined_names["zs_blank"].attr_text
    assert blank.startswith('CHAR(9)&CHAR(10)&CHAR(13)&"') and all(
        ch in blank for ch in " \u3000\u200b\ufeff\u2060\u3164\u202e"
    )
    assert "一" not in blank and "," not in blank
    # print-ready
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == "$5:$5" and ws.cell(FIRST, 3).alignment.wrap_text
    assert ws.cell(FIRST, 3).font.name == "仿宋"
    # instructions for people: no command names
    assert not COMMAND_WORDS.search(ws["A3"].value) and "字符数（不计空格）" in ws["A3"].value
    # hidden metadata
    meta = wb["_zengshou"]
    assert meta.sheet_state == "hidden"
    kv = {a: b for a, b in meta.values}
    assert kv["unit"] == UNIT and kv["quarter"] == Q and kv["rows"] == ",".join(map(str, ROWS))
    assert kv["version"] == "2" and len(kv["fingerprint"]) == 64
    assert (kv["status_col"], kv["figure_cols"], kv["figures"]) == ("G", "I", "46=r46_three_changes")
    assert (kv["filled_by_cell"], kv["phone_cell"], kv["reviewer_cell"]) == ("C4", "E4", "H4")
    with zipfile.ZipFile(path) as z:
        assert {i.date_time for i in z.infolist()} == {(2022, 1, 1, 0, 0, 0)}


def test_template_two_figures_and_last_quarter(cli, data_dir):
    """市人社局 in 2023Q3: row 20 takes two figures (two 指标/数值 pairs); last quarter's text
    from the sample stands beside each row, locked."""
    res = cli("template", "-u", "rsj", "-q", "2023Q3", "-o", "rsj.xlsx", "--data", data_dir)
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook("rsj.xlsx")["落实进度"]
    assert [c.value for c in ws[5]][5:] == ["字数", "进展", "指标1", "数值1", "指标2", "数值2", "上季度（供参考）"]
    assert ws["H6"].value.startswith("累计培训脱贫劳动力（人次，累计") and ws["J6"].value.startswith("持证培训合格")
    prev = load_file(data_dir / "progress" / "2023Q2" / "rsj.yaml").data["items"]
    assert ws["L6"].value == next(it["progress"] for it in prev if it["task"] == "20")
    assert ws["L6"].protection.locked and not ws["I6"].protection.locked and not ws["K6"].protection.locked
    dvs = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert (dvs["I6"].type, dvs["I6"].operator, dvs["I6"].formula1) == ("whole", "greaterThanOrEqual", "0")
    assert ws["J7"].value is None and ws["K7"].protection.locked  # row 21 takes no figure


def test_round_trip_status_figures_people(cli, data_dir):
    """Fill text, 进展, figures (a plain number, a decimal, 63% typed into a number cell, which
    Excel stores as 0.63) and the people; import; the YAML says what was typed and validates."""
    for f in (data_dir / "progress" / "2023Q3").glob("*") if (data_dir / "progress" / "2023Q3").exists() else ():
        f.unlink()
    assert cli("template", "-u", "rsj", "-q", "2023Q3", "-o", "rsj.xlsx", "--data", data_dir).exit_code == 0
    wb = openpyxl.load_workbook("rsj.xlsx")
    ws = wb["落实进度"]
    rows = {ws.cell(r, 1).value: r for r in range(FIRST, ws.max_row + 1)}
    for task, r in rows.items():
        ws.cell(r, 5).value = f"三季度第{task}项：组织培训 {task} 期，带动脱贫劳动力就业 {task * 3} 人。"
    ws.cell(rows[20], 7).value = "推进中"
    ws.cell(rows[21], 7).value = "已完成"
    ws.cell(rows[20], 9).value = 3100
    ws.cell(rows[20], 11).value = 0.635
    ws.cell(rows[20], 11).number_format = "0.0%"
    ws.cell(rows[27], 9).value = 236
    ws["C4"], ws["E4"], ws["H4"] = "王五", 7732821234, "李四（副局长）"
    wb.save("rsj.xlsx")
    res = cli("import", "rsj.xlsx", "--submitted", "2023-10-05", "--data", data_dir)
    assert res.exit_code == 0, res.output
    path = data_dir / "progress" / "2023Q3" / "rsj.yaml"
    data = load_file(path).data
    assert (data["filled_by"], data["phone"], data["reviewer"]) == ("王五", "7732821234", "李四（副局长）")
    items = {int(it["task"]): it for it in data["items"]}
    assert items[20]["status"] == "推进中" and items[21]["status"] == "已完成" and "status" not in items[22]
    assert items[20]["figures"] == {"r20_training": "3100", "r20_first_employment": "63.5"}
    assert items[27]["figures"] == {"r27_skilled_workers": "236"} and "figures" not in items[21]
    assert all(items[t]["progress"] == f"三季度第{t}项：组织培训 {t} 期，带动脱贫劳动力就业 {t * 3} 人。" for t in rows)
    assert cli("validate", path, "--data", data_dir).exit_code == 0


def test_figure_typed_as_text_is_kept_for_the_checks(cli, data_dir):
    """Pasting gets past data validation: a figure written as text is kept as typed, and the
    figure check (F701) says what is wrong with it."""
    assert cli("template", "-u", "rsj", "-q", "2023Q3", "-o", "rsj.xlsx", "--data", data_dir).exit_code == 0
    texts = {t: f"三季度第{t}项：组织培训 {t} 期，带动脱贫劳动力就业 {t * 3} 人。" for t in _form_rows("rsj.xlsx")}

    def edit(wb, ws):
        ws["I6"].value = "约3100人次"
        ws["I6"].data_type = "s"

    fill(Path("rsj.xlsx").resolve(), texts, edit=edit)
    res = cli("import", "rsj.xlsx", "--data", data_dir)
    assert res.exit_code == 1 and "F701" in codes(res)
    items = {int(it["task"]): it for it in load_file(data_dir / "progress" / "2023Q3" / "rsj.yaml").data["items"]}
    assert items[20]["figures"] == {"r20_training": "约3100人次"}


def _form_rows(path) -> set[int]:
    ws = openpyxl.load_workbook(path)["落实进度"]
    return {ws.cell(r, 1).value for r in range(FIRST, ws.max_row + 1)}


def test_version_1_form_still_imports(cli, empty_data):
    """A form made before 填报人/审核人 existed: its one 联系人及电话 cell becomes ``contact``."""

    def v1(wb, ws):
        meta = wb["_zengshou"]
        for row in meta.iter_rows():
            if row[0].value == "version":
                row[1].value = "1"
            if row[0].value in (
                "filled_by_cell",
                "phone_cell",
                "reviewer_cell",
                "status_col",
                "figure_cols",
                "figures",
            ):
                row[0].value = row[1].value = None
        meta.append(["contact_cell", "C4"])

    path = fill(make_form(cli, empty_data), good_texts(), people={"C4": "张三 0773-2848638"}, edit=v1)
    assert cli("import", path, "--data", empty_data).exit_code == 0
    data = load_file(yaml_of(empty_data)).data
    assert data["contact"] == "张三 0773-2848638" and "filled_by" not in data


@pytest.mark.slow
def test_count_formula_agrees_with_validate_in_libreoffice(cli, empty_data, tmp_path):
    """The 字数 formula recalculated by LibreOffice (headless) against char_count, same strings.
    Equal for everything but what a formula cannot see: clusters of several code points."""
    import json
    import shutil
    import subprocess

    from zengshou.text import char_count

    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice not installed")
    cases = {
        "CJK": "二季度新增农产品加工企业",
        "ASCII": "Guilin rice noodles",
        "digits": "2990 人次，63%",
        "full-width punctuation": "“一县一业”：完成！（已验收）。",
        "spaces and breaks": " 一\u3000二 三\n四\r\n五 ",
        "emoji": "\U0001f600",
        "emoji + VS16": "\u2764\ufe0f",
        "zero-width only": "\u200b\u200c\u200d\ufeff\u2060\u3164",
        "zero-width inside": "推\u200b进\ufeff会",
        "bidi": "abc\u202edef\u2066g\u2069",
        "CJK ext B": "\U00020000",
        "300 CJK": "采购脱贫地区农副产品" * 30,
        # where a formula cannot follow: one user-perceived character of several code points
        "emoji + skin tone": "\U0001f44d\U0001f3fd",
        "ZWJ family": "\U0001f468\u200d\U0001f469\u200d\U0001f467",
        "flag": "\U0001f1e8\U0001f1f3",
        "combining mark": "e\u0301",
    }
    path = fill(
        make_form(cli, empty_data, unit="ziyuan"), dict(zip(range(1, 71), cases.values(), strict=False)), people=None
    )
    out = tmp_path / "lo"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    ws = openpyxl.load_workbook(out / path.name, data_only=True)["落实进度"]
    got = {name: ws.cell(FIRST + i, 6).value for i, name in enumerate(cases)}
    differ = {name for name, n in got.items() if n != char_count(cases[name])}
    assert differ == {"emoji + skin tone", "ZWJ family", "flag", "combining mark"}, json.dumps(got, ensure_ascii=False)
    # LibreOffice counts code points (less the invisible joiners); Excel counts UTF-16 units
    assert (got["emoji + skin tone"], got["ZWJ family"], got["flag"], got["combining mark"]) == (2, 3, 2, 2)


@pytest.mark.slow
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
    assert doc["quarter"] == Q and doc["submitted"] == "2023-07-05"
    assert (doc["filled_by"], doc["phone"], doc["reviewer"]) == ("张三", "0773-2848638", "李四")
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
    from zengshou.forms.xlsx_import import normalize_text

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


@pytest.mark.parametrize(
    "content, text",
    [
        (b"\xe5\xba\x8f\xe5\x8f\xb7,\xe8\x90\xbd\xe5\xae\x9e\xe8\xbf\x9b\xe5\xba\xa6\n1,abc\n", "文本或 CSV"),
        (b"<html><body><table></table></body></html>", "网页"),
        (b"%PDF-1.4\n", "PDF"),
    ],
)
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
        z.writestr("ppt/presentation.xml", "<p:presentation/>")
    _refused(cli, empty_data, p, "F806", text="PowerPoint")


def test_word_document_named_xlsx_goes_to_the_word_reader(cli, empty_data):
    """Import routes by content: a .docx renamed .xlsx is read as Word (here a damaged one)."""
    p = Path("report.xlsx")
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    _refused(cli, empty_data, p, "F835", "--unit", "ziyuan", "--quarter", "2023Q2")


def test_broken_workbook_inside_zip(cli, empty_data):
    p = Path("broken.xlsx")
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<not closed")
    _refused(cli, empty_data, p, "F807")


def test_size_checked_before_opening(cli, empty_data, monkeypatch):
    import zengshou.forms.package as package
    import zengshou.forms.xlsx_import as importer

    path = fill(make_form(cli, empty_data), good_texts())
    monkeypatch.setattr(package, "MAX_FILE_BYTES", 1000)
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
    path = fill(make_form(cli, empty_data), {}, people=None)
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


@pytest.mark.parametrize(
    "key, value, text",
    [
        ("unit", "nosuch", "未知单位“nosuch”"),
        ("quarter", "2023Q5", "季度无效"),
        ("version", "9", "更新版本"),
    ],
)
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

    def locked(target, data, **kw):
        raise atomic.OutputLocked(13, "cannot replace: is it open in Excel or WPS?", str(target))

    monkeypatch.setattr(atomic, "write_bytes", locked)
    _refused(cli, empty_data, path, "F824", text="无法写入 data/progress/2023Q2/nyncj.yaml")
