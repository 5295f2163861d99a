"""``zengshou tasks`` and ``zengshou units``: the plan's definitions, for people and scripts."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from zengshou.cli.app import app
from zengshou.cli.common import (DEFAULT_DATA, DataOpt, FormatOpt, LangOpt, TableOrJson, console, lang_of,
                                 load_catalog_or_exit, out, resolve_unit_or_exit)
from zengshou.i18n import w


@app.command("tasks")
def tasks_cmd(
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only rows this unit is named on: id, full name or alias.")] = None,
    fmt: FormatOpt = TableOrJson.table,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """List the key task list (重点任务清单), or the rows one unit reports on and its role."""
    lang = lang_of(lang)
    cat = load_catalog_or_exit(data, lang)
    roles = None
    u = None
    if unit is not None:
        u = resolve_unit_or_exit(cat, unit, lang)
        roles = cat.roles(u.id)
    rows = [t for t in cat.tasks if roles is None or t.id in roles]
    if fmt is TableOrJson.json:
        items = []
        for t in rows:
            d = {"id": t.id, "measure": t.measure, "measure_title": cat.measures[t.measure].title,
                 "part": cat.measures[t.measure].part, "text": t.text, "lead": t.units[0], "units": list(t.units),
                 "units_text": t.units_text}
            if roles is not None:
                d["role"] = roles[t.id]
                d["required"] = roles[t.id] in ("lead", "county")
            items.append(d)
        out(json.dumps(items, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    title = cat.plan.short_title + (" — 重点任务清单" if lang == "zh" else " — key task list")
    if u is not None:
        n = len(cat.required_rows(u.id))
        title = (f"{u.name}：涉及 {len(rows)} 项任务，须报送 {n} 项" if lang == "zh"
                 else f"{u.name}: named on {len(rows)} rows, must report {n}")
    table = Table(title=title, show_lines=True, expand=False)
    heads = ("序号", "措施", "具体落实措施", "牵头单位", "责任单位") if lang == "zh" else \
            ("Row", "Measure", "Task", "Lead", "Units")
    table.add_column(heads[0], justify="right", no_wrap=True)
    table.add_column(heads[1], max_width=14, overflow="fold")
    table.add_column(heads[2], ratio=3, min_width=20, overflow="fold")
    table.add_column(heads[3], max_width=12, overflow="fold")
    if roles is not None:
        table.add_column("角色" if lang == "zh" else "Role", min_width=4, overflow="fold")
    else:
        table.add_column(heads[4], max_width=30, overflow="fold")
    for t in rows:
        m = cat.measures[t.measure]
        last = w(_role_word(roles[t.id]), lang) if roles is not None else "、".join(t.units[1:])
        table.add_row(str(t.id), f"{m.id}. {m.title}", t.text, t.units[0], last)
    console().print(table)


def _role_word(role: str) -> str:
    return {"lead": "lead", "participant": "participant", "county": "county"}[role]


@app.command("units")
def units_cmd(
    fmt: FormatOpt = TableOrJson.table,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """List the units: ids (used in file names), full names, kinds and aliases."""
    lang = lang_of(lang)
    cat = load_catalog_or_exit(data, lang)
    if fmt is TableOrJson.json:
        items = []
        for u in cat.units:
            d = {"id": u.id, "name": u.name, "kind": u.kind, "aliases": list(u.aliases)}
            if u.members:
                d["members"] = list(u.members)
            if u.former_names:
                d["former_names"] = list(u.former_names)
            if u.successor:
                d["successor"] = {"id": u.successor.id, "from": u.successor.from_}
            d["required_rows"] = cat.required_rows(u.id) if u.kind != "group" else []
            items.append(d)
        out(json.dumps(items, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(title="责任单位" if lang == "zh" else "Units", show_lines=False)
    for h in (("编号", "名称", "类别", "须报送", "别名") if lang == "zh" else ("Id", "Name", "Kind", "Must report", "Aliases")):
        table.add_column(h, overflow="fold")
    kinds = {"department": "department", "county": "county_kind", "other": "other", "group": "group_kind"}
    for u in cat.units:
        need = len(cat.required_rows(u.id)) if u.kind != "group" else 0
        extra = "、".join(u.aliases)
        if u.members:
            extra = ("成员：" if lang == "zh" else "members: ") + "、".join(cat.by_id[m].name for m in u.members if m in cat.by_id)
        table.add_row(u.id, u.name, w(kinds[u.kind], lang), str(need) if need else "", extra)
    console().print(table)
