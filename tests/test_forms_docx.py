"""Word forms: ``template --format docx`` → filled in with python-docx → ``import`` → YAML; and
Word tables in the plan's own layout, as units fill them today.

Files are made with the real CLI, filled with python-docx (as Word stores what is typed), and
the YAML written is read back with zengshou's own loader.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from zengshou.loader import load_file

Q = "2023Q3"  # the sample has 2023Q2, so 资源县's form shows last quarter's text for reference


def codes(res) -> list[str]:
    return re.findall(r"\b(F8\d\d|[SDICRT]\d{3})\b", res.stdout)


def make(cli, data: Path, unit: str = "资源县", quarter: str = Q, name: str = "form.docx") -> Path:
    res = cli("template", "--unit", unit, "--quarter", quarter, "--format", "docx", "-o", name, "--data", data)
    assert res.exit_code == 0, res.output
    return Path(name).resolve()


def grid(doc) -> tuple[object, dict[str, int]]:
    t = doc.tables[1]
    return t, {c.text: i for i, c in enumerate(t.rows[0].cells)}


def text_for(n: int) -> str:
    return f"第{n}项：三季度召开推进会 2 次，带动脱贫户 {100 + n} 户😀。\n下一步：“全角”标点、（括号）；继续推进！　全角空格"


def loaded(path: Path) -> dict:
    doc = load_file(path)
    assert doc.ok, [f.message("en") for f in doc.findings]
    return doc.data


# ---------------------------------------------------------------- the form


def test_docx_form_layout(cli, data_dir):
    path = make(cli, data_dir)
    d = docx.Document(path)
    sec = d.sections[0]
    assert sec.orientation == 1 and sec.page_width > sec.page_height  # A4 landscape
    assert abs(sec.page_width.mm - 297) < 1 and abs(sec.page_height.mm - 210) < 1
    paras = [p.text for p in d.paragraphs]
    assert (
        "资源县人民政府" in paras[1]
        and "2023Q3" in paras[1]
        and "2023年10月6日" in paras[1]
        and "xczxfwzx@guilin.gov.cn" in paras[1]
    )
    assert [c.text for c in d.tables[0].rows[0].cells][::2] == ["填报人：", "联系电话：", "审核人："]
    t, cols = grid(d)
    assert list(cols) == [
        "序号",
        "主要目标任务",
        "具体落实措施",
        "上季度（供参考）",
        "落实进度",
        "进展",
        "指标数值",
        "责任单位",
    ]
    assert len(t.rows) == 71 and [int(r.cells[0].text) for r in t.rows[1:]] == list(range(1, 71))
    assert t.rows[0]._tr.trPr.find(f"{{{t._tbl.nsmap['w']}}}tblHeader") is not None  # header repeats on every page
    # 主要目标任务 merged down over measure 1's rows 1–3, as in the plan
    assert t.cell(1, 1)._tc is t.cell(3, 1)._tc and t.cell(4, 1)._tc is not t.cell(3, 1)._tc
    # last quarter's sample text is shown for reference
    assert t.rows[1].cells[cols["上季度（供参考）"]].text.strip()
    # the row's figure fields
    assert "重点帮扶县新建成自治区级现代特色农业示范区（个）：" in t.rows[3].cells[cols["指标数值"]].text
    assert t.rows[1].cells[cols["指标数值"]].text == "—"
    # 进展: a drop-down content control with the four statuses
    xml = t.rows[1].cells[cols["进展"]]._tc.xml
    assert "w:dropDownList" in xml and all(s in xml for s in ("未启动", "推进中", "已完成", "持续推进"))
    # the marker
    with zipfile.ZipFile(path) as z:
        custom = z.read("docProps/custom.xml").decode()
        assert {i.date_time for i in z.infolist()} == {(2022, 1, 1, 0, 0, 0)}
    for key, value in (("unit", "ziyuan"), ("quarter", Q), ("format", "zengshou-form"), ("version", "1")):
        assert f'name="zengshou_{key}"><vt:lpwstr>{value}</vt:lpwstr>' in custom
    assert re.search(r'name="zengshou_fingerprint"><vt:lpwstr>[0-9a-f]{64}<', custom)


@pytest.mark.slow
def test_docx_form_same_bytes_and_all(cli, empty_data):
    a = make(cli, empty_data, name="a.docx")
    b = make(cli, empty_data, name="b.docx")
    assert a.read_bytes() == b.read_bytes()
    res = cli("template", "--all", "-q", Q, "--format", "docx", "--data", empty_data)
    assert res.exit_code == 0, res.output
    assert len(list(Path("forms", Q).glob("*.docx"))) == 34
    # no previous quarter in empty data: no reference column
    _, cols = grid(docx.Document(Path("forms", Q, "ziyuan.docx")))
    assert "上季度（供参考）" not in cols


@pytest.mark.slow
def test_docx_round_trip_70_rows(cli, data_dir):
    path = make(cli, data_dir)
    d = docx.Document(path)
    t, cols = grid(d)
    for r in t.rows[1:]:
        n = int(r.cells[0].text)
        r.cells[cols["落实进度"]].text = text_for(n)  # "\n" becomes a line break, as Shift+Enter
        r.cells[cols["进展"]].text = ("推进中", "已完成", "持续推进", "未启动")[n % 4]
    t.rows[3].cells[cols["指标数值"]].paragraphs[0].add_run("1")
    fig = t.rows[20].cells[cols["指标数值"]]  # row 20: not this unit's figure → "—"
    assert fig.text == "—"
    # a paragraph break (Enter) inside a cell is a line break too
    cell = t.rows[70].cells[cols["落实进度"]]
    cell.text = "第一段"
    cell.add_paragraph("第二段 =SUM(A1) <b>不是标记</b>")
    sign = d.tables[0].rows[0].cells
    sign[1].text, sign[3].text, sign[5].text = "张三", "0773-2848638", "李四"
    d.save(path)

    res = cli("import", path, "--data", data_dir)
    assert res.exit_code == 0, res.output
    data = loaded(data_dir / "progress" / Q / "ziyuan.yaml")
    items = {int(it["task"]): it for it in data["items"]}
    assert len(items) == 70
    for n in range(1, 70):
        assert items[n]["progress"] == text_for(n)
        assert items[n]["status"] == ("推进中", "已完成", "持续推进", "未启动")[n % 4]
    assert items[70]["progress"] == "第一段\n第二段 =SUM(A1) <b>不是标记</b>"
    assert items[3]["figures"] == {"r3_demo_zones": "1"}
    assert (data["filled_by"], data["phone"], data["reviewer"], data["quarter"]) == ("张三", "0773-2848638", "李四", Q)
    assert "submitted" not in data  # a draft without --submitted
    # again: unchanged, exit 0
    res = cli("import", path, "--data", data_dir)
    assert res.exit_code == 0 and "未改动" in res.stdout


#: the filled form's bytes by file name: every caller passes a fresh copy of the shipped data, so
#: the form is made and filled once per worker and copied (python-docx filling 70 rows is slow)
_FILLED: dict[str, bytes] = {}


def _filled(cli, data_dir, edit=None, name="form.docx") -> Path:
    """资源县's form with every row's 落实进度 filled (text_for), then ``edit(d, t, cols)``."""
    if name not in _FILLED:
        path = make(cli, data_dir, name=name)
        d = docx.Document(path)
        t, cols = grid(d)
        for r in t.rows[1:]:
            r.cells[cols["落实进度"]].text = text_for(int(r.cells[0].text))
        d.save(path)
        _FILLED[name] = path.read_bytes()
    path = Path(name).resolve()
    path.write_bytes(_FILLED[name])
    if edit:
        d = docx.Document(path)
        t, cols = grid(d)
        edit(d, t, cols)
        d.save(path)
    return path


def test_docx_bad_status_and_figure(cli, data_dir):
    def edit(d, t, cols):
        t.rows[2].cells[cols["进展"]].text = "基本完成"
        t.rows[3].cells[cols["指标数值"]].add_paragraph("另有 3 个在建")

    res = cli("import", _filled(cli, data_dir, edit), "--data", data_dir)
    assert res.exit_code == 1 and {"F843", "F844"} <= set(codes(res))
    assert not (data_dir / "progress" / Q / "ziyuan.yaml").exists()


def test_docx_tampered_marker(cli, data_dir):
    def edit(d, t, cols):
        d.paragraphs[1].runs[0].text = d.paragraphs[1].runs[0].text.replace("资源县人民政府", "龙胜各族自治县")

    res = cli("import", _filled(cli, data_dir, edit), "--data", data_dir)
    assert res.exit_code == 1 and "F841" in codes(res)


def test_docx_damaged_marker(cli, data_dir):
    path = _filled(cli, data_dir)
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "docProps/custom.xml":
                blob = blob.replace(b"<vt:lpwstr>ziyuan</vt:lpwstr>", b"<vt:lpwstr>nobody</vt:lpwstr>")
            dst.writestr(info, blob)
    path.write_bytes(out.getvalue())
    res = cli("import", path, "--data", data_dir)
    assert res.exit_code == 1 and "F842" in codes(res)


def test_docx_rows_twice_and_not_in_plan(cli, data_dir):
    import copy

    def edit(d, t, cols):
        dup = copy.deepcopy(t.rows[5]._tr)
        t.rows[5]._tr.addnext(dup)
        extra = copy.deepcopy(t.rows[10]._tr)
        t._tbl.append(extra)
        t.rows[-1].cells[0].text = "71"

    res = cli("import", _filled(cli, data_dir, edit), "--data", data_dir)
    assert res.exit_code == 1 and {"F838", "F839"} <= set(codes(res))


def test_docx_wrong_quarter_given(cli, data_dir):
    res = cli("import", _filled(cli, data_dir), "--quarter", "2023Q4", "--data", data_dir)
    assert res.exit_code == 1 and "F810" in codes(res)


# ---------------------------------------------------------------- the plan's own table


def plan_table(
    cat,
    rows: list[int],
    *,
    title: str | None,
    progress: dict[int, str],
    merge_progress: tuple | None = None,
    blank_rows: bool = True,
) -> docx.Document:
    """The key task list as the plan prints it: 序号 | 主要目标任务和具体落实措施 (two columns) |
    落实进度 | 责任单位, measure and unit cells merged down, a part heading row, blank rows."""
    d = docx.Document()
    if title:
        d.add_paragraph(title)
    t = d.add_table(rows=1, cols=5)
    h = t.rows[0].cells
    h[0].text = "序号"
    h[1].merge(h[2]).text = "主要目标任务和具体落实措施"
    h[3].text, h[4].text = "落实进度", "责任单位"
    start: dict[int, int] = {}
    units_start: dict[str, int] = {}
    for row in rows:
        task = cat.task(row)
        if blank_rows and row % 9 == 0:
            t.add_row()  # a stray empty row
        r = t.add_row()
        i = len(t.rows) - 1
        c = r.cells
        c[0].text = str(row)
        c[2].text = task.text
        c[3].text = progress.get(row, "")
        prev = cat.task(rows[rows.index(row) - 1]) if rows.index(row) else None
        if prev is not None and prev.measure == task.measure and start.get(task.measure) is not None:
            t.cell(start[task.measure], 1).merge(c[1])
        else:
            c[1].text = f"{task.measure}．{cat.measures[task.measure].title}"
            start[task.measure] = i
        if prev is not None and prev.units_text == task.units_text and task.units_text in units_start:
            t.cell(units_start[task.units_text], 4).merge(c[4])
        else:
            c[4].text = task.units_text
            units_start = {task.units_text: i}
    if merge_progress:
        a, b = merge_progress
        ra = next(i for i, r in enumerate(t.rows) if r.cells[0].text == str(a))
        rb = next(i for i, r in enumerate(t.rows) if r.cells[0].text == str(b))
        for k in range(ra, rb + 1):
            t.cell(k, 3).text = ""
        t.cell(ra, 3).merge(t.cell(rb, 3)).text = "一段话写了好几项任务"
    return d


@pytest.fixture
def cat(data_dir):
    from zengshou.lint import load_catalog

    c, _ = load_catalog(data_dir)
    return c


def test_plan_table_whole_70_rows_merged_cells(cli, data_dir, cat):
    required = cat.required_rows("ziyuan", Q)
    texts = {r: text_for(r) for r in required}
    d = plan_table(cat, list(range(1, 71)), title="资源县2023年第三季度重点任务清单落实进度", progress=texts)
    d.save("plan.docx")
    res = cli("import", "plan.docx", "--data", data_dir)  # unit and quarter from the title
    assert res.exit_code == 0, res.output
    items = {int(it["task"]): it["progress"] for it in loaded(data_dir / "progress" / Q / "ziyuan.yaml")["items"]}
    assert items == texts and len(items) == 70


def test_plan_table_only_unit_rows_needs_unit(cli, data_dir, cat):
    rows = cat.required_rows("nyncj", Q)
    texts = {r: f"农业农村局第{r}项进展" for r in rows}
    plan_table(cat, rows, title=None, progress=texts).save("mine.docx")
    res = cli("import", "mine.docx", "--data", data_dir)
    assert res.exit_code == 1 and "F845" in codes(res)
    res = cli("import", "mine.docx", "--unit", "市农业农村局", "--quarter", Q, "--data", data_dir)
    assert res.exit_code == 0, res.output
    items = {int(it["task"]): it["progress"] for it in loaded(data_dir / "progress" / Q / "nyncj.yaml")["items"]}
    assert items == texts


def test_plan_table_merged_progress_text(cli, data_dir, cat):
    rows = cat.required_rows("nyncj", Q)
    plan_table(cat, rows, title=None, progress={r: "x进展" for r in rows}, merge_progress=(1, 3)).save("m.docx")
    res = cli("import", "m.docx", "-u", "nyncj", "-q", Q, "--data", data_dir)
    assert res.exit_code == 1 and "F840" in codes(res)


def test_no_table_and_unknown_columns(cli, data_dir):
    d = docx.Document()
    d.add_paragraph("资源县2023年第三季度落实进度：全部完成。")
    d.save("notable.docx")
    res = cli("import", "notable.docx", "--data", data_dir)
    assert res.exit_code == 1 and "F836" in codes(res)
    d = docx.Document()
    d.add_paragraph("资源县2023年第三季度")
    t = d.add_table(rows=2, cols=3)
    for c, v in zip(t.rows[0].cells, ("编号", "工作内容", "完成情况"), strict=True):
        c.text = v
    d.save("cols.docx")
    res = cli("import", "cols.docx", "--data", data_dir)
    assert res.exit_code == 1 and "F837" in codes(res)


# ---------------------------------------------------------------- hostile files


def _docx_with(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    base = io.BytesIO()
    docx.Document().save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, document_xml if info.filename == "word/document.xml" else src.read(info))
        for k, v in (extra or {}).items():
            dst.writestr(k, v)
    return out.getvalue()


@pytest.mark.parametrize(
    "name,blob,code",
    [
        (
            "xxe.docx",
            _docx_with(
                b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
            ),
            "F834",
        ),
        (
            "laughs.docx",
            _docx_with(
                b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
            ),
            "F834",
        ),
        ("broken.docx", _docx_with(b"<w:document><w:body>"), "F835"),
        (
            "old.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le") + b"\0" * 100,
            "F831",
        ),
        (
            "locked.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100,
            "F832",
        ),
        ("rtf.doc", b"{\\rtf1\\ansi ...}", "F830"),
        ("page.docx", b"<html><body><table></table></body></html>", "F830"),
        ("empty.docx", b"", "F804"),
    ],
)
def test_hostile_docx(cli, data_dir, name, blob, code):
    assert code in {"F830", "F831", "F832", "F834", "F835", "F804"}
    Path(name).write_bytes(blob)
    res = cli("import", name, "--unit", "ziyuan", "--quarter", Q, "--data", data_dir)
    assert res.exit_code == 1 and code in codes(res), res.output
    assert not (data_dir / "progress" / Q / "ziyuan.yaml").exists()


@pytest.mark.slow  # 210 MB deflated and unpacked
def test_docx_zip_bomb(cli, data_dir):
    """A part that claims to be small in the zip directory but unpacks past the limit, and a
    package with too many parts: refused before (or while) reading, never held in memory."""
    from zengshou.forms import MAX_PARTS

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1024 * 1024)
            for _ in range(210):  # 210 MB of spaces, ~200 KB compressed
                fh.write(chunk)
    Path("bomb.docx").write_bytes(out.getvalue())
    assert Path("bomb.docx").stat().st_size < 2 * 1024 * 1024
    res = cli("import", "bomb.docx", "-u", "ziyuan", "-q", Q, "--data", data_dir)
    assert res.exit_code == 1 and "F805" in codes(res)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<x/>")
        for i in range(MAX_PARTS + 1):
            z.writestr(f"p/{i}", "")
    Path("parts.docx").write_bytes(out.getvalue())
    res = cli("import", "parts.docx", "-u", "ziyuan", "-q", Q, "--data", data_dir)
    assert res.exit_code == 1 and "F805" in codes(res)


def test_docm_macros_ignored_text_read(cli, data_dir):
    path = _filled(cli, data_dir, name="form.docm")
    blob = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    path.write_bytes(out.getvalue())
    res = cli("import", path, "--data", data_dir)
    assert res.exit_code == 0 and "F833" in codes(res), res.output
    assert (data_dir / "progress" / Q / "ziyuan.yaml").exists()


def test_word_file_named_xlsx_is_read_as_word(cli, data_dir):
    path = _filled(cli, data_dir)
    path.rename("renamed.xlsx")
    res = cli("import", "renamed.xlsx", "--data", data_dir)
    assert res.exit_code == 0, res.output
