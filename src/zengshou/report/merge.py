"""The merge: the plan's table, the quarter's submissions and the figures of earlier quarters
→ one :class:`~zengshou.report.model.Report`, complete, in the report's language.

Which files go in:

* a file that **cannot be read** — syntax or encoding errors, a schema error, an identity
  error (S1xx, I3xx: unknown unit, wrong file name or folder) — is **left out** and named in
  报送情况 with the reason; the merge goes on;
* a file with **content findings** (C4xx, R5xx, T6xx, F7xx: too long, placeholder, copied
  text, late …) goes in; its findings go to the 工作底稿's 审核意见;
* a **draft** (no ``submitted`` date) never enters the 呈报版 unless ``include_drafts``; it
  appears in the 工作底稿 marked 【草稿】;
* ``strict`` keeps the old behaviour: any error blocks the merge; ``skip_invalid`` leaves out
  every file with an error. Errors in tasks.yaml/units.yaml always block.

Who appears where in a row: the **lead** unit's entry first; then the counties named on the
row (directly or through 各县人民政府), always, since they must report it; then participating
units, only when they wrote something. A unit that reports a row it is not named on (only when
rule C402 is off) still appears, as "other": no submitted text is dropped. Everything is
ordered deterministically (rows in table order, units in ``units.yaml`` order).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zengshou.catalog import Catalog
from zengshou.findings import Finding
from zengshou.indicators import Figures, quarter_figures
from zengshou.lint import Result
from zengshou.models import Item
from zengshou.quarters import Quarter
from zengshou.report import indicators as ind
from zengshou.report.labels import NOTES, labels
from zengshou.report.model import (
    BLANK,
    FILLED,
    MISSING,
    ROLE_ORDER,
    SKIPPED,
    Cell,
    Entry,
    LeftOut,
    Report,
    Row,
    Source,
    StatusDigest,
    StatusLine,
    UnitSection,
    WorkLine,
    WorkRow,
    clean,
    cn_date,
    row_ranges,
)
from zengshou.status import quarter_status
from zengshou.submissions import Loaded, per_unit
from zengshou.workspace import Workspace

UNREADABLE = ("S", "I")  # finding families that mean a file cannot be read as its unit's submission


class MergeBlocked(Exception):
    """Errors stop the merge; ``findings`` lists them, ``result`` has the sources to quote."""

    def __init__(self, findings: list[Finding], result: Result, skippable: bool):
        super().__init__(f"{len(findings)} error(s) block the merge")
        self.findings = findings
        self.result = result
        self.skippable = skippable  # True when leaving files out would let the merge go on


def merge(
    data_dir: Workspace | Path | str,
    quarter: Quarter | str,
    result: Result,
    *,
    lang: str = "zh",
    include_drafts: bool = False,
    strict: bool = False,
    skip_invalid: bool = False,
    office: str | None = None,
    as_of: date | None = None,
    figures: Figures | None = None,
) -> Report:
    """Build the quarter's report from ``result`` (the linted quarter).

    ``figures`` are the indicator figures of the earlier quarters; by default they are collected
    through the workspace here, once, so renderers never read anything.
    """
    q = Quarter.parse(str(quarter))
    ws = data_dir if isinstance(data_dir, Workspace) else Workspace(Path(data_dir), result.catalog)
    cat = result.catalog
    errors = [f for f in result.findings if f.level == "error"]
    in_quarter = {s.display: s for s in result.submissions if s.folder == str(q)}
    fatal = [f for f in errors if f.file not in in_quarter]
    if cat is None or fatal or (errors and strict):
        raise MergeBlocked(
            errors if cat is None or not fatal else fatal, result, skippable=cat is not None and not fatal
        )
    t = labels(lang)
    data_dir = ws.data_dir

    left: dict[str, tuple[Loaded, str]] = {}  # display → (file, reason)
    readable: list[Loaded] = []
    for sub in sorted(in_quarter.values(), key=lambda s: s.display):
        errs = [f for f in errors if f.file == sub.display]
        unreadable = [f for f in errs if f.code.startswith(UNREADABLE)]
        if sub.model is None or not sub.unit_id or unreadable or (skip_invalid and errs):
            if unreadable or (errs and (sub.model is None or not sub.unit_id)):
                reason = clean((unreadable or errs)[0].message(lang))
            else:
                reason = t["remark_skipped"] if errs else t["skipped"]
            left[sub.display] = (sub, reason)
        else:
            readable.append(sub)
    accepted = per_unit(readable)
    left_units = {}
    for sub, reason in left.values():
        uid = sub.unit_id or _unit_from_stem(cat, sub.path.stem)
        if uid and uid not in accepted:
            left_units[uid] = reason

    def rel(sub: Loaded) -> str:
        try:
            return clean(sub.path.resolve().relative_to(data_dir.resolve()).as_posix())
        except ValueError:
            return clean(sub.path.name)

    drafts = {uid for uid, s in accepted.items() if s.valid.submitted is None}
    shown = {uid for uid in accepted if include_drafts or uid not in drafts}
    rows = _rows(cat, q, accepted, drafts, left_units)
    for row in rows:
        row.summary = _summary_cell(row, shown, t, lang)
    order = {u.id: i for i, u in enumerate(cat.units)}
    ql = q.label(lang)

    def section(uid: str, mine: list[Row], pick, title: str) -> UnitSection:
        u = cat.by_id[uid]
        sub = accepted.get(uid)
        state = FILLED if sub else (SKIPPED if uid in left_units else MISSING)
        contact = clean(sub.valid.contact_line or "—") if sub else ""
        info = ""
        if sub:
            info = (
                t["draft_info"].format(contact=contact)
                if uid in drafts
                else t["submitted_info"].format(date=cn_date(sub.valid.submitted, lang), contact=contact)
            )
        return UnitSection(
            uid,
            clean(u.name),
            u.kind,
            state,
            rel(sub) if sub else None,
            sub.valid.submitted if sub else None,
            contact or None,
            mine,
            [pick(r) for r in mine],
            title=title,
            info=info,
        )

    lead_ids = sorted({r.lead.unit_id for r in rows}, key=order.__getitem__)
    leads = []
    for uid in lead_ids:
        sec = section(
            uid,
            [r for r in rows if r.lead.unit_id == uid],
            lambda r: r.lead,
            t["lead_title"].format(unit=clean(cat.by_id[uid].name), quarter=ql),
        )
        sec.work = [_work_row(r, t, lang) for r in sec.rows]
        leads.append(sec)
    counties = []
    for u in cat.counties():
        uid = cat.current(u.id, q)
        if uid != u.id or uid not in accepted:
            continue
        mine = [r for r in rows if any(e.unit_id == uid for e in r.entries)]
        counties.append(
            section(
                uid,
                mine,
                lambda r, uid=uid: next(e for e in r.entries if e.unit_id == uid),
                t["county_title"].format(unit=clean(u.name), quarter=ql),
            )
        )

    st = quarter_status(ws, q, result=result)
    lines = []
    for su in st.units:
        got = accepted.get(su.unit_id)
        if got is None and su.unit_id in left_units:
            state = "left_out"
        elif got is None:
            state = "missing"
        elif su.unit_id in drafts:
            state = "draft"
        elif su.late_days:
            state = "late"
        else:
            state = "on_time"
        file_sub = got or next(
            (s for s, _ in left.values() if (s.unit_id or _unit_from_stem(cat, s.path.stem)) == su.unit_id), None
        )
        remarks = []
        if state == "left_out":
            remarks.append(left_units[su.unit_id])
        if state == "draft":
            remarks.append(t["remark_draft"])
        if file_sub is not None and state != "left_out":
            remarks += _remarks(result.for_file(file_sub.display), t, lang)
        rv = su.review if got is not None else None  # zengshou.review: holds for the file as it is now
        review_text = ""
        if rv is not None:
            day = cn_date(date.fromisoformat(rv.at[:10]), lang)
            key = "review_returned" if rv.decision == "returned" else "review_accepted"
            review_text = clean(t[key].format(date=day, comment=rv.comment).strip())
        lines.append(
            StatusLine(
                su.unit_id,
                clean(su.name),
                t["kind_" + su.kind],
                state,
                t["state_returned"] if rv is not None and rv.decision == "returned" else t["state_" + state],
                cn_date(su.submitted, lang),
                su.late_days if state == "late" else 0,
                su.required,
                su.reported if got else 0,
                row_ranges(su.missing_rows, lang),
                su.errors,
                su.warnings,
                rel(file_sub) if file_sub else "",
                remarks,
                rv.decision if rv is not None else "",
                review_text,
            )
        )
    used = {s.display for s in accepted.values()} | set(left)
    other_files = sorted(rel(s) for s in in_quarter.values() if s.display not in used)
    left_out = [
        LeftOut(rel(s), clean(cat.by_id[s.unit_id].name) if s.unit_id else "", reason) for s, reason in left.values()
    ]

    deadline = cat.deadline(q)
    as_of = as_of or deadline
    if figures is None:
        figures = ind.figures_before(ws, q)
    figures = {k: v for k, v in figures.items() if Quarter.parse(k) < q}
    figures[str(q)] = quarter_figures(cat, {u: s for u, s in accepted.items() if u in shown}, q)
    all_series = ind.series_from(cat, figures, q, lang)
    plan = cat.plan
    office = clean(office if office is not None else getattr(plan, "office", "") or "")
    title = t["title"].format(plan=clean(plan.title), quarter=ql)
    digest = _digest(lines, t, cn_date(deadline, lang))
    notes = [
        t[n].format(
            as_of=cn_date(as_of, lang),
            day=plan.deadline_day,
            deadline=cn_date(deadline, lang),
            start=Quarter.parse(plan.period.start).label(lang),
            end=Quarter.parse(plan.period.end).label(lang),
            thresholds=ind.thresholds(all_series, t),
        )
        for n in NOTES
    ] + ind.scope_notes(cat, lang)
    return Report(
        lang,
        t,
        clean(plan.title),
        clean(plan.short_title),
        q,
        ql,
        title,
        office,
        as_of,
        t["info"].format(office=office or "—", date=cn_date(as_of, lang)),
        deadline,
        cn_date(deadline, lang),
        f"{clean(plan.short_title)}　{ql}",
        rows,
        leads,
        counties,
        lines,
        digest,
        left_out,
        other_files,
        ind.lines(all_series, t),
        all_series,
        notes,
        include_drafts,
    )


def _unit_from_stem(cat: Catalog, stem: str) -> str | None:
    u = cat.resolve(stem)
    return u.id if u else None


def _rows(
    cat: Catalog, q: Quarter, accepted: dict[str, Loaded], drafts: set[str], left_units: dict[str, str]
) -> list[Row]:
    order = {u.id: i for i, u in enumerate(cat.units)}
    # each accepted submission's items by row (the first item for a row wins; duplicates are C403)
    items: dict[str, dict[int, tuple[int, Item]]] = {}
    for uid, sub in accepted.items():
        by_row: dict[int, tuple[int, Item]] = {}
        for i, it in enumerate(sub.valid.items):
            by_row.setdefault(it.task, (i, it))
        items[uid] = by_row

    def entry(uid: str, row: int, role: str) -> Entry:
        name = clean(cat.by_id[uid].name)
        if uid not in accepted:
            return Entry(uid, name, role, SKIPPED if uid in left_units else MISSING)
        draft = uid in drafts
        hit = items[uid].get(row)
        if hit is None:
            return Entry(uid, name, role, BLANK, draft=draft)
        i, it = hit
        text = clean(it.progress).rstrip("\n")
        status = clean(it.status) if it.status else None
        if not text.strip():
            return Entry(uid, name, role, BLANK, status=status, draft=draft)
        sub = accepted[uid]
        line, col = sub.doc.pos(("items", i, "progress"))
        return Entry(uid, name, role, FILLED, text, status, Source(sub.display, line, col), draft)

    rows: list[Row] = []
    for t in cat.tasks:
        lead = cat.lead(t.id, q)
        named: dict[str, str] = {}
        for nid in cat.task_unit_ids(t.id):
            for mid in cat.members(nid):
                cur = cat.current(mid, q)
                if cur == lead or cat.by_id[cur].kind == "group":
                    continue
                named.setdefault(cur, "county" if cat.by_id[cur].kind == "county" else "participant")
        for uid, by_row in items.items():  # units reporting a row they are not named on
            if t.id in by_row and uid != lead and uid not in named:
                named[uid] = "other"
        others = []
        for uid in sorted(named, key=lambda u: (ROLE_ORDER[named[u]], order[u])):
            e = entry(uid, t.id, named[uid])
            if e.role == "county" or e.filled:
                others.append(e)
        measure = cat.measures[t.measure]
        task = t.model_copy(update={"text": clean(t.text)}) if not t.text.isprintable() else t
        rows.append(
            Row(
                task,
                measure,
                entry(lead, t.id, "lead"),
                others,
                units_text=clean(t.units_text or "、".join(t.units)),
                measure_label=clean(f"{measure.id}．{measure.title}"),
            )
        )
    return rows


def short_name(name: str) -> str:
    """临桂区人民政府 → 临桂区: counties are named without 人民政府 in running text."""
    return name[:-4] if name.endswith("人民政府") and len(name) > 4 else name


def _summary_cell(row: Row, shown: set[str], t: dict[str, str], lang: str) -> Cell:
    lead = row.lead
    if lead.filled and lead.unit_id in shown:
        return Cell((t["draft_mark"] if lead.draft else "") + lead.text)
    if lead.unit_id not in shown and lead.state != MISSING and lead.draft:
        head = t["lead_draft"]
    else:
        head = t["lead_" + {MISSING: "missing", BLANK: "blank", SKIPPED: "skipped", FILLED: "missing"}[lead.state]]
    names = [short_name(e.unit_name) for e in row.others if e.filled and e.unit_id in shown]
    if names:
        head += t["others_reported"].format(names=t["sep"].join(names))
    return Cell(head, marker=True)


def _work_row(row: Row, t: dict[str, str], lang: str) -> WorkRow:
    """A row of a lead unit's sheet: the lead's line, every text reported, then one line each
    for the units that did not report it and those that left it empty."""
    sep = t["sep"]
    lines: list[WorkLine] = []
    missing, blank = [], []
    for e in row.entries:
        if e.role == "lead" or e.filled:
            label = (
                e.unit_name if e.role == "county" else t["with_role"].format(unit=e.unit_name, role=t["role_" + e.role])
            )
            if e.filled:
                text, marker = (t["draft_mark"] if e.draft else "") + e.text, False
            else:
                text, marker = t[{MISSING: "missing", BLANK: "blank", SKIPPED: "skipped"}[e.state]], True
            lines.append(WorkLine(label, text, marker, e.role, e.status or ""))
        elif e.state == BLANK:
            blank.append(short_name(e.unit_name))
        else:
            missing.append(short_name(e.unit_name))
    if missing:
        lines.append(WorkLine(t["not_reported_line"], sep.join(missing), True, "missing"))
    if blank:
        lines.append(WorkLine(t["not_filled_line"], sep.join(blank), True, "missing"))
    return WorkRow(row.number, row.task.text, lines)


def _remarks(findings: list[Finding], t: dict[str, str], lang: str) -> list[str]:
    out = []
    for f in sorted(findings, key=lambda f: (f.level != "error", f.line or 0, f.code)):
        word = t["remark_error"] if f.level == "error" else t["remark_warning"]
        out.append(clean(t["remark"].format(level=word, message=f.message(lang), code=f.code)))
    return out


def _digest(lines: list[StatusLine], t: dict[str, str], deadline: str) -> StatusDigest:
    sep = t["sep"]
    by: dict[str, list[StatusLine]] = {}
    for s in lines:
        by.setdefault(s.state, []).append(s)
    n = {k: len(by.get(k, [])) for k in ("on_time", "late", "missing", "draft", "left_out")}
    totals = {"units": len(lines), "reported": n["on_time"] + n["late"], **n}
    names = {k: sep.join(short_name(s.name) for s in by.get(k, [])) for k in n}
    names["late"] = sep.join(t["late_by"].format(name=short_name(s.name), days=s.late_days) for s in by.get("late", []))
    table = [
        (t["digest_units"], totals["units"], ""),
        (t["digest_on_time"], n["on_time"], names["on_time"]),
        (t["digest_late"], n["late"], names["late"]),
        (t["digest_missing"], n["missing"], names["missing"]),
        (t["digest_draft"], n["draft"], names["draft"]),
    ]
    if n["left_out"]:
        table.append((t["digest_left_out"], n["left_out"], names["left_out"]))
    left = t["digest_left_out_part"].format(n=n["left_out"]) if n["left_out"] else ""
    paragraph = t["digest"].format(**{**totals, "left_out": left, "deadline": deadline})
    return StatusDigest(paragraph, table, totals)
