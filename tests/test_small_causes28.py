"""Issue 28, item 8 (the causes outside mail): each test fails on the code before the fix.

* import printed every finding: a table of 10,000 stray rows gave 20,003 lines; now capped as
  validate caps, 100 per file and one S115 with the total;
* ``status --remind`` printed a terminal escape from ``[report] office`` (now refused by the
  configuration) or a template as it was; now it is written out (``\\x1b``);
* the Word marker/header check was skipped when the header line was missing or named a unit
  not in the list; now both are F841;
* F856's detail was always Chinese; now it follows ``--lang``.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import openpyxl

from test_forms import make_form
from test_forms_docx import _filled
from test_mail_intake import message


def test_import_findings_are_capped_like_validate(cli, empty_data, tmp_path):
    path = make_form(cli, empty_data, quarter="2023Q3", name=str(tmp_path / "big.xlsx"))
    wb = openpyxl.load_workbook(path)
    ws = wb["落实进度"]
    start = ws.max_row + 1
    for i in range(1000):  # rows for tasks not on the form: two lines of output each before
        ws.cell(start + i, 1).value = 1000 + i
        ws.cell(start + i, 5).value = "x"
    wb.save(path)
    res = cli("import", path, "--data", empty_data, "--lang", "en")
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert len(lines) < 220, len(lines)
    assert res.stdout.count("F814") == 100 and "S115" in res.stdout and "1000" in res.stdout


def test_remind_shows_escapes_instead_of_sending_them(cli, data_dir, tmp_path):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "reminder.txt.j2").write_text("通知\x1b[2J\x1b]0;title\x07 {{ office }}\n", encoding="utf-8")
    res = cli("status", "-q", "2023Q2", "--remind", "--templates", tpl, "--data", data_dir)
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout
    assert "\\x1b[2J" in res.stdout and "\\x07" in res.stdout
    (data_dir / "zengshou.toml").write_text('[report]\noffice = "乡村振兴局\\u001b[31m"\n', encoding="utf-8")
    res = cli("status", "-q", "2023Q2", "--remind", "--data", data_dir, "--lang", "en")
    assert res.exit_code == 2 and "\x1b" not in res.output and "[report] office" in res.stderr


def _import_edited(cli, data_dir, edit_header) -> str:
    def edit(d, t, cols):
        edit_header(d)

    path = _filled(cli, data_dir, edit=edit)
    res = cli("import", path, "--data", data_dir, "--lang", "en")
    return res.stdout


def _header(d) -> docx.text.paragraph.Paragraph:
    return next(p for p in d.paragraphs if "填报单位" in p.text)


def test_word_header_missing_is_a_mismatch(cli, data_dir):
    def drop(d):
        p = _header(d)._p
        p.getparent().remove(p)

    out = _import_edited(cli, data_dir, drop)
    assert "F841" in out and "header line '填报单位：…' is missing" in out, out


def test_word_header_naming_no_unit_is_a_mismatch(cli, data_dir):
    def rename(d):
        p = _header(d)
        text = p.text.replace("资源县人民政府", "某某县人民政府")
        for r in p.runs[1:]:
            r.text = ""
        p.runs[0].text = text

    out = _import_edited(cli, data_dir, rename)
    assert "F841" in out and "某某县人民政府" in out and "not in the unit list" in out, out


def test_f856_detail_follows_the_language(cli, data_dir):
    bad = "unit: 资源县\nquarter: 2023Q3\nitems:\n  - task: 1\n    progress: [未闭合\n".encode()
    Path("y.eml").write_bytes(
        message("zy@example.cn", "进度", "Thu, 5 Oct 2023 09:00:00 +0800", [("ziyuan.yaml", bad)])
    )
    res = cli("import", "--mail", "y.eml", "--data", data_dir, "--lang", "en")
    (line,) = [ln for ln in res.stdout.splitlines() if " F856 " in ln]
    detail = line.split("(", 1)[1]
    assert not re.search("[\u4e00-\u9fff]", detail.replace("未闭合", "")), line
