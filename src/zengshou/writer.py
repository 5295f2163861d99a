"""Writing submission files: the ready-to-fill form of ``zengshou new``, which is also how
``scripts/make_sample.py`` writes the sample quarter (a filled-in form).

Library code, so a script or another tool can produce exactly what a clerk gets.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from datetime import date
from pathlib import Path

from zengshou.yamlout import char_ok, scalar, text_value

SCHEMA_REF = "../../../docs/schema/progress.schema.json"
COMMENT_WIDTH = 88  # display cells of a wrapped comment line, CJK counted as two
_NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)]}…")


def cells(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def wrap(text: str, width: int) -> list[str]:
    """Wrap mixed Chinese/ASCII text to ``width`` display cells.

    Chinese breaks between any two characters, but a closing mark never starts a line and an
    ASCII word is not split unless it is longer than a line.
    """
    lines: list[str] = []
    cur = ""
    i = 0
    text = " ".join(text.split())
    while i < len(text):
        ch = text[i]
        token = ch
        if ch.isascii() and ch.isalnum():
            j = i
            while j < len(text) and text[j].isascii() and (text[j].isalnum() or text[j] in "._-/%"):
                j += 1
            token = text[i:j]
        if cur and cells(cur + token) > width and token[0] not in _NO_LINE_START and cells(token) <= width:
            lines.append(cur.rstrip())
            cur = token.lstrip()
        else:
            cur += token
        i += len(token)
    if cur.strip():
        lines.append(cur.rstrip())
    return lines or [""]


def literal(text: str, indent: int) -> str:
    """Progress as the form writes it: a literal block (``|-``), the style the clerk fills in;
    an empty one for a blank form."""
    return "|-" if text == "" else text_value(text, indent, block=True)


_HEADER = {
    "zh": [
        "{name} · {label}重点任务落实进度",
        "{title}：本单位须报送 {n} 项任务（下列每一项）。",
        "截止日期：{deadline}（每季度第一个月 {day} 日前报送上季度进度），发送至 {mailbox}。",
        "",
        "填写说明：",
        "- 在每项 progress: |- 的下一行（比 progress 多缩进两个空格）写本季度做了什么、成效如何，",
        "  尽量附数据；每条不超过 {limit} 字，不要只写“无”“略”“同上”。字数与 Word/WPS 的",
        "  “字符数（不计空格）”相同：空格和换行不计，一个表情符号算 1 个。",
        "- status: 后填进展（选填）：未启动 / 推进中 / 已完成 / 持续推进。",
        "- 有量化指标的任务列出了本单位应填的指标：删去 figures 和指标行开头的“# ”，在冒号后只填",
        "  数字（如 2990、16.5；比例填百分数，63 表示 63%）。",
        "- 每项任务下的“上季度”是本单位上季度的填报内容，仅供参考，不要照抄。",
        "- 填写填报人、联系电话、审核人（分管领导）。报送时删去 submitted 前的“# ”并填上实际报送",
        "  日期（YYYY-MM-DD）；没有日期即为草稿。",
    ],
    "en": [
        "{name} · progress on the key tasks, {label}",
        "{title}: this unit must report on {n} row(s), each listed below.",
        "Deadline: {deadline} (day {day} of the month after the quarter), send to {mailbox}.",
        "",
        "How to fill in:",
        "- Under each `progress: |-`, indented two spaces more than `progress`, say what was done this",
        "  quarter and with what result, with figures; at most {limit} characters, counted as Word's",
        "  'characters (no spaces)': spaces and line breaks do not count, an emoji is one. Never just",
        "  无, 略 or 同上.",
        "- After status: the state of the task (optional): 未启动 / 推进中 / 已完成 / 持续推进.",
        "- Rows with quantitative indicators list the figures this unit reports: remove the '# ' before",
        "  figures and the indicator lines, and write a plain number after the colon (2990, 16.5; a",
        "  share in percent: 63 means 63%).",
        "- 'Last quarter' under a task is what this unit wrote then: for reference, do not copy it.",
        "- Fill in filled_by, phone and reviewer (the leader who signs it off). When sending, remove the",
        "  '# ' before submitted and write the date sent (YYYY-MM-DD); without a date it is a draft.",
    ],
}

#: What a figure means, by how it adds up (docs/indicators.md): the label a form shows with it.
FIGURE_MEANING = {
    "cumulative": {"zh": "累计：2022年以来的总数", "en": "running total since 2022"},
    "count_by": {"zh": "累计：至本季度末的总数", "en": "total at the end of the quarter"},
    "level": {"zh": "本季度末的数量", "en": "number at the end of the quarter"},
    "per_year": {"zh": "本年累计：1月至本季度末", "en": "this year so far"},
    "share": {"zh": "比例：填百分数，63 表示 63%", "en": "share: in percent, 63 means 63%"},
    "rate": {"zh": "本季度的数值", "en": "this quarter's value"},
}
_PEOPLE = {"zh": {"filled_by": "填报人", "phone": "联系电话", "reviewer": "审核人（分管领导）"},
           "en": {"filled_by": "who filled it in (填报人)", "phone": "their phone (联系电话)",
                  "reviewer": "the leader who signs it off (审核人)"}}
_STATUS_HINT = {"zh": "进展（选填）：未启动 / 推进中 / 已完成 / 持续推进", "en": "optional: 未启动 / 推进中 / 已完成 / 持续推进"}
_FIGURES_HINT = {"zh": "指标（选填）：删去本行和下面指标行开头的“# ”，冒号后填数字",
                 "en": "optional: remove '# ' here and on the lines below, write numbers"}
_PREVIOUS = {"zh": "上季度（{q}，供参考）：", "en": "last quarter ({q}, for reference): "}


def _pad(s: str, width: int = 26) -> str:
    """``s`` padded so the comment after it starts in column ``width`` (or two spaces later)."""
    return s.ljust(width) if len(s) < width else s + "  "


def figure_label(ind, lang: str = "zh") -> str:
    """An indicator as a form labels its figure: what is counted, the unit, what the number means."""
    key = ind.aggregation if ind.aggregation in FIGURE_MEANING else "share" if ind.unit == "%" else "rate"
    name = ind.name if lang == "zh" or not ind.name_en else ind.name_en
    unit, meaning = ind.unit, FIGURE_MEANING[key][lang]
    return f"{name}（{unit}，{meaning}）" if lang == "zh" else f"{name} ({unit}; {meaning})"


def comment_text(text: str) -> str:
    """Text made safe to stand in a comment: one line, only characters a YAML file may hold
    as they are, no direction controls."""
    from zengshou.text import BIDI_CONTROLS

    return "".join(ch for ch in " ".join(text.split()) if char_ok(ch) and ch not in BIDI_CONTROLS)


def render_form(cat, unit_id: str, quarter, rows: list[int], *, lang: str = "zh", path: str = "",
                values: dict[int, str] | None = None, statuses: dict[int, str] | None = None,
                submitted: date | None = None, contact: str | None = None, optional: set[int] | None = None,
                figures: dict[int, dict[str, object]] | None = None, figure_defs: dict[int, list] | None = None,
                previous: dict[int, str] | None = None, people: dict[str, str] | None = None) -> str:
    """The submission file for ``unit_id`` and ``quarter`` covering ``rows``.

    Every item has an empty ``status:`` to fill in; rows in ``figure_defs`` (row → the indicators
    this unit reports, :func:`zengshou.forms.unit_figures`) get their ``figures:`` keys commented
    out (a figure left empty would be an error); ``previous`` (row → last quarter's text) is shown
    as a comment under the task. With ``values`` (row → progress) it is a filled-in form:
    ``scripts/make_sample.py`` writes the sample quarter this way, so the samples look exactly
    like forms a clerk filled in. ``figures`` (row → indicator id → number) fills ``figures``.
    """
    from zengshou.quarters import Quarter

    q = Quarter.parse(str(quarter))
    u = cat.by_id[unit_id]
    values = values or {}
    statuses = statuses or {}
    optional = optional or set()
    figure_defs = figure_defs or {}
    previous = previous or {}
    people = people or {}
    plan = cat.plan
    fmt = {"name": u.name, "label": q.label(lang), "title": f"《{plan.short_title}》" if lang == "zh" else plan.short_title,
           "n": len([r for r in rows if r not in optional]), "deadline": cat.deadline(q).isoformat(),
           "day": plan.deadline_day, "mailbox": plan.mailbox or "-", "limit": plan.max_chars}
    lines = [f"# yaml-language-server: $schema={SCHEMA_REF}"]
    lines += [("# " + ln.format(**fmt)).rstrip() for ln in _HEADER[lang]]
    lines += [f"unit: {scalar(u.name)}", f"quarter: {q}"]
    if submitted is None:
        lines.append("# submitted: YYYY-MM-DD")
    else:
        lines.append(f"submitted: {submitted.isoformat()}")
    if contact:
        lines.append(f"contact: {scalar(contact)}")
    for key, label in _PEOPLE[lang].items():
        value = people.get(key)
        lines.append(f"{key}: {scalar(value)}" if value else _pad(f"{key}:", 16) + f"# {label}")
    lines.append("items:")
    prev_label = _PREVIOUS[lang].format(q=q.prev())
    for row in rows:
        t = cat.task(row)
        m = cat.measures[t.measure]
        lead = t.units[0]
        if lang == "zh":
            head = f"第 {row} 项 · 措施 {m.id}. {m.title}"
            who = f"牵头：{lead}" + ("（本单位为配合单位，可选填）" if row in optional else "")
            body = "任务：" + t.text
        else:
            head = f"row {row} · measure {m.id}. {m.title}"
            who = f"lead: {lead}" + (" (participating unit: optional)" if row in optional else "")
            body = "task: " + t.text
        if cells(f"{head} · {who}") <= COMMENT_WIDTH - 4:
            head, who = f"{head} · {who}", ""
        if row != rows[0]:
            lines.append("")
        before = comment_text(previous.get(row) or "")
        for part in (head, who, body, prev_label + before if before else ""):
            if part:
                lines += ["  # " + ln for ln in wrap(part, COMMENT_WIDTH - 4)]
        lines.append(f"  - task: {row}")
        lines.append(f"    progress: {literal(values.get(row, ''), 6)}")
        if row in statuses:
            lines.append(f"    status: {scalar(statuses[row])}")
        else:
            lines.append(_pad("    status:") + f"# {_STATUS_HINT[lang]}")
        if figures and figures.get(row):
            lines.append("    figures:")
            lines += [f"      {k}: {v if isinstance(v, (int, float)) and not isinstance(v, bool) else scalar(v)}"
                      for k, v in figures[row].items()]
        elif figure_defs.get(row):
            lines.append(_pad("    # figures:") + f"# {_FIGURES_HINT[lang]}")
            lines += [_pad(f"    #   {ind.id}:") + f"# {figure_label(ind, lang)}" for ind in figure_defs[row]]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- replacing a filled-in file

def backup(path: Path) -> Path:
    """Copy ``path`` to ``<name>.bak`` beside it — or ``.bak.1``, ``.bak.2`` … when that exists:
    an older backup is never overwritten (the name is claimed with O_EXCL). Returns the copy."""
    data = Path(path).read_bytes()
    for n in range(1000):
        cand = Path(path).with_name(Path(path).name + (".bak" if n == 0 else f".bak.{n}"))
        try:
            fd = os.open(cand, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        return cand
    raise FileExistsError(f"{path}: 1000 backups already beside it")


def unified_diff(old: str, new: str, shown: str, old_label: str, new_label: str) -> str:
    """The change from ``old`` to ``new`` as a unified diff, headed with ``shown`` and the labels."""
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"{shown}（{old_label}）", tofile=f"{shown}（{new_label}）"))
