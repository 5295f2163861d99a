"""``zengshou indicators`` and ``zengshou history``: the plan's numbers, and a row over time."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from zengshou.cli.app import app
from zengshou.cli.common import (DEFAULT_DATA, DataOpt, FormatOpt, LangOpt, TableOrJson, console, fail, lang_of,
                                 out, workspace_or_exit, quarter_or_exit, resolve_unit_or_exit, say)
from zengshou.indicators import AGG_WORD

STATUS_WORD = {
    "on_track": {"zh": "正常", "en": "on track"},
    "behind": {"zh": "滞后", "en": "behind"},
    "n/a": {"zh": "—", "en": "n/a"},
}
REASON_WORD = {
    "threshold": {"zh": "界线，不考核", "en": "threshold, not tracked"},
    "no_data": {"zh": "暂无数字", "en": "no figures yet"},
    "no_target": {"zh": "无目标值", "en": "no target"},
}
def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.0f}%"


def _latest_quarter(ws, data, lang):
    cat = ws.cat
    qs = [q for q in ws.quarter_folders() if cat.in_period(q)]
    if not qs:
        fail({"zh": f"{data}/progress 下没有季度文件夹；用 --quarter 指定季度",
              "en": f"no quarter folders under {data}/progress; name one with --quarter"}, lang)
    return qs[-1]


@app.command("indicators")
def indicators_cmd(
    quarter: Annotated[str | None, typer.Option("--quarter", "-q", help="Quarter, e.g. 2023Q2 (default: the latest folder under progress/).")] = None,
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
    from rich.table import Table

    title = (f"{cat.plan.short_title} — 量化指标（截至{q.label('zh')}）" if lang == "zh"
             else f"{cat.plan.short_title} — indicators as of {q.label('en')}")
    heads = (("序号", "指标（计算方式）", "实际", "目标", "完成", "应完成", "状态") if lang == "zh"
             else ("Row", "Indicator (how it adds up)", "Actual", "Target", "Done", "Due", "Status"))
    table = Table(title=title, show_lines=False)
    for i, h in enumerate(heads):
        table.add_column(h, justify="right" if i in (0, 2, 3, 4, 5) else "left", overflow="fold",
                         min_width=14 if i == 1 else None, ratio=1 if i == 1 else None,
                         max_width={2: 11, 3: 11, 6: 8}.get(i))
    for p in rows:
        ind = p.ind
        name = ind.name if lang == "zh" or not ind.name_en else ind.name_en
        unit = "" if ind.unit == "%" else " " + ind.unit
        pct = "%" if ind.unit == "%" else ""
        target = "—" if p.target is None else fmt_number(p.target) + pct + unit
        if ind.aggregation == "threshold" and ind.upper is not None:
            target = f"{fmt_number(ind.target)}–{fmt_number(ind.upper)}{unit}"
        actual = "—" if p.actual is None else fmt_number(p.actual) + pct
        if p.in_scope > 1 and p.units:
            actual += f" ({len(p.units)}/{p.in_scope})"
        status = say(STATUS_WORD[p.status], lang)
        if p.reason:
            status = say(REASON_WORD[p.reason], lang)
        agg = say(AGG_WORD.get(ind.aggregation, {"zh": ind.aggregation}), lang)
        if ind.by:
            agg += f" {ind.by}"
        label = f"{name}（{agg}）" if lang == "zh" else f"{name} ({agg})"
        if not p.scope_confirmed:
            label += f"\n〔{say(UNCONFIRMED, lang)}〕" if lang == "zh" else f"\n[{say(UNCONFIRMED, lang)}]"
        table.add_row(str(p.row), label, actual, target, _pct(p.achieved), _pct(p.expected), status)
    console().print(table)
    note = ("实际：全市合计（按比例考核的取最低/最高值；括号内为已报数字的单位/应报单位）。应完成：按规划期线性推算。"
            "每县各有目标的指标，任一县未达即为滞后。"
            if lang == "zh" else
            "Actual: city total (shares: the lowest / highest reported; in brackets units reported / units due). "
            "Due: linear over the plan period. Where each county has its own target, one county short makes it behind.")
    console().print(note)
    for sc in open_scopes:
        console().print(sc.assumption(lang) + (
            f"核实后在 units.yaml 中改正该组成员并将 confirmed 改为 true。" if lang == "zh" else
            " Once checked, correct the group's members in units.yaml and set confirmed: true."))


@app.command("history")
def history_cmd(
    task: Annotated[int, typer.Option("--task", "-t", help="Row number (序号) of the key task list.")],
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Only this unit: id, full name or alias.")] = None,
    fmt: FormatOpt = TableOrJson.table,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """A row's progress texts and figures across all quarters."""
    from zengshou.indicators import history

    lang = lang_of(lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    t = cat.task(task)
    if t is None:
        fail({"zh": f"重点任务清单中没有第 {task} 项（共 {len(cat.tasks)} 项）",
              "en": f"the key task list has no row {task} (it has {len(cat.tasks)})"}, lang)
    uid = resolve_unit_or_exit(cat, unit, lang).id if unit else None
    entries = history(ws, task, uid)
    if fmt is TableOrJson.json:
        out(json.dumps({"task": task, "text": t.text, "unit": uid,
                        "indicators": [i.id for i in t.indicators],
                        "entries": [{"quarter": e.quarter, "unit": e.unit_id, "unit_name": e.unit_name,
                                     "status": e.status, "figures": e.figures, "progress": e.progress,
                                     "file": e.file.replace("\\", "/")} for e in entries]},
                       ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    title = f"第 {task} 项：{t.text}" if lang == "zh" else f"Row {task}: {t.text}"
    heads = ("季度", "单位", "状态", "指标数字", "落实进度") if lang == "zh" else ("Quarter", "Unit", "Status", "Figures", "Progress")
    table = Table(title=title, show_lines=True)
    for i, h in enumerate(heads):
        table.add_column(h, overflow="fold", ratio=4 if i == 4 else None, no_wrap=i == 0)
    for e in entries:
        figs = "\n".join(f"{k}: {v}" for k, v in e.figures.items())
        table.add_row(e.quarter, e.unit_name, e.status or "", figs, e.progress)
    console().print(table)
    if not entries:
        console().print("没有找到报送内容。" if lang == "zh" else "Nothing reported on this row yet.")
