"""D2xx: the plan's own definitions, ``tasks.yaml`` and ``units.yaml``.

A wrong lead unit sends a reminder to the wrong office; a row lost from the list drops a task
from every report. These checks keep the definitions whole before anything reads them.
"""

from __future__ import annotations

from zengshou.catalog import Catalog, normalize
from zengshou.findings import Finding
from zengshou.i18n import both, both_joined, did_you_mean
from zengshou.loader import Document
from zengshou.quarters import Quarter
from zengshou.registry import rule
from zengshou.rules.indicators import check_definitions as check_indicators

rule(
    "D200",
    "definitions-missing",
    "error",
    "definitions",
    {"zh": "缺少定义文件", "en": "definitions file missing"},
    {"zh": "找不到 {path}", "en": "{path} not found"},
    {
        "zh": "用 --data 指向包含 tasks.yaml 和 units.yaml 的数据目录（或设置 ZENGSHOU_DATA）。",
        "en": "Point --data (or ZENGSHOU_DATA) at the data directory holding tasks.yaml and units.yaml.",
    },
    why={
        "zh": "没有任务清单和单位表，什么也检查不了。",
        "en": "Without the task list and the units nothing can be checked.",
    },
)

rule(
    "D201",
    "unknown-unit-ref",
    "error",
    "definitions",
    {"zh": "任务引用了未定义的单位", "en": "task names an undefined unit"},
    {
        "zh": "第 {row} 项任务的责任单位“{name}”不在 units.yaml 中",
        "en": "row {row} names unit '{name}', which units.yaml does not define",
    },
    {
        "zh": "在 units.yaml 中添加该单位或别名，或改正拼写。{suggest}",
        "en": "Add the unit or an alias to units.yaml, or fix the spelling. {suggest}",
    },
    why={
        "zh": "未定义的单位收不到催报，也不会出现在报表中。",
        "en": "An undefined unit is never reminded and never appears in a report.",
    },
    bad="units:\n  - 市农业农村厅",
    good="units:\n  - 市农业农村局",
)

rule(
    "D202",
    "duplicate-id",
    "error",
    "definitions",
    {"zh": "编号重复", "en": "duplicate id"},
    {
        "zh": "{what}编号“{id}”重复（第 {first_line} 行已定义）",
        "en": "{what} id '{id}' is repeated (first defined at line {first_line})",
    },
    {"zh": "每个编号只能出现一次。", "en": "Each id may appear once."},
    why={
        "zh": "编号用作文件名和行号，重复会让两份报送互相覆盖。",
        "en": "Ids name files and rows; a repeat makes two things collide.",
    },
    bad="- id: nyncj\n- id: nyncj",
    good="- id: nyncj\n- id: gxj",
)

rule(
    "D203",
    "duplicate-alias",
    "error",
    "definitions",
    {"zh": "别名指向多个单位", "en": "alias names two units"},
    {"zh": "名称“{alias}”同时属于“{unit}”和“{other}”", "en": "name '{alias}' belongs to both '{unit}' and '{other}'"},
    {
        "zh": "删除其中一个别名，让每个名称只对应一个单位。",
        "en": "Remove one of the aliases so each name means one unit.",
    },
    why={
        "zh": "一个名称对应两个单位，报送就会记到错误的单位名下。",
        "en": "A name meaning two units files a report under the wrong one.",
    },
    bad="- id: a\n  aliases: [农业局]\n- id: b\n  aliases: [农业局]",
    good="- id: a\n  aliases: [农业局]",
)

rule(
    "D204",
    "row-without-units",
    "error",
    "definitions",
    {"zh": "任务没有责任单位", "en": "row without units"},
    {"zh": "第 {row} 项任务没有责任单位", "en": "row {row} has no responsible unit"},
    {
        "zh": "按清单填写责任单位，第一个为牵头单位。",
        "en": "List the responsible units as in the table, the lead first.",
    },
    why={"zh": "没有牵头单位的任务没人报送。", "en": "A row without a lead unit is reported by no one."},
    bad="- id: 13\n  measure: 3\n  units: []",
    good="- id: 13\n  measure: 3\n  units: [市财政局, 各有关部门, 各县人民政府]",
)

rule(
    "D205",
    "row-order",
    "error",
    "definitions",
    {"zh": "任务序号缺失、重复或顺序错误", "en": "rows missing, repeated or out of order"},
    {"zh": "任务序号应为 {expected}，这里是 {row}", "en": "expected row {expected} here, found {row}"},
    {"zh": "序号从 1 开始连续编号，与清单一致。", "en": "Number rows from 1 without gaps, as in the table."},
    why={
        "zh": "序号是报送引用任务的唯一依据；缺号或重号会让进度填到别的任务下。",
        "en": "Submissions cite rows by number; a gap or a repeat files progress under the wrong task.",
    },
    bad="tasks:\n  - id: 1\n  - id: 3",
    good="tasks:\n  - id: 1\n  - id: 2",
)

rule(
    "D206",
    "invalid-period",
    "error",
    "definitions",
    {"zh": "规划期无效", "en": "invalid plan period"},
    {"zh": "规划期无效：{what}", "en": "invalid plan period: {what}"},
    {
        "zh": "period 写成 start: 2022Q1、end: 2024Q4 这样的季度，且开始不晚于结束。",
        "en": "Write period as quarters, start: 2022Q1 and end: 2024Q4, start not after end.",
    },
    why={
        "zh": "截止日期、迟报和季度检查都依赖规划期。",
        "en": "Deadlines and quarter checks all depend on the period.",
    },
    bad="period:\n  start: 2024Q4\n  end: 2022Q1",
    good="period:\n  start: 2022Q1\n  end: 2024Q4",
)

rule(
    "D207",
    "unknown-measure",
    "error",
    "definitions",
    {"zh": "引用了未定义的措施或部分", "en": "unknown measure or part"},
    {"zh": "{what}“{ref}”未定义", "en": "{what} '{ref}' is not defined"},
    {
        "zh": "在 measures / parts 中补充定义，或改正编号。",
        "en": "Define it under measures / parts, or fix the reference.",
    },
    why={
        "zh": "报表按措施合并单元格；未定义的措施无法显示标题。",
        "en": "Reports group rows by measure; an undefined one has no title.",
    },
    bad="measures:\n  - id: 1\n    part: 二（九）",
    good="measures:\n  - id: 1\n    part: 二（一）",
)

rule(
    "D208",
    "bad-group",
    "error",
    "definitions",
    {"zh": "群组或继任单位定义有误", "en": "bad group or successor"},
    {"zh": "单位“{unit}”的{what}“{ref}”未定义", "en": "unit '{unit}': {what} '{ref}' is not defined"},
    {
        "zh": "成员和继任单位须写 units.yaml 中已有的编号。",
        "en": "Members and successors must be ids defined in units.yaml.",
    },
    why={"zh": "群组展开和机构改革的继任关系决定谁来报送。", "en": "Group members and successors decide who reports."},
    bad="- id: gxrmzf\n  kind: group\n  members: [ziyaun]",
    good="- id: gxrmzf\n  kind: group\n  members: [ziyuan]",
)

rule(
    "D209",
    "bad-scope-basis",
    "error",
    "definitions",
    {"zh": "群组的口径依据有误", "en": "bad basis of a scope group"},
    {"zh": "单位“{unit}”：{what}", "en": "unit '{unit}': {what}"},
    {
        "zh": "confirmed 和 basis 只写在群组（kind: group）上；未确认（confirmed: false）的群组须写 basis 的 rows、quote 和 reading，"
        "quote 须是这些序号的任务原文、责任单位栏或措施标题中的原话。",
        "en": "Only groups (kind: group) take confirmed and basis; an unconfirmed group (confirmed: false) needs basis rows, quote "
        "and reading, and the quote must be printed, word for word, in those rows' task text, unit cell or measure title.",
    },
    why={
        "zh": "指标按群组汇总；群组成员是方案原文还是假定，决定报表是否标注“口径待确认”。没有依据的群组无法核实。",
        "en": "Indicators add up over groups; whether a group's members are the plan's words or an assumption decides "
        "whether reports say 口径待确认 (scope to be confirmed). A group without a basis cannot be checked.",
    },
    bad="- id: zdbfx\n  kind: group\n  members: [longsheng, ziyuan]\n  confirmed: false",
    good="- id: zdbfx\n  kind: group\n  members: [longsheng, ziyuan]\n  confirmed: false\n  basis:\n    rows: [3, 49]\n"
    "    quote: 乡村振兴重点帮扶县\n    reading: 方案未列名单，暂按龙胜县、资源县计。",
)

_KIND_WORD = {"unit": ("单位", "unit"), "measure": ("措施", "measure"), "part": ("部分", "part")}


def check_definitions(cat: Catalog, tasks: Document, units: Document) -> list[Finding]:
    """D2xx over the definitions, section by section: the units, their scope groups, the plan
    period, the parts and measures, the task rows, then the indicators (findings in that order)."""
    out: list[Finding] = []

    def at(doc: Document, loc, code: str, *, key: bool = False, **params) -> None:
        line, col = doc.pos(loc, key=key)
        out.append(Finding(code, doc.path, line, col, params))

    _check_units(cat, units, at)
    _check_scope_groups(cat, units, at)
    _check_period(cat, tasks, at)
    _check_measures(cat, tasks, at)
    _check_rows(cat, tasks, at)
    out.extend(check_indicators(cat, tasks))
    return out


def _check_units(cat: Catalog, units: Document, at) -> None:
    """D202/D203/D208: ids, names and aliases each mean one unit (a name shared by two units
    would send one's reminders to the other), and members and successors name units that exist."""
    first_id: dict[str, int] = {}
    owner: dict[str, tuple[str, int]] = {}
    for i, u in enumerate(cat.units):
        line = units.pos(("units", i, "id"))[0] or 0
        if u.id in first_id:
            at(units, ("units", i, "id"), "D202", what=both("what.unit"), id=u.id, first_line=first_id[u.id])
        else:
            first_id[u.id] = line
        names = (
            [("name", None, u.name)]
            + [("aliases", j, a) for j, a in enumerate(u.aliases)]
            + [("former_names", j, a) for j, a in enumerate(u.former_names)]
        )
        seen_here: set[str] = set()
        for fieldname, j, n in names:
            k = normalize(n)
            if k in seen_here:
                continue
            seen_here.add(k)
            if k in owner and owner[k][0] != u.id:
                loc = ("units", i, fieldname) if j is None else ("units", i, fieldname, j)
                at(
                    units,
                    loc,
                    "D203",
                    alias=n,
                    unit=u.name,
                    other=cat.by_id[owner[k][0]].name if owner[k][0] in cat.by_id else owner[k][0],
                )
            else:
                owner.setdefault(k, (u.id, i))
        for j, m in enumerate(u.members):
            if m not in cat.by_id:
                at(units, ("units", i, "members", j), "D208", unit=u.name, what=both("what.member"), ref=m)
        if u.successor and u.successor.id not in cat.by_id:
            at(
                units,
                ("units", i, "successor", "id"),
                "D208",
                unit=u.name,
                what=both("what.successor"),
                ref=u.successor.id,
            )


def _check_period(cat: Catalog, tasks: Document, at) -> None:
    """D206: the plan's period is two quarters in order (every quarter check is made against it)."""
    start, end = Quarter.try_parse(cat.plan.period.start), Quarter.try_parse(cat.plan.period.end)
    if start is None or end is None or start > end:
        at(tasks, ("plan", "period"), "D206", what=f"{cat.plan.period.start} – {cat.plan.period.end}")


def _check_measures(cat: Catalog, tasks: Document, at) -> None:
    """D207/D202: each measure belongs to a part that exists, and no measure id is used twice
    (a report groups rows by measure and measures by part)."""
    part_ids = {p.id for p in cat.parts}
    seen_m: dict[int, int] = {}
    for i, measure in enumerate(cat.measure_list):
        if measure.part not in part_ids:
            at(tasks, ("measures", i, "part"), "D207", what=both("what.part"), ref=measure.part)
    for i, mid in enumerate(measure.id for measure in cat.measure_list):
        if mid in seen_m:
            at(
                tasks,
                ("measures", i, "id"),
                "D202",
                what=both("what.measure"),
                id=mid,
                first_line=seen_m[mid],
            )
        else:
            seen_m[mid] = tasks.pos(("measures", i, "id"))[0] or 0


def _check_rows(cat: Catalog, tasks: Document, at) -> None:
    """D202/D205/D207/D204/D201: rows numbered 1..n in order, each under a measure that exists
    and with units that resolve (a lost or misnumbered row drops a task from every report)."""
    first_row: dict[int, int] = {}
    for i, t in enumerate(cat.tasks):
        if t.id in first_row:
            at(
                tasks,
                ("tasks", i, "id"),
                "D202",
                what=both("what.task_row"),
                id=t.id,
                first_line=first_row[t.id],
            )
        else:
            first_row[t.id] = tasks.pos(("tasks", i, "id"))[0] or 0
            if t.id != i + 1:
                at(tasks, ("tasks", i, "id"), "D205", expected=i + 1, row=t.id)
        if t.measure not in cat.measures:
            at(tasks, ("tasks", i, "measure"), "D207", what=both("what.measure"), ref=t.measure)
        if not t.units:
            at(tasks, ("tasks", i, "units"), "D204", row=t.id)
        for j, n in enumerate(t.units):
            if cat.resolve(n) is None:
                near = cat.suggest(n)
                at(
                    tasks,
                    ("tasks", i, "units", j),
                    "D201",
                    row=t.id,
                    name=n,
                    suggest=did_you_mean(near),
                )


def _check_scope_groups(cat: Catalog, units: Document, at) -> None:
    """D209: a group's ``confirmed``/``basis`` — only on groups, a basis for every unconfirmed one,
    and its quote printed in the rows it cites (so the stated basis cannot drift from the plan)."""
    for i, u in enumerate(cat.units):
        if u.confirmed is None and u.basis is None:
            continue
        if u.kind != "group":
            key = "confirmed" if u.confirmed is not None else "basis"
            at(
                units,
                ("units", i, key),
                "D209",
                key=True,
                unit=u.name,
                what=both("what.group_only", key=key),
            )
            continue
        b = u.basis
        if u.confirmed is False and (b is None or not b.rows or not b.quote.strip() or not b.reading.strip()):
            at(
                units,
                ("units", i, "basis" if b is not None else "confirmed"),
                "D209",
                unit=u.name,
                what=both("what.basis_needed"),
            )
            continue
        if b is None:
            continue
        absent = []
        for j, row in enumerate(b.rows):
            t = cat.task(row)
            if t is None:
                at(
                    units,
                    ("units", i, "basis", "rows", j),
                    "D209",
                    unit=u.name,
                    what=both("what.basis_row", row=row),
                )
                continue
            measure = cat.measures.get(t.measure)
            if b.quote and b.quote not in t.text + t.units_text + (measure.title if measure else ""):
                absent.append(str(row))
        if absent:
            at(
                units,
                ("units", i, "basis", "quote"),
                "D209",
                unit=u.name,
                what=both_joined("what.quote_absent", quote=b.quote, rows=absent),
            )
