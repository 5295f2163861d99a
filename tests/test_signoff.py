"""Adding a sign-off field is a one-line change: one entry in ``zengshou.signoff.FIELDS``.

A fresh interpreter adds a field (见证人, ``witness``) to the list before anything else is
imported — the one line a developer would add — and then checks every place that derives
from it: the Submission model and its JSON Schema, C409, the YAML writer, the Excel form (a
labelled cell, read back by the importer), the Word form (a label in the sign-off table, read
back by the Word importer), and the catalogue's form labels.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from zengshou import signoff

ONE_LINE = 'signoff.FIELDS += (signoff.SignOffField("witness", "见证人", "见证人", "the witness (见证人)", "who witnessed it"),)'

SCRIPT = f"""
import json, sys
from pathlib import Path
from zengshou import signoff
{ONE_LINE}

import docx, openpyxl
from typer.testing import CliRunner
from zengshou.cli.app import app
from zengshou.forms import xlsx_form as template
from zengshou.i18n import t
from zengshou.loader import load_file
from zengshou.models import Submission
from zengshou.rules import content
from zengshou.schema_export import json_schema
from zengshou import writer

data, out = Path(sys.argv[1]), {{}}
runner = CliRunner()
out["model"] = "witness" in Submission.model_fields
out["schema"] = json_schema("progress")["properties"].get("witness", {{}}).get("description")
out["c409"] = content._FIELDS.get("witness")
out["writer"] = "witness" in writer.PEOPLE
out["label"] = t("form.people.witness", "zh")
out["cell"] = template.PEOPLE_CELLS.get("witness")

# the Excel form: the cell is there, labelled, and a value typed into it is imported
r = runner.invoke(app, ["template", "-u", "资源县", "-q", "2023Q3", "-o", "w.xlsx", "--data", str(data)])
assert r.exit_code == 0, r.output
wb = openpyxl.load_workbook("w.xlsx")
ws = wb["落实进度"]
out["xlsx_labels"] = [c.value for row in ws.iter_rows(min_row=4, max_row=template.HEADER_ROW - 1) for c in row if c.value]
for row in ws.iter_rows(min_row=template.FIRST_ROW):
    if isinstance(row[0].value, int):
        row[4].value = f"第{{row[0].value}}项：召开推进会 2 次，带动脱贫户 120 户。"
ws[template.PEOPLE_CELLS["witness"]] = "王五"
wb.save("w.xlsx")
r = runner.invoke(app, ["import", "w.xlsx", "--data", str(data)])
out["xlsx_import"] = (r.exit_code, load_file(data / "progress" / "2023Q3" / "ziyuan.yaml").data.get("witness"))

# the Word form: a label in the sign-off table, and its value imported
r = runner.invoke(app, ["template", "-u", "资源县", "-q", "2023Q4", "-f", "docx", "-o", "w.docx", "--data", str(data)])
assert r.exit_code == 0, r.output
d = docx.Document("w.docx")
sign = d.tables[0].rows[0].cells
out["docx_labels"] = [c.text for c in sign[::2]]
sign[out["docx_labels"].index("见证人：") * 2 + 1].text = "赵六"
tasks = d.tables[1]
col = [c.text for c in tasks.rows[0].cells].index("落实进度")
for row in tasks.rows[1:]:
    row.cells[col].text = "召开推进会 2 次，带动脱贫户 120 户。"
d.save("w.docx")
r = runner.invoke(app, ["import", "w.docx", "--data", str(data)])
out["docx_import"] = (r.exit_code, load_file(data / "progress" / "2023Q4" / "ziyuan.yaml").data.get("witness"))

# C409 names the new field
p = data / "progress" / "2023Q3" / "ziyuan.yaml"
p.write_text(p.read_text(encoding="utf-8").replace("witness: 王五", "witness: 王\\u202e五"), encoding="utf-8")
r = runner.invoke(app, ["validate", str(p), "--data", str(data)])
out["validate"] = r.output
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.mark.slow  # a subprocess importing the whole app
def test_adding_a_sign_off_field_is_one_line(data_dir, tmp_path):
    env = {**os.environ, "ZENGSHOU_LANG": "zh", "ZENGSHOU_TODAY": "2024-01-05"}
    env.pop("ZENGSHOU_CACHE_DIR", None)
    res = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data_dir)], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["model"] and out["writer"]
    assert out["schema"] == "optional: 见证人, who witnessed it"
    assert out["c409"] == {"zh": "见证人", "en": "witness"}
    assert out["label"] == "见证人"
    assert out["cell"] == "C5"  # a fourth field starts the next row of the Excel form
    assert out["xlsx_labels"][:4] == ["填报人：", "联系电话：", "审核人\n（分管领导）：", "见证人："]
    assert out["xlsx_import"] == [0, "王五"]
    assert out["docx_labels"] == ["填报人：", "联系电话：", "审核人：", "见证人："]
    assert out["docx_import"] == [0, "赵六"]
    assert "C409" in out["validate"] and "见证人" in out["validate"]


def test_the_list_is_what_the_shipped_code_uses():
    """Without the extra line: the three fields, in the forms' order."""
    from zengshou.forms import SIGN_OFF
    from zengshou.forms.xlsx_form import HEADER_ROW, PEOPLE_CELLS
    from zengshou.models import Submission

    assert signoff.keys() == ("filled_by", "phone", "reviewer")
    assert SIGN_OFF == {"填报人": "filled_by", "联系电话": "phone", "审核人": "reviewer"}
    assert PEOPLE_CELLS == {"filled_by": "C4", "phone": "E4", "reviewer": "H4"} and HEADER_ROW == 5
    fields = list(Submission.model_fields)
    assert fields[fields.index("contact") + 1 : fields.index("source")] == list(signoff.keys())
