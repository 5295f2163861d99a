"""I3xx: whose file is this, and for which quarter?"""

from __future__ import annotations

from zengshou.findings import Finding
from zengshou.i18n import did_you_mean
from zengshou.quarters import Quarter
from zengshou.registry import rule
from zengshou.rules.context import Context
from zengshou.submissions import Loaded

rule(
    "I301",
    "unknown-unit",
    "error",
    "identity",
    {"zh": "未知的报送单位", "en": "unknown unit"},
    {"zh": "未知单位“{unit}”", "en": "unknown unit '{unit}'"},
    {
        "zh": "填写单位编号、全称或简称（zengshou units 可查）。{suggest}",
        "en": "Use the unit's id, full name or an alias (see `zengshou units`). {suggest}",
    },
    why={
        "zh": "认不出单位，就无法判断该报哪些任务，也无法汇总。",
        "en": "An unknown unit cannot be matched to its rows or merged.",
    },
    bad="unit: 市财政厅\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
    good="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
)

rule(
    "I302",
    "file-name",
    "error",
    "identity",
    {"zh": "文件名与单位不符", "en": "file name does not match the unit"},
    {
        "zh": "文件名“{name}”与单位“{unit}”不符，应为 {expected}",
        "en": "file name '{name}' does not match unit '{unit}'; expected {expected}",
    },
    {
        "zh": "把文件改名为 {expected}（单位编号见 zengshou units）。",
        "en": "Rename the file to {expected} (ids: `zengshou units`).",
    },
    why={
        "zh": "文件名就是单位编号，才能一眼看出谁已报送、避免两个单位写进同一文件。",
        "en": "File names are unit ids, so anyone can see who has reported and two units never share a file.",
    },
    bad="# progress/2023Q2/财政局.yaml\nunit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
    good="# progress/2023Q2/czj.yaml\nunit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
)

rule(
    "I303",
    "folder-quarter",
    "error",
    "identity",
    {"zh": "所在文件夹与季度不符", "en": "folder does not match the quarter"},
    {
        "zh": "文件写的季度是 {quarter}，却放在文件夹“{folder}”中",
        "en": "the file says quarter {quarter} but sits in folder '{folder}'",
    },
    {
        "zh": "把文件移到 progress/{quarter}/，或改正 quarter。",
        "en": "Move the file to progress/{quarter}/, or correct `quarter`.",
    },
    why={
        "zh": "汇总按文件夹取季度，放错文件夹的报送会被算进别的季度。",
        "en": "Merging reads a quarter's folder; a misplaced file lands in the wrong quarter.",
    },
    bad="# progress/2023Q1/czj.yaml\nunit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
    good="# progress/2023Q2/czj.yaml\nunit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
)

rule(
    "I304",
    "invalid-quarter",
    "error",
    "identity",
    {"zh": "季度格式无效", "en": "invalid quarter"},
    {"zh": "季度“{quarter}”无效", "en": "invalid quarter '{quarter}'"},
    {"zh": "写成“年份Q季度”，季度为 1–4，如 2023Q2。", "en": "Write year, Q, quarter 1-4, e.g. 2023Q2."},
    why={"zh": "季度决定截止日期和汇总位置。", "en": "The quarter decides the deadline and where the report goes."},
    bad="unit: 市财政局\nquarter: 2023Q5\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
    good="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
)

rule(
    "I305",
    "quarter-outside-plan",
    "error",
    "identity",
    {"zh": "季度不在规划期内", "en": "quarter outside the plan period"},
    {
        "zh": "季度 {quarter} 不在规划期 {start}–{end} 内",
        "en": "quarter {quarter} is outside the plan period {start}–{end}",
    },
    {"zh": "检查年份是否写错。", "en": "Check the year."},
    why={
        "zh": "规划期外的季度不需要报送，多半是年份笔误。",
        "en": "Quarters outside the plan need no report; it is usually a typo in the year.",
    },
    bad="unit: 市财政局\nquarter: 2025Q1\nsubmitted: 2025-04-03\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
    good="unit: 市财政局\nquarter: 2024Q4\nsubmitted: 2025-01-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
)

rule(
    "I306",
    "group-unit",
    "error",
    "identity",
    {"zh": "群组不能作为报送单位", "en": "a group cannot submit"},
    {"zh": "“{unit}”是群组，不是一个单位", "en": "'{unit}' is a group, not a single unit"},
    {
        "zh": "以具体单位报送，例如县（市、区）人民政府各自一个文件。",
        "en": "Submit as a single unit, e.g. one file per county-level government.",
    },
    why={
        "zh": "群组由多个单位组成，进度必须由具体单位分别报送。",
        "en": "A group stands for several offices; each reports on its own.",
    },
    bad="unit: 各县人民政府\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
    good="unit: 资源县\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
)

rule(
    "I307",
    "unit-replaced",
    "warning",
    "identity",
    {"zh": "单位已由新单位接替", "en": "unit has been succeeded"},
    {
        "zh": "自 {from_q} 起“{unit}”的任务由“{successor}”报送",
        "en": "from {from_q} on, '{successor}' reports for '{unit}'",
    },
    {"zh": "以新单位名义报送，文件名改为 {expected}。", "en": "Submit as the new unit, in {expected}."},
    why={
        "zh": "机构改革后报表要发给现存的单位。",
        "en": "After an institutional reform, reports go to the office that exists.",
    },
    bad="# units.yaml: 市扶贫办 successor: {id: xczxj, from: 2021Q2}\nunit: 市扶贫办\nquarter: 2023Q2",
    good="unit: 市乡村振兴局\nquarter: 2023Q2",
)


def check(ctx: Context, sub: Loaded) -> list[Finding]:
    m = sub.model
    if m is None:
        return []
    out = ctx.findings(sub)
    at = out.at
    cat = ctx.cat
    unit = cat.resolve(m.unit)
    if unit is None:
        near = cat.suggest(m.unit)
        at(
            ("unit",),
            "I301",
            unit=m.unit,
            suggest=did_you_mean(near),
        )
    elif unit.kind == "group":
        at(("unit",), "I306", unit=unit.name)
    elif sub.path.stem != unit.id:
        at(("unit",), "I302", name=sub.path.name, unit=unit.name, expected=f"{unit.id}{sub.path.suffix}")

    q = Quarter.try_parse(m.quarter)
    if q is None:
        at(("quarter",), "I304", quarter=m.quarter)
    else:
        if not cat.in_period(q):
            at(("quarter",), "I305", quarter=str(q), start=cat.plan.period.start, end=cat.plan.period.end)
        in_tree = Quarter.try_parse(sub.folder) is not None or sub.path.parent.parent.name == "progress"
        if sub.folder != str(q) and in_tree:
            at(("quarter",), "I303", quarter=str(q), folder=sub.folder)
        if unit is not None and unit.kind != "group":
            now = cat.current(unit.id, q)
            if now != unit.id:
                succ = cat.by_id[now]
                at(
                    ("unit",),
                    "I307",
                    unit=unit.name,
                    successor=succ.name,
                    from_q=str(unit.successor.from_) if unit.successor else str(q),
                    expected=f"{succ.id}.yaml",
                )
    return out
