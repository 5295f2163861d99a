"""``zengshou tasks`` and ``zengshou units``: the plan's definitions, for people and scripts."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from zengshou.cli.app import command
from zengshou.cli.common import (DEFAULT_DATA, DataOpt, FormatOpt, H, LangOpt, TableOrJson, console, lang_of,
                                 load_catalog_or_exit, out, resolve_unit_or_exit, width)
from zengshou.i18n import join, t


@command("tasks")
def tasks_cmd(
    unit: Annotated[str | None, typer.Option("--unit", "-u", help=H("opt.tasks.unit"))] = None,
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
    rows = [task for task in cat.tasks if roles is None or task.id in roles]
    if fmt is TableOrJson.json:
        items = []
        for task in rows:
            d = {"id": task.id, "measure": task.measure, "measure_title": cat.measures[task.measure].title,
                 "part": cat.measures[task.measure].part, "text": task.text, "lead": task.units[0], "units": list(task.units),
                 "units_text": task.units_text}
            if roles is not None:
                d["role"] = roles[task.id]
                d["required"] = roles[task.id] in ("lead", "county")
            items.append(d)
        out(json.dumps(items, ensure_ascii=False, indent=2))
        return
    from zengshou.cli.tables import Column, table

    title = t("tasks.title", lang, plan=cat.plan.short_title)
    if u is not None:
        title = t("tasks.title_unit", lang, unit=u.name, rows=len(rows), n=len(cat.required_rows(u.id)))
    cols = [Column(t("tasks.row", lang), justify="right"), Column(t("tasks.measure", lang), wrap=True, min=8, max=14),
            Column(t("tasks.task", lang), wrap=True, grow=True, min=24), Column(t("tasks.lead", lang), wrap=True, min=8, max=12)]
    cols.append(Column(t("tasks.role", lang)) if roles is not None else Column(t("tasks.units", lang), wrap=True, min=8, max=24))
    body = []
    for task in rows:
        m = cat.measures[task.measure]
        last = t(f"role.{roles[task.id]}", lang) if roles is not None else t("sep.list", lang).join(task.units[1:])
        # wrapped by zengshou.writer.wrap, "1." stays on the line of the name it numbers
        body.append([str(task.id), f"{m.id}. {m.title}", task.text, task.units[0], last])
    console().print(table(title, cols, body, width(), lines=True, lang=lang))


@command("units")
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
    from zengshou.cli.tables import Column, table

    cols = [Column(t("units.id", lang)), Column(t("units.name", lang), wrap=True, min=10),
            Column(t("units.kind", lang), wrap=True, min=6), Column(t("units.due", lang), justify="right"),
            Column(t("units.aliases", lang), wrap=True, grow=True, min=10)]
    body = []
    for u in cat.units:
        need = len(cat.required_rows(u.id)) if u.kind != "group" else 0
        extra = join(u.aliases, lang)
        if u.members:
            extra = t("units.members", lang, names=join((cat.by_id[m].name for m in u.members if m in cat.by_id), lang))
        body.append([u.id, u.name, t(f"kind.{u.kind}", lang), str(need) if need else "", extra])
    console().print(table(t("units.title", lang), cols, body, width(), lang=lang))
