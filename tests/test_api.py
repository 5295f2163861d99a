"""The Python API (zengshou.api, re-exported by the package): the same answers as the commands,
returned instead of printed or written."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

import zengshou
from zengshou.api import ZengshouError


def test_import_zengshou_stays_cheap():
    """``import zengshou`` loads nothing else of zengshou's; the API comes on first use."""
    code = "import sys, zengshou; print(sorted(m for m in sys.modules if m.startswith('zengshou')))"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "['zengshou']"
    code = "import zengshou; print(zengshou.validate is __import__('zengshou.api').api.validate)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "True"


def test_the_package_offers_what_the_api_lists():
    import zengshou.api

    assert set(zengshou.__all__) == {"__version__", *zengshou.api.__all__}
    for name in zengshou.api.__all__:
        assert getattr(zengshou, name) is getattr(zengshou.api, name)


def test_unknown_names_are_attribute_errors():
    with pytest.raises(AttributeError):
        zengshou.nosuch  # noqa: B018


def test_validate_finds_what_the_command_finds(cli, data_dir):
    p = data_dir / "progress" / "2023Q2" / "ziyuan.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("quarter: 2023Q2", "quarter: 2023Q5"), encoding="utf-8")
    result = zengshou.validate(data_dir)
    res = cli("validate", "--data", data_dir, "--format", "json", "--no-cache")
    shown = json.loads(res.stdout)
    assert result.exit_code() == res.exit_code == 1
    assert sorted(f.code for f in result.findings) == sorted(f["code"] for f in shown["findings"])
    assert zengshou.validate(data_dir, [p]).errors >= 1
    assert zengshou.validate(data_dir, quarter="2023Q1").errors == 0


def test_status_is_the_json_of_the_command(cli, data_dir):
    ws = zengshou.open_workspace(data_dir)
    st = zengshou.quarter_status(ws, "2023Q2")
    res = cli("status", "-q", "2023Q2", "--format", "json", "--data", data_dir)
    assert st.as_dict() == json.loads(res.stdout)
    assert st.totals["units"] == len(st.units) > 0


def test_merge_returns_the_files_the_command_writes(cli, data_dir, tmp_path):
    files = zengshou.merge(data_dir, "2023Q2", formats=["xlsx", "docx"])
    assert sorted(Path(n).suffix for n in files) == [".docx", ".xlsx", ".xlsx"]
    res = cli("merge", "-q", "2023Q2", "-f", "xlsx,docx", "-o", tmp_path / "out", "--data", data_dir)
    assert res.exit_code == 0, res.output
    for name, blob in files.items():
        assert (tmp_path / "out" / name).read_bytes() == blob, name  # same inputs, same bytes
    xlsx = next(b for n, b in files.items() if n.endswith("落实进度.xlsx"))
    assert openpyxl.load_workbook(io.BytesIO(xlsx)).sheetnames
    word = next(b for n, b in files.items() if n.endswith(".docx"))
    assert "2023" in "".join(p.text for p in docx.Document(io.BytesIO(word)).paragraphs)


def test_template_and_import_round_trip(cli, data_dir, tmp_path):
    blob = zengshou.template(data_dir, "资源县", "2023Q3")
    res = cli("template", "-u", "资源县", "-q", "2023Q3", "-o", tmp_path / "cli.xlsx", "--data", data_dir)
    assert res.exit_code == 0 and (tmp_path / "cli.xlsx").read_bytes() == blob
    assert zengshou.template(data_dir, "ziyuan", "2023Q3", fmt="docx")[:2] == b"PK"

    form = tmp_path / "filled.xlsx"
    form.write_bytes(blob)
    wb = openpyxl.load_workbook(form)
    ws = wb["落实进度"]
    for row in ws.iter_rows(min_row=6):
        if isinstance(row[0].value, int):
            row[4].value = f"第{row[0].value}项：召开推进会 2 次，带动脱贫户 120 户。"
    wb.save(form)
    [outcome] = zengshou.import_forms(data_dir, [form])
    assert outcome.written and not outcome.form.findings
    assert (data_dir / "progress" / "2023Q3" / "ziyuan.yaml").is_file()
    assert zengshou.validate(data_dir, [outcome.target]).errors == 0


def test_requests_that_cannot_be_carried_out(data_dir, tmp_path):
    with pytest.raises(ZengshouError) as e:
        zengshou.open_workspace(tmp_path / "nowhere")
    assert "nowhere" in e.value.message["zh"]
    with pytest.raises(ZengshouError, match="quarter"):
        zengshou.quarter_status(data_dir, "2023Q9")
    with pytest.raises(ZengshouError, match="reporting unit"):
        zengshou.template(data_dir, "nobody", "2023Q3")
    with pytest.raises(ZengshouError, match="format"):
        zengshou.merge(data_dir, "2023Q2", formats=["pdf"])
    (data_dir / "units.yaml").write_text("units: [", encoding="utf-8")
    with pytest.raises(ZengshouError) as e:
        zengshou.validate(data_dir)
    assert e.value.findings and e.value.findings[0].code.startswith("S")


def test_the_readme_example_runs(data_dir, monkeypatch):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    code = readme.split("### From Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(data_dir.parent)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "reported; complete:" in res.stdout
