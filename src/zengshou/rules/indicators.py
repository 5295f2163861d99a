"""D21x and F7xx: the plan's quantitative indicators and the figures reported against them.

A figure is a number a coordinator adds to a city total. Misreading one — 1.234 taken as
1,234, 0.35 as 35% — silently moves the city's progress, so figures are read strictly
(:func:`zengshou.indicators.parse_figure`): plain numbers pass, unusual but unambiguous
writing passes with a warning that shows the number read, anything else is refused.
"""

from __future__ import annotations

from zengshou.catalog import Catalog
from zengshou.findings import Finding
from zengshou.indicators import AGGREGATIONS, MONTHS_PER_QUARTER, RUNNING, _fmt, by_id, parse_figure, reporters
from zengshou.loader import Document
from zengshou.quarters import Quarter
from zengshou.registry import rule

_SUB = "unit: {unit}\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: {row}\n    progress: {text}\n"
_R13 = _SUB.format(unit="市财政局", row=13, text="全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。")
_R20 = _SUB.format(unit="市人力资源社会保障局", row=20, text="二季度培训脱贫劳动力 1200 人次，累计 2990 人次。")

# ---------------------------------------------------------------- definitions

rule("D210", "indicator-unknown-aggregation", "error", "definitions",
     {"zh": "指标的汇总方式未知", "en": "indicator has an unknown aggregation"},
     {"zh": "指标“{id}”的汇总方式“{value}”未定义（可用：{known}）", "en": "indicator '{id}': aggregation '{value}' is not defined (use one of: {known})"},
     {"zh": "在 docs/plan/indicators.yaml 中改正后重新运行 scripts/derive_tasks.py。",
      "en": "Fix it in docs/plan/indicators.yaml and re-run scripts/derive_tasks.py."},
     why={"zh": "汇总方式决定数字如何相加、何时算“进度正常”；未知方式无法计算。",
          "en": "The aggregation decides how figures add up and what counts as on track; an unknown one cannot be computed."},
     bad="indicators:\n  - id: r20_training\n    aggregation: total", good="indicators:\n  - id: r20_training\n    aggregation: cumulative")

rule("D211", "indicator-duplicate-id", "error", "definitions",
     {"zh": "指标编号重复", "en": "duplicate indicator id"},
     {"zh": "指标编号“{id}”重复（第 {first_row} 项任务已定义）", "en": "indicator id '{id}' is repeated (first defined on row {first_row})"},
     {"zh": "每个指标编号只能使用一次；报送的 figures 按编号填写。", "en": "Use each indicator id once; submissions write figures under it."},
     why={"zh": "编号重复时，报送的数字会记到错误的指标下。", "en": "With a repeated id, a reported figure would count towards the wrong indicator."},
     bad="- id: 20\n  indicators:\n    - id: r20_training\n- id: 27\n  indicators:\n    - id: r20_training",
     good="- id: 20\n  indicators:\n    - id: r20_training\n- id: 27\n  indicators:\n    - id: r27_skilled_workers")

rule("D212", "indicator-target-missing", "error", "definitions",
     {"zh": "指标缺少目标值或目标值无效", "en": "indicator target missing or invalid"},
     {"zh": "指标“{id}”{what}", "en": "indicator '{id}' {what}"},
     {"zh": "按方案原文填写 target（如 4500；百分比写 15 表示 15%）。", "en": "Write the target the plan states (e.g. 4500; a share of 15% is written 15)."},
     why={"zh": "没有目标值，就算不出完成比例和是否滞后。", "en": "Without a target there is no share achieved and no on-track status."},
     bad="- id: r20_training\n  unit: 人次\n  aggregation: cumulative", good="- id: r20_training\n  unit: 人次\n  target: 4500\n  aggregation: cumulative")

rule("D213", "indicator-bad-scope", "error", "definitions",
     {"zh": "指标的汇总范围、报送单位或期限无效", "en": "indicator scope, reporter or due date invalid"},
     {"zh": "指标“{id}”的 {field} 无效：{value}", "en": "indicator '{id}': invalid {field}: {value}"},
     {"zh": "over 写 city、counties、units.yaml 中的群组编号（如 zdbfx）或单位编号列表；reported_by 写 lead 或 counties；"
            "by 写规划期内的季度，如 2024Q4；in_quarter（仅 per_year）写 1—4。",
      "en": "over: city, counties, a group id of units.yaml (e.g. zdbfx) or a list of unit ids; reported_by: lead or counties; "
            "by: a quarter in the plan period, e.g. 2024Q4; in_quarter (per_year only): 1 to 4."},
     why={"zh": "范围和报送单位决定哪些数字相加；期限决定应完成的比例。",
          "en": "Scope and reporter decide which figures are added; the due date decides how much should be done."},
     bad="- id: r10_eastern_firms\n  over: [longsheng, ziyaun]", good="- id: r10_eastern_firms\n  over: [longsheng, ziyuan]")

# ---------------------------------------------------------------- figures

rule("F701", "figure-not-a-number", "error", "figures",
     {"zh": "指标数字无法读取", "en": "figure is not a number"},
     {"zh": "第 {row} 项指标“{id}”的数字“{value}”{what}", "en": "row {row}, indicator '{id}': figure '{value}' {what}"},
     {"zh": "只写数字，不写单位或文字{example}。百分比可写 35 或 35%。", "en": "Write the number only, without units or words{example}. A share may be written 35 or 35%."},
     why={"zh": "数字会被直接相加到全市合计；读不准的数字宁可拒收，也不能猜。",
          "en": "Figures are added into city totals; one that cannot be read for sure is refused rather than guessed."},
     bad=_R13 + "    figures:\n      r13_canteen_share: 约16%\n", good=_R13 + "    figures:\n      r13_canteen_share: 16.2\n")

rule("F702", "figure-out-of-range", "error", "figures",
     {"zh": "指标数字超出范围：负数、计数带小数或月数超过 3", "en": "figure out of range: negative, a count with decimals, or more than 3 months"},
     {"zh": "第 {row} 项指标“{id}”的数字“{value}”{what}", "en": "row {row}, indicator '{id}': figure '{value}' {what}"},
     {"zh": "填写不小于 0 的数字；人次、名、个、家等计数填整数（千位分隔用逗号，如 1,234）；“每月”指标填本季度达标的月数（0—3）。",
      "en": "Write a number of 0 or more; counts (人次, 名, 个, 家) are whole numbers (group thousands with commas: 1,234); "
            "an every-month indicator takes the months of the quarter in which it was met (0 to 3)."},
     why={"zh": "“1.234 人次”可能是 1234 也可能是笔误，不能猜。", "en": "'1.234 trainee-times' may mean 1,234 or be a typo; it is not guessed."},
     bad=_R20 + "    figures:\n      r20_training: 2.990\n", good=_R20 + "    figures:\n      r20_training: 2990\n")

rule("F703", "figure-unknown-indicator", "error", "figures",
     {"zh": "该任务没有这个指标", "en": "indicator not on this row"},
     {"zh": "第 {row} 项任务没有指标“{id}”{what}", "en": "row {row} has no indicator '{id}'{what}"},
     {"zh": "本项可填的指标：{known}（zengshou indicators 可查）。", "en": "Indicators of this row: {known} (see `zengshou indicators`)."},
     why={"zh": "填到别的任务下的数字不会计入任何指标，多半是序号或编号写错了。",
          "en": "A figure under the wrong row counts towards nothing; usually the row or the id is a typo."},
     bad=_R13 + "    figures:\n      r20_training: 1200\n", good=_R13 + "    figures:\n      r13_canteen_share: 16.2\n")

rule("F704", "figure-decreased", "warning", "figures",
     {"zh": "累计数小于上季度", "en": "cumulative figure lower than last quarter"},
     {"zh": "第 {row} 项指标“{id}”是累计数，本季度 {value} 小于 {prev} 的 {before}", "en": "row {row}, indicator '{id}' is a running total, but {value} is lower than {before} in {prev}"},
     {"zh": "累计数从 2022 年起算，只增不减；请核对本季度或上季度的数字。", "en": "Running totals count from 2022 and never fall; check this quarter's or last quarter's figure."},
     why={"zh": "累计数下降，通常是误填了本季度新增数，全市合计会因此偏低。",
          "en": "A falling running total is usually this quarter's increment typed instead; the city total would come out low."},
     bad="# progress/2023Q1/rsj.yaml\n" + _R20.replace("2023Q2", "2023Q1").replace("2023-07-05", "2023-04-04")
         + "    figures:\n      r20_training: 1790\n# progress/2023Q2/rsj.yaml\n" + _R20 + "    figures:\n      r20_training: 1200\n",
     good="# progress/2023Q1/rsj.yaml\n" + _R20.replace("2023Q2", "2023Q1").replace("2023-07-05", "2023-04-04")
          + "    figures:\n      r20_training: 1790\n# progress/2023Q2/rsj.yaml\n" + _R20 + "    figures:\n      r20_training: 2990\n")

rule("F705", "figure-normalized", "warning", "figures",
     {"zh": "指标数字写法特殊，已按读出的数值计", "en": "figure written unusually; read as shown"},
     {"zh": "第 {row} 项指标“{id}”的数字“{value}”按 {read} 计入（{what}）", "en": "row {row}, indicator '{id}': figure '{value}' is counted as {read} ({what})"},
     {"zh": "核对读出的数值；无误时可改写为 {plain} 消除本提示。", "en": "Check the number read; if right, write it as {plain} to silence this."},
     why={"zh": "全角数字、千位分隔符和小于 1 的比例都能读，但要让填报人确认没有读错。",
          "en": "Full-width digits, thousands separators and shares below 1 can be read, but the sender should confirm the reading."},
     bad=_R20 + "    figures:\n      r20_training: 2,990\n", good=_R20 + "    figures:\n      r20_training: 2990\n")

rule("F706", "figure-not-counted", "warning", "figures",
     {"zh": "该指标不由本单位报送，数字不计入合计", "en": "figure not counted: another unit reports this indicator"},
     {"zh": "第 {row} 项指标“{id}”由{who}报送，“{unit}”的数字不计入全市合计", "en": "row {row}, indicator '{id}' is reported by {who}; the figure from '{unit}' is not added to the city total"},
     {"zh": "删去该数字，或写入 progress 文字中。", "en": "Remove the figure, or mention it in the progress text."},
     why={"zh": "全市数由牵头单位统一报送；县级数字再相加会重复计算。", "en": "The lead unit reports the city-wide figure; adding county figures would count twice."},
     bad=_SUB.format(unit="资源县", row=20, text="二季度培训脱贫劳动力 310 人次。") + "    figures:\n      r20_training: 310\n",
     good=_SUB.format(unit="资源县", row=20, text="二季度培训脱贫劳动力 310 人次。"))

_WHY = {
    "empty": ("为空", "is empty"),
    "text": ("不是数字", "is not a number"),
    "wan": ("带“万”字", "uses 万"),
    "percent": ("带百分号，但该指标不是比例", "has a percent sign, but the indicator is not a share"),
    "negative": ("是负数", "is negative"),
    "fraction": ("是带小数的计数", "is a count with decimals"),
}
_NOTE = {
    "fullwidth": ("全角数字", "full-width digits"),
    "separators": ("千位分隔符", "thousands separators"),
    "small-share": ("小于 1 的比例按百分数计，如指 35% 请写 35", "a share below 1 is taken as percent; for 35% write 35"),
}


# ---------------------------------------------------------------- definition checks

def check_definitions(cat: Catalog, tasks: Document) -> list[Finding]:
    out: list[Finding] = []
    first: dict[str, int] = {}
    known_units = set(cat.by_id)
    for i, t in enumerate(cat.tasks):
        for j, ind in enumerate(t.indicators):
            def at(where, code, **params):
                line, col = tasks.pos(("tasks", i, "indicators", j, where))
                out.append(Finding(code, tasks.path, line, col, {"id": ind.id, **params}))

            if ind.id in first:
                at("id", "D211", first_row=first[ind.id])
            else:
                first[ind.id] = t.id
            if ind.aggregation not in AGGREGATIONS:
                at("aggregation", "D210", value=ind.aggregation, known=list(AGGREGATIONS))
            if ind.target is None:
                at("id", "D212", what={"zh": "缺少目标值 target", "en": "has no target"})
            elif ind.target < 0 or (ind.upper is not None and ind.upper < ind.target):
                at("target", "D212", what={"zh": f"的目标值无效：{ind.target:g}", "en": f"has an invalid target: {ind.target:g}"})
            if isinstance(ind.over, list):
                for k, uid in enumerate(ind.over):
                    if uid not in known_units:
                        line, col = tasks.pos(("tasks", i, "indicators", j, "over", k))
                        out.append(Finding("D213", tasks.path, line, col, {"id": ind.id, "field": "over", "value": uid}))
            elif ind.over not in ("city", "counties") and ind.over not in known_units:
                at("over", "D213", field="over", value=ind.over)
            if ind.reported_by not in ("lead", "counties"):
                at("reported_by", "D213", field="reported_by", value=ind.reported_by)
            if ind.by is not None:
                q = Quarter.try_parse(ind.by)
                if q is None or not cat.in_period(q):
                    at("by", "D213", field="by", value=ind.by)
            if ind.in_quarter is not None and (ind.aggregation != "per_year" or not 1 <= ind.in_quarter <= 4):
                at("in_quarter", "D213", field="in_quarter", value=ind.in_quarter)
    return out


# ---------------------------------------------------------------- figure checks

def check(ctx, sub) -> list[Finding]:
    m = sub.model
    if m is None or not any(it.figures for it in m.items):
        return []
    cat = ctx.cat
    defs = by_id(cat)
    out = ctx.findings(sub)
    unit_name = cat.by_id[sub.unit_id].name if sub.unit_id else m.unit
    for i, item in enumerate(m.items):
        if not item.figures:
            continue
        task = cat.task(item.task)
        if task is None:
            continue  # C401 says so
        mine = {ind.id: ind for ind in task.indicators}
        for key, text in item.figures.items():
            def at(code, _loc=("items", i, "figures", key), _row=item.task, _key=key, **params):
                out.at(_loc, code, row=_row, id=_key, **params)

            value = "" if text is None else str(text)
            ind = mine.get(key)
            if ind is None or ind.aggregation == "threshold":
                other = defs.get(key)
                if ind is not None:
                    what = {"zh": "（该项只是界线，不填数字）", "en": " (it is a threshold and takes no figure)"}
                elif other is not None:
                    what = {"zh": f"（它属于第 {other.row} 项）", "en": f" (it belongs to row {other.row})"}
                else:
                    what = ""
                known = [k for k, v in mine.items() if v.aggregation != "threshold"]
                at("F703", what=what, known=known or {"zh": "无", "en": "none"})
                continue
            p = parse_figure(text, ind.unit)
            if p.value is None:
                zh, en = _WHY[p.problem]
                code = "F702" if p.problem in ("negative", "fraction") else "F701"
                example = {"zh": f"（如 {p.hint}）", "en": f" (e.g. {p.hint})"} if p.hint else ""
                at(code, value=value, what={"zh": zh, "en": en}, example=example)
                continue
            if ind.aggregation == "monthly" and p.value > MONTHS_PER_QUARTER:
                at("F702", value=value, what={"zh": "超过一个季度的 3 个月（填本季度达标的月数，0—3）",
                                              "en": "is more than the 3 months of a quarter (write the months in which it was met, 0 to 3)"})
                continue
            if p.note:
                parts = [_NOTE[n] for n in p.note.split("+")]
                at("F705", value=value, read=_fmt(p.value) + ("%" if ind.unit == "%" else ""), plain=_fmt(p.value),
                   what={"zh": "；".join(z for z, _ in parts), "en": "; ".join(e for _, e in parts)})
            if sub.unit_id and sub.quarter:
                d = defs[key]
                who = reporters(cat, d, sub.quarter)
                if sub.unit_id not in who:
                    names = [cat.by_id[u].name for u in who if u in cat.by_id]
                    at("F706", unit=unit_name, who=names)
                    continue
                if ind.aggregation in RUNNING:
                    before = _previous(ctx, sub, key, ind.unit)
                    if before is not None and p.value < before[1]:
                        at("F704", value=_fmt(p.value), before=_fmt(before[1]), prev=before[0])
    return out


def _previous(ctx, sub, key: str, unit: str) -> tuple[str, float] | None:
    """The unit's figure for ``key`` in the quarter before, from that quarter's file."""
    prev = str(sub.quarter.prev())
    ck = (prev, sub.unit_id)
    if ck not in ctx.prev_figures:
        figs: dict = {}
        before = ctx.ws.previous(sub.unit_id, sub.quarter, light=True)  # its figures only
        if before is not None:
            for it in before.model.items:
                figs.update(it.figures or {})
        ctx.prev_figures[ck] = figs
    text = ctx.prev_figures[ck].get(key)
    if text is None:
        return None
    p = parse_figure(text, unit)
    return (prev, p.value) if p.value is not None else None
