"""The report over a span of quarters — a year (``merge --year 2023``) or the whole plan
(``merge --plan``) — built from the quarters' own report models (issue 26).

Each quarter of the span is merged exactly as ``merge --quarter`` merges it
(:func:`zengshou.report.merge.merge`); the span model (:class:`SpanReport`) is assembled from
those models, the quarters' statuses and the units' reporting records
(:mod:`zengshou.records`). So a quarter reads the same in the quarterly report and in the span:
the same texts, the same markers, the same indicator figures.

What the span model holds, all decided here, in the report's language, for the renderers
(``span_docx``, ``span_xlsx``, ``span_html``) to lay out and nothing more:

* per quarter, the reporting digest (应报, 按时, 逾期, 未报送, 草稿);
* per task, each quarter in order: the lead unit's text (or the 呈报版's marker), its light;
* the lights (:mod:`zengshou.report.lights`) of every task and every (county × task) cell at the
  span's last quarter, their counts, and the change since the quarter before;
* per indicator, its figure in each quarter of the span against the target, and the final
  value, 完成率, 序时进度 and state;
* each year's reporting records (考核), ranked, with the change in rank;
* the 口径说明: every rule the numbers and colours rest on.

The model's classes live in :mod:`zengshou.report.span_model` (what the renderers import).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from zengshou.i18n import t as msg
from zengshou.i18n import tr
from zengshou.indicators import fmt_number
from zengshou.lint import Result
from zengshou.messages import MESSAGES
from zengshou.quarters import Quarter
from zengshou.records import YearRecords, span_quarters, with_previous, year_records
from zengshou.report import indicators as ind
from zengshou.report import lights as lt
from zengshou.report.labels import labels
from zengshou.report.merge import merge, short_name
from zengshou.report.model import IndicatorLine, Report, clean, cn_date
from zengshou.report.span_model import (  # noqa: F401  (the model's names, re-exported)
    PLAN,
    SPAN_EDITIONS,
    SUBMIT,
    WORKPAPER,
    YEAR,
    Count,
    CountyLine,
    IndicatorSpan,
    Lamp,
    Matrix,
    MatrixRow,
    QuarterLine,
    RecordLine,
    RecordTable,
    SpanReport,
    TaskQuarter,
    TaskSpan,
)
from zengshou.status import QuarterStatus, quarter_status
from zengshou.workspace import Workspace

if TYPE_CHECKING:
    from zengshou.catalog import Catalog


def span_words(lang: str) -> dict[str, str]:
    """The quarter report's labels plus the span's (catalogue ids ``span.*``, without the prefix)."""
    words = labels(lang)
    words.update(
        {k[len("span.") :]: tr({"zh": v[0], "en": v[1]}, lang) for k, v in MESSAGES.items() if k.startswith("span.")}
    )
    return words


# ---------------------------------------------------------------- building it


def span_label(kind: str, quarters: list[Quarter], cat_quarters: list[Quarter], lang: str) -> tuple[str, str]:
    """(file key, title label): ``2023年`` / ``2023年度`` for a year, ``2022-2024`` /
    ``2022—2024年`` for the plan (its full period, whatever quarters have data)."""
    if kind == YEAR:
        y = quarters[0].year
        return msg("span.key_year", lang, year=y), msg("span.label_year", lang, year=y)
    a, b = cat_quarters[0].year, cat_quarters[-1].year
    return msg("span.key_plan", lang, start=a, end=b), msg("span.label_plan", lang, start=a, end=b)


def build(
    ws: Workspace,
    kind: str,
    year: int | None,
    lint_quarter: Callable[[Quarter], Result],
    *,
    lang: str = "zh",
    include_drafts: bool = False,
    strict: bool = False,
    skip_invalid: bool = False,
    office: str | None = None,
    as_of: date | None = None,
) -> SpanReport:
    """Merge every quarter of the span (and the one before its last, for the change) and build
    the span's model. Raises :class:`zengshou.records.NoQuarters` for a span without data and
    :class:`zengshou.report.merge.MergeBlocked` as the quarterly merge does."""
    cat = ws.cat
    quarters = span_quarters(ws, year if kind == YEAR else None)
    wanted = list(quarters)
    prev = quarters[-1].prev()
    if prev not in wanted and cat.in_period(prev):
        wanted.insert(0, prev)
    results = {str(q): lint_quarter(q) for q in wanted}
    reports: dict[str, Report] = {}
    for q in wanted:
        reports[str(q)] = merge(
            ws,
            q,
            results[str(q)],
            lang=lang,
            include_drafts=include_drafts,
            strict=strict,
            skip_invalid=skip_invalid,
            office=office,
            as_of=None,
        )
    statuses = {str(q): quarter_status(ws, q, result=results[str(q)]) for q in wanted}

    def lint_one(q: Quarter) -> Result:
        if str(q) not in results:
            results[str(q)] = lint_quarter(q)
        return results[str(q)]

    # each year's records, ranked against the year before (when that year has any data)
    years = sorted({q.year for q in quarters})
    have = {str(q) for q in ws.quarter_folders()}
    before = [q for q in cat.quarters() if q.year == years[0] - 1]
    previous = (
        year_records(ws, before, statuses=statuses, lint_quarter=lint_one)
        if any(str(q) in have for q in before)
        else None
    )
    records: list[YearRecords] = []
    for y in years:
        recs = year_records(ws, [q for q in quarters if q.year == y], statuses=statuses, lint_quarter=lint_one)
        records.append(with_previous(recs, previous))
        previous = recs
    return assemble(
        ws,
        kind,
        quarters,
        reports,
        statuses,
        records,
        lang=lang,
        office=office,
        as_of=as_of,
    )


def assemble(
    ws: Workspace,
    kind: str,
    quarters: list[Quarter],
    reports: dict[str, Report],
    statuses: dict[str, QuarterStatus],
    records: list[YearRecords],
    *,
    lang: str = "zh",
    office: str | None = None,
    as_of: date | None = None,
) -> SpanReport:
    """The span model from the quarters' report models (``reports`` may hold the quarter before
    the span's last one too, for the change).

    Each section of the model is built by its own helper below, in the order the report reads;
    this function only gathers what they share (the words, the quarters, the lights) and hands
    the pieces to :class:`SpanReport`."""
    cat = ws.cat
    w = span_words(lang)
    last_q = quarters[-1]
    last = reports[str(last_q)]
    prev_q = last_q.prev()
    prev = reports.get(str(prev_q))
    key, label = span_label(kind, quarters, cat.quarters(), lang)
    office_text = last.office if office is None else clean(office)
    as_of = as_of or cat.deadline(last_q)
    qs = [str(q) for q in quarters]
    q_labels = [q.label(lang) for q in quarters]
    q_heads = _quarter_heads(kind, quarters, w, lang)
    point_qs, points = _points(kind, quarters, qs, q_heads, w, lang)

    county_ids = [u.id for u in cat.counties() if cat.current(u.id, last_q) == u.id]
    per_q_tasks = {k: _task_lights(rep) for k, rep in reports.items()}
    last_cells, prev_cells = (
        _county_lights(last, county_ids),
        _county_lights(prev, county_ids) if prev else None,
    )

    tasks = _tasks(last, reports, qs, q_labels, per_q_tasks, w)

    now_tasks = list(per_q_tasks[str(last_q)].values())
    before_tasks = list(per_q_tasks[str(prev_q)].values()) if str(prev_q) in per_q_tasks else None
    task_counts = _counts(now_tasks, before_tasks, w)
    cell_counts = _counts(list(last_cells.values()), list(prev_cells.values()) if prev_cells is not None else None, w)
    counties = _county_lines(cat, county_ids, last_cells, prev_cells, w)

    county_matrix = _county_matrix(cat, last, county_ids, last_cells, w)
    task_matrix = _task_matrix(cat, last, tasks, qs, label, w)

    reporting, reporting_total, reporting_text = _reporting(reports, qs, q_labels, label, w)
    lights_text = _lights_text(last, now_tasks, before_tasks, task_counts, prev_q, w, lang)

    indicators = [_indicator_span(line, qs, point_qs) for line in last.indicators]

    kinds = [w["kind_word_" + k] for k in _record_kinds()]
    tables = [_record_table(yr, w, lang) for yr in records]

    plan = cat.plan
    notes = _notes(cat, last, q_labels, label, w, lang)
    title = w["title_span"].format(plan=clean(plan.title), span=label)
    return SpanReport(
        lang,
        w,
        kind,
        key,
        label,
        clean(plan.title),
        clean(plan.short_title),
        title,
        w["workpaper_title_span"].format(plan=clean(plan.title), span=label),
        office_text,
        as_of,
        w["info"].format(office=office_text or "—", date=cn_date(as_of, lang)),
        f"{clean(plan.short_title)}　{label}",
        qs,
        q_labels,
        q_heads,
        points,
        last.quarter_label,
        prev_q.label(lang) if before_tasks is not None else "",
        reporting_text,
        reporting,
        reporting_total,
        lights_text,
        task_counts,
        cell_counts,
        counties,
        tasks,
        task_matrix,
        county_matrix,
        indicators,
        kinds,
        tables,
        records_data=records,
        notes=notes,
        chart_lines=[x for x in last.indicators if x.series.chartable],
    )


# ---------------------------------------------------------------- the span's quarters


def _quarter_heads(kind: str, quarters: list[Quarter], w: dict[str, str], lang: str) -> list[str]:
    """The column heads of the quarters: within a year the year is implied (``第一季度``), over
    the plan each head must name its year too."""
    nth = "一二三四"
    return [
        msg("fmt.quarter_head", lang, q=q.q, nth=nth[q.q - 1])
        if kind == YEAR
        else w["qhead_plan"].format(year=q.year, q=q.q)
        for q in quarters
    ]


def _points(
    kind: str, quarters: list[Quarter], qs: list[str], q_heads: list[str], w: dict[str, str], lang: str
) -> tuple[list[str], list[str]]:
    """(quarter keys, heads) of the indicator figures' points: every quarter of a year, but only
    each year's last quarter over the plan, where the year-end figures are the ones compared."""
    if kind == YEAR:
        return qs, q_heads
    ends = [max(q for q in quarters if q.year == y) for y in sorted({q.year for q in quarters})]
    point_qs = [str(q) for q in ends]
    points = [w["point_year_end"].format(year=q.year) if q.q == 4 else q.label(lang) for q in ends]
    return point_qs, points


# ---------------------------------------------------------------- the lights


def _lamp(lig: lt.Light, w: dict[str, str]) -> Lamp:
    """A light in words: the renderers only lay a lamp out, so its texts are decided here, in the
    report's language, once for every place the light appears."""
    text = w["state_short_" + lig.state] + (w["pace_join"] + w["pace_short_" + lig.pace] if lig.pace else "")
    title = w["state_" + lig.state] + (w["clause_sep"] + w["pace_" + lig.pace] if lig.pace else "")
    pace = w["pace_short_" + lig.pace] if lig.pace else ""
    return Lamp(lig.state, lig.pace, lig.colour, text, title, w["state_short_" + lig.state], pace)


def _task_lights(rep: Report) -> dict[int, lt.Light]:
    """Each task's light in one quarter: the lead unit's state and the worst city-wide pace of
    the task's indicators — the same light whichever quarter of the span it is read in."""
    paces: dict[int, list[str | None]] = {}
    for s in rep.series:
        if s.last is not None:
            paces.setdefault(s.row, []).append(lt.city_pace(s.last))
    shown = rep.include_drafts
    return {
        r.number: lt.light(lt.state_of(r.lead, shown or not r.lead.draft), lt.worst(paces.get(r.number, [])))
        for r in rep.rows
    }


def _county_lights(rep: Report, county_ids: list[str]) -> dict[tuple[str, int], lt.Light]:
    """Each (county × task) cell's light in one quarter: the county's own state and pace, for
    the counties as they stand at the span's last quarter."""
    by_row: dict[int, list] = {}
    for s in rep.series:
        if s.last is not None:
            by_row.setdefault(s.row, []).append(s.last)
    out = {}
    for r in rep.rows:
        for e in r.entries:
            if e.unit_id in county_ids and e.role in ("county", "lead"):
                pace = lt.worst([lt.unit_pace(p, e.unit_id) for p in by_row.get(r.number, [])])
                out[(e.unit_id, r.number)] = lt.light(lt.state_of(e, rep.include_drafts or not e.draft), pace)
    return out


def _change(now: int, before: int | None, w: dict[str, str]) -> str:
    """A count's change since the quarter before, in words (a dash when there is no quarter before)."""
    if before is None:
        return w["change_none"]
    d = now - before
    return w["change_up"].format(n=d) if d > 0 else w["change_down"].format(n=-d) if d < 0 else w["change_same"]


def _counts(lights: list[lt.Light], before: list[lt.Light] | None, w: dict[str, str]) -> list[Count]:
    """How many lights of each colour, state and pace, now and in the quarter before: the lights
    summary reads its paragraph and its table from these, so both say the same."""
    out = []
    for group, values, attr in (
        ("colour", lt.COLOURS, "colour"),
        ("state", lt.STATES, "state"),
        ("pace", lt.PACES, "pace"),
    ):
        for v in values:
            n = sum(1 for x in lights if getattr(x, attr) == v)
            b = None if before is None else sum(1 for x in before if getattr(x, attr) == v)
            lab = w[("colour_" if group == "colour" else group + "_") + v]
            out.append(Count(v, lab, n, b, _change(n, b, w)))
    return out


def _county_lines(
    cat: Catalog,
    county_ids: list[str],
    last_cells: dict[tuple[str, int], lt.Light],
    prev_cells: dict[tuple[str, int], lt.Light] | None,
    w: dict[str, str],
) -> list[CountyLine]:
    """Per county, its cells' colours at the span's last quarter and the change in its reds since
    the quarter before, counted from the same cells as the (county × task) matrix."""
    counties = []
    for uid in county_ids:
        mine = {k: v for k, v in last_cells.items() if k[0] == uid}
        c = {col: sum(1 for x in mine.values() if x.colour == col) for col in lt.COLOURS}
        red_b = None
        if prev_cells is not None:
            red_b = sum(1 for k, x in prev_cells.items() if k[0] == uid and x.colour == lt.RED)
        counties.append(
            CountyLine(short_name(clean(cat.by_id[uid].name)), len(mine), c, red_b, _change(c[lt.RED], red_b, w))
        )
    return counties


def _lights_text(
    last: Report,
    now_tasks: list[lt.Light],
    before_tasks: list[lt.Light] | None,
    task_counts: list[Count],
    prev_q: Quarter,
    w: dict[str, str],
    lang: str,
) -> str:
    """The lights paragraph, read from the task counts (so it cannot disagree with the table);
    the change since the quarter before is said only when that quarter has data."""
    colour_n = {c.key: c for c in task_counts[: len(lt.COLOURS)]}
    return w["lights_text"].format(
        quarter=last.quarter_label,
        tasks=len(now_tasks),
        green=colour_n[lt.GREEN].now,
        yellow=colour_n[lt.YELLOW].now,
        red=colour_n[lt.RED].now,
        grey=colour_n[lt.GREY].now,
        since=(
            w["lights_since"].format(
                previous=prev_q.label(lang),
                red=colour_n[lt.RED].change,
                green=colour_n[lt.GREEN].change,
            )
            if before_tasks is not None
            else ""
        ),
    )


# ---------------------------------------------------------------- tasks and matrices


def _tasks(
    last: Report,
    reports: dict[str, Report],
    qs: list[str],
    q_labels: list[str],
    per_q_tasks: dict[str, dict[int, lt.Light]],
    w: dict[str, str],
) -> list[TaskSpan]:
    """Per task, each quarter in order: the lead unit's text (or the 呈报版's marker), its light
    and status — taken from the quarter's own model, so it reads as in the quarterly report."""
    tasks: list[TaskSpan] = []
    for i, row in enumerate(last.rows):
        tqs = []
        for q, ql in zip(qs, q_labels, strict=True):
            rep = reports[q]
            r = rep.rows[i]
            tqs.append(
                TaskQuarter(
                    q,
                    ql,
                    short_name(r.lead.unit_name),
                    _lamp(per_q_tasks[q][r.number], w),
                    r.summary.text,
                    r.summary.marker,
                    (r.lead.status or "") if r.lead.filled else "",
                )
            )
        tasks.append(TaskSpan(row.number, row.measure_label, row.task.text, short_name(row.lead.unit_name), tqs))
    return tasks


def _county_matrix(
    cat: Catalog,
    last: Report,
    county_ids: list[str],
    last_cells: dict[tuple[str, int], lt.Light],
    w: dict[str, str],
) -> Matrix:
    """The 工作底稿's counties × tasks at the span's last quarter; a task no county takes part in
    has no row."""
    county_rows = []
    for row in last.rows:
        cells = [
            _lamp(last_cells[(uid, row.number)], w) if (uid, row.number) in last_cells else None for uid in county_ids
        ]
        if any(c is not None for c in cells):
            county_rows.append(MatrixRow(row.number, row.task.text, short_name(row.lead.unit_name), cells))
    return Matrix(
        w["county_matrix_title"].format(quarter=last.quarter_label),
        [short_name(clean(cat.by_id[u].name)) for u in county_ids],
        county_rows,
    )


def _task_matrix(
    cat: Catalog, last: Report, tasks: list[TaskSpan], qs: list[str], label: str, w: dict[str, str]
) -> Matrix:
    """The 工作底稿's city units × their rows over the span's quarters: grouped by lead unit
    (units.yaml order) so each unit finds its own rows together, rows in table order."""
    unit_order = {u.id: i for i, u in enumerate(cat.units)}
    by_lead = sorted(range(len(tasks)), key=lambda i: (unit_order.get(last.rows[i].lead.unit_id, 1 << 30), i))
    return Matrix(
        w["task_matrix_title"].format(span=label),
        list(qs),
        [
            MatrixRow(tasks[i].number, tasks[i].task, tasks[i].lead, [tq.lamp for tq in tasks[i].quarters])
            for i in by_lead
        ],
    )


# ---------------------------------------------------------------- reporting, indicators, records


def _reporting(
    reports: dict[str, Report], qs: list[str], q_labels: list[str], label: str, w: dict[str, str]
) -> tuple[list[QuarterLine], QuarterLine, str]:
    """(per quarter, total, paragraph) of the reporting digest: each quarter's figures are its
    own report's, and the total and the paragraph are summed from those lines."""
    reporting = []
    for q, ql in zip(qs, q_labels, strict=True):
        tot = reports[q].digest.totals
        reporting.append(
            QuarterLine(
                q,
                ql,
                tot["units"],
                tot["on_time"],
                tot["late"],
                sum(s.late_days for s in reports[q].status),
                tot["missing"],
                tot["draft"],
                tot.get("left_out", 0),
            )
        )
    sums = {
        k: sum(getattr(x, k) for x in reporting)
        for k in ("units", "on_time", "late", "late_days", "missing", "draft", "left_out")
    }
    reporting_total = QuarterLine("", w["total"], **sums)
    reporting_text = w["reporting_text"].format(
        span=label, n=len(qs), **{k: v for k, v in sums.items() if k != "left_out"}
    )
    return reporting, reporting_total, reporting_text


def _indicator_span(line: IndicatorLine, qs: list[str], point_qs: list[str]) -> IndicatorSpan:
    """One indicator over the span: its figure and 序时进度 in each quarter (``—`` where the
    quarter has none), at the points, and the last quarter's 完成率 and state as they stand."""
    s = line.series
    at = {q: i for i, q in enumerate(s.quarters)}
    unit = s.unit

    def amount(v: float | None, unit: str = unit) -> str:
        return "—" if v is None else fmt_number(v) + ("%" if unit == "%" else "")

    return IndicatorSpan(
        line.row,
        line.name,
        unit,
        amount(s.last.target if s.last else None) + ("" if unit == "%" else unit),
        clean(s.last.ind.quote) if s.last else "",
        [amount(s.actual[at[q]]) if q in at else "—" for q in qs],
        [amount(s.due[at[q]]) if q in at else "—" for q in qs],
        [amount(s.actual[at[q]]) if q in at else "—" for q in point_qs],
        line.actual,
        line.rate,
        line.due,
        line.state,
        line.behind,
        s,
    )


def _rank_change(ch: int | None, w: dict[str, str]) -> str:
    """A unit's change in rank since the year before, in words (up is better)."""
    if ch is None:
        return w["change_none"]
    if ch > 0:
        return w["rank_up"].format(n=ch)
    if ch < 0:
        return w["rank_down"].format(n=-ch)
    return w["change_same"]


def _record_table(yr: YearRecords, w: dict[str, str], lang: str) -> RecordTable:
    """One year's reporting records (考核), ranked, each unit's line with its change in rank."""
    lines = [
        RecordLine(
            u.rank,
            clean(u.name),
            w["kind_" + u.kind],
            u.on_time,
            u.late,
            u.late_days,
            u.missing,
            u.rows_missing,
            u.returned,
            [u.findings[k] for k in _record_kinds()],
            _rank_change(u.rank_change, w),
        )
        for u in yr.units
    ]
    return RecordTable(
        yr.year,
        w["records_title"].format(year=yr.year, n=len(yr.quarters), last=Quarter.parse(yr.quarters[-1]).label(lang)),
        lines,
    )


def _notes(cat: Catalog, last: Report, q_labels: list[str], label: str, w: dict[str, str], lang: str) -> list[str]:
    """The 口径说明: the span's rules (``span.rule_N``, in number order) and then the indicators'
    scope notes — every rule the numbers and colours rest on."""
    return [
        w[k].format(
            span=label,
            first=q_labels[0],
            last=last.quarter_label,
            ahead=round(lt.AHEAD_BY * 100),
        )
        for k in sorted((k for k in w if k.startswith("rule_")), key=lambda k: int(k.rsplit("_", 1)[1]))
    ] + ind.scope_notes(cat, lang)


def _record_kinds() -> tuple[str, ...]:
    from zengshou.records import KINDS

    return KINDS
