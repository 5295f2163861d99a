"""Deterministic .xlsx bytes: the helper the forms and the merged report share."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import openpyxl

from zengshou.xlsxutil import EPOCH, normalize_xlsx, save_workbook_deterministic, write_workbook


def _wb(text: str = "落实进度"):
    wb = openpyxl.Workbook()
    wb.active["A1"] = text
    wb.properties.created = datetime(2030, 5, 6, 7, 8, 9)  # whatever a caller left there is replaced
    return wb


def test_same_content_same_bytes_and_fixed_times():
    a = save_workbook_deterministic(_wb())
    b = save_workbook_deterministic(_wb())
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert z.namelist()[1:] == sorted(z.namelist()[1:])
        assert {i.date_time for i in z.infolist()} == {(2022, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2022-01-01T00:00:00Z") == 2
    wb = openpyxl.load_workbook(io.BytesIO(a))
    assert wb.active["A1"].value == "落实进度"
    assert wb.properties.modified == EPOCH


def test_different_content_or_time_differs(tmp_path):
    assert save_workbook_deterministic(_wb("甲")) != save_workbook_deterministic(_wb("乙"))
    when = datetime(2023, 7, 1, 12, 0, 0)
    data = write_workbook(tmp_path / "x.xlsx", _wb(), when)
    assert (tmp_path / "x.xlsx").read_bytes() == data
    assert normalize_xlsx(data, when) == data  # idempotent
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "2023-07-01T12:00:00Z" in z.read("docProps/core.xml").decode()
