"""T6xx: was it sent on time?

The deadline is day ``deadline_day`` (6) of the first month after the quarter, from the plan
data; a file sent on that day is on time (the plan says 6日前, read as "by the 6th").
"""

from __future__ import annotations

from zengshou.findings import Finding
from zengshou.registry import rule
from zengshou.rules.context import Context
from zengshou.submissions import Loaded

rule("T601", "late", "warning", "timing",
     {"zh": "逾期报送", "en": "submitted late"},
     {"zh": "报送日期 {submitted} 晚于截止日期 {deadline}（逾期 {days} 天）", "en": "submitted {submitted}, after the deadline {deadline} ({days} day(s) late)"},
     {"zh": "以后请在每季度第一个月 {day} 日前报送上季度进度。", "en": "Send each quarter's progress by day {day} of the following month."},
     why={"zh": "迟报会推迟全市汇总。", "en": "A late report delays the city's merged report."},
     bad="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-12\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。", good="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。")

rule("T602", "before-quarter-end", "warning", "timing",
     {"zh": "报送日期早于季度结束", "en": "submitted before the quarter ended"},
     {"zh": "报送日期 {submitted} 早于 {quarter} 结束（{end}）", "en": "submitted {submitted}, before {quarter} ended ({end})"},
     {"zh": "检查日期或季度是否写错。", "en": "Check the date and the quarter."},
     why={"zh": "季度未结束就报送，通常是日期或季度写错。", "en": "A date before the quarter ended is usually a typo in the date or the quarter."},
     bad="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-06-20\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。", good="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。")

rule("T603", "future-date", "warning", "timing",
     {"zh": "报送日期在未来", "en": "submission date in the future"},
     {"zh": "报送日期 {submitted} 在今天（{today}）之后", "en": "submitted {submitted}, which is after today ({today})"},
     {"zh": "填写实际报送的日期；还是草稿时删去 submitted。", "en": "Use the date actually sent; leave `submitted` out while it is a draft."},
     why={"zh": "未来的日期说明日期写错了。", "en": "A date in the future is a typo."},
     bad="unit: 市财政局\nquarter: 2024Q4\nsubmitted: 2099-01-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。", good="unit: 市财政局\nquarter: 2024Q4\nsubmitted: 2025-01-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。")


def check(ctx: Context, sub: Loaded) -> list[Finding]:
    m = sub.model
    if m is None or m.submitted is None or sub.quarter is None:
        return []
    out = ctx.findings(sub)
    at = ("submitted",)
    deadline = ctx.cat.deadline(sub.quarter)
    s = m.submitted
    if s > ctx.today:
        out.at(at, "T603", submitted=s.isoformat(), today=ctx.today.isoformat())
    if s > deadline:
        out.at(at, "T601", submitted=s.isoformat(), deadline=deadline.isoformat(), days=(s - deadline).days,
               day=ctx.cat.plan.deadline_day)
    elif s <= sub.quarter.end:
        out.at(at, "T602", submitted=s.isoformat(), quarter=str(sub.quarter), end=sub.quarter.end.isoformat())
    return out
