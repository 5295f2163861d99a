"""Derive ``tasks.yaml`` from the plan's own text (docs/plan/guilin-income-plan-2022-2024.txt).

The committed data must equal what this derives, so anyone can re-check the task list against
the published plan. The table at the end of the plan is tab-separated: each row is five cells
(序号, 主要目标任务, 具体落实措施, 落实进度, 责任单位), one per line, rows separated by blank
lines. Blank measure and unit cells are merged cells; the data repeats them on every row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from zengshou.yamlout import scalar

PLAN_FILE = "guilin-income-plan-2022-2024.txt"
_NUM_TITLE = re.compile(r"^(\d+)[．.]\s*(.+?)$")
_PART = re.compile(r"^（([一二三四五六七八九十]+)）(.+?)。?$")
_SECTION = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")


# The plan says "于每季度第一个月6日前…发送至邮箱". Whether a file sent on the 6th is on time is a
# reading, not a fact of the text; the tool declares the one it applies (and why) in tasks.yaml.
DEADLINE_READING = (
    "方案原文为“于每季度第一个月{day}日前”报送。本工具读作“{day}日（含）前”：{day}日当天报送视为按时，"
    "这是公文中“X日前”的常见理解，并非方案的明确规定。某季度截止日另有安排（如三季度截止日10月{day}日"
    "在国庆假期内）时，在 zengshou.toml 的 [deadlines] 中设定，如 2023Q3 = \"2023-10-09\"。")


@dataclass
class Derived:
    plan: dict
    parts: list[dict]
    measures: list[dict]
    tasks: list[dict]
    problems: list[str] = field(default_factory=list)


def split_units(cell: str, known: "callable") -> list[str]:
    """Split a 责任单位 cell into names, the way a reader of the table would.

    Names are separated by 、 and ，; "等部门" and a final 。 are not part of a name. Some names
    contain separators themselves (市直、中（区）直定点帮扶单位; 各县（市、区，以下简称“县”）
    人民政府): at each position the longest known name wins, and separators inside brackets
    never split. ``known(name)`` says whether a name is defined.
    """
    s = cell.strip().rstrip("。").replace("等部门", "")
    out: list[str] = []
    i = 0
    while i < len(s):
        if s[i] in "、，,":
            i += 1
            continue
        best = None
        for j in range(len(s), i, -1):
            if (j == len(s) or s[j] in "、，,") and known(s[i:j]):
                best = j
                break
        if best is None:  # up to the next separator outside brackets
            depth, j = 0, i
            while j < len(s):
                ch = s[j]
                depth += ch in "（(" and 1 or 0
                depth -= ch in "）)" and 1 or 0
                if depth <= 0 and ch in "、，,":
                    break
                j += 1
            best = j
        out.append(s[i:best].strip())
        i = best
    return [n for n in out if n]


def read_table(text: str) -> list[list[str]]:
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "序号")
    rows: list[list[str]] = []
    cur: list[str] = []
    for ln in lines[start:]:
        if ln.startswith("备注"):
            break
        if ln.startswith("\t"):
            cur.append(ln[1:])
        elif cur:
            rows.append(cur)
            cur = []
    if cur:
        rows.append(cur)
    return [r for r in rows if r and r[0].strip().isdigit()]


#: The office that collects the reports and signs notices about them (落款). The plan's text
#: names the mailbox and the contact but not the office: this is the city's rural
#: revitalisation bureau (市乡村振兴局), which coordinates the plan's follow-up. A deployment
#: where another office collects sets ``[report] office`` in zengshou.toml instead. It is also
#: the 编制单位 of the merged report (``zengshou merge --office`` overrides it for one run).
OFFICE = "桂林市乡村振兴局"


def derive(text: str, resolve: "callable") -> Derived:
    """Build the plan data. ``resolve(name)`` returns the canonical unit name or None."""
    lines = [ln.strip() for ln in text.split("\n")]
    problems: list[str] = []

    # ---- plan metadata, from the title and the table's note
    title = lines[0] + next(ln for ln in lines[1:5] if ln)
    note = next(ln for ln in lines if ln.startswith("备注"))
    period = re.search(r"（(\d{4})—(\d{4})年）", title)
    deadline = re.search(r"每季度第一个月(\d+)日前", note)
    limit = re.search(r"每条控制在(\d+)字以内", note)
    mailbox = re.search(r"邮箱：([\w.@-]+[\w])", note)
    contact = re.search(r"联系人：(\S+?)，联系方式：(\d+)", note)
    plan = {
        "title": title,
        "short_title": title.split("（")[0],
        "period": {"start": f"{period.group(1)}Q1", "end": f"{period.group(2)}Q4"},
        "deadline_day": int(deadline.group(1)),
        "deadline_inclusive": True,
        "deadline_reading": DEADLINE_READING.format(day=int(deadline.group(1))),
        "max_chars": int(limit.group(1)),
        "mailbox": mailbox.group(1),
        "contact": f"{contact.group(1)} {contact.group(2)}",
        "office": OFFICE,
        "note": note,
    }

    # ---- parts of the body and the measures under them
    parts: list[dict] = []
    measure_part: dict[int, str] = {}
    section = ""
    current = ""
    body_end = next(i for i, ln in enumerate(lines) if ln.startswith("附件"))
    for ln in lines[:body_end]:
        if m := _SECTION.match(ln):
            section = m.group(1)
            if section != "一":
                current = section
                parts.append({"id": section, "title": m.group(2)})
        elif (m := _PART.match(ln)) and section:
            current = f"{section}（{m.group(1)}）"
            if parts and parts[-1]["id"] == section:
                parts.pop()
            parts.append({"id": current, "title": m.group(2)})
        elif (m := re.match(r"^(\d+)．", ln)) and current:
            measure_part[int(m.group(1))] = current

    # ---- the table
    measures: dict[int, dict] = {}
    tasks: list[dict] = []
    last_measure = last_units = None
    for cells in read_table(text):
        if len(cells) != 5:
            problems.append(f"row {cells[0]}: expected 5 cells, found {len(cells)}")
            continue
        num, mcell, task_text, _progress, ucell = cells
        if mcell.strip():
            m = _NUM_TITLE.match(mcell.strip())
            mid, mtitle = int(m.group(1)), m.group(2).strip()
            if mid not in measures:
                measures[mid] = {"id": mid, "title": mtitle, "part": measure_part.get(mid, "")}
            last_measure = mid
        if ucell.strip():
            last_units = ucell.strip()
        names = split_units(last_units, lambda n: resolve(n) is not None)
        canon = []
        for n in names:
            c = resolve(n)
            if c is None:
                problems.append(f"row {num}: unknown unit {n!r}")
                c = n
            canon.append(c)
        tasks.append({"id": int(num), "measure": last_measure, "text": task_text.strip(),
                      "units": canon, "units_text": last_units})
    return Derived(plan, parts, sorted(measures.values(), key=lambda m: m["id"]), tasks, problems)


HEADER = """\
# 重点任务清单 — the key task list of the plan, derived from docs/plan/{plan_file}
# by scripts/derive_tasks.py. Do not edit by hand: fix the derivation or the plan text, then
# re-run the script; tests/test_plan_data.py checks that this file equals what it derives.
#
# plan.deadline_day / deadline_inclusive / deadline_reading: the plan's "于每季度第一个月6日前"
#   and the tool's declared reading of it (inclusive: a file sent on the 6th is on time).
#   One quarter's deadline can be moved in zengshou.toml: [deadlines] 2023Q3 = "2023-10-09".
# tasks[].units: responsible units in table order; the first is the lead unit (牵头单位).
# tasks[].units_text: the table's 责任单位 cell as printed (merged cells repeated).
# tasks[].indicators: the row's quantitative targets, from docs/plan/{indicators_file}
#   (see docs/indicators.md).
"""


def to_yaml(d: Derived) -> str:
    out = [HEADER.format(plan_file=PLAN_FILE, indicators_file=INDICATORS_FILE), "plan:"]
    for k, v in d.plan.items():
        if isinstance(v, dict):
            out.append(f"  {k}:")
            out += [f"    {k2}: {scalar(v2)}" for k2, v2 in v.items()]
        else:
            if k == "office":
                out += ["  # office: the tool's assumption — the plan text names no compiling office (the mailbox",
                        "  # is the rural revitalisation office's). Signs the reminder notice and is the 编制单位 of",
                        "  # the merged report; override with [report] office in zengshou.toml or merge --office."]
            out.append(f"  {k}: {scalar(v)}")
    out.append("parts:")
    for p in d.parts:
        out += [f"  - id: {scalar(p['id'])}", f"    title: {scalar(p['title'])}"]
    out.append("measures:")
    for m in d.measures:
        out += [f"  - id: {m['id']}", f"    title: {scalar(m['title'])}", f"    part: {scalar(m['part'])}"]
    out.append("tasks:")
    for t in d.tasks:
        out += [f"  - id: {t['id']}", f"    measure: {t['measure']}", f"    text: {scalar(t['text'])}", "    units:"]
        out += [f"      - {scalar(u)}" for u in t["units"]]
        out.append(f"    units_text: {scalar(t['units_text'])}")
        out += indicators_yaml(t.get("indicators") or [])
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- indicators
# The plan's quantitative targets are hand-written in docs/plan/indicators.yaml (they need a
# reader's judgement: what adds up, over whom, by when); the derivation checks each one against
# the plan's text and attaches it to its row.

INDICATORS_FILE = "indicators.yaml"
INDICATOR_FIELDS = ("id", "name", "name_en", "unit", "target", "upper", "aggregation", "by", "in_quarter", "over",
                    "per_unit", "reported_by", "quote")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def _ind_value(key: str, v):
    if key in ("target", "upper", "in_quarter") and isinstance(v, str) and _NUMBER.match(v.strip()):
        return int(v) if re.fullmatch(r"-?\d+", v.strip()) else float(v)
    if key == "per_unit" and isinstance(v, str) and v.lower() in ("true", "false"):
        return v.lower() == "true"
    return v


def indicators_yaml(inds: list[dict]) -> list[str]:
    if not inds:
        return []
    out = ["    indicators:"]
    for ind in inds:
        first = True
        for k in INDICATOR_FIELDS:
            if k not in ind or ind[k] is None or (k == "per_unit" and not ind[k]):
                continue
            v = _ind_value(k, ind[k])
            lead = "      - " if first else "        "
            first = False
            if isinstance(v, list):
                out.append(f"{lead}{k}:")
                out += [f"          - {scalar(x)}" for x in v]
            elif isinstance(v, float):
                out.append(f"{lead}{k}: {v!r}")
            else:
                out.append(f"{lead}{k}: {scalar(v)}")
    return out


def attach_indicators(tasks: list[dict], doc_data, text: str) -> list[str]:
    """Attach each indicator of ``indicators.yaml`` to its row; return problems found.

    A quote must be printed in its row of the table, so an indicator cannot drift from the plan."""
    problems: list[str] = []
    rows = {t["id"]: t for t in tasks}
    cells = {int(c[0]): c[2] for c in read_table(text) if len(c) == 5}
    items = (doc_data or {}).get("indicators") if isinstance(doc_data, dict) else None
    if not isinstance(items, list):
        return [f"{INDICATORS_FILE}: no `indicators:` list"]
    for n, ind in enumerate(items):
        if not isinstance(ind, dict):
            problems.append(f"{INDICATORS_FILE}: entry {n + 1} is not a mapping")
            continue
        iid = ind.get("id") or f"#{n + 1}"
        row = str(ind.get("row", "")).strip()
        if not row.isdigit() or int(row) not in rows:
            problems.append(f"indicator {iid}: row {row or '?'} is not a row of the table")
            continue
        quote = ind.get("quote") or ""
        if not quote or quote not in cells.get(int(row), ""):
            problems.append(f"indicator {iid}: quote not found in row {row} of the plan: {quote!r}")
        unknown = set(ind) - set(INDICATOR_FIELDS) - {"row", "decision"}
        if unknown:
            problems.append(f"indicator {iid}: unknown field(s) {', '.join(sorted(unknown))}")
        rows[int(row)].setdefault("indicators", []).append({k: ind[k] for k in INDICATOR_FIELDS if k in ind})
    return problems + unaccounted_phrases(cells, doc_data)


# ---------------------------------------------------------------- quantitative phrases
# Every number of the table, in digits or in Chinese numerals, every "all / none left out"
# phrase and every frequency must be accounted for: inside an indicator's quote, or inside an
# exclusion's quote with a reason. A digit-only scan misses 四分之一 (row 61) and 一次 (row 57).

_CN = "〇零一二两三四五六七八九十百千万亿"
QUANTITATIVE = re.compile(
    r"\d+(?:\.\d+)?[万亿]?"  # digits, with a multiplier: 4500, 2.18万
    rf"|[{_CN}]+(?:分之[{_CN}]+)?"  # Chinese numerals: 一次, 三变, 四分之一, 百分之五十
    r"|全覆盖|全部|应(?P<verb>.)尽(?P=verb)|每户|每个"  # all / none left out: 应补尽补, 应发尽发 …
    r"|每年|每季度|每月|每旬|每周"  # frequencies
    r"|足额")  # paid in full


def quantitative_phrases(text: str) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of every quantitative phrase in ``text``, in order."""
    return [(m.start(), m.end(), m.group()) for m in QUANTITATIVE.finditer(text)]


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}


def read_number(phrase: str) -> float | None:
    """The value of a numeral phrase: ``2.18万`` → 21800, ``一千五百`` → 1500, ``十`` → 10,
    ``二〇二四`` → 2024, ``四分之一`` → 0.25, ``百分之五十`` → 0.5; None for words (全覆盖, 每年)."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([万亿]?)", phrase)
    if m:
        return float(m.group(1)) * (_CN_BIG.get(m.group(2), 1))
    if "分之" in phrase:
        den, _, num = phrase.partition("分之")
        a, b = read_number(den), read_number(num)
        return b / a if a and b is not None else None
    if not phrase or any(ch not in _CN_DIGITS and ch not in _CN_UNITS and ch not in _CN_BIG for ch in phrase):
        return None
    if not any(ch in _CN_UNITS or ch in _CN_BIG for ch in phrase):  # digit by digit: 二〇二四
        return float("".join(str(_CN_DIGITS[ch]) for ch in phrase))
    total, section, digit = 0, 0, None
    for ch in phrase:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:  # 万, 亿
            total = (total + section + (digit or 0)) * _CN_BIG[ch]
            section, digit = 0, None
    return float(total + section + (digit or 0))


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    out, i = [], text.find(quote) if quote else -1
    while i >= 0:
        out.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return out


def unaccounted_phrases(cells: dict[int, str], doc_data) -> list[str]:
    """Problems: quantitative phrases of the table's task texts that lie inside no indicator's
    quote and no exclusion's quote of their row, and exclusions that are not in their row or
    give no reason."""
    problems: list[str] = []
    spans: dict[int, list[tuple[int, int]]] = {}
    doc = doc_data if isinstance(doc_data, dict) else {}
    for ind in doc.get("indicators") or []:
        if isinstance(ind, dict) and str(ind.get("row", "")).strip().isdigit():
            row = int(str(ind["row"]).strip())
            spans.setdefault(row, []).extend(_spans(cells.get(row, ""), str(ind.get("quote") or "")))
    for n, ex in enumerate(doc.get("exclusions") or []):
        if not isinstance(ex, dict) or not str(ex.get("row", "")).strip().isdigit():
            problems.append(f"{INDICATORS_FILE}: exclusion {n + 1} needs a row and a quote")
            continue
        row, quote = int(str(ex["row"]).strip()), str(ex.get("quote") or "")
        found = _spans(cells.get(row, ""), quote)
        if not found:
            problems.append(f"exclusion {n + 1}: quote not found in row {row} of the plan: {quote!r}")
        if not str(ex.get("reason") or "").strip():
            problems.append(f"exclusion {n + 1} (row {row}): no reason")
        spans.setdefault(row, []).extend(found)
    for row, text in sorted(cells.items()):
        for a, b, phrase in quantitative_phrases(text):
            if not any(x <= a and b <= y for x, y in spans.get(row, [])):
                problems.append(f"row {row}: {phrase!r} (…{text[max(0, a - 8):b + 8]}…) is in no indicator's quote "
                                f"and no exclusion of {INDICATORS_FILE}")
    return problems


def derive_file(plan_path: Path, units_path: Path) -> tuple[str, list[str]]:
    """Derive tasks.yaml text from the plan file and the units file."""
    from zengshou.catalog import normalize
    from zengshou.loader import load_file
    from zengshou.models import UnitsFile
    from zengshou.schema import validate

    doc = load_file(units_path)
    uf = validate(doc, UnitsFile)
    if uf is None:
        return "", [f"{f.file}:{f.line}:{f.col} {f.code} {f.message('en')}" for f in doc.findings]
    names = {}
    for u in uf.units:
        for n in (u.name, *u.aliases, *u.former_names):
            names.setdefault(normalize(n), u.name)
    text = plan_path.read_text(encoding="utf-8")
    d = derive(text, lambda n: names.get(normalize(n)))
    ind_path = plan_path.parent / INDICATORS_FILE
    if ind_path.is_file():
        ind_doc = load_file(ind_path)
        if ind_doc.findings:
            d.problems += [f"{f.file}:{f.line}:{f.col} {f.code} {f.message('en')}" for f in ind_doc.findings]
        else:
            d.problems += attach_indicators(d.tasks, ind_doc.data, text)
    return to_yaml(d), d.problems
