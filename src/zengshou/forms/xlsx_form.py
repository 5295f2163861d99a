"""Writing a unit's Excel form for a quarter.

Layout (sheet 落实进度, A4 landscape, one page wide, header row repeated on every page)::

    1  title                                                     (merged across)
    2  填报单位 · 季度 · 报送截止 · 邮箱                           (merged across)
    3  填写说明 (how to fill it in; names no command)             (merged across)
    4  填报人 [C] | 联系电话 [E] | 审核人（分管领导） [H…]
    5  序号 | 主要目标任务 | 具体落实措施 | 责任单位 | 落实进度 | 字数 | 进展 | (指标 | 数值)×k | 上季度（供参考）
    6… one row per task

Editable (unlocked, pale yellow): 落实进度, 进展 (a drop-down of the four values), each 数值
cell of a figure the unit reports (numeric validation; the locked 指标 cell beside it says what
is counted, the unit and whether it is this quarter's number, a running total or a share), and
the three people cells. 字数 is a formula: the count of :func:`zengshou.text.char_count` as
far as Excel formulas can go (see :data:`COUNT_FORMULA`); the 落实进度 validation uses the same
formula. 上季度（供参考） shows what the unit wrote last quarter, locked.

The sheet is protected without a password: it keeps clerks from editing tasks by accident, not
on purpose (Review → Unprotect Sheet needs no password). Rows and columns may still be resized.
Editable text cells are formatted as Text, so Excel keeps what is typed — ``=`` at the start,
long digit strings, dates — as text instead of turning it into a formula, number or date.

The hidden sheet ``_zengshou`` (key | value) holds the metadata import checks: format, version,
unit, quarter, rows, optional rows, fingerprint, the sheet name, the people cells and where the
status and figure cells are.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from zengshou import signoff
from zengshou.forms import (
    FORM_FORMAT,
    FORM_VERSION,
    H_COUNT,
    H_FIGURE,
    H_PREVIOUS,
    H_STATUS,
    H_VALUE,
    HEADERS,
    META_SHEET,
    SHEET,
    STATUSES,
    fingerprint,
)
from zengshou.quarters import Quarter

#: Where the sign-off fields go (zengshou.signoff.FIELDS, in order): three to a row from row 4,
#: each as (first label column, last label column, value column); the value cell in H reaches
#: to the sheet's last column.
PEOPLE_SLOTS = (("A", "B", "C"), ("D", "D", "E"), ("F", "G", "H"))
PEOPLE_ROW = 4
HEADER_ROW = PEOPLE_ROW + -(-len(signoff.FIELDS) // len(PEOPLE_SLOTS))
FIRST_ROW = HEADER_ROW + 1
PEOPLE_CELLS = {
    f.key: f"{PEOPLE_SLOTS[i % len(PEOPLE_SLOTS)][2]}{PEOPLE_ROW + i // len(PEOPLE_SLOTS)}"
    for i, f in enumerate(signoff.FIELDS)
}
WIDTHS = {"A": 5, "B": 12, "C": 30, "D": 18, "E": 44, "F": 6, "G": 9}  # Excel character units
FIGURE_WIDTHS = (16, 9)  # 指标 (label), 数值
PREVIOUS_WIDTH = 30
BODY_FONT, TITLE_FONT = "仿宋", "宋体"
LINE_PT = 15.0  # one line of 11 pt text
MIN_DATA_LINES = 5  # room to type in an empty progress cell

#: The characters the 字数 formula leaves out: tab, line feed, carriage return, and every
#: assigned character of the Basic Multilingual Plane that zengshou.text does not count
#: (spaces, U+3000, zero-width and direction controls, U+3164, variation selectors, …).
#: Characters beyond U+FFFF are two UTF-16 units to Excel and cannot be listed one by one.
BLANK_NAME = "zs_blank"
COUNT_FORMULA = 'IF({c}="",0,SUMPRODUCT(--ISERROR(FIND(MID({c},ROW(OFFSET($A$1,0,0,LEN({c}))),1),zs_blank))))'


def blank_chars() -> str:
    """The characters of :data:`BLANK_NAME` other than tab, LF and CR (derived, not listed by
    hand, so the form follows zengshou.text)."""
    from zengshou.text import char_count

    return "".join(
        chr(c)
        for c in range(0x20, 0x10000)
        if not 0xD800 <= c < 0xE000 and unicodedata.category(chr(c)) not in ("Cn", "Cc") and char_count(chr(c)) == 0
    )


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


def _figure_validation(ind):
    """Numeric data validation for one figure: whole numbers for counts, 0–100 for a share."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from zengshou.indicators import COUNT_UNITS
    from zengshou.writer import figure_label

    kind: Literal["decimal", "whole"]
    op: Literal["between", "greaterThanOrEqual"]
    if ind.unit == "%":
        kind, op, lo, hi, what = "decimal", "between", "0", "100", "0 到 100 之间的数（百分数，63 表示 63%）"
    elif ind.unit in COUNT_UNITS:
        kind, op, lo, hi, what = "whole", "greaterThanOrEqual", "0", None, "不小于 0 的整数"
    else:
        kind, op, lo, hi, what = "decimal", "greaterThanOrEqual", "0", None, "不小于 0 的数"
    label = figure_label(ind)
    return DataValidation(
        type=kind,
        operator=op,
        formula1=lo,
        formula2=hi,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="stop",
        promptTitle=H_VALUE,
        prompt=f"{label}。只填数字。"[:255],
        errorTitle="请填数字",
        error=f"{ind.name}：请填写{what}，不写单位和文字。"[:225],
    )


@dataclass(frozen=True)
class _Layout:
    """The sheet's columns: the fixed seven, a (指标, 数值) pair per figure slot, then 上季度."""

    widths: dict[str, float]
    fig_cols: list[tuple[str, str]]
    prev_col: str
    ncols: int

    @property
    def last(self) -> str:
        return self.prev_col


@dataclass(frozen=True)
class _Styles:
    box: Any
    body: Any
    grey: Any
    wrap_top: Any
    center: Any
    unlocked: Any
    editable_fill: Any  # pale yellow: "type here"
    reference_fill: Any  # light grey: for reference only


def _layout(slots: int) -> _Layout:
    from openpyxl.utils import get_column_letter

    widths: dict[str, float] = dict(WIDTHS)
    fig_cols: list[tuple[str, str]] = []
    for i in range(slots):
        label_col, value_col = get_column_letter(8 + 2 * i), get_column_letter(9 + 2 * i)
        widths[label_col], widths[value_col] = FIGURE_WIDTHS
        fig_cols.append((label_col, value_col))
    prev_col = get_column_letter(8 + 2 * slots)
    widths[prev_col] = PREVIOUS_WIDTH
    return _Layout(widths, fig_cols, prev_col, 8 + 2 * slots)


def _styles() -> _Styles:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="000000")
    return _Styles(
        box=Border(left=thin, right=thin, top=thin, bottom=thin),
        body=Font(name=BODY_FONT, size=11),
        grey=Font(name=BODY_FONT, size=10, color="595959"),
        wrap_top=Alignment(wrap_text=True, vertical="top"),
        center=Alignment(horizontal="center", vertical="center", wrap_text=True),
        unlocked=Protection(locked=False),
        editable_fill=PatternFill("solid", fgColor="FFFDE7"),
        reference_fill=PatternFill("solid", fgColor="F2F2F2"),
    )


def _heading(ws, cat, unit, q: Quarter, lay: _Layout, st: _Styles, *, figures: bool, optional: bool) -> None:
    """Rows 1-3: the title, the unit / quarter / deadline line and the filling-in note."""
    from openpyxl.styles import Alignment, Font

    plan, last, limit = cat.plan, lay.last, cat.plan.max_chars
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = f"{plan.short_title}重点任务清单落实进度（{q.label('zh')}）"
    ws["A1"].font = Font(name=TITLE_FONT, size=16, bold=True)
    ws["A1"].alignment = st.center
    ws.row_dimensions[1].height = 36

    ws.merge_cells(f"A2:{last}2")
    deadline = cat.deadline(q)
    ws["A2"] = (
        f"填报单位：{unit.name}　　季度：{q.label('zh')}　　"
        f"报送截止：{deadline.year}年{deadline.month}月{deadline.day}日"
        + (f"　　报送邮箱：{plan.mailbox}" if plan.mailbox else "")
    )
    ws["A2"].font = Font(name=BODY_FONT, size=12, bold=True)
    ws["A2"].alignment = Alignment(vertical="center", wrap_text=True)
    ws.row_dimensions[2].height = 24

    ws.merge_cells(f"A3:{last}3")
    labels = [f.label_zh for f in signoff.FIELDS]  # 填报人、联系电话和审核人（分管领导）
    people = "和".join(filter(None, ("、".join(labels[:-1]), labels[-1])))
    note = (
        f"填写说明：在黄色单元格填写。“落实进度”写本季度贯彻落实情况，写明做了什么、取得什么成效，每条不超过{limit}字，"
        "不写“无”“略”“同上”；单元格内换行按 Alt+Enter（WPS 同）。“字数”栏自动计算，与 Word/WPS 的“字符数（不计空格）”"
        "相同：空格和换行不计（表情符号等少数字符 Excel 会多计，以审核结果为准）。“进展”从下拉列表选择。"
        + ("有量化指标的任务，在“数值”栏只填数字（比例填百分数，63 表示 63%），“指标”栏写明填什么。" if figures else "")
        + "“上季度（供参考）”是本单位上季度的填报内容，请写本季度的新进展，不要照抄。"
        + f"最后填写{people}。其他单元格已锁定（工作表保护，无密码），请勿增删行或改动任务内容。"
        + ("标“（选填）”的任务本单位为配合单位，可不填。" if optional else "")
        + (f"填好后保存为 .xlsx，发送至 {plan.mailbox}。" if plan.mailbox else "填好后保存为 .xlsx 发回。")
    )
    ws["A3"] = note
    ws["A3"].font = Font(name=BODY_FONT, size=10)
    ws["A3"].alignment = Alignment(vertical="top", wrap_text=True)
    ws.row_dimensions[3].height = LINE_PT * lines_needed(note, sum(lay.widths.values()) * 1.05) + 6


def _people(ws, last: str, st: _Styles) -> None:
    """The sign-off fields under the note: 填报人 | 联系电话 | 审核人（分管领导）, each a bold label
    and an editable text cell (:data:`PEOPLE_CELLS`)."""
    from openpyxl.styles import Alignment, Font

    label_font = Font(name=BODY_FONT, size=11, bold=True)
    right = Alignment(horizontal="right", vertical="center", wrap_text=True)
    for i, field in enumerate(signoff.FIELDS):
        first, end, value = PEOPLE_SLOTS[i % len(PEOPLE_SLOTS)]
        row = PEOPLE_ROW + i // len(PEOPLE_SLOTS)
        if first != end:
            ws.merge_cells(f"{first}{row}:{end}{row}")
        c = ws[f"{first}{row}"]
        # a long label (审核人（分管领导）) breaks before its note
        c.value, c.font, c.alignment = field.label_zh.replace("（", "\n（") + "：", label_font, right
        if value == "H" and last != "H":
            ws.merge_cells(f"H{row}:{last}{row}")
        c = ws[f"{value}{row}"]
        c.font, c.protection, c.number_format, c.fill, c.border = st.body, st.unlocked, "@", st.editable_fill, st.box
        c.alignment = Alignment(vertical="center", wrap_text=True)
    for row in range(PEOPLE_ROW, HEADER_ROW):
        ws.row_dimensions[row].height = 32


def _table_header(ws, slots: int, st: _Styles) -> None:
    from openpyxl.styles import Font, PatternFill

    head_font = Font(name=TITLE_FONT, size=11, bold=True)
    head_fill = PatternFill("solid", fgColor="D9D9D9")
    heads = [*HEADERS, H_COUNT, H_STATUS]
    for i in range(slots):
        heads += [H_FIGURE if slots == 1 else f"{H_FIGURE}{i + 1}", H_VALUE if slots == 1 else f"{H_VALUE}{i + 1}"]
    heads.append(H_PREVIOUS)
    for i, text in enumerate(heads, 1):
        c = ws.cell(HEADER_ROW, i, text)
        c.font, c.alignment, c.border, c.fill = head_font, st.center, st.box, head_fill
    ws.row_dimensions[HEADER_ROW].height = 30


def _task_rows(ws, cat, rows, optional, previous, figs, lay: _Layout, st: _Styles) -> list:
    """One row per task: the locked task columns, the editable 落实进度 / 进展 / 数值 cells, the
    live 字数 formula, last quarter's text; the figure cells' validations are returned."""
    from openpyxl.styles import Font

    from zengshou.writer import figure_label

    figure_dvs: list = []
    for n, row in enumerate(rows):
        r = FIRST_ROW + n
        t = cat.task(row)
        m = cat.measures[t.measure]
        units = t.units_text or "、".join(t.units)
        if row in optional:
            units += "\n（本单位配合，选填）"
        before = previous.get(row) or ""
        values = (row, f"{m.id}. {m.title}", t.text, units, None)
        for col, v in enumerate(values, 1):
            c = ws.cell(r, col, v)
            c.font, c.border = st.body, st.box
            c.alignment = st.center if col == 1 else st.wrap_top
        p = ws.cell(r, 5)
        p.protection, p.number_format, p.fill = st.unlocked, "@", st.editable_fill
        count = ws.cell(r, 6, "=" + COUNT_FORMULA.format(c=f"E{r}"))
        count.font, count.border, count.alignment = st.body, st.box, st.center
        status = ws.cell(r, 7)
        status.font, status.border, status.alignment = st.body, st.box, st.center
        status.protection, status.number_format, status.fill = st.unlocked, "@", st.editable_fill
        for i, (label_col, value_col) in enumerate(lay.fig_cols):
            lc, vc = ws[f"{label_col}{r}"], ws[f"{value_col}{r}"]
            lc.border, vc.border = st.box, st.box
            inds = figs.get(row, [])
            if i < len(inds):
                lc.value, lc.font, lc.alignment = figure_label(inds[i]), Font(name=BODY_FONT, size=10), st.wrap_top
                vc.font, vc.alignment, vc.protection, vc.fill = st.body, st.center, st.unlocked, st.editable_fill
                dv = _figure_validation(inds[i])
                dv.add(f"{value_col}{r}")
                figure_dvs.append(dv)
        pc = ws[f"{lay.prev_col}{r}"]
        pc.value = before or None
        pc.font, pc.border, pc.alignment, pc.fill = st.grey, st.box, st.wrap_top, st.reference_fill
        need = max(
            lines_needed(values[1], lay.widths["B"]),
            lines_needed(values[2], lay.widths["C"]),
            lines_needed(values[3], lay.widths["D"]),
            lines_needed(before, PREVIOUS_WIDTH * 1.1),
            *(lines_needed(figure_label(ind), FIGURE_WIDTHS[0] * 1.1) for ind in figs.get(row, [])),
            MIN_DATA_LINES,
        )
        ws.row_dimensions[r].height = LINE_PT * need + 6
    return figure_dvs


def _validations(ws, limit: int, end: int, figure_dvs: list) -> None:
    """The length check on the progress cells (the 字数 formula, not Excel's LEN), the 进展
    drop-down list, then each figure cell's number check."""
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="custom",
        formula1=COUNT_FORMULA.format(c=f"E{FIRST_ROW}") + f"<={limit}",
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="stop",
        promptTitle="落实进度",
        prompt=(f"填写本季度贯彻落实情况，不超过{limit}字（空格和换行不计）。单元格内换行按 Alt+Enter。"),
        errorTitle=f"超过{limit}字",
        error=f"落实进度每条不超过{limit}字（空格和换行不计），请精简后再输入。",
    )
    dv.add(f"E{FIRST_ROW}:E{end}")
    ws.add_data_validation(dv)
    sv = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="stop",
        promptTitle=H_STATUS,
        prompt="从下拉列表选择：" + "、".join(STATUSES) + "。",
        errorTitle="请从列表选择",
        error="进展只能是：" + "、".join(STATUSES) + "。",
    )
    sv.add(f"G{FIRST_ROW}:G{end}")
    ws.add_data_validation(sv)
    for fdv in figure_dvs:
        ws.add_data_validation(fdv)


def _protect_and_print(wb, ws) -> None:
    """No password; resizing rows/columns stays allowed. A4 landscape, one page wide, the header
    row on every page."""
    from openpyxl.workbook.protection import WorkbookProtection

    from zengshou.xlsxutil import setup_print

    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    wb.security = WorkbookProtection(lockStructure=True)
    setup_print(
        ws,
        title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        freeze=f"A{FIRST_ROW}",
        footer="第 &P 页，共 &N 页",
        margins=(0.4, 0.4, 0.6, 0.9),
    )  # room for the page-number footer (LibreOffice clips a tighter one)
    ws.sheet_view.selection[0].activeCell = f"E{FIRST_ROW}"
    ws.sheet_view.selection[0].sqref = f"E{FIRST_ROW}"


def _metadata(wb, cat, unit_id: str, q: Quarter, rows, optional, figs, lay: _Layout) -> None:
    """The hidden, protected sheet the importer reads back (:mod:`zengshou.forms.marker`)."""
    meta = wb.create_sheet(META_SHEET)
    fig_meta = ";".join(f"{row}=" + ",".join(ind.id for ind in inds) for row, inds in figs.items())
    for key, value in (
        ("format", FORM_FORMAT),
        ("version", FORM_VERSION),
        ("unit", unit_id),
        ("quarter", str(q)),
        ("rows", ",".join(map(str, rows))),
        ("optional", ",".join(str(r) for r in rows if r in optional)),
        ("fingerprint", fingerprint(cat, rows)),
        ("sheet", SHEET),
        *((f"{k}_cell", v) for k, v in PEOPLE_CELLS.items()),
        ("status_col", "G"),
        ("figure_cols", ",".join(v for _, v in lay.fig_cols)),
        ("figures", fig_meta),
        ("columns", lay.ncols),
    ):
        meta.append([key, str(value)])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True


def build_form(
    cat,
    unit_id: str,
    quarter: Quarter | str,
    rows: list[int],
    optional: set[int] | None = None,
    previous: dict[int, str] | None = None,
):
    """The form as an openpyxl Workbook (not saved). ``previous``: row → last quarter's text
    (:func:`zengshou.forms.previous_texts`). Built section by section, top to bottom."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.worksheet import Worksheet

    from zengshou.forms import unit_figures

    q = Quarter.parse(str(quarter))
    optional = optional or set()
    previous = previous or {}
    figs = unit_figures(cat, unit_id, rows, q)
    slots = max((len(v) for v in figs.values()), default=0)
    lay, st = _layout(slots), _styles()

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new Workbook has one worksheet, and it is active
    ws.title = SHEET
    for letter, width in lay.widths.items():
        ws.column_dimensions[letter].width = width

    _heading(ws, cat, cat.by_id[unit_id], q, lay, st, figures=bool(slots), optional=bool(optional))
    _people(ws, lay.last, st)
    _table_header(ws, slots, st)
    wb.defined_names[BLANK_NAME] = DefinedName(BLANK_NAME, attr_text=_blank_formula())
    figure_dvs = _task_rows(ws, cat, rows, optional, previous, figs, lay, st)
    _validations(ws, cat.plan.max_chars, FIRST_ROW + len(rows) - 1, figure_dvs)
    _protect_and_print(wb, ws)
    _metadata(wb, cat, unit_id, q, rows, optional, figs, lay)
    return wb


def _blank_formula() -> str:
    return 'CHAR(9)&CHAR(10)&CHAR(13)&"' + blank_chars() + '"'


def form_bytes(
    cat,
    unit_id: str,
    quarter: Quarter | str,
    rows: list[int],
    optional: set[int] | None = None,
    previous: dict[int, str] | None = None,
) -> bytes:
    """The form as deterministic .xlsx bytes: the same inputs give the same file."""
    from zengshou.xlsxutil import save_workbook_deterministic

    return save_workbook_deterministic(build_form(cat, unit_id, quarter, rows, optional, previous))
