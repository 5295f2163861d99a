"""Writing a unit's Excel form for a quarter.

Layout (sheet 落实进度, A4 landscape, one page wide, header row repeated on every page)::

    1  title                                             (merged A:E)
    2  填报单位 · 季度 · 报送截止 · 邮箱                   (merged A:E)
    3  说明 (how to fill it in)                          (merged A:E)
    4  联系人及电话 (merged A:B) | [editable C]
    5  序号 | 主要目标任务 | 具体落实措施 | 责任单位 | 落实进度
    6… one row per task; only 落实进度 is editable

The sheet is protected without a password: it keeps clerks from editing tasks by accident, not
on purpose (Review → Unprotect Sheet needs no password). Rows and columns may still be resized.
Editable cells are formatted as Text, so Excel keeps what is typed — ``=`` at the start, long
digit strings, dates — as text instead of turning it into a formula, number or date.

The hidden sheet ``_zengshou`` (key | value) holds the metadata import checks: format, version,
unit, quarter, rows, optional rows, fingerprint, the sheet name and the contact cell.
"""

from __future__ import annotations

import unicodedata

from zengshou.forms import FORM_FORMAT, FORM_VERSION, HEADERS, META_SHEET, SHEET, fingerprint
from zengshou.quarters import Quarter

HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
CONTACT_CELL = "C4"
WIDTHS = {"A": 6, "B": 20, "C": 46, "D": 22, "E": 62}  # Excel character units
BODY_FONT, TITLE_FONT = "仿宋", "宋体"
LINE_PT = 15.0  # one line of 11 pt text
MIN_DATA_LINES = 5  # room to type in an empty progress cell


def cells(s: str) -> int:
    """Display width: CJK (wide) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def lines_needed(text: str, width: float) -> int:
    per_line = max(1.0, width * 0.95)
    return sum(max(1, -(-cells(part) // int(per_line))) for part in (text or "").split("\n"))


def form_rows(cat, unit_id: str, quarter: Quarter, all_rows: bool = False) -> tuple[list[int], set[int]]:
    """The rows of ``unit_id``'s form and which of them are optional (participating only).

    Required rows as :meth:`Catalog.required_rows` says; with ``all_rows`` (or when the unit is
    only ever a participant) the participating rows too, marked optional.
    """
    required = cat.required_rows(unit_id, quarter)
    if not all_rows and required:
        return list(required), set()
    roles = cat.roles(unit_id, quarter)
    return sorted(roles), {r for r in roles if r not in required}


def build_form(cat, unit_id: str, quarter: Quarter | str, rows: list[int], optional: set[int] | None = None):
    """The form as an openpyxl Workbook (not saved)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation
    from zengshou.xlsxutil import setup_print

    q = Quarter.parse(str(quarter))
    optional = optional or set()
    u = cat.by_id[unit_id]
    plan = cat.plan
    limit = plan.max_chars

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=BODY_FONT, size=11)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    unlocked = Protection(locked=False)
    editable_fill = PatternFill("solid", fgColor="FFFDE7")  # pale yellow: "type here"

    for col, width in WIDTHS.items():
        ws.column_dimensions[col].width = width

    # ---- heading
    ws.merge_cells("A1:E1")
    ws["A1"] = f"{plan.short_title}重点任务清单落实进度（{q.label('zh')}）"
    ws["A1"].font = Font(name=TITLE_FONT, size=16, bold=True)
    ws["A1"].alignment = center
    ws.row_dimensions[1].height = 36

    ws.merge_cells("A2:E2")
    deadline = cat.deadline(q)
    ws["A2"] = (f"填报单位：{u.name}　　季度：{q.label('zh')}（{q}）　　"
                f"报送截止：{deadline.year}年{deadline.month}月{deadline.day}日"
                + (f"　　报送邮箱：{plan.mailbox}" if plan.mailbox else ""))
    ws["A2"].font = Font(name=BODY_FONT, size=12, bold=True)
    ws["A2"].alignment = Alignment(vertical="center", wrap_text=True)
    ws.row_dimensions[2].height = 24

    ws.merge_cells("A3:E3")
    note = (f"填写说明：只在黄色的“落实进度”栏填写本季度贯彻落实情况，写明做了什么、取得什么成效，每条不超过{limit}字"
            f"（Excel 计入空格和换行，导入时不计），不写“无”“略”“同上”。单元格内换行按 Alt+Enter（WPS 同）。"
            "其他单元格已锁定（工作表保护，无密码），请勿增删行或改动任务内容。"
            + ("标“（选填）”的任务本单位为配合单位，可不填。" if optional else "")
            + "填好后保存为 .xlsx 发回，由汇总人员导入（zengshou import）。")
    ws["A3"] = note
    ws["A3"].font = Font(name=BODY_FONT, size=10)
    ws["A3"].alignment = Alignment(vertical="top", wrap_text=True)
    ws.row_dimensions[3].height = LINE_PT * lines_needed(note, sum(WIDTHS.values()) * 1.05) + 6

    ws.merge_cells("A4:B4")
    ws["A4"] = "联系人及电话："
    ws["A4"].font = Font(name=BODY_FONT, size=11, bold=True)
    ws["A4"].alignment = Alignment(horizontal="right", vertical="center")
    c = ws[CONTACT_CELL]
    c.font, c.protection, c.number_format, c.fill, c.border = body, unlocked, "@", editable_fill, box
    c.alignment = Alignment(vertical="center", wrap_text=True)
    ws.row_dimensions[4].height = 30

    # ---- table
    head_font = Font(name=TITLE_FONT, size=11, bold=True)
    head_fill = PatternFill("solid", fgColor="D9D9D9")
    for i, text in enumerate(HEADERS, 1):
        c = ws.cell(HEADER_ROW, i, text)
        c.font, c.alignment, c.border, c.fill = head_font, center, box, head_fill
    ws.row_dimensions[HEADER_ROW].height = 24

    for n, row in enumerate(rows):
        r = FIRST_ROW + n
        t = cat.task(row)
        m = cat.measures[t.measure]
        units = t.units_text or "、".join(t.units)
        if row in optional:
            units += "\n（本单位配合，选填）"
        values = (row, f"{m.id}. {m.title}", t.text, units, None)
        for col, v in enumerate(values, 1):
            c = ws.cell(r, col, v)
            c.font, c.border = body, box
            c.alignment = center if col == 1 else wrap_top
        p = ws.cell(r, 5)
        p.protection, p.number_format, p.fill = unlocked, "@", editable_fill
        need = max(lines_needed(values[1], WIDTHS["B"]), lines_needed(values[2], WIDTHS["C"]),
                   lines_needed(values[3], WIDTHS["D"]), MIN_DATA_LINES)
        ws.row_dimensions[r].height = LINE_PT * need + 6
    last = FIRST_ROW + len(rows) - 1

    # ---- length check on the progress cells (Excel counts every character)
    dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(limit), allow_blank=True,
                        showInputMessage=True, showErrorMessage=True, errorStyle="stop",
                        promptTitle="落实进度", prompt=(f"填写本季度贯彻落实情况，不超过{limit}字。"
                                                      "单元格内换行按 Alt+Enter。"),
                        errorTitle=f"超过{limit}字",
                        error=f"落实进度每条不超过{limit}字（含空格和换行），请精简后再输入。")
    dv.add(f"E{FIRST_ROW}:E{last}")
    ws.add_data_validation(dv)

    # ---- protection: no password; resizing rows/columns stays allowed
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    wb.security = WorkbookProtection(lockStructure=True)

    # ---- print: A4 landscape, one page wide, header row on every page
    setup_print(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{FIRST_ROW}", footer="第 &P 页，共 &N 页",
                margins=(0.4, 0.4, 0.6, 0.9))  # room for the page-number footer (LibreOffice clips a tighter one)
    ws.sheet_view.selection[0].activeCell = f"E{FIRST_ROW}"
    ws.sheet_view.selection[0].sqref = f"E{FIRST_ROW}"

    # ---- metadata
    meta = wb.create_sheet(META_SHEET)
    for key, value in (("format", FORM_FORMAT), ("version", FORM_VERSION), ("unit", unit_id), ("quarter", str(q)),
                       ("rows", ",".join(map(str, rows))), ("optional", ",".join(str(r) for r in rows if r in optional)),
                       ("fingerprint", fingerprint(cat, rows)), ("sheet", SHEET), ("contact_cell", CONTACT_CELL)):
        meta.append([key, str(value)])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    return wb


def form_bytes(cat, unit_id: str, quarter: Quarter | str, rows: list[int], optional: set[int] | None = None) -> bytes:
    """The form as deterministic .xlsx bytes: the same inputs give the same file."""
    from zengshou.xlsxutil import save_workbook_deterministic

    return save_workbook_deterministic(build_form(cat, unit_id, quarter, rows, optional))
