"""Writing submission files: the ready-to-fill form of ``zengshou new``, which is also how
``scripts/make_sample.py`` writes the sample quarter (a filled-in form).

Library code, so a script or another tool can produce exactly what a clerk gets.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from zengshou.i18n import t as msg
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
    fmt = {"name": u.name, "label": q.label(lang), "title": msg("form.title", lang, title=plan.short_title),
           "n": len([r for r in rows if r not in optional]), "deadline": cat.deadline(q).isoformat(),
           "day": plan.deadline_day, "mailbox": plan.mailbox or "-", "limit": plan.max_chars,
           "path": path or f"data/progress/{q}/{unit_id}.yaml", "progress_values": msg("progress.values", lang)}
    lines = [f"# yaml-language-server: $schema={SCHEMA_REF}"]
    lines += [("# " + ln).rstrip() for ln in msg("form.header", lang, **fmt).split("\n")]
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
        head = msg("form.item_head", lang, row=row, measure=m.id, title=m.title)
        who = msg("form.item_lead", lang, lead=lead) + (msg("form.item_optional", lang) if row in optional else "")
        body = msg("form.item_task", lang, text=t.text)
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
