"""The report model: merge() computes everything, renderers are pure functions of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA
from zengshou.lint import lint
from zengshou.report.merge import merge
from zengshou.report.model import EDITIONS, SUBMIT, WORKPAPER


def test_empty_quarter_still_shows_earlier_indicator_series(tmp_path: Path):
    """2023Q2's folder is empty (nobody has reported yet); the charts keep 2023Q1's figures."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.rmtree(data / "progress" / "2023Q2")
    (data / "progress" / "2023Q2").mkdir()
    rep = merge(data, "2023Q2", lint(data, quarter="2023Q2"))
    canteen = next(s for s in rep.series if s.id == "r13_canteen_share")  # 市财政局 reported 19 in 2023Q1
    assert canteen.quarters[-2:] == ["2023Q1", "2023Q2"]
    assert canteen.actual[-2:] == [19, 19]  # a unit without a figure this quarter counts with its latest one
    assert canteen.chartable and any(x.series is canteen and x.actual == "19%" for x in rep.indicators)
    assert all(r.summary.text.startswith("牵头单位未报送") for r in rep.rows)


def test_renderers_read_nothing(tmp_path: Path):
    """Render every format after the data directory is gone: same bytes as before."""
    from zengshou.report.docx import render_docx
    from zengshou.report.html import render_html
    from zengshou.report.xlsx import render_workpaper_xlsx, render_xlsx

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    rep = merge(data, "2023Q2", lint(data, quarter="2023Q2"))

    def everything():
        return (
            render_docx(rep),
            render_xlsx(rep),
            render_workpaper_xlsx(rep),
            render_html(rep),
            render_html(rep, edition=WORKPAPER),
        )

    before = everything()
    shutil.rmtree(data)
    assert everything() == before


def test_one_list_of_sections():
    assert EDITIONS[SUBMIT] == (
        "heading",
        "status",
        "progress",
        "indicator_brief",
        "attention",
        "annexes",
        "summary",
        "indicators",
        "notes",
    )
    assert EDITIONS[WORKPAPER] == ("status_full", "texts")
    from zengshou.report import docx, html, xlsx

    for name in EDITIONS[SUBMIT] + EDITIONS[WORKPAPER]:
        assert name in xlsx.SECTIONS
    for name in EDITIONS[SUBMIT]:
        assert name in docx.SECTIONS
    for edition, template in html.TEMPLATES.items():
        text = (html.default_template_dir() / template).read_text(encoding="utf-8")
        for name in EDITIONS[edition]:
            assert f'"{name}"' in text, (template, name)


@pytest.mark.parametrize("module", ["docx", "docx_charts", "html", "svg", "xlsx", "xlsx_charts", "xlsxkit", "chartkit"])
def test_renderers_do_not_import_data_access(module):
    """A renderer imports the model and layout helpers only — never loader, submissions, lint."""
    import ast

    src = Path(__file__).resolve().parent.parent / "src" / "zengshou" / "report" / f"{module}.py"
    tree = ast.parse(src.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    banned = {
        "zengshou.loader",
        "zengshou.submissions",
        "zengshou.lint",
        "zengshou.catalog",
        "zengshou.status",
        "zengshou.report.merge",
        "zengshou.report.indicators",
        "zengshou.config",
    }
    assert not names & banned, names & banned
    for node in ast.walk(tree):  # from zengshou.indicators only the number format, nothing that reads figures
        if isinstance(node, ast.ImportFrom) and node.module == "zengshou.indicators":
            assert {a.name for a in node.names} <= {"fmt_number"}
    # and no cycle inside report/: xlsx_charts does not import xlsx, html does not import xlsx
    if module in ("xlsx_charts", "html", "docx"):
        assert "zengshou.report.xlsx" not in names


def test_model_strings_are_clean(tmp_path: Path):
    from merge_fixtures import write_submission

    data = tmp_path / "data"
    data.mkdir()
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(DATA / name, data / name)
    # Direction controls load (validate allows them in a value), so the renderers' cleaning is
    # what keeps them out; C0/C1 controls written as escapes make the file unusable (S112), so
    # such a file is left out and named instead (see the second half).
    p = write_submission(data, "2023Q2", "ziyuan", {1: "x"}, contact="张三")
    p.write_text(
        p.read_text(encoding="utf-8")
        .replace('progress: "x"', 'progress: "资源县\\u202e\\u2066结束"')
        .replace("contact: 张三", 'contact: "张\\u202e三"'),
        encoding="utf-8",
    )
    rep = merge(data, "2023Q2", lint(data, quarter="2023Q2"))
    texts = [e.text for r in rep.rows for e in r.entries] + [s.info for s in rep.counties]
    texts += [x for s in rep.status for x in s.remarks]
    import re

    assert texts
    for t in texts:
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", t), repr(t)
    assert "资源县结束" in texts and any("联系人：张三" in t for t in texts)

    p.write_text(p.read_text(encoding="utf-8").replace("\\u202e\\u2066", "\\x01\\x1b"), encoding="utf-8")
    result = lint(data, quarter="2023Q2")
    assert [f.code for f in result.for_file(result.submissions[0].display)] == ["S112"]
    rep = merge(data, "2023Q2", result)
    assert [x.file for x in rep.left_out] == ["progress/2023Q2/ziyuan.yaml"]
    texts = [e.text for r in rep.rows for e in r.entries] + [x for s in rep.status for x in s.remarks]
    assert not any("\x01" in t or "\x1b" in t or "结束" in t for t in texts)
