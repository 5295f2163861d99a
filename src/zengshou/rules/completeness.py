"""R5xx: has the unit reported every row it must?

Who must report: each county-level government every row that names 各县人民政府 or names that
county; each lead unit the rows it leads. Other named units may report but need not.
"""

from __future__ import annotations

from zengshou.findings import Finding
from zengshou.registry import rule
from zengshou.rules.context import Context
from zengshou.submissions import Loaded

rule("R501", "missing-rows", "error", "completeness",
     {"zh": "缺少须报送的任务", "en": "required rows missing"},
     {"zh": "缺少 {n} 项须报送的任务：第 {rows} 项", "en": "{n} required row(s) missing: {rows}"},
     {"zh": "为每项补充一条 items（zengshou new --unit {unit_id} --quarter {quarter} 可生成完整模板）。",
      "en": "Add an item for each (`zengshou new --unit {unit_id} --quarter {quarter}` writes a complete form)."},
     why={"zh": "漏报的任务在汇总表中只能显示“未报送”。", "en": "A missing row shows as 'not reported' in the merged table."},
     bad="unit: 市自然资源局\nquarter: 2023Q2\nitems:\n  - task: 48\n    progress: 2 宗集体经营性建设用地入市，成交 460 万元。",
     good="unit: 市自然资源局\nquarter: 2023Q2\nitems:\n  - task: 48\n    progress: 2 宗集体经营性建设用地入市，成交 460 万元。\n  - task: 49\n    progress: 备案补充耕地开垦项目 14 个，新增耕地 86 亩。")


def check(ctx: Context, sub: Loaded) -> list[Finding]:
    m = sub.model
    if m is None or not sub.unit_id or ctx.cat.by_id[sub.unit_id].kind == "group" or sub.quarter is None:
        return []
    required = ctx.cat.required_rows(sub.unit_id, sub.quarter)
    have = {it.task for it in m.items}
    missing = [r for r in required if r not in have]
    if not missing:
        return []
    out = ctx.findings(sub)
    out.at(("items",), "R501", key=True, n=len(missing), rows={"zh": _ranges(missing, "、"), "en": _ranges(missing, ", ")},
           missing=missing, unit_id=sub.unit_id, quarter=str(sub.quarter))
    return out


def _ranges(rows: list[int], sep: str) -> str:
    """1,2,3,5 → '1–3、5': long lists stay readable."""
    parts, start, prev = [], None, None
    for r in rows:
        if start is None:
            start = prev = r
        elif r == prev + 1:
            prev = r
        else:
            parts.append(f"{start}" if start == prev else f"{start}–{prev}")
            start = prev = r
    if start is not None:
        parts.append(f"{start}" if start == prev else f"{start}–{prev}")
    return sep.join(parts)
