"""C4xx: what each item says.

The plan asks for real progress in at most 300 characters and warns against formalism and
paper numbers (防止形式主义、防止简单填数). These rules catch the usual shortcuts: an empty cell,
a placeholder, the task text pasted back, last quarter's text again, a neighbour's text.
"""

from __future__ import annotations

from zengshou import signoff
from zengshou.findings import Finding
from zengshou.i18n import both
from zengshou.registry import rule
from zengshou.rules.context import Context
from zengshou.submissions import Loaded
from zengshou.text import bidi_controls, char_count, has_bidi, is_placeholder

rule(
    "C401",
    "unknown-task",
    "error",
    "content",
    {"zh": "任务序号不存在", "en": "unknown task row"},
    {
        "zh": "重点任务清单中没有第 {row} 项（共 {total} 项）",
        "en": "the key task list has no row {row} (it has {total})",
    },
    {"zh": "对照清单改正序号（zengshou tasks 可查）。", "en": "Use a row number from the list (`zengshou tasks`)."},
    why={
        "zh": "不存在的序号无法汇总到任何任务下。",
        "en": "Progress under a row that does not exist cannot be merged anywhere.",
    },
    bad="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 71\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
    good="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
)

rule(
    "C402",
    "not-responsible",
    "error",
    "content",
    {"zh": "本单位不是该任务的责任单位", "en": "unit not responsible for the row"},
    {"zh": "“{unit}”不是第 {row} 项任务的责任单位", "en": "'{unit}' is not named on row {row}"},
    {
        "zh": "只填写本单位负责的任务（zengshou tasks --unit {unit_id} 可查）；序号写错时请改正。",
        "en": "Report only the rows your unit is named on (`zengshou tasks --unit {unit_id}`); fix the row number if it is a typo.",
    },
    why={
        "zh": "填到别的任务下，多半是序号写错了，该报的任务反而漏报。",
        "en": "Progress on someone else's row is usually a typo in the row number, and the real row goes missing.",
    },
    bad="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 1\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
    good="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
)

rule(
    "C403",
    "duplicate-row",
    "error",
    "content",
    {"zh": "同一任务填写了两次", "en": "row reported twice"},
    {
        "zh": "第 {row} 项任务重复填写（第 {first_line} 行已填写）",
        "en": "row {row} is reported twice (first at line {first_line})",
    },
    {"zh": "合并为一条。", "en": "Merge them into one item."},
    why={
        "zh": "报表每项任务只有一个“落实进度”格，重复填写会有一条被丢掉。",
        "en": "The report has one progress cell per row; one of the two would be lost.",
    },
    bad="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 预留采购份额 16.2%。\n  - task: 13\n    progress: 二季度采购 1860 万元。",
    good="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 预留采购份额 16.2%；二季度采购 1860 万元。",
)

rule(
    "C404",
    "empty-progress",
    "error",
    "content",
    {"zh": "落实进度为空或只是占位词", "en": "progress empty or a placeholder"},
    {"zh": "第 {row} 项的落实进度{what}", "en": "progress for row {row} {what}"},
    {
        "zh": "写明本季度做了什么、取得什么成效；确实没有进展的，说明原因和下一步安排。",
        "en": "Say what was done this quarter and with what result; if nothing happened, say why and what comes next.",
    },
    why={
        "zh": "“无”“略”“同上”之类的填写等于没有报送，正是方案要求防止的形式主义。",
        "en": "'None', 'see above' and the like report nothing: the formalism the plan warns against.",
    },
    bad="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 同上",
    good="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
)

rule(
    "C405",
    "too-long",
    "error",
    "content",
    {"zh": "落实进度超过字数上限", "en": "progress over the length limit"},
    {
        "zh": "第 {row} 项的落实进度有 {count} 字，超过 {limit} 字的上限（多 {over} 字）",
        "en": "progress for row {row} has {count} characters, over the limit of {limit} (by {over})",
    },
    {
        "zh": "精简到 {limit} 字以内（再删去 {over} 字）。计数与 Word/WPS 的“字符数（不计空格）”相同：汉字、字母、数字、标点各算 1 个，"
        "空格、换行和不可见字符不算，一个表情符号算 1 个。经验材料可另行报送。",
        "en": "Shorten it to {limit} characters ({over} to cut). The count is Word's 'characters (no spaces)': each Chinese "
        "character, letter, digit and punctuation mark is one; spaces, line breaks and invisible characters are not "
        "counted; an emoji is one. Send case material separately.",
    },
    why={
        "zh": "方案要求每条控制在 300 字以内，汇总表才能打印成表。",
        "en": "The plan limits each item to 300 characters so the merged table prints.",
    },
    bad="- task: 13\n  progress: 一是……二是……三是……（共 412 字）",
    good="- task: 13\n  progress: 一是……二是……（精简到 300 字以内）",
)

rule(
    "C409",
    "bidi-control",
    "error",
    "content",
    {"zh": "含有文字方向控制符", "en": "bidirectional control character"},
    {
        "zh": "{where}第 {pos} 个字符是不可见的文字方向控制符 {char}",
        "en": "{where} holds an invisible bidirectional control {char} at character {pos}",
    },
    {
        "zh": "删去该字符（多由网页或聊天软件复制粘贴带入）：在编辑器中用查找替换删除 {char}，或重新输入这段文字。",
        "en": "Delete it (it usually comes with text pasted from a web page or a chat app): search and replace {char}, or retype the passage.",
    },
    why={
        "zh": "U+202A–U+202E、U+2066–U+2069 看不见，却会改变其后文字的显示顺序（如把“123”显示成“321”），"
        "报表上显示的内容就与文件中的不一致。",
        "en": "U+202A–U+202E and U+2066–U+2069 are invisible but reorder how the text after them is displayed "
        '("123" shows as "321"), so the report would show something other than what the file says.',
    },
    bad='unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: "预留采购份额 16.2%，二季度采购\\u202e 1860 万元。"',
    good="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 预留采购份额 16.2%，二季度采购 1860 万元。",
)

#: the header's free-text people fields C409 reads: contact and every sign-off field
_FIELDS = {
    "contact": both("where.contact"),
    **{f.key: {"zh": f.zh, "en": f.key} for f in signoff.FIELDS},
}


def _bidi(sub: Loaded, out) -> None:
    """C409 on every free text of the file: the header's people fields, each item's progress and
    note. A field's label is made only for a finding: nearly every text has no control."""
    m = sub.valid

    def check_text(text, path, where):
        for pos, ch in bidi_controls(text)[:1]:  # one finding per field: the fix is the same
            out.at(path, "C409", where=where(), pos=pos, char=f"U+{ord(ch):04X}")

    for key, label in _FIELDS.items():
        check_text(getattr(m, key, None), (key,), lambda label=label: label)
    for i, item in enumerate(m.items):
        if item.progress and has_bidi(item.progress):
            check_text(
                item.progress,
                ("items", i, "progress"),
                lambda row=item.task: both("where.progress", row=row),
            )
        if item.note and has_bidi(item.note):
            check_text(
                item.note,
                ("items", i, "note"),
                lambda row=item.task: both("where.note", row=row),
            )


rule(
    "C406",
    "copies-task",
    "warning",
    "content",
    {"zh": "落实进度只是照抄任务", "en": "progress copies the task text"},
    {"zh": "第 {row} 项的落实进度只是照抄了任务内容", "en": "progress for row {row} only repeats the task text"},
    {
        "zh": "写实际完成的工作和数据，而不是任务要求本身。",
        "en": "Report the work done and its figures, not the task itself.",
    },
    why={
        "zh": "照抄任务看似填了，其实没有说明任何进展。",
        "en": "Copying the task looks filled in but reports nothing.",
    },
    bad="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 各级预算单位每年按照不低于15%的比例预留食堂食材采购份额，通过脱贫地区农副产品网络销售平台采购脱贫地区农副产品",
    good="unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
)

rule(
    "C407",
    "same-as-last-quarter",
    "warning",
    "content",
    {"zh": "与上季度内容完全相同", "en": "same text as last quarter"},
    {
        "zh": "第 {row} 项的落实进度与本单位 {prev} 的填写完全相同",
        "en": "progress for row {row} is identical to this unit's text for {prev}",
    },
    {
        "zh": "写明本季度的新进展；若确无变化，说明原因。",
        "en": "Report this quarter's progress; if nothing changed, say why.",
    },
    why={
        "zh": "方案要求防止形式主义和“简单填数”；原样照搬上季度往往意味着没有跟进。",
        "en": "The plan warns against formalism and paper numbers; last quarter's text again usually means no follow-up.",
    },
    bad="# progress/2023Q1/czj.yaml\nunit: 市财政局\nquarter: 2023Q1\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。\n"
    "# progress/2023Q2/czj.yaml\nunit: 市财政局\nquarter: 2023Q2\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
    good="# progress/2023Q1/czj.yaml\nunit: 市财政局\nquarter: 2023Q1\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。\n"
    "# progress/2023Q2/czj.yaml\nunit: 市财政局\nquarter: 2023Q2\nitems:\n  - task: 13\n    progress: 二季度新增采购 920 万元，累计 1860 万元。",
)

rule(
    "C408",
    "same-as-other-unit",
    "warning",
    "content",
    {"zh": "与其他单位内容完全相同", "en": "same text as another unit"},
    {
        "zh": "第 {row} 项的落实进度与“{other}”的填写完全相同",
        "en": "progress for row {row} is identical to what '{other}' submitted",
    },
    {"zh": "各单位应报送本单位的实际情况。", "en": "Each unit reports its own work."},
    why={
        "zh": "不同单位一字不差，通常是互相抄写，报表就失去了意义。",
        "en": "Word-for-word identical reports from different units are usually copied.",
    },
    bad="# progress/2023Q2/czj.yaml\nunit: 市财政局\nquarter: 2023Q2\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。\n"
    "# progress/2023Q2/ziyuan.yaml\nunit: 资源县\nquarter: 2023Q2\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
    good="# progress/2023Q2/czj.yaml\nunit: 市财政局\nquarter: 2023Q2\nitems:\n  - task: 13\n    progress: 全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。\n"
    "# progress/2023Q2/ziyuan.yaml\nunit: 资源县\nquarter: 2023Q2\nitems:\n  - task: 13\n    progress: 县直单位和乡镇食堂采购脱贫地区农副产品 96 万元。",
)


# Every rule below decides on its own: each states the conditions it needs (a known row, a real
# text) instead of relying on an earlier rule having stopped the loop. Switching one off in the
# configuration changes nothing else that is reported (tests/test_rule_independence.py).


def check(ctx: Context, sub: Loaded) -> list[Finding]:
    m = sub.model
    if m is None:
        return []
    cat = ctx.cat
    out = ctx.findings(sub)
    doc = sub.doc
    uid = sub.unit_id
    roles = cat.roles(uid, sub.quarter) if uid is not None and cat.by_id[uid].kind != "group" else None
    unit_name = cat.by_id[sub.unit_id].name if sub.unit_id else m.unit
    limit = cat.plan.max_chars
    first: dict[int, int] = {}  # row → index of the item that first reported it
    prev = ctx.previous(sub)
    same_text = ctx.texts(sub.quarter) if sub.quarter else {}
    squashed = sub.squashed()
    _bidi(sub, out)

    for i, item in enumerate(m.items):
        row = item.task
        task = cat.task(row)
        where_task, where_text = ("items", i, "task"), ("items", i, "progress")
        repeat = row in first
        if not repeat:
            first[row] = i
        text = item.progress or ""
        s = squashed[i]
        real = not is_placeholder(text, s)  # a text that says something

        if task is None:
            out.at(where_task, "C401", row=row, total=len(cat.tasks))
            continue  # an unknown row is reported once, as unknown
        if repeat:
            line = doc.pos(("items", first[row], "task"))[0] or 0  # looked up only when needed
            out.at(where_task, "C403", row=row, first_line=line)
            continue  # a repeated row is reported once, as repeated
        if roles is not None and row not in roles:
            out.at(where_task, "C402", row=row, unit=unit_name, unit_id=sub.unit_id)
        if not real:
            if not text.strip():
                what = both("what.empty")
            elif not s:
                what = both("what.blank")
            else:
                what = both("what.only_says", text=text.strip())
            out.at(where_text, "C404", row=row, what=what)
            continue  # the rules below measure and compare a text that says something
        # a text counts at most one per code point (char_count <= len): most need no counting
        if len(text) > limit and (n := char_count(text)) > limit:
            out.at(where_text, "C405", row=row, count=n, limit=limit, over=n - limit)
        t = cat.squashed_task(row)
        if s == t or (t and t in s and len(s) - len(t) < 10) or (len(s) >= 20 and s in t):
            out.at(where_text, "C406", row=row)
        if prev and prev[1].get(row) == s:
            out.at(where_text, "C407", row=row, prev=prev[0])
        same = same_text.get(row)
        units = same.get(s) if same else None
        if units and (len(units) > 1 or units[0] != uid):  # this unit's own text is in the index
            other = next(u for u in units if u != uid)
            out.at(where_text, "C408", row=row, other=cat.by_id[other].name)
    return out
