"""The 正文 of the 呈报版: the pages a leader with ten minutes reads, built from counts and names
in the report model — no sentence here is written by hand about the quarter.

* **进展**: the 70 rows counted by their lead unit's ``status`` (已完成 / 持续推进 / 推进中 /
  未启动), with the rows whose lead unit stated none or did not report them;
* **指标**: how many tracked indicators meet 序时进度, and one line per 滞后 indicator naming
  the county or unit behind, with its figure;
* **需关注**: one line per 未启动 task (a bounded number, the rest counted), one for the 滞后
  indicators, one for rows the lead unit did not report, one per kind of reporting problem
  (not reported, late, draft only, unreadable).

Everything has a bound (``MAX_NOT_STARTED`` lines of tasks, names joined on one line), so the
正文 stays within three pages however the quarter went.
"""

from __future__ import annotations

from zengshou.report.indicators import who_text
from zengshou.report.model import PROGRESS_KEYS, Body, Report, row_ranges, short_name

MAX_NOT_STARTED = 8  # 未启动 tasks listed one per line; more are counted and left to 附件1
MAX_NAMES = 8  # units named in a 滞后 line; more are counted (附件2 names them all)
TASK_CHARS = 36  # a task's text in a 需关注 line: its opening words


def build_body(rep: Report) -> Body:
    t = rep.words
    counts = dict.fromkeys(PROGRESS_KEYS, 0)
    for row in rep.rows:
        counts[row.progress_key] += 1
    progress = t["progress_para"].format(total=len(rep.rows), **counts)
    return Body(
        counts,
        progress,
        _indicator_paragraph(rep),
        [
            t["behind_line"].format(
                row=x.row, name=x.name, where=_where(x, t), who=who_text(x.series, x.due, t, MAX_NAMES) or x.state
            )
            for x in rep.indicators
            if x.behind
        ],
        _attention(rep),
        [t[k] for k in ("annex_1", "annex_2", "annex_3")],
    )


def _where(x, t: dict[str, str]) -> str:
    key = "where_ceiling" if x.series.ceiling else ("where_goal" if x.due == "—" else "where_due")
    return t[key].format(actual=x.actual, due=x.due, goal=x.goal)


def _indicator_paragraph(rep: Report) -> str:
    t = rep.words
    xs = rep.indicators
    behind = sum(x.behind for x in xs)
    no_data = sum(x.series.last is not None and x.series.last.reason == "no_data" for x in xs)
    on_track = sum(x.series.last is not None and x.series.last.status == "on_track" for x in xs)
    tail = t["ind_para_behind"] if behind else t["ind_para_none_behind"]
    return t["ind_para"].format(n=len(xs), ok=on_track, behind=behind, no_data=no_data, other=tail)


def _attention(rep: Report) -> list[str]:
    t, lang = rep.words, rep.lang
    sep = t["sep"]
    out = []
    not_started = [r for r in rep.rows if r.progress_key == "not_started"]
    for r in not_started[:MAX_NOT_STARTED]:
        task = r.task.text if len(r.task.text) <= TASK_CHARS else r.task.text[:TASK_CHARS] + "…"
        out.append(t["att_not_started"].format(row=r.number, unit=short_name(r.lead.unit_name), task=task))
    if len(not_started) > MAX_NOT_STARTED:
        out.append(t["att_more"].format(n=len(not_started) - MAX_NOT_STARTED))
    behind = [x.row for x in rep.indicators if x.behind]
    if behind:
        out.append(t["att_behind"].format(rows=row_ranges(sorted(set(behind)), lang)))
    unreported = [r.number for r in rep.rows if r.progress_key == "unreported"]
    if unreported:
        out.append(t["att_unreported"].format(n=len(unreported), rows=row_ranges(unreported, lang)))
    by: dict[str, list[str]] = {}
    for s in rep.status:
        name = short_name(s.name)
        if s.state == "late":
            name = t["late_by"].format(name=name, days=s.late_days)
        by.setdefault(s.state, []).append(name)
    for state in ("missing", "left_out", "draft", "late"):
        if by.get(state):
            out.append(t["att_" + state].format(n=len(by[state]), names=sep.join(by[state])))
    return out or [t["att_none"]]
