"""``zengshou indicators`` and ``zengshou history``: the plan's numbers, and a row over time."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from zengshou.cli.app import command
from zengshou.cli.common import (DEFAULT_DATA, DataOpt, FormatOpt, H, LangOpt, TableOrJson, console, fail, lang_of,
                                 out, quarter_or_exit, resolve_unit_or_exit, width, workspace_or_exit)
from zengshou.i18n import localized, paren, t, tr
from zengshou.messages import MESSAGES


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.0f}%"


def _latest_quarter(ws, data, lang):
    cat = ws.cat
    qs = [q for q in ws.quarter_folders() if cat.in_period(q)]
    if not qs:
        fail("cli.no_quarter_folders", lang, path=f"{data}/progress")
    return qs[-1]


@command("indicators")
def indicators_cmd(
    quarter: Annotated[str | None, typer.Option("--quarter", "-q", help=H("opt.indicators.quarter"))] = None,
    fmt: FormatOpt = TableOrJson.table,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """The plan's quantitative targets: actual figures, target, share achieved and due, on track or behind."""
    from zengshou.indicators import UNCONFIRMED, collect, fmt_number, progress, unconfirmed_scopes

    lang = lang_of(lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    q = quarter_or_exit(cat, quarter, lang) if quarter else _latest_quarter(ws, data, lang)
    figures = collect(ws, [x for x in ws.quarter_folders() if x <= q])
    rows = progress(cat, figures, q)
    open_scopes = unconfirmed_scopes(cat)
    if fmt is TableOrJson.json:
        scopes = {p.scope.id: p.scope.as_dict(lang) for p in rows if p.scope}
        out(json.dumps({"quarter": str(q), "indicators": [p.as_dict(lang) for p in rows],
                        "scopes": list(scopes.values()), "assumptions": [sc.assumption(lang) for sc in open_scopes]},
                       ensure_ascii=False, indent=2))
        return
    from zengshou.cli.tables import Column, table

    title = t("indicators.title", lang, plan=cat.plan.short_title, quarter=q.label(lang))
    cols = [Column(t("indicators.row", lang), justify="right"), Column(t("indicators.name", lang), wrap=True, grow=True, min=14),
            Column(t("indicators.actual", lang), justify="right", wrap=True, min=6),
            Column(t("indicators.target", lang), justify="right", wrap=True, min=6),
            Column(t("indicators.done", lang), justify="right"), Column(t("indicators.due", lang), justify="right"),
            Column(t("indicators.status", lang), wrap=True, min=4)]
    body = []
    for p in rows:
        ind = p.ind
        unit = "" if ind.unit == "%" else " " + ind.unit
        pct = "%" if ind.unit == "%" else ""
        target = "—" if p.target is None else fmt_number(p.target) + pct + unit
        if ind.aggregation == "threshold" and ind.upper is not None:
            target = f"{fmt_number(ind.target)}–{fmt_number(ind.upper)}{unit}"
        actual = "—" if p.actual is None else fmt_number(p.actual) + pct
        if p.in_scope > 1 and p.units:
            actual += f" ({len(p.units)}/{p.in_scope})"
        status = t(f"ind.{p.reason or p.status}", lang)
        agg = t(f"agg.{ind.aggregation}", lang) if f"agg.{ind.aggregation}" in MESSAGES else ind.aggregation
        if ind.by:
            agg += f" {ind.by}"
        label = paren(localized(ind.name, ind.name_en, lang), agg, lang)
        if not p.scope_confirmed:
            label += "\n" + t("indicators.unconfirmed", lang, note=tr(UNCONFIRMED, lang))
        body.append([str(p.row), label, actual, target, _pct(p.achieved), _pct(p.expected), status])
    con = console()
    con.print(table(title, cols, body, width(), lang=lang))
    con.print(t("indicators.note", lang))
    for sc in open_scopes:
        con.print(sc.assumption(lang) + t("indicators.confirm_scope", lang))


@command("history")
def history_cmd(
    task: Annotated[int, typer.Option("--task", "-t", help=H("opt.history.task"))],
    unit: Annotated[str | None, typer.Option("--unit", "-u", help=H("opt.history.unit"))] = None,
    fmt: FormatOpt = TableOrJson.table,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """A row's progress texts and figures across all quarters."""
    from zengshou.indicators import history

    lang = lang_of(lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    row = cat.task(task)
    if row is None:
        fail("cli.no_task_row", lang, row=task, count=len(cat.tasks))
    uid = resolve_unit_or_exit(cat, unit, lang).id if unit else None
    entries = history(ws, task, uid)
    if fmt is TableOrJson.json:
        out(json.dumps({"task": task, "text": row.text, "unit": uid,
                        "indicators": [i.id for i in row.indicators],
                        "entries": [{"quarter": e.quarter, "unit": e.unit_id, "unit_name": e.unit_name,
                                     "status": e.status, "figures": e.figures, "progress": e.progress,
                                     "file": e.file.replace("\\", "/")} for e in entries]},
                       ensure_ascii=False, indent=2))
        return
    from zengshou.cli.tables import Column, table

    cols = [Column(t("history.quarter", lang)), Column(t("history.unit", lang), wrap=True, min=8, max=16),
            Column(t("history.status", lang), wrap=True, min=4), Column(t("history.figures", lang), wrap=True, min=8),
            Column(t("history.progress", lang), wrap=True, grow=True, min=16)]
    body = [[e.quarter, e.unit_name, e.status or "", "\n".join(f"{k}: {v}" for k, v in e.figures.items()), e.progress]
            for e in entries]
    con = console()
    con.print(table(t("history.title", lang, row=task, text=row.text), cols, body, width(), lines=True, lang=lang))
    if not entries:
        con.print(t("history.none", lang))
