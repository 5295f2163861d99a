"""One marker parse for both form formats (zengshou.forms.marker): the Excel form's hidden sheet
and the Word form's custom properties are checked by the same code with the same bounds."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from zengshou.forms import FORM_FORMAT
from zengshou.forms.marker import BadMarker, parse_marker
from zengshou.workspace import Workspace

HUGE = "9" * 5000  # int() refuses more than 4,300 digits with a ValueError: once a traceback


def codes(res) -> list[str]:
    return re.findall(r"\b(F8\d\d|[SDICRT]\d{3})\b", res.stdout)


#: the form's bytes by format: every caller passes a fresh copy of the shipped data, so the form
#: is made once per worker and each test gets its own copy
_FORMS: dict[str, bytes] = {}


def _template(cli, data: Path, fmt: str) -> Path:
    name = f"form.{fmt}"
    if fmt not in _FORMS:
        res = cli("template", "--unit", "资源县", "--quarter", "2023Q3", "--format", fmt, "-o", name, "--data", data)
        assert res.exit_code == 0, res.output
        _FORMS[fmt] = Path(name).read_bytes()
    Path(name).write_bytes(_FORMS[fmt])
    return Path(name).resolve()


def _set_xlsx(path: Path, key: str, value: str) -> None:
    wb = openpyxl.load_workbook(path)
    for row in wb["_zengshou"].iter_rows():
        if row[0].value == key:
            row[1].value = value
    wb.save(path)


def _set_docx(path: Path, key: str, value: str) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "docProps/custom.xml":
                blob = re.sub(
                    rf'(name="zengshou_{key}"><vt:lpwstr>)[^<]*'.encode(), lambda m: m.group(1) + value.encode(), blob
                )
            dst.writestr(info, blob)
    path.write_bytes(out.getvalue())


@pytest.mark.parametrize("fmt, code", [("xlsx", "F825"), ("docx", "F842")])
@pytest.mark.parametrize(
    "key, value, text",
    [
        ("version", HUGE, "缺少 version"),
        ("version", "9", "更新版本"),
        ("rows", ",".join(["1"] * 6000), "任务序号无效"),
        ("rows", "1," + HUGE, "任务序号无效"),
        ("unit", "nosuch", "未知单位“nosuch”"),
        ("quarter", "2023Q5", "季度无效"),
    ],
)
def test_a_bad_marker_is_a_finding_in_both_formats(cli, data_dir, fmt, code, key, value, text):
    path = _template(cli, data_dir, fmt)
    (_set_xlsx if fmt == "xlsx" else _set_docx)(path, key, value)
    res = cli("import", path, "--data", data_dir, "--unit", "资源县", "--quarter", "2023Q3")
    assert res.exit_code == 1, res.output
    assert code in codes(res) and text in res.stdout, res.stdout


def test_both_readers_agree_on_a_good_marker(data_dir):
    cat = Workspace.open(data_dir).cat
    fields = {
        "format": FORM_FORMAT,
        "version": "1",
        "unit": "ziyuan",
        "quarter": "2023Q3",
        "rows": "1, 2",
        "optional": "",
    }
    m = parse_marker(fields, cat, max_version=2)
    assert (m.unit, str(m.quarter), m.rows, m.optional, m.version) == ("ziyuan", "2023Q3", [1, 2], frozenset(), 1)
    with pytest.raises(BadMarker) as bad:
        parse_marker({**fields, "contact_cell": "C4; rm -rf"}, cat, max_version=2)
    assert "C4; rm -rf" in bad.value.what["zh"]
    with pytest.raises(BadMarker):
        parse_marker({**fields, "format": "other"}, cat, max_version=2)
