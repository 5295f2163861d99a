"""Word import reads what Word shows (issue 28, item 3): tracked changes accepted, hidden text
left out. Before, a run formatted hidden (``w:vanish``) was imported as progress nobody sees on
the printed form, and text moved with tracked changes was imported twice (``w:moveFrom`` and
``w:moveTo``).
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

import docx
from docx.oxml.ns import qn

from test_forms_docx import Q, _filled, codes, grid, loaded
from zengshou.forms.docx_import import element_text

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def text_of(body: str) -> str:
    return element_text(ET.fromstring(f"<w:tc {NS}>{body}</w:tc>"))


def run(text: str, rpr: str = "") -> str:
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}<w:t>{text}</w:t></w:r>"


def test_hidden_runs_are_left_out():
    assert text_of(f"<w:p>{run('看得见')}{run('藏起来', '<w:vanish/>')}{run('的')}</w:p>") == "看得见的"
    assert text_of("<w:p>" + run("藏", '<w:vanish w:val="true"/>') + run("显") + "</w:p>") == "显"
    # switched off explicitly: shown
    off = run("显示", '<w:vanish w:val="0"/>') + run("出来", '<w:vanish w:val="false"/>')
    assert text_of(f"<w:p>{off}</w:p>") == "显示出来"


def test_moved_text_counts_once_at_its_new_place():
    body = (
        f"<w:p><w:moveFrom w:id='1' w:author='a'>{run('搬走的话')}</w:moveFrom>{run('正文')}"
        f"<w:moveTo w:id='2' w:author='a'>{run('搬走的话')}</w:moveTo></w:p>"
    )
    assert text_of(body) == "正文搬走的话"


def test_deleted_and_inserted_text_as_accepted():
    body = (
        f"<w:p>{run('保留')}<w:del w:id='1' w:author='a'><w:r><w:delText>删掉</w:delText></w:r></w:del>"
        f"<w:ins w:id='2' w:author='a'>{run('新增')}</w:ins></w:p>"
    )
    assert text_of(body) == "保留新增"


def test_a_removed_paragraph_mark_joins_the_paragraphs():
    """A paragraph mark deleted (or moved away, or hidden) makes one paragraph of two."""
    for mark in ("<w:del w:id='1' w:author='a'/>", "<w:moveFrom w:id='1' w:author='a'/>", "<w:vanish/>"):
        body = f"<w:p><w:pPr><w:rPr>{mark}</w:rPr></w:pPr>{run('第一段')}</w:p><w:p>{run('第二段')}</w:p>"
        assert text_of(body) == "第一段第二段", mark
    assert text_of(f"<w:p>{run('第一段')}</w:p><w:p>{run('第二段')}</w:p>") == "第一段\n第二段"


def _wrap_last_run(cell, tag: str) -> None:
    """Move the cell's last run into a ``w:<tag>`` element (as Word stores a tracked change)."""
    r = cell.paragraphs[-1]._p.findall(qn("w:r"))[-1]
    wrapper = r.makeelement(qn(f"w:{tag}"), {qn("w:id"): "9", qn("w:author"): "审核人"})
    r.addprevious(wrapper)
    wrapper.append(r)


def test_import_of_a_form_with_hidden_moved_and_deleted_text(cli, data_dir):
    """End to end: a form filled in, then edited as Word stores it — a hidden note, a sentence
    moved with tracked changes — imports exactly what the printed form shows."""

    def edit(d, t, cols):
        hidden = t.rows[1].cells[cols["落实进度"]]
        hidden.text = "公开的进展。"
        hidden.paragraphs[0].add_run("内部备注：数据是估的。").font.hidden = True

        moved = t.rows[2].cells[cols["落实进度"]]
        moved.text = ""
        p = moved.paragraphs[0]
        p.add_run("先说结果。")
        p.add_run("再说做法。")
        _wrap_last_run(moved, "moveTo")
        old = copy.deepcopy(p._p.findall(qn("w:moveTo"))[0])
        old.tag = qn("w:moveFrom")
        p._p.insert(1, old)  # its old place, before 先说结果

    path = _filled(cli, data_dir, edit=edit)
    d = docx.Document(path)
    t, cols = grid(d)
    rows = [int(t.rows[i].cells[0].text) for i in (1, 2)]
    res = cli("import", path, "--data", data_dir)
    assert res.exit_code == 0, res.output
    items = {int(it["task"]): it["progress"] for it in loaded(data_dir / "progress" / Q / "ziyuan.yaml")["items"]}
    assert items[rows[0]] == "公开的进展。"
    assert items[rows[1]] == "先说结果。再说做法。"


def test_a_row_deleted_in_a_tracked_change_is_missing(cli, data_dir):
    """A task row deleted with tracked changes is gone from what Word shows: the form lacks the
    row (F813), as if it had been deleted outright — not imported from the deleted row."""

    def edit(d, t, cols):
        trpr = t.rows[3]._tr.get_or_add_trPr()
        trpr.append(trpr.makeelement(qn("w:del"), {qn("w:id"): "10", qn("w:author"): "审核人"}))

    path = _filled(cli, data_dir, edit=edit)
    res = cli("import", path, "--data", data_dir)
    assert res.exit_code == 1 and "F813" in codes(res), res.output


def test_text_hidden_by_a_style_is_left_out():
    """``w:vanish`` in a character style (or one it is based on) or in the paragraph's style hides
    the text as direct formatting does; a run's own ``w:vanish w:val="0"`` shows it again."""
    from zengshou.forms.docx_import import hidden_styles

    styles = ET.fromstring(
        f"<w:styles {NS}>"
        "<w:style w:type='character' w:styleId='Secret'><w:rPr><w:vanish/></w:rPr></w:style>"
        "<w:style w:type='character' w:styleId='MoreSecret'><w:basedOn w:val='Secret'/></w:style>"
        "<w:style w:type='character' w:styleId='Loop'><w:basedOn w:val='Loop'/></w:style>"
        "<w:style w:type='paragraph' w:styleId='Note'><w:rPr><w:vanish/></w:rPr></w:style>"
        "</w:styles>"
    )
    hidden = hidden_styles(styles)
    assert hidden.char == {"Secret", "MoreSecret"} and hidden.para == {"Note"}
    first = run("看得见") + run("藏", "<w:rStyle w:val='Secret'/>") + run("也藏", "<w:rStyle w:val='MoreSecret'/>")
    first += run("的", "<w:rStyle w:val='Loop'/>")
    second = "<w:pPr><w:pStyle w:val='Note'/></w:pPr>" + run("整段藏") + run("但这句显示", "<w:vanish w:val='0'/>")
    body = f"<w:p>{first}</w:p><w:p>{second}</w:p>"
    assert element_text(ET.fromstring(f"<w:tc {NS}>{body}</w:tc>"), hidden) == "看得见的\n但这句显示"


def test_import_leaves_out_text_in_a_hidden_character_style(cli, data_dir):
    from docx.enum.style import WD_STYLE_TYPE

    def edit(d, t, cols):
        style = d.styles.add_style("内部备注", WD_STYLE_TYPE.CHARACTER)
        style.font.hidden = True
        cell = t.rows[1].cells[cols["落实进度"]]
        cell.text = "公开的进展。"
        cell.paragraphs[0].add_run("内部：数据是估的。", style="内部备注")

    path = _filled(cli, data_dir, edit=edit)
    row = int(grid(docx.Document(path))[0].rows[1].cells[0].text)
    res = cli("import", path, "--data", data_dir)
    assert res.exit_code == 0, res.output
    items = {int(it["task"]): it["progress"] for it in loaded(data_dir / "progress" / Q / "ziyuan.yaml")["items"]}
    assert items[row] == "公开的进展。"
