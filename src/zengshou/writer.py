"""Writing submission files: the ready-to-fill form of ``zengshou new``, which is also how
``scripts/make_sample.py`` writes the sample quarter (a filled-in form).

Library code, so a script or another tool can produce exactly what a clerk gets.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from zengshou.yamlout import scalar, text_value

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
        "  尽量附数据；每条不超过 {limit} 字（空格和换行不计），不要只写“无”“略”“同上”。",
        "- 可选：每项可加 status: 未启动 / 推进中 / 已完成 / 持续推进，note: 备注（不进报表）。",
        "- 报送时删去 submitted 前的“# ”并填上实际报送日期（YYYY-MM-DD）；没有日期即为草稿。",
        "- 填好后检查：zengshou validate {path}",
    ],
    "en": [
        "{name} · progress on the key tasks, {label}",
        "{title}: this unit must report on {n} row(s), each listed below.",
        "Deadline: {deadline} (day {day} of the month after the quarter), send to {mailbox}.",
        "",
        "How to fill in:",
        "- Under each `progress: |-`, indented two spaces more than `progress`, say what was done this",
        "  quarter and with what result, with figures; at most {limit} characters (spaces and line",
        "  breaks do not count); never just 无, 略 or 同上.",
        "- Optional per item: status: 未启动 / 推进中 / 已完成 / 持续推进, and note: (not printed).",
        "- When sending, remove the '# ' before submitted and write the date sent (YYYY-MM-DD);",
        "  without a date the file is a draft.",
        "- Check it: zengshou validate {path}",
    ],
}


def render_form(cat, unit_id: str, quarter, rows: list[int], *, lang: str = "zh", path: str = "",
                values: dict[int, str] | None = None, statuses: dict[int, str] | None = None,
                submitted: date | None = None, contact: str | None = None, optional: set[int] | None = None,
                figures: dict[int, dict[str, object]] | None = None) -> str:
    """The submission file for ``unit_id`` and ``quarter`` covering ``rows``.

    With ``values`` (row → progress) it is a filled-in form; ``scripts/make_sample.py`` writes the
    sample quarter this way, so the samples look exactly like forms a clerk filled in.
    ``figures`` (row → indicator id → number) adds each item's optional ``figures`` mapping.
    """
    from zengshou.quarters import Quarter

    q = Quarter.parse(str(quarter))
    u = cat.by_id[unit_id]
    values = values or {}
    statuses = statuses or {}
    optional = optional or set()
    plan = cat.plan
    fmt = {"name": u.name, "label": q.label(lang), "title": f"《{plan.short_title}》" if lang == "zh" else plan.short_title,
           "n": len([r for r in rows if r not in optional]), "deadline": cat.deadline(q).isoformat(),
           "day": plan.deadline_day, "mailbox": plan.mailbox or "-", "limit": plan.max_chars,
           "path": path or f"data/progress/{q}/{unit_id}.yaml"}
    lines = [f"# yaml-language-server: $schema={SCHEMA_REF}"]
    lines += [("# " + ln.format(**fmt)).rstrip() for ln in _HEADER[lang]]
    lines += [f"unit: {scalar(u.name)}", f"quarter: {q}"]
    if submitted is None:
        lines.append("# submitted: YYYY-MM-DD")
    else:
        lines.append(f"submitted: {submitted.isoformat()}")
    lines.append(f"contact: {scalar(contact)}" if contact else "contact:")
    lines.append("items:")
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
        for part in (head, who, body):
            if part:
                lines += ["  # " + ln for ln in wrap(part, COMMENT_WIDTH - 4)]
        lines.append(f"  - task: {row}")
        lines.append(f"    progress: {literal(values.get(row, ''), 6)}")
        if figures and figures.get(row):
            lines.append("    figures:")
            lines += [f"      {k}: {v if isinstance(v, (int, float)) and not isinstance(v, bool) else scalar(v)}"
                      for k, v in figures[row].items()]
        if row in statuses:
            lines.append(f"    status: {scalar(statuses[row])}")
    return "\n".join(lines) + "\n"
