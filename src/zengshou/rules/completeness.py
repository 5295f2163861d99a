"""R5xx: has the unit reported every row it must?

Who must report: each county-level government every row that names 各县人民政府 or names that
county; each lead unit the rows it leads. Other named units may report but need not.
"""

from __future__ import annotations

from zengshou.findings import Finding
from zengshou.rules import rule
from zengshou.rules.context import Context
from zengshou.submissions import Loaded

rule("R501", "missing-rows", "error", "completeness",
     {"zh": "缺少须报送的任务", "en": "required rows missing"},
     {"zh": "缺少 {n} 项须报送的任务：第 {rows} 项", "en": "{n} required row(s) missing: {rows}"},
     {"zh": "为每项补充一条 items（zengshou new --unit {unit_id} --quarter {quarter} 可生成完整模板）。",
      "en": "Add an item for each (`zengshou new --unit {unit_id} --quarter {quarter}` writes a complete form)."},
     why={"zh": "漏报的任务在汇总表中只能显示“未报送”。", "en": "A missing row shows as 'not reported' in the merged table."},
     bad="items:\n  - task: 1", good="items:\n  - task: 1\n  - task: 2\n  # …every required row")


def check(ctx: Context, sub: Loaded) -> list[Finding]:
    m = sub.model
    if m is None or not sub.unit_id or ctx.cat.by_id[sub.unit_id].kind == "group" or sub.quarter is None:
        return []
    required = ctx.cat.required_rows(sub.unit_id, sub.quarter)
    have = {it.task for it in m.items}
    missing = [r for r in required if r not in have]
    if not missing:
        return []
    line, col = sub.doc.pos(("items",), key=True)
    return [Finding("R501", sub.display, line, col,
                    {"n": len(missing), "rows": {"zh": _ranges(missing, "、"), "en": _ranges(missing, ", ")}, "missing": missing,
                     "unit_id": sub.unit_id, "quarter": str(sub.quarter)})]


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
