"""Reading a Word file back: a form made by ``zengshou template --format docx``, or the plan's
own table as units fill it in Word or WPS today.

The body is read straight from ``word/document.xml`` (through :mod:`zengshou.forms.docx_package`,
so with limits and without DTDs), not through python-docx, because import must see the table's
real structure: which cells are merged down (``w:vMerge``) and across (``w:gridSpan``), which
text is only a content control's placeholder, which is deleted text of a tracked change.
What is read is what Word shows and prints: tracked changes accepted (inserted and moved-to text
kept, deleted and moved-from text, deleted rows and removed paragraph marks dropped) and hidden
text (``w:vanish``) left out.

A cell's text is its paragraphs joined with ``\\n`` (Enter in Word), with soft line breaks
(Shift+Enter) as ``\\n`` and tabs as ``\\t``; blank paragraphs before and after the text are
dropped (Word shows nothing for them), everything else is kept as typed.

The table is found by its header row (序号 and 落实进度, in the first rows of a table); the
task column is the one whose texts match the task list (or, failing that, the header that names
it: 具体落实措施, 重点任务, or the plan's 主要目标任务和具体落实措施 spanning two columns).
A table split over several tables with the same columns (as a PDF conversion leaves it) is read
as one. Vertically merged measure and unit cells are fine; text in a merged cell of a column
that is read (落实进度, 进展, 指标数值) that spans several task rows is refused (F840): whose text
it is cannot be known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from zengshou.forms import (
    FORM_FORMAT,
    H_FIGURES,
    H_PROGRESS,
    H_ROW,
    H_STATUS,
    H_TASK,
    MAX_UNPACKED_BYTES,
    SIGN_OFF,
    STATUSES,
    figure_label,
    unit_figures,
)
from zengshou.forms.docx_form import DOCX_VERSION, PROP_PREFIX
from zengshou.forms.docx_package import W, is_macro_enabled, open_package, parse_xml, read_part
from zengshou.forms.imported import ImportedForm, check_form_identity
from zengshou.i18n import both
from zengshou.quarters import Quarter
from zengshou.text import char_count, squash

HEADER_SCAN_ROWS = 5
TASK_HEADERS = (H_TASK, "重点任务", "具体任务", "任务")
PLAN_HEADER = "主要目标任务和具体落实措施"  # the plan's header over measure + task (two columns)
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CP = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_QUARTER_ZH = re.compile(r"(20\d\d)\s*年\s*第?\s*([一二三四1-4])\s*季度")
_QUARTER_ID = re.compile(r"(20\d\d)\s*[Qq]\s*([1-4])")


@dataclass
class Cell:
    text: str
    col: int  # first grid column (0-based)
    span: int
    vmerge: str | None  # None | "restart" | "continue"


@dataclass
class Table:
    index: int  # 1-based, in document order
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((c.col + c.span for r in self.rows for c in r), default=0)


def cell_at(row: list[Cell], col: int) -> Cell | None:
    for c in row:
        if c.col <= col < c.col + c.span:
            return c
    return None


# ---------------------------------------------------------------- text of the body


def _on(elem) -> bool:
    """An on/off property (``w:vanish``, ``w:hidden``) that is present and not switched off."""
    return elem is not None and elem.get(W + "val") not in ("0", "false", "off")


def _mark_removed(p) -> bool:
    """Whether Word shows no paragraph mark for ``p``: the mark is hidden, deleted or moved away
    in a tracked change, so its text runs on into the next paragraph's."""
    pr = p.find(W + "pPr")
    rpr = pr.find(W + "rPr") if pr is not None else None
    if rpr is None:
        return False
    return _on(rpr.find(W + "vanish")) or rpr.find(W + "del") is not None or rpr.find(W + "moveFrom") is not None


@dataclass(frozen=True)
class Hidden:
    """Styles that hide their text (``w:vanish`` in the style or one it is based on): character
    styles (``w:rStyle``) and paragraph styles (``w:pStyle``, for every run of the paragraph)."""

    char: frozenset[str] = frozenset()
    para: frozenset[str] = frozenset()


NO_HIDDEN_STYLES = Hidden()


def hidden_styles(root) -> Hidden:
    """The hiding styles of ``word/styles.xml`` (its parsed root; None: no styles part)."""
    if root is None:
        return NO_HIDDEN_STYLES
    own: dict[str, tuple[str, bool | None, str | None]] = {}  # id → (type, vanish, basedOn)
    for st in root.iter(W + "style"):
        sid = st.get(W + "styleId")
        if not sid:
            continue
        rpr = st.find(W + "rPr")
        v = rpr.find(W + "vanish") if rpr is not None else None
        based = st.find(W + "basedOn")
        own[sid] = (
            st.get(W + "type") or "paragraph",
            None if v is None else _on(v),
            None if based is None else based.get(W + "val"),
        )

    def hides(sid: str) -> bool:
        for _ in range(20):  # basedOn chains are short; a loop in a hostile file ends here
            entry = own.get(sid)
            if entry is None:
                return False
            if entry[1] is not None:
                return entry[1]
            if entry[2] is None:
                return False
            sid = entry[2]
        return False

    char = frozenset(k for k, v in own.items() if v[0] == "character" and hides(k))
    para = frozenset(k for k, v in own.items() if v[0] == "paragraph" and hides(k))
    return Hidden(char, para)


def _style(pr, name: str) -> str | None:
    el = pr.find(W + name) if pr is not None else None
    return None if el is None else el.get(W + "val")


def _text(elem, out: list[str], hidden: Hidden = NO_HIDDEN_STYLES, para_hidden: bool = False) -> None:
    """Append the text Word shows under ``elem`` (document order) to ``out``: tracked changes
    accepted (inserted and moved-to text kept; deleted and moved-from text dropped), hidden text
    (``w:vanish`` on the run, or from its character or paragraph style) dropped — what a reader
    of the printed form sees is what is imported."""
    tag = elem.tag
    if tag == W + "p":
        out.append("\x00P")  # paragraph boundary, resolved by _join
        inside = _style(elem.find(W + "pPr"), "pStyle") in hidden.para
        for child in elem:
            _text(child, out, hidden, inside)
        if _mark_removed(elem):
            out.append("\x00J")  # no boundary before the next paragraph
        return
    elif tag == W + "r":
        rpr = elem.find(W + "rPr")
        v = rpr.find(W + "vanish") if rpr is not None else None
        if v is not None:
            if _on(v):
                return  # hidden text: Word neither shows nor prints it
        elif _style(rpr, "rStyle") in hidden.char or para_hidden:
            return  # hidden by its style
    elif tag == W + "t":
        out.append(elem.text or "")
        return
    elif tag == W + "tab":
        out.append("\t")
        return
    elif tag in (W + "br", W + "cr"):
        if elem.get(W + "type") in (None, "textWrapping"):
            out.append("\n")
        return
    elif tag == W + "noBreakHyphen":
        out.append("-")
        return
    elif tag in (
        W + "delText",
        W + "instrText",
        W + "tblPr",
        W + "trPr",
        W + "tcPr",
        W + "rPr",
        W + "pPr",
        W + "sdtPr",
        _MC + "Fallback",
        W + "del",
        W + "moveFrom",  # the text's old place in a tracked move; its new place is w:moveTo
    ):
        return
    elif tag == W + "sdt":
        pr = elem.find(W + "sdtPr")
        if pr is not None and pr.find(W + "showingPlcHdr") is not None:
            return  # a content control still showing its placeholder ("点击选择") holds nothing typed
    for child in elem:
        _text(child, out, hidden, para_hidden)


def _join(parts: list[str]) -> str:
    paras: list[str] = []
    cur: list[str] = []
    started = False
    joined = False
    for p in parts:
        if p == "\x00J":
            joined = True
        elif p == "\x00P":
            if joined:
                joined = False  # the paragraph before had no mark: one paragraph goes on
            else:
                if started:
                    paras.append("".join(cur))
                cur, started = [], True
        else:
            cur.append(p)
    paras.append("".join(cur))
    text = "\n".join(paras)
    return text.strip("\n")


def element_text(elem, hidden: Hidden = NO_HIDDEN_STYLES) -> str:
    parts: list[str] = []
    _text(elem, parts, hidden)
    return _join(parts)


def _read_table(tbl, index: int, hidden: Hidden = NO_HIDDEN_STYLES) -> Table:
    t = Table(index)
    for tr in _children(tbl, "tr"):
        col = 0
        pr = tr.find(W + "trPr")
        if pr is not None and pr.find(W + "del") is not None:
            continue  # a row deleted in a tracked change: gone once the changes are accepted
        if pr is not None:
            gb = pr.find(W + "gridBefore")
            if gb is not None:
                col = max(0, min(_int(gb.get(W + "val"), 0), 64))
        row: list[Cell] = []
        for tc in _children(tr, "tc"):
            span, vm = 1, None
            tcpr = tc.find(W + "tcPr")
            if tcpr is not None:
                gs = tcpr.find(W + "gridSpan")
                if gs is not None:
                    span = max(1, min(_int(gs.get(W + "val"), 1), 64))
                v = tcpr.find(W + "vMerge")
                if v is not None:
                    vm = "restart" if v.get(W + "val") == "restart" else "continue"
            row.append(Cell(element_text(tc, hidden), col, span, vm))
            col += span
        t.rows.append(row)
    return t


def _children(parent, name: str):
    """Direct ``w:<name>`` children, also those wrapped in a content control or custom XML."""
    for child in parent:
        if child.tag == W + name:
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _children(content, name)
        elif child.tag == W + "customXml":
            yield from _children(child, name)


def _int(v, default: int) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def body_blocks(root, hidden: Hidden = NO_HIDDEN_STYLES) -> tuple[list[str], list[Table]]:
    """Paragraph texts before the first table, and every top-level table (nested tables are
    part of their cell's text)."""
    body = root.find(W + "body")
    if body is None:
        return [], []
    before: list[str] = []
    tables: list[Table] = []

    def walk(container) -> None:
        for child in container:
            if child.tag == W + "tbl":
                tables.append(_read_table(child, len(tables) + 1, hidden))
            elif child.tag == W + "p" and not tables:
                before.append(element_text(child, hidden))
            elif child.tag in (W + "sdt",):
                content = child.find(W + "sdtContent")
                if content is not None:
                    walk(content)

    walk(body)
    return before, tables


# ---------------------------------------------------------------- marker


def _read_styles(imp, z, budget) -> Hidden:
    """The hiding styles, from ``word/styles.xml`` when the package has one."""
    if "word/styles.xml" not in z.namelist():
        return NO_HIDDEN_STYLES
    data = read_part(imp, z, "word/styles.xml", budget)
    return hidden_styles(parse_xml(imp, data, "word/styles.xml")) if data is not None else NO_HIDDEN_STYLES


def read_marker(imp, z, budget) -> dict[str, str]:
    data = read_part(imp, z, "docProps/custom.xml", budget)
    if data is None:
        return {}
    root = parse_xml(imp, data, "docProps/custom.xml")
    if root is None:
        return {}
    out: dict[str, str] = {}
    for prop in root.iter(_CP + "property"):
        name = prop.get("name") or ""
        if name.startswith(PROP_PREFIX):
            out[name[len(PROP_PREFIX) :]] = "".join(prop.itertext()).strip()
    return out


# ---------------------------------------------------------------- reading


def read_docx(
    path: Path,
    cat,
    *,
    unit_id: str | None = None,
    quarter: Quarter | None = None,
    fallback_unit: str | None = None,
    fallback_quarter: Quarter | None = None,
    display: str | None = None,
):
    """Read and check one Word file into an :class:`~zengshou.forms.xlsx_import.ImportedForm`.

    ``unit_id``/``quarter`` are what the user said: checked against a form's marker, used for a
    plan-layout table. ``fallback_*`` are weaker hints (from a mail's sender, the run's
    --quarter) used only when neither the marker nor the title says.
    """
    imp = ImportedForm(Path(path), display or str(path))
    z = open_package(imp)
    if z is None:
        return imp
    try:
        budget = [MAX_UNPACKED_BYTES]
        ct = read_part(imp, z, "[Content_Types].xml", budget)
        if is_macro_enabled(z, ct):
            imp.add("F833")
        data = read_part(imp, z, "word/document.xml", budget)
        if data is None:
            if not imp.findings:
                imp.add("F830", what=both("what.no_document"))
            return imp
        root = parse_xml(imp, data, "word/document.xml")
        if root is None:
            return imp
        marker = read_marker(imp, z, budget)
        hidden = _read_styles(imp, z, budget)
        if imp.refused:
            return imp
    finally:
        z.close()
    before, tables = body_blocks(root, hidden)
    del root, data
    _interpret(imp, cat, before, tables, marker, unit_id, quarter, fallback_unit, fallback_quarter)
    return imp


def _marker(imp, cat, marker: dict[str, str], before: list[str]) -> dict | None:
    from zengshou.forms.marker import BadMarker, parse_marker

    try:
        meta = parse_marker(marker, cat, max_version=DOCX_VERSION).meta()
    except BadMarker as e:
        imp.add("F842", what=e.what)
        return None
    unit, q = cat.by_id[meta["unit"]], meta["quarter"]
    # the visible header line must say the same unit and quarter (a marker copied or edited
    # from another unit's form would otherwise file this text under that unit). A header that
    # is missing, or names no unit of the list, cannot vouch for the marker: that is a mismatch
    # too, not a reason to skip the check (issue 28)
    head = next((p for p in before if "填报单位" in p), None)
    if head is None:
        imp.add(
            "F841",
            what=both("what.header_no_unit_line", marker=unit.name),
        )
    else:
        m = re.search(r"填报单位[:：]\s*(\S+)", head)
        shown_unit = cat.resolve(m.group(1)) if m else None
        qm = _QUARTER_ID.search(head) or None
        shown_q = Quarter(int(qm.group(1)), int(qm.group(2))) if qm else _quarter_in(head)
        if shown_unit is None:
            said = (m.group(1) if m else "")[:40]
            imp.add(
                "F841",
                what=both("what.header_unit_unknown", said=said, marker=unit.name),
            )
        elif shown_unit.id != unit.id:
            imp.add(
                "F841",
                what=both("what.header_other_unit", shown=shown_unit.name, marker=unit.name),
            )
        if shown_q is None:
            imp.add(
                "F841",
                what=both("what.header_no_quarter", marker=q),
            )
        elif shown_q != q:
            imp.add(
                "F841",
                what=both("what.header_other_quarter", shown=shown_q, marker=q),
            )
    return meta


def _quarter_in(text: str) -> Quarter | None:
    m = _QUARTER_ID.search(text)
    if m:
        return Quarter(int(m.group(1)), int(m.group(2)))
    m = _QUARTER_ZH.search(text)
    if m:
        q = m.group(2)
        return Quarter(int(m.group(1)), "一二三四".index(q) + 1 if q in "一二三四" else int(q))
    return None


_TITLE_WORDS = re.compile(r"进度|进展|情况|季度|清单|报表|统计|台账|汇总")


def _quarters_in(text: str) -> list[Quarter]:
    out = [Quarter(int(m.group(1)), int(m.group(2))) for m in _QUARTER_ID.finditer(text)]
    for m in _QUARTER_ZH.finditer(text):
        q = m.group(2)
        out.append(Quarter(int(m.group(1)), "一二三四".index(q) + 1 if q in "一二三四" else int(q)))
    return out


def title_lines(before: list[str]) -> list[str]:
    """The lines above the table that make its title: each line up to its first colon or
    sentence mark, kept when it names what the table is (进度, 情况, 季度 …). So a salutation
    (「桂林市乡村振兴局：」) or a note (「注：2023Q2已报送。」) is no title, and a unit or quarter
    named in passing does not count."""
    out = []
    for line in before:
        head = re.split(r"[:：。；;！!？?，,]", line.strip(), maxsplit=1)[0].strip()
        if not head or len(head) > 80 or re.match(r"(注|备注|说明|附件|附|抄送)\s*\d*$", head):
            continue
        if _TITLE_WORDS.search(head):
            out.append(head)
    return out


def unit_in_text(cat, text: str) -> str | None:
    """The one reporting unit a title names (its full name or an alias), or None when none or
    several are named. Longer names win over names they contain (资源县人民政府 over 资源县)."""
    from zengshou.catalog import normalize

    s = normalize(text)
    hits: list[tuple[int, int, str]] = []
    for u in cat.units:
        if u.kind == "group":
            continue
        for n in {u.name, *u.aliases}:
            key = normalize(n)
            if len(key) >= 2:
                for m in re.finditer(re.escape(key), s):
                    hits.append((m.start(), m.end(), u.id))
    keep = {uid for a, b, uid in hits if not any((a2 <= a and b <= b2) and (b2 - a2) > (b - a) for a2, b2, _ in hits)}
    return keep.pop() if len(keep) == 1 else None


def _find_header(tables: list[Table]) -> tuple[int, int, dict[str, int], dict[int, int]] | None:
    """(table position, header row, column → grid col, grid col → span of its header cell)."""
    for ti, t in enumerate(tables):
        for ri, row in enumerate(t.rows[:HEADER_SCAN_ROWS]):
            cols: dict[str, int] = {}
            spans: dict[int, int] = {}
            for c in row:
                key = re.sub(r"\s+", "", c.text)
                if key and key not in cols:
                    cols[key] = c.col
                    spans[c.col] = c.span
            if H_ROW in cols and H_PROGRESS in cols:
                return ti, ri, cols, spans
    return None


def _row_number(text: str) -> int | None:
    s = text.strip().rstrip("．.、")
    return int(s) if re.fullmatch(r"[1-9]\d{0,3}", s) else None


def _interpret(imp, cat, before, tables, marker, unit_id, quarter, fallback_unit, fallback_quarter) -> None:
    """Read the document's progress table into ``imp``, in the order a reader would check it:
    whose and which quarter it is, where the table is, the merged cells, the rows, then the text.
    Each step stops the import when what follows could not be trusted; findings come in this
    order, and that order is what the user sees."""
    meta = None
    if marker.get("format") == FORM_FORMAT:
        meta = _marker(imp, cat, marker, before)
        if meta is None:
            return
        imp.kind = "docx-form"
        check_form_identity(imp, cat, meta, unit_id, quarter)
        if imp.refused:
            return
    elif not _identify_table(imp, cat, before, unit_id, quarter, fallback_unit, fallback_quarter):
        return

    layout = _find_layout(imp, cat, tables)
    if layout is None:
        return
    _check_merged(imp, layout)
    if imp.refused:
        return

    entries, seen = _read_rows(imp, cat, layout, meta["rows"] if meta else None)
    if meta is not None:
        missing = [r for r in meta["rows"] if r not in seen]
        if missing:
            imp.add("F813", rows={"zh": "、".join(map(str, missing)), "en": ", ".join(map(str, missing))})
    _take_entries(imp, cat, meta, entries, layout.c_figs is not None)
    imp.people = _sign_off(tables)


def _identify_table(imp, cat, before, unit_id, quarter, fallback_unit, fallback_quarter) -> bool:
    """Whose table, for which quarter, when it is the plan's own table (no marker): the user's
    word, then the sender's unit (senders.yaml), then the title above the table. Sources that
    disagree are a finding (F872, F810), never a guess; nothing to go by is F845. False when
    the import stops here."""
    imp.kind = "docx-table"
    title = "\n".join(title_lines(before))
    title_unit, title_quarter = unit_in_text(cat, title), _quarter_in(title)
    if unit_id is None and fallback_unit and title_unit and title_unit != fallback_unit:
        # the sender's unit (senders.yaml) and the title disagree: a finding, never a guess
        imp.add(
            "F872",
            what=both("mail.source.unit"),
            first=both("mail.source.senders"),
            a=cat.by_id[fallback_unit].name,
            second=both("mail.source.title"),
            b=cat.by_id[title_unit].name,
        )
        return False
    quarters = {str(q) for q in _quarters_in(title)}
    if len(quarters) > 1:
        a, b = sorted(quarters)[:2]
        imp.add(
            "F872",
            what=both("mail.source.quarter"),
            first=both("mail.source.title"),
            a=a,
            second=both("mail.source.title"),
            b=b,
        )
        return False
    if quarter and title_quarter and title_quarter != quarter:
        imp.add("F810", form_quarter=str(title_quarter), quarter=str(quarter), unit_id=unit_id or "")
        return False
    # the user's word, then the sender's unit (senders.yaml), then the title
    imp.unit_id = unit_id or fallback_unit or title_unit
    imp.quarter = quarter or title_quarter or fallback_quarter
    if imp.unit_id is None or imp.quarter is None:
        missing = [
            w
            for w, v in (
                (both("what.missing.unit"), imp.unit_id),
                (both("what.missing.quarter"), imp.quarter),
            )
            if v is None
        ]
        imp.add("F845", what={"zh": "、".join(m["zh"] for m in missing), "en": " and ".join(m["en"] for m in missing)})
        return False
    return True


@dataclass
class _Layout:
    """Where the progress table is: its header's table, the data rows (table, 1-based row,
    cells) and the grid columns that are read."""

    head_table: Table
    data: list[tuple[Table, int, list[Cell]]]
    cols: dict[str, int]
    c_row: int
    c_prog: int
    c_status: int | None
    c_figs: int | None
    c_task: int


def _find_layout(imp, cat, tables: list[Table]) -> _Layout | None:
    """Find the table by its header row and gather its data rows, across the tables of the same
    width that follow it (a table split by a page or a PDF conversion is one table), and the
    task column. None, with F836 or F837, when there is no such table."""
    if not tables:
        imp.add("F836")
        return None
    found = _find_header(tables)
    if found is None:
        first = tables[0].rows[0] if tables[0].rows else []
        imp.add("F837", table=1, header=" | ".join(c.text.replace("\n", " ")[:20] for c in first[:8]) or "-")
        return None
    ti, hr, cols, spans = found
    head_table = tables[ti]
    c_row, c_prog = cols[H_ROW], cols[H_PROGRESS]
    c_status, c_figs = cols.get(H_STATUS), cols.get(H_FIGURES)

    # the data rows: this table's rows below the header, then tables of the same width after it
    data: list[tuple[Table, int, list[Cell]]] = [
        (head_table, i + 1, r) for i, r in enumerate(head_table.rows) if i > hr
    ]
    for t in tables[ti + 1 :]:
        if t.width != head_table.width:
            break
        for i, r in enumerate(t.rows):
            c = cell_at(r, c_row)
            if c is not None and re.sub(r"\s+", "", c.text) == H_ROW:
                continue  # a repeated header
            data.append((t, i + 1, r))

    # the task column: by content, else by header
    c_task = _task_column(cat, data, cols, spans, {c_row, c_prog, c_status, c_figs})
    if c_task is None:
        imp.add("F837", table=head_table.index, header=" | ".join(cols)[:120])
        return None
    return _Layout(head_table, data, cols, c_row, c_prog, c_status, c_figs, c_task)


def _ref(t: Table, r: int, col: int) -> str:
    """A cell as the user finds it in Word: table, row and column, counted from 1."""
    return f"表{t.index} 第{r}行 第{col + 1}列"


def _check_merged(imp, layout: _Layout) -> None:
    """Merged cells in the columns that are read are fine when blank or within one task row;
    text in one that spans several numbered rows is F840, because whose text it is cannot be
    known."""
    data, c_row = layout.data, layout.c_row
    read_cols = [c for c in (layout.c_prog, layout.c_status, layout.c_figs) if c is not None]
    for col in read_cols:
        i = 0
        while i < len(data):
            t, r, row = data[i]
            cell = cell_at(row, col)
            if cell is not None and cell.vmerge == "restart":
                j = i + 1
                while j < len(data) and (cc := cell_at(data[j][2], col)) is not None and cc.vmerge == "continue":
                    j += 1
                group = data[i:j]
                numbered = [n for _, _, rr in group if (n := _row_number(_txt(rr, c_row))) is not None]
                texts = [_txt(rr, col) for _, _, rr in group]
                if len(numbered) > 1 and any(x.strip() for x in texts):
                    imp.add(
                        "F840",
                        r,
                        col + 1,
                        cell=_ref(t, r, col),
                        column=_col_name(layout.cols, col),
                        rows={"zh": "、".join(map(str, numbered)), "en": ", ".join(map(str, numbered))},
                    )
                i = j
            else:
                i += 1


def _read_rows(imp, cat, layout: _Layout, expected) -> tuple[list[tuple], dict[int, str]]:
    """Each data row's task number and cells, in document order. Progress without a number
    (F838), a number not on the task list or the form (F838), a number twice (F839) and an
    edited task text (F816) are said here, where the row is known. Returns the entries
    (row, progress, status, figures text, progress ref, status ref, figures ref) and the first
    cell of each row number."""
    c_row, c_prog, c_status, c_figs, c_task = layout.c_row, layout.c_prog, layout.c_status, layout.c_figs, layout.c_task
    seen: dict[int, str] = {}
    entries: list[tuple] = []  # (row, progress, status, figures text, progress ref, status ref, figures ref)
    for t, r, row in layout.data:
        seq_text = _txt(row, c_row)
        prog = _txt(row, c_prog)
        seq = _row_number(seq_text)
        if seq is None:
            if prog.strip():
                imp.add("F838", r, c_prog + 1, cell=_ref(t, r, c_prog), value=seq_text.strip() or "—")
            continue
        if cat.task(seq) is None or (expected is not None and seq not in expected):
            imp.add("F838", r, c_row + 1, cell=_ref(t, r, c_row), value=str(seq))
            continue
        if seq in seen:
            imp.add("F839", r, c_row + 1, row=seq, cell=_ref(t, r, c_row), first=seen[seq])
            continue
        seen[seq] = _ref(t, r, c_row)
        task_cell = cell_at(row, c_task)
        if task_cell is not None and squash(task_cell.text) != squash(cat.task(seq).text):
            imp.add("F816", r, c_task + 1, row=seq, cell=_ref(t, r, c_task))
        entries.append(
            (
                seq,
                prog,
                _txt(row, c_status) if c_status is not None else "",
                _txt(row, c_figs) if c_figs is not None else "",
                _ref(t, r, c_prog),
                _ref(t, r, c_status) if c_status is not None else "",
                _ref(t, r, c_figs) if c_figs is not None else "",
            )
        )
    return entries, seen


def _take_entries(imp, cat, meta, entries: list[tuple], has_figures: bool) -> None:
    """Take the rows' text, in task order: progress (too long is F820), 进展 (not one of the
    allowed words is F843) and figures. A row goes into the submission when it says something
    or must be reported; a table that says nothing at all is F821."""
    limit = cat.plan.max_chars
    optional = meta["optional"] if meta else set()
    required = set(cat.required_rows(imp.unit_id, imp.quarter))
    figs = unit_figures(cat, imp.unit_id, [e[0] for e in entries], imp.quarter) if has_figures else {}
    filled = 0
    for seq, prog, status, fig_text, pref, sref, fref in sorted(entries):
        if prog.strip():
            filled += 1
            n = char_count(prog)
            if n > limit:
                imp.add("F820", None, None, row=seq, cell=pref, count=n, limit=limit, over=n - limit)
        st = squash(status)
        if st:
            if st not in STATUSES:
                imp.add("F843", None, None, row=seq, cell=sref, value=status.strip()[:40], allowed=list(STATUSES))
            else:
                imp.statuses[seq] = st
        values = _figures(imp, seq, fig_text, figs.get(seq, []), fref)
        if values:
            imp.figures[seq] = values
        if (
            prog.strip()
            or seq in imp.statuses
            or values
            or (seq in required and seq not in optional)
            or (meta is not None and seq not in optional)
        ):
            imp.items.append((seq, prog))
            imp.cells[seq] = pref
    if filled == 0 and not imp.statuses and not imp.figures:
        imp.add("F821")


def _txt(row: list[Cell], col: int | None) -> str:
    if col is None:
        return ""
    c = cell_at(row, col)
    return "" if c is None or c.vmerge == "continue" else c.text


def _col_name(cols: dict[str, int], col: int) -> str:
    return next((k for k, v in cols.items() if v == col), str(col + 1))


def _task_column(cat, data, cols, spans, taken) -> int | None:
    """The grid column holding the task texts: the one matching most rows' task text."""
    width = max((c.col + c.span for _, _, r in data for c in r), default=0)
    best, best_n = None, 0
    for col in range(width):
        if col in taken:
            continue
        n = 0
        for _, _, row in data[:80]:
            seq = _row_number(_txt(row, cols[H_ROW]))
            t = cat.task(seq) if seq else None
            if t is not None and squash(_txt(row, col)) == squash(t.text):
                n += 1
        if n > best_n:
            best, best_n = col, n
    if best is not None:
        return best
    for h in TASK_HEADERS:
        if h in cols:
            return cols[h]
    if PLAN_HEADER in cols:
        return cols[PLAN_HEADER] + spans.get(cols[PLAN_HEADER], 1) - 1
    return None


def _figures(imp, seq: int, text: str, inds: list, ref: str) -> dict[str, str]:
    """Figures typed after ``名称（单位）：`` lines; a line that names no figure of the row is F844."""
    out: dict[str, str] = {}
    labels = {squash(figure_label(ind)): ind for ind in inds}
    for line in text.split("\n"):
        s = line.strip()
        if not s or s in ("—", "-", "－"):
            continue
        label, sep, value = _split_label(s)
        ind = labels.get(squash(label)) if sep else None
        if ind is None:
            imp.add("F844", None, None, row=seq, cell=ref, text=s[:60])
            continue
        if value.strip():
            out[ind.id] = value.strip()
    return out


def _split_label(s: str) -> tuple[str, str, str]:
    m = re.match(r"^(.*?)([:：])(.*)$", s, flags=re.S)
    return (m.group(1), m.group(2), m.group(3)) if m else (s, "", "")


def _sign_off(tables: list[Table]) -> dict[str, str]:
    """填报人 / 联系电话 / 审核人 from the small table under the heading (the value is the cell
    right of its label), as Submission fields filled_by / phone / reviewer."""
    values: dict[str, str] = {}
    for t in tables[:3]:
        for row in t.rows[:2]:
            for i, c in enumerate(row):
                key = re.sub(r"[\s:：]", "", c.text)
                # a label may carry a note after the name: 审核人（分管领导）
                key = next((name for name in SIGN_OFF if key.startswith(name)), key)
                if key in SIGN_OFF and i + 1 < len(row):
                    v = " ".join(row[i + 1].text.split())
                    if v:
                        values[SIGN_OFF[key]] = v
    return values
