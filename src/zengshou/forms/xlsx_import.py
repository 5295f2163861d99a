"""Reading filled-in forms back and turning them into submission files.

Two layouts are read:

* a **form** made by ``zengshou template``: the hidden ``_zengshou`` sheet says whose it is, for
  which quarter, and which rows it had (with a fingerprint of their texts);
* the **plan's own table** (序号 | 主要目标任务 | 具体落实措施 | 落实进度 | 责任单位), as units fill it
  in today, when the caller says whose it is and for which quarter. The header row is found by
  its cell texts (there may be a title row above it); merged measure cells are fine.

Everything is checked before anything is written; problems come back as F8xx findings pointing
at ``sheet!cell``. The text is kept exactly as typed, with one exception: a carriage return
(``\\r\\n`` or a lone ``\\r``, which Excel stores as ``_x000D_``) becomes ``\\n``. Excel's own line
break (Alt+Enter) is ``\\n``; a CR only arrives by pasting from elsewhere, is invisible in the
cell, and cannot be kept in a YAML literal block. Nothing else is changed — inner and
surrounding spaces, full-width punctuation, emoji and a leading ``=`` all stay.

Reading never evaluates anything: openpyxl parses the XML through defusedxml (a dependency, so
entity-expansion and external-entity tricks are refused), the file size and the unpacked size
are checked before it is opened, and formulas are reported, not computed.
"""

from __future__ import annotations

import difflib
import re
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from zengshou import signoff
from zengshou.forms import (
    FORM_VERSION,
    H_PROGRESS,
    H_ROW,
    H_TASK,
    META_SHEET,
)
from zengshou.forms.imported import ImportedForm, check_form_identity
from zengshou.forms.package import OLE2_MAGIC, ZIP_MAGIC, read_head, unpacks_too_big
from zengshou.i18n import both
from zengshou.quarters import Quarter
from zengshou.text import char_count, squash
from zengshou.yamlout import no_suppression, scalar, text_value

HEADER_SCAN_ROWS = 30


def _norm_header(v) -> str:
    return re.sub(r"\s+", "", str(v)) if v is not None else ""


def _row_number(v) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v if v > 0 else None
    if isinstance(v, float) and v.is_integer() and v > 0:
        return int(v)
    if isinstance(v, str) and re.fullmatch(r"\s*[1-9]\d{0,3}\s*", v):
        return int(v)
    return None


_XML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CELL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def decode_excel_escapes(s: str) -> str:
    """Excel writes characters XML cannot hold as ``_xHHHH_`` (a pasted CR is ``_x000D_``) and a
    literal ``_x`` sequence as ``_x005F_x…``; openpyxl keeps them as typed. One pass decodes
    both, so ``_x005F_x000D_`` stays the text ``_x000D_``."""
    if "_x" not in s:
        return s
    return _XML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), s)


def normalize_text(s: str) -> str:
    """The one change made to typed text: Excel's ``_xHHHH_`` escapes decoded, then carriage
    returns become line feeds."""
    s = decode_excel_escapes(s)
    return s.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- the file itself


def _check_file(imp: ImportedForm) -> bool:
    """Name, size and magic bytes, before the file is opened as a workbook."""
    path = imp.path
    head = read_head(imp, lambda e: imp.add("F807", error=both("form.err.os")))
    if head is None:
        return False
    if head.startswith(OLE2_MAGIC):
        imp.add("F802")
        return False
    if not head.startswith(ZIP_MAGIC):
        imp.add("F803", what=_sniff(head))
        return False
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        imp.add("F803", what=both("form.err.zip"))
        return False
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            what = both("what.is_word")
        elif any(n.startswith("ppt/") for n in names):
            what = both("what.is_powerpoint")
        elif not names:
            what = both("what.empty_zip")
        else:
            what = both("what.no_workbook")
        imp.add("F806", what=what)
        return False
    return not unpacks_too_big(imp, infos)


def _sniff(head: bytes) -> dict[str, str]:
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if h.startswith(b"%pdf"):
        return both("what.looks_pdf")
    if h.startswith(b"<"):
        return both("what.looks_html")
    if h.startswith(b"{\\rtf"):
        return both("what.looks_rtf")
    import codecs

    if b"\x00" not in head:
        for enc in ("utf-8", "gb18030"):  # Excel saves CSV in the ANSI code page: GBK on Chinese Windows
            try:
                codecs.getincrementaldecoder(enc)().decode(head, final=False)
                return both("what.looks_text")
            except UnicodeDecodeError:
                continue
    return both("what.unrecognised")


def _open(imp: ImportedForm):
    """The workbook, opened from a file object: openpyxl refuses names it does not know
    (``.et``, ``．xlsx``, no suffix), and the content has been checked already."""
    import openpyxl

    try:
        with warnings.catch_warnings(), imp.path.open("rb") as fh:
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops; irrelevant here
            return openpyxl.load_workbook(fh, data_only=False)
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds (KeyError, XML errors, …) on damaged packages
        imp.add("F807", error=both("form.err.workbook"))
        return None


# ---------------------------------------------------------------- metadata


def _metadata(imp: ImportedForm, wb, cat) -> dict | None:
    """The hidden sheet's key/value rows, checked by :func:`zengshou.forms.marker.parse_marker`
    (the same parse as the Word form's), plus the Excel-only check that the task sheet exists."""
    from zengshou.forms.marker import BadMarker, parse_marker

    ws = wb[META_SHEET]
    fields: dict[str, str] = {}
    for a, b in ws.iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
        if isinstance(a, str):
            fields[a.strip()] = "" if b is None else str(b).strip()
    try:
        marker = parse_marker(fields, cat, max_version=FORM_VERSION)
        if not marker.sheet or marker.sheet not in wb.sheetnames:
            raise BadMarker("marker.no_sheet")
    except BadMarker as e:
        imp.add("F825", sheet=META_SHEET, what=e.what)
        return None
    return marker.meta()


# ---------------------------------------------------------------- the table


def _find_header(ws) -> tuple[int, dict[str, int]] | None:
    for r, values in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, values_only=True), 1):
        cols: dict[str, int] = {}
        for c, v in enumerate(values, 1):
            t = _norm_header(v)
            if t and t not in cols:
                cols[t] = c
        if all(h in cols for h in (H_ROW, H_TASK, H_PROGRESS)):
            return r, cols
    return None


def _cell_text(imp: ImportedForm, ws, cell, row: int | None, *, what: str) -> str | None:
    """A cell's text, or None after reporting why it is not text (formula, number, date, error)."""
    v = cell.value
    ref = f"{ws.title}!{cell.coordinate}"
    if v is None:
        return ""
    if cell.data_type == "f":
        formula = getattr(v, "text", v)  # ArrayFormula keeps its text in .text
        imp.add("F818", cell.row, cell.column, row=row if row is not None else "-", cell=ref, formula=str(formula)[:60])
        return None
    if cell.data_type == "e":
        imp.add("F819", cell.row, cell.column, cell=ref, kind=both("kind.cell.error"), value=str(v))
        return None
    if isinstance(v, str):
        text = normalize_text(v)
        bad = _CELL_CONTROL.search(text)
        if bad is not None:
            imp.add("F826", cell.row, cell.column, cell=ref, char=f"U+{ord(bad.group()):04X}")
            return None
        return text
    if isinstance(v, (datetime, date, time, timedelta)):
        kind = both("kind.cell.date")
    elif isinstance(v, bool):
        kind = both("kind.cell.bool")
    else:
        kind = both("kind.cell.number")
    imp.add("F819", cell.row, cell.column, cell=ref, kind=kind, value=str(v), what=what)
    return None


def read_form(
    path: Path, cat, *, unit_id: str | None = None, quarter: Quarter | None = None, display: str | None = None
) -> ImportedForm:
    """Read and check one workbook. ``unit_id``/``quarter`` are what the user said (optional
    for forms, required for the plan's table)."""
    imp = ImportedForm(Path(path), display or str(path))
    if not _check_file(imp):
        return imp
    wb = _open(imp)
    if wb is None:
        return imp
    try:
        return _read(imp, wb, cat, unit_id, quarter)
    finally:
        wb.close()


_HEADER_UNIT = re.compile(r"填报单位[：:]\s*([^\s　]+)")


def _check_header_unit(imp: ImportedForm, ws, cat, meta_unit: str) -> None:
    """The hidden sheet names the unit; the visible header (``填报单位：…``, row 2 of a form)
    must agree, or a tampered hidden sheet would file the form under another unit (F827). A
    header with no 填报单位 line is F827 too: then nothing visible says whose form it is."""
    for row in ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, max_col=8):
        for cell in row:
            m = _HEADER_UNIT.search(cell.value) if isinstance(cell.value, str) else None
            if m is None:
                continue
            named = cat.resolve(m.group(1))
            ok = named is not None and (named.id == meta_unit or cat.by_id[meta_unit].name == named.name)
            if not ok:
                imp.add(
                    "F827",
                    cell.row,
                    cell.column,
                    sheet=META_SHEET,
                    meta_unit=cat.by_id[meta_unit].name,
                    header_unit=m.group(1)[:40],
                    cell=f"{ws.title}!{cell.coordinate}",
                )
            return
    # no 填报单位 line at all: the header was cleared or rewritten, so nothing visible confirms
    # whose form this is (the Word reader answers the same case with F841)
    imp.add(
        "F827",
        2,
        1,
        sheet=META_SHEET,
        meta_unit=cat.by_id[meta_unit].name,
        header_unit=both("form.header_unit_missing"),
        cell=f"{ws.title}!A2",
    )


def _used_rows(ws, after: int, cols: tuple[int, ...]) -> list[int]:
    """Rows below ``after`` with a value in one of ``cols``, from the cells the sheet really has.

    ``ws.max_row`` counts a formatted but empty cell at row 1,048,576; walking every row up to
    it (and creating a cell object per lookup) took 21 s and 784 MB for a 20 KB form."""
    return sorted({r for (r, c), cell in list(ws._cells.items()) if r > after and c in cols and cell.value is not None})


def _read(imp: ImportedForm, wb, cat, unit_id, quarter) -> ImportedForm:
    """Read the workbook's progress table into ``imp``, in the order a reader would check it:
    whose and which quarter it is, where the header is, the merged cells, the rows and their
    order, the text, then the form's contact and extras. Findings come in this order, and that
    order is what the user sees."""
    start = _identify(imp, wb, cat, unit_id, quarter)
    if start is None:
        return imp
    meta, sheets = start

    found = None
    for ws in sheets:
        h = _find_header(ws)
        if h is not None:
            found = (ws, *h)
            break
    if found is None:
        imp.add("F812", sheet=sheets[0].title if sheets else "-")
        return imp
    ws, header_row, cols = found
    c_row, c_task, c_prog = cols[H_ROW], cols[H_TASK], cols[H_PROGRESS]

    used = _used_rows(ws, header_row, (c_row, c_task, c_prog))
    _check_merged(imp, ws, header_row, used, c_row, c_prog)
    entries = _sheet_entries(imp, ws, used, meta, c_row, c_task, c_prog)
    _check_rows(imp, ws, cat, meta, entries, c_row, c_task)
    firsts = _take_progress(imp, cat, meta, entries, c_prog)

    if meta is not None and meta["contact_cell"]:
        _read_contact(imp, ws, meta["contact_cell"])
    if meta is not None:
        _read_extras(imp, ws, meta["raw"], {seq: sheet_row for seq, (_, _, sheet_row) in firsts.items()})
    return imp


def _identify(imp: ImportedForm, wb, cat, unit_id, quarter) -> tuple[dict | None, list] | None:
    """Whose workbook, for which quarter, and which sheets to look in: a form says so in its
    hidden sheet (checked against --unit, --quarter and its own header line), a plain table
    needs --unit and --quarter (F808) and is looked for on its visible sheets. Returns (the
    form's marker or None, the sheets), or None when the import stops here."""
    meta = None
    if META_SHEET in wb.sheetnames:
        meta = _metadata(imp, wb, cat)
        if meta is None:
            return None
        imp.kind = "form"
        check_form_identity(imp, cat, meta, unit_id, quarter)
        _check_header_unit(imp, wb[meta["sheet"]], cat, meta["unit"])
        if imp.refused:
            return None
        sheets = [wb[meta["sheet"]]]
    else:
        if not (unit_id and quarter):
            imp.add("F808", sheet=META_SHEET)
            return None
        imp.kind = "table"
        imp.unit_id, imp.quarter = unit_id, quarter
        sheets = [ws for ws in wb.worksheets if ws.sheet_state == "visible"] or list(wb.worksheets)
    return meta, sheets


def _check_merged(imp: ImportedForm, ws, header_row: int, used: list[int], c_row: int, c_prog: int) -> None:
    """Merged cells in the progress column are fine only across a heading row that has no 序号:
    text merged over several tasks, or over one task's rows, cannot be told apart (F817)."""
    for mr in sorted(ws.merged_cells.ranges, key=lambda m: (m.min_row, m.min_col)):
        if mr.max_row <= header_row or not (mr.min_col <= c_prog <= mr.max_col):
            continue
        numbered = any(_row_number(ws.cell(r, c_row).value) for r in used if mr.min_row <= r <= mr.max_row)
        if mr.max_row > mr.min_row or numbered:
            imp.add("F817", mr.min_row, c_prog, range=f"{ws.title}!{mr.coord}")


def _sheet_entries(
    imp: ImportedForm, ws, used: list[int], meta: dict | None, c_row: int, c_task: int, c_prog: int
) -> list[tuple[int, int, str, str | None, str]]:
    """Each numbered row's (sheet row, task row, task text, progress, ref), in sheet order. A row
    without a 序号 that has progress, or (on a form) a task text, is F814: it is not one of the
    rows that are read, and its text would be lost without a word."""
    entries: list[tuple[int, int, str, str | None, str]] = []  # (sheet row, task row, task text, progress, ref)
    for r in used:
        seq_v = ws.cell(r, c_row).value
        task_v = ws.cell(r, c_task).value
        pcell = ws.cell(r, c_prog)
        seq = _row_number(seq_v)
        ref = f"{ws.title}!{pcell.coordinate}"
        if seq is None:
            if pcell.value is not None and str(pcell.value).strip():
                imp.add(
                    "F814",
                    r,
                    c_prog,
                    sheet_row=r,
                    what=both("what.progress_no_seq", ref=ref),
                )
            elif meta is not None and task_v is not None and str(task_v).strip():
                imp.add(
                    "F814",
                    r,
                    c_task,
                    sheet_row=r,
                    what=both("what.not_form_row"),
                )
            continue
        text = _cell_text(imp, ws, pcell, seq, what="progress")
        entries.append((r, seq, "" if task_v is None else str(task_v), text, ref))
    return entries


def _check_rows(imp: ImportedForm, ws, cat, meta: dict | None, entries: list, c_row: int, c_task: int) -> None:
    """The task rows against the task list and, on a form, against the form's own rows: a task
    twice or not on the form (F814), an edited task text (F816), rows deleted (F813) or moved
    (F815)."""
    seen: dict[int, int] = {}
    for sheet_row, seq, task_text, _, _ in entries:
        if seq in seen:
            imp.add(
                "F814",
                sheet_row,
                c_row,
                sheet_row=sheet_row,
                what=both("what.task_repeated", seq=seq, first=seen[seq]),
            )
            continue
        seen[seq] = sheet_row
        t = cat.task(seq)
        expected = meta["rows"] if meta else None
        if t is None or (expected is not None and seq not in expected):
            imp.add(
                "F814",
                sheet_row,
                c_row,
                sheet_row=sheet_row,
                what=both("what.task_not_on_form", seq=seq),
            )
            continue
        if squash(task_text) != squash(t.text):
            imp.add("F816", sheet_row, c_task, row=seq, cell=f"{ws.title}!{ws.cell(sheet_row, c_task).coordinate}")
    if meta is not None:
        missing = [r for r in meta["rows"] if r not in seen]
        if missing:
            imp.add("F813", rows={"zh": "、".join(map(str, missing)), "en": ", ".join(map(str, missing))})
        order = [seq for _, seq, *_ in entries if seq in meta["rows"]]
        expected_order = [r for r in meta["rows"] if r in seen]
        if not missing and order != expected_order:
            i = next(i for i, (a, b) in enumerate(zip(order, expected_order, strict=False)) if a != b)
            sheet_row = next(e[0] for e in entries if e[1] == order[i])
            imp.add("F815", sheet_row, c_row, sheet_row=sheet_row, row=order[i])


def _take_progress(
    imp: ImportedForm, cat, meta: dict | None, entries: list, c_prog: int
) -> dict[int, tuple[str | None, str, int]]:
    """Take each task's progress text (its first row when it appears twice), in task order: too
    long is F820; a row goes into the submission when it says something or must be reported;
    nothing filled at all is F821 (unless the cells were already unreadable). Returns each
    task's (text, ref, sheet row)."""
    limit = cat.plan.max_chars
    firsts: dict[int, tuple[str | None, str, int]] = {}
    for sheet_row, seq, _, text, ref in entries:
        firsts.setdefault(seq, (text, ref, sheet_row))
    filled = 0
    optional = meta["optional"] if meta else set()
    required = set(cat.required_rows(imp.unit_id, imp.quarter)) if imp.unit_id else set()
    for seq in sorted(firsts):
        text, ref, sheet_row = firsts[seq]
        if text is None:
            continue
        if text.strip():
            filled += 1
            n = char_count(text)
            if n > limit:
                imp.add("F820", sheet_row, c_prog, row=seq, cell=ref, count=n, limit=limit, over=n - limit)
        if cat.task(seq) is None:
            continue
        if text.strip() or (seq in required and seq not in optional) or (meta is not None and seq not in optional):
            imp.items.append((seq, text))
            imp.cells[seq] = ref
    if filled == 0 and not any(f.code in ("F818", "F819", "F826") for f in imp.findings):
        imp.add("F821")
    return firsts


def _read_contact(imp: ImportedForm, ws, contact_cell: str) -> None:
    """The form's contact cell: a number typed as a number is a phone number (kept without a
    trailing .0), anything else is text with its spaces closed up."""
    try:
        cc = ws[contact_cell]
    except (ValueError, KeyError):
        cc = None
    if cc is not None and cc.value is not None:
        if isinstance(cc.value, (int, float)) and not isinstance(cc.value, bool) and cc.data_type == "n":
            imp.contact = str(int(cc.value)) if float(cc.value).is_integer() else str(cc.value)  # a phone number
        else:
            t = _cell_text(imp, ws, cc, None, what="contact")
            imp.contact = " ".join(t.split()) if t else None


# ---------------------------------------------------------------- version 2: status, figures, people

PEOPLE = signoff.keys()


def _form_extras(raw: dict[str, str]) -> dict:
    """Where a version-2 form keeps 进展, the figures and the people cells (from ``_zengshou``).
    Anything unreadable is simply absent: those cells are then not read."""

    def col(v: str) -> str | None:
        return v if re.fullmatch(r"[A-Z]{1,3}", v or "") else None

    figures: dict[int, list[str]] = {}
    for part in (raw.get("figures") or "").split(";"):
        row, _, ids = part.partition("=")
        if re.fullmatch(r"[1-9]\d{0,3}", row.strip()):
            figures[int(row)] = [i.strip() for i in ids.split(",") if re.fullmatch(r"[a-z][a-z0-9_]*", i.strip())]
    cells = {k: raw.get(f"{k}_cell", "") for k in PEOPLE}
    return {
        "status_col": col(raw.get("status_col", "")),
        "figures": figures,
        "figure_cols": [c for c in (col(x.strip()) for x in (raw.get("figure_cols") or "").split(",")) if c],
        "people": {k: v for k, v in cells.items() if re.fullmatch(r"[A-Z]{1,3}[1-9]\d{0,6}", v)},
    }


def _read_extras(imp: ImportedForm, ws, raw: dict[str, str], sheet_rows: dict[int, int]) -> None:
    """进展, figures and the people cells of a version-2 form, each kept as typed (a number as
    its digits); bad values are left for the checks of the written file (schema, F7xx)."""
    ex = _form_extras(raw)
    for key, ref in ex["people"].items():
        c = ws[ref]
        if c.value is None:
            continue
        if isinstance(c.value, (int, float)) and not isinstance(c.value, bool) and c.data_type == "n":
            imp.people[key] = _number_text(c.value)  # a phone number typed as a number
        else:
            t = _cell_text(imp, ws, c, None, what=key)
            if t and t.strip():
                imp.people[key] = " ".join(t.split())
    items = {row for row, _ in imp.items}
    for seq, sheet_row in sheet_rows.items():
        if seq not in items:
            continue
        if ex["status_col"]:
            c = ws[f"{ex['status_col']}{sheet_row}"]
            t = _cell_text(imp, ws, c, seq, what="status") if c.value is not None else None
            if t and t.strip():
                imp.statuses[seq] = t.strip()
        for ind_id, value_col in zip(ex["figures"].get(seq, []), ex["figure_cols"], strict=False):
            c = ws[f"{value_col}{sheet_row}"]
            v = _figure_value(imp, ws, c, seq)
            if v is not None:
                imp.figures.setdefault(seq, {})[ind_id] = v


def _figure_value(imp: ImportedForm, ws, c, seq: int) -> str | None:
    """A figure cell as the number typed: 2990, 63.5. A cell shown as a percentage (the clerk
    typed ``63%``, which Excel stores as 0.63) gives 63. Text is kept as typed for the figure
    checks to judge; a formula or a date is reported as for the text cells."""
    v = c.value
    if v is None:
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool) and c.data_type == "n":
        if "%" in re.sub(r'"[^"]*"|\\.', "", c.number_format or ""):
            v = round(v * 100, 10)
        return _number_text(v)
    t = _cell_text(imp, ws, c, seq, what="figure")
    return t.strip() or None if t is not None else None


def _number_text(v: int | float) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v) if isinstance(v, int) else repr(v)


# ---------------------------------------------------------------- the submission file

_HOW = {
    "form": "Excel 表单",
    "table": "方案原表（Excel）",
    "docx-form": "Word 表单",
    "docx-table": "方案原表（Word）",
    "yaml": "报送文件",
}


def render_submission(cat, imp: ImportedForm, submitted: date | None = None) -> str:
    """The submission file for an imported form (deterministic: same form, same text).

    ``submitted`` (the --submitted option) is used when the form itself carries no date
    (``imp.submitted``, which mail intake sets from the message)."""
    u = cat.by_id[imp.unit_id]
    submitted = imp.submitted or submitted
    lines = [
        f"# 由 zengshou import 从{_HOW.get(imp.kind, '表单')}导入：{no_suppression(scalar(imp.path.name))}",
        "# 修改请改表单后重新导入（zengshou import --force），或直接编辑本文件。",
        f"unit: {scalar(u.name)}",
        f"quarter: {imp.quarter}",
    ]
    if submitted is not None:
        lines.append(f"submitted: {submitted.isoformat()}")
    if imp.contact:
        lines.append(f"contact: {scalar(imp.contact)}")
    lines += [f"{k}: {scalar(imp.people[k])}" for k in PEOPLE if imp.people.get(k)]
    if imp.source:
        lines.append("source:")
        lines += [f"  {k}: {scalar(v)}" for k, v in imp.source.items() if v is not None]
    lines.append("items:")
    for row, text in imp.items:
        lines.append(f"  - task: {row}")
        lines.append(f"    progress: {text_value(text, 6, block=True)}")
        lines += _item_extras(imp, row)
        if row in imp.notes:
            lines.append(f"    note: {text_value(imp.notes[row], 6)}")
    return "\n".join(lines) + "\n"


def _item_extras(imp: ImportedForm, row: int) -> list[str]:
    """The ``status`` and ``figures`` lines of one imported item (numbers plain, text quoted)."""
    out = [f"    status: {scalar(imp.statuses[row])}"] if row in imp.statuses else []
    if imp.figures.get(row):
        out.append("    figures:")
        out += [
            f"      {k}: {v if re.fullmatch(r'[0-9]+(?:[.][0-9]+)?', str(v)) else scalar(str(v))}"
            for k, v in imp.figures[row].items()
        ]
    return out


def read_any(
    path: Path, cat, *, unit_id: str | None = None, quarter: Quarter | None = None, display: str | None = None
) -> ImportedForm:
    """Read a Word or Excel file, chosen by its content (a .docx renamed .xlsx still reads)."""
    from zengshou.forms.docx_package import sniff

    if sniff(path) == "docx":
        from zengshou.forms.docx_import import read_docx

        return read_docx(path, cat, unit_id=unit_id, quarter=quarter, display=display)
    return read_form(path, cat, unit_id=unit_id, quarter=quarter, display=display)


# ---------------------------------------------------------------- importing a batch


@dataclass
class Outcome:
    form: ImportedForm
    target: Path | None = None
    target_display: str = ""
    written: bool = False
    unchanged: bool = False
    replaced: bool = False
    diff: str = ""
    backup: str = ""  # where the replaced file was kept (import --force)


def import_forms(
    cat,
    data_dir: Path,
    paths: list[Path],
    *,
    unit_id: str | None = None,
    quarter: Quarter | None = None,
    submitted: date | None = None,
    force: bool = False,
) -> list[Outcome]:
    """Read every workbook, then write the submissions of those that passed.

    An existing submission is replaced only with ``force`` (the outcome carries a unified diff);
    the same content again is "unchanged", not an error. Two workbooks for the same unit and
    quarter in one run: the first wins, the second is refused (F823).
    """
    from zengshou.submissions import display_path

    outcomes: list[Outcome] = []
    written_from: dict[Path, str] = {}
    for p in paths:
        imp = read_any(p, cat, unit_id=unit_id, quarter=quarter, display=display_path(p))
        outcomes.append(write_imported(cat, data_dir, imp, submitted=submitted, force=force, written_from=written_from))
    return outcomes


def _write_error(e: OSError) -> str | dict[str, str]:
    """F824's ``error``: the system's text, or ours (in both languages) for a link out."""
    from zengshou.i18n import both
    from zengshou.writer import LockTimeout, OutsideData

    if isinstance(e, OutsideData):
        return both("writer.outside_data")
    if isinstance(e, LockTimeout):
        return both("writer.lock_timeout")
    return e.strerror or str(e)


def write_imported(
    cat,
    data_dir: Path,
    imp: ImportedForm,
    *,
    submitted: date | None = None,
    force: bool = False,
    written_from: dict[Path, str] | None = None,
) -> Outcome:
    """Write one checked import: never over a different file without ``force`` (then with a
    diff); identical content is "unchanged". ``written_from`` (target → source) spans a run."""
    from zengshou.atomic import OutputLocked
    from zengshou.submissions import display_path
    from zengshou.writer import write_submission

    written_from = {} if written_from is None else written_from
    oc = Outcome(imp)
    if imp.refused or imp.unit_id is None or imp.quarter is None:
        return oc
    target = Path(data_dir) / "progress" / str(imp.quarter) / f"{imp.unit_id}.yaml"
    oc.target, oc.target_display = target, display_path(target)
    key = target.resolve()
    if key in written_from:
        imp.add("F823", target=oc.target_display, first=written_from[key])
        return oc
    new = render_submission(cat, imp, submitted)
    try:
        # under the unit file's lock, against what is there now: two imports for one unit at
        # once no longer both see no file and both say "imported" (issue 28)
        done = write_submission(target, new, data_dir=Path(data_dir), force=force)
    except (OutputLocked, OSError) as e:
        imp.add("F824", target=oc.target_display, error=_write_error(e))
        return oc
    if done.state == "unchanged":
        oc.unchanged = True
        written_from[key] = imp.display
        return oc
    if done.state == "exists":
        imp.add("F822", target=oc.target_display, source=imp.display)
        return oc
    if done.state == "replaced":
        oc.diff = "".join(
            difflib.unified_diff(
                (done.old or "").splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"{oc.target_display}（现有 / existing）",
                tofile=f"{oc.target_display}（导入 / imported）",
            )
        )
        oc.replaced = True
        oc.backup = display_path(done.backup) if done.backup else ""
    oc.written = True
    written_from[key] = imp.display
    return oc
