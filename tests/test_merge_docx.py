"""The Word 呈报版, read back with python-docx: title, heading line, the 正文's sections, 报送情况
figures, the 70 rows of the 汇总表 (one table Word paginates: header repeated, rows unsplit, the
measure on every row), no draft text, page number fields, language, compatibility mode,
document properties and bytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from merge_fixtures import NAMES, fill_quarter, sample_text, write_submission
from zengshou.lint import load_catalog

Q = "2023Q2"
DOCX = NAMES[2]
TITLE = "《桂林市促进脱贫人口持续增收三年行动方案（2022—2024年）》重点任务清单落实进度（2023年二季度）"
HEADER = ["序号", "具体措施", "重点任务", "落实进度", "进展", "责任单位"]


@pytest.fixture
def quarter(empty_data: Path) -> Path:
    """Everyone reports except 临桂区; 市科技局 (leads row 6) sends only a draft."""
    fill_quarter(empty_data, Q, skip=("kjj", "lingui"))
    cat, _ = load_catalog(empty_data)
    write_submission(
        empty_data, Q, "kjj", {r: f"科技局草稿第{r}项的内容" for r in cat.required_rows("kjj", Q)}, submitted=None
    )
    return empty_data


@pytest.fixture
def document(cli, quarter, tmp_path):
    res = cli("merge", "--quarter", Q, "--data", quarter, "--format", "docx")
    assert res.exit_code == 0, res.output
    return docx.Document(str(tmp_path / "reports" / Q / DOCX))


def summary_rows(d) -> list[list[str]]:
    rows = []
    for t in d.tables:
        cells = [[c.text for c in r.cells] for r in t.rows]
        if cells and cells[0] == HEADER:
            rows += cells[1:]
    return rows


def test_title_and_heading_line(document):
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == TITLE
    assert texts[1] == "编制单位：桂林市乡村振兴局　　截至日期：2023年7月6日"
    heads = [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、")]
    assert heads == ["一、报送情况", "二、重点任务进展", "三、量化指标完成情况", "四、需关注事项"]
    annexes = [t for t in texts if t.startswith("附件")]
    assert annexes == ["附件：1．汇总表（重点任务清单落实进度）", "附件1", "附件2", "附件3"]
    assert "汇总表（重点任务清单落实进度）" in texts and "量化指标完成情况（2023年二季度）" in texts
    assert not any("详见工作底稿" in t for t in texts)


def test_status_figures(document):
    digest = next(p.text for p in document.paragraphs if p.text.startswith("本季度应报送单位"))
    assert "应报送单位34个，已报送32个（按时32个，逾期0个），未报送1个，草稿1个" in digest
    table = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in document.tables[0].rows}
    assert table["未报送"] == ("1", "临桂区")
    assert table["草稿（不计入已报）"] == ("1", "市科技局")
    assert table["应报单位"][0] == "34"


def test_summary_has_the_70_rows_and_no_draft_text(document, quarter):
    cat, _ = load_catalog(quarter)
    rows = summary_rows(document)
    assert [int(r[0]) for r in rows] == list(range(1, 71))
    for t, r in zip(cat.tasks, rows, strict=True):
        assert r[2] == t.text
        lead = cat.by_id[cat.lead(t.id, Q)]
        if lead.id == "kjj":
            assert r[3].startswith("牵头单位未正式报送（草稿）；已报送该项的单位："), r[3]
            assert r[4] == "—"
        else:
            assert r[3] == sample_text(lead.name, t.id)
    everything = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "科技局草稿" not in everything


def test_summary_is_one_table_word_paginates(document, quarter):
    cat, _ = load_catalog(quarter)
    chunks = [t for t in document.tables if [c.text for c in t.rows[0].cells] == HEADER]
    assert len(chunks) == 1
    t = chunks[0]
    first = t.rows[0]._tr
    assert first.trPr is not None and first.trPr.xpath("./w:tblHeader")  # header row repeats
    assert all(r._tr.trPr.xpath("./w:cantSplit") for r in t.rows[1:])  # rows never split
    assert "vMerge" not in t._tbl.xml  # nothing merged across rows: a page break never blanks a cell
    for prev, row in zip(t.rows[1:], t.rows[2:], strict=False):
        m_prev, m = cat.task(int(prev.cells[0].text)).measure, cat.task(int(row.cells[0].text)).measure
        measure = cat.measures[m]
        assert row.cells[1].text == f"{measure.id}．{measure.title}" + ("（续）" if m_prev == m else "")
    widths = [c.width for c in t.rows[1].cells]
    assert widths[3] == max(widths)  # the text column is never narrower than another


def test_language_compatibility_and_properties(document):
    from docx.oxml.ns import qn

    langs = {(e.get(qn("w:val")), e.get(qn("w:eastAsia"))) for e in document.styles.element.iter(qn("w:lang"))}
    assert langs == {("zh-CN", "zh-CN")}
    modes = [
        e.get(qn("w:val"))
        for e in document.settings.element.iter(qn("w:compatSetting"))
        if e.get(qn("w:name")) == "compatibilityMode"
    ]
    assert modes == ["15"]
    cp = document.core_properties
    assert cp.title == TITLE and cp.author == "桂林市乡村振兴局"
    app = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml").blob
    assert b"Macintosh" not in app and b"<Application>zengshou</Application>" in app


def test_page_numbers_and_landscape(document):
    sec = document.sections[0]
    assert sec.page_width > sec.page_height
    footer = sec.footer.paragraphs[0]
    xml = footer._p.xml
    assert "PAGE" in xml and "NUMPAGES" in xml
    assert footer.text.startswith("第 ") and " 页 共 " in footer.text


def test_indicators_and_charts(cli, data_dir, tmp_path):
    assert cli("merge", "-q", Q, "--data", data_dir, "--format", "docx").exit_code == 0
    path = tmp_path / "reports" / Q / DOCX
    d = docx.Document(str(path))
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "序号" and t.rows[0].cells[1].text == "指标")
    head = [c.text for c in table.rows[0].cells]
    assert head == ["序号", "指标", "目标", "累计完成", "序时进度", "完成率", "状态", "落后单位"]
    assert not any("_" in c.text for r in table.rows for c in r.cells)  # no internal ids
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("word/charts/")]
        assert len(charts) >= 10
        xml = z.read(charts[0]).decode("utf-8")
        assert "numLit>" in xml and "lineChart>" in xml and "numRef" not in xml  # values cached in the part
        assert "docProps/thumbnail.jpeg" not in z.namelist()


def test_same_bytes_and_fixed_properties(cli, quarter, tmp_path):
    path = tmp_path / "reports" / Q / DOCX
    assert cli("merge", "-q", Q, "--data", quarter, "--format", "docx").exit_code == 0
    first = path.read_bytes()
    assert cli("merge", "-q", Q, "--data", quarter, "--format", "docx").exit_code == 0
    assert path.read_bytes() == first
    cp = docx.Document(str(path)).core_properties
    assert cp.created.year == 2022 and cp.modified == cp.created
    with zipfile.ZipFile(path) as z:
        assert {i.date_time for i in z.infolist()} == {(2022, 1, 1, 0, 0, 0)}
