"""T6xx: was it sent on time?

The deadline is :meth:`Catalog.deadline`: day ``deadline_day`` (6) of the first month after the
quarter, read inclusively (the plan says 6日前; the tool reads it as "by the 6th", declared as
``deadline_inclusive`` in tasks.yaml), unless the coordinator set that quarter's day in
``[deadlines]`` of zengshou.toml.
"""

from __future__ import annotations

from zengshou.findings import Finding
from zengshou.registry import rule
from zengshou.rules.context import Context
from zengshou.submissions import Loaded

rule("T601", "late", "warning", "timing",
     {"zh": "逾期报送", "en": "submitted late"},
     {"zh": "报送日期 {submitted} 晚于截止日期 {deadline}（逾期 {days} 天）", "en": "submitted {submitted}, after the deadline {deadline} ({days} day(s) late)"},
     {"zh": "以后请在截止日期（含当日）前报送：每季度第一个月 {day} 日，协调人另行设定的季度除外。",
      "en": "Send each quarter's progress by the deadline (the day itself counts): day {day} of the following month, unless the coordinator set another day for that quarter."},
     why={"zh": "迟报会推迟全市汇总。截止日期是本工具对方案“于每季度第一个月6日前”的读法：6日当天报送视为按时"
                "（tasks.yaml 中 deadline_inclusive: true，理由见 deadline_reading）；某季度另有安排时（如国庆假期），"
                "协调人在 zengshou.toml 的 [deadlines] 中设定该季度的截止日，如 2023Q3 = \"2023-10-09\"。",
          "en": "A late report delays the city's merged report. The deadline is the tool's reading of the plan's "
                "\"于每季度第一个月6日前\" (before day 6 of the quarter's following month): a file sent on the 6th is on "
                "time (deadline_inclusive: true in tasks.yaml, reason in deadline_reading). When a quarter's deadline "
                "moves (a holiday), the coordinator sets it in [deadlines] of zengshou.toml, e.g. 2023Q3 = \"2023-10-09\"."},
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
