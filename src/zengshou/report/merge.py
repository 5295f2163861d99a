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
from zengshou.report.body import build_body
from zengshou.report.labels import NOTES, labels
from zengshou.report.model import (
    BLANK,
    FILLED,
    MISSING,
    ROLE_ORDER,
    SKIPPED,
    STATUS_KEYS,
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
    short_name,
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
    through the workspace here, once, so renderers never read anything. ``as_of`` (the date
    under the title) defaults to the deadline, or to the latest submission date when a late
    file is counted: the report says what it holds, not what was due.
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
    m = _Merge(cat, q, ws, t, lang, include_drafts)
    m.accept(in_quarter, errors, skip_invalid)
    m.build_rows()
    m.build_sections()
    lines = m.status_lines(result)
    used = {s.display for s in m.accepted.values()} | set(m.left)
    other_files = sorted(m.rel(s) for s in in_quarter.values() if s.display not in used)
    left_out = [
        LeftOut(m.rel(s), clean(cat.by_id[s.unit_id].name) if s.unit_id else "", reason)
        for s, reason in m.left.values()
    ]
    deadline = cat.deadline(q)
    sent = [s.valid.submitted for u, s in m.accepted.items() if u in m.shown and s.valid.submitted]
    as_of = as_of or max([deadline, *sent])
    all_series = m.series(figures)
    plan = cat.plan
    office = clean(office if office is not None else getattr(plan, "office", "") or "")
    digest = _digest(lines, t, cn_date(deadline, lang))
    indicator_lines = ind.lines(all_series, t)
    rep = Report(
        lang,
        t,
        clean(plan.title),
        clean(plan.short_title),
        q,
        m.ql,
        t["title"].format(plan=clean(plan.title), quarter=m.ql),
        office,
        as_of,
        t["info"].format(office=office or "—", date=cn_date(as_of, lang)),
        deadline,
        cn_date(deadline, lang),
        f"{clean(plan.short_title)}　{m.ql}",
        m.rows,
        m.leads,
        m.counties,
        lines,
        digest,
        left_out,
        other_files,
        indicator_lines,
        all_series,
        _notes(cat, q, t, lang, as_of, deadline, digest, all_series),
        include_drafts,
    )
    rep.body = build_body(rep)
    rep.work = [_work_row(r, t, lang) for r in m.rows]
    return rep


def quarter_label(q: Quarter, lang: str) -> str:
    """2023年二季度 (English: Q2 2023): how the report names its quarter."""
    t = labels(lang)
    return t["quarter"].format(year=q.year, nth=t["quarter_numerals"].split(",")[q.q - 1])


def _notes(cat: Catalog, q: Quarter, t, lang: str, as_of: date, deadline: date, digest, all_series) -> list[str]:
    """口径说明: what was counted (the files the merge received, late ones marked) and how."""
    plan = cat.plan
    tot = digest.totals
    return [
        t[n].format(
            as_of=cn_date(as_of, lang),
            day=plan.deadline_day,
            deadline=cn_date(deadline, lang),
            start=quarter_label(Quarter.parse(plan.period.start), lang),
            end=quarter_label(Quarter.parse(plan.period.end), lang),
            thresholds=ind.thresholds(all_series, t),
            files=tot["reported"],
            on_time=tot["on_time"],
            late=tot["late"],
        )
        for n in NOTES
    ] + ind.scope_notes(cat, lang)


class _Merge:
    """The merge's working state, one step per method: which files go in, the rows, the
    per-unit sections, 报送情况 and the indicator series."""

    def __init__(self, cat: Catalog, q: Quarter, ws: Workspace, t: dict[str, str], lang: str, include_drafts: bool):
        self.cat, self.q, self.ws, self.t, self.lang = cat, q, ws, t, lang
        self.include_drafts = include_drafts
        self.ql = quarter_label(q, lang)
        self.order = {u.id: i for i, u in enumerate(cat.units)}
        self.left: dict[str, tuple[Loaded, str]] = {}  # display → (file, reason)
        self.accepted: dict[str, Loaded] = {}
        self.left_units: dict[str, str] = {}
        self.drafts: set[str] = set()
        self.shown: set[str] = set()
        self.rows: list[Row] = []
        self.leads: list[UnitSection] = []
        self.counties: list[UnitSection] = []

    def rel(self, sub: Loaded) -> str:
        data_dir = self.ws.data_dir
        try:
            return clean(sub.path.resolve().relative_to(data_dir.resolve()).as_posix())
        except ValueError:
            return clean(sub.path.name)

    def accept(self, in_quarter: dict[str, Loaded], errors: list[Finding], skip_invalid: bool) -> None:
        """Sort the quarter's files into read (one per unit) and left out, with the reason."""
        t, lang, cat = self.t, self.lang, self.cat
        readable: list[Loaded] = []
        for sub in sorted(in_quarter.values(), key=lambda s: s.display):
            errs = [f for f in errors if f.file == sub.display]
            unreadable = [f for f in errs if f.code.startswith(UNREADABLE)]
            if sub.model is None or not sub.unit_id or unreadable or (skip_invalid and errs):
                if unreadable or (errs and (sub.model is None or not sub.unit_id)):
                    reason = clean((unreadable or errs)[0].message(lang))
                else:
                    reason = t["remark_skipped"] if errs else t["skipped"]
                self.left[sub.display] = (sub, reason)
            else:
                readable.append(sub)
        self.accepted = per_unit(readable)
        for sub, reason in self.left.values():
            uid = sub.unit_id or _unit_from_stem(cat, sub.path.stem)
            if uid and uid not in self.accepted:
                self.left_units[uid] = reason
        self.drafts = {uid for uid, s in self.accepted.items() if s.valid.submitted is None}
        self.shown = {uid for uid in self.accepted if self.include_drafts or uid not in self.drafts}

    def build_rows(self) -> None:
        self.rows = _rows(self.cat, self.q, self.accepted, self.drafts, self.left_units)
        for row in self.rows:
            row.summary = _summary_cell(row, self.shown, self.t, self.lang)
            row.progress_key, row.progress = _row_progress(row, self.shown, self.t)

    def section(self, uid: str, mine: list[Row], pick, title: str) -> UnitSection:
        t, lang = self.t, self.lang
        u = self.cat.by_id[uid]
        sub = self.accepted.get(uid)
        state = FILLED if sub else (SKIPPED if uid in self.left_units else MISSING)
        contact = clean(sub.valid.contact_line or "—") if sub else ""
        info = ""
        if sub:
            info = (
                t["draft_info"].format(contact=contact)
                if uid in self.drafts
                else t["submitted_info"].format(date=cn_date(sub.valid.submitted, lang), contact=contact)
            )
        return UnitSection(
            uid,
            clean(u.name),
            u.kind,
            state,
            self.rel(sub) if sub else None,
            sub.valid.submitted if sub else None,
            contact or None,
            mine,
            [pick(r) for r in mine],
            title=title,
            info=info,
        )

    def build_sections(self) -> None:
        """A section per lead unit (its rows) and per county that reported (its own entries)."""
        cat, t, rows, ql = self.cat, self.t, self.rows, self.ql
        for uid in sorted({r.lead.unit_id for r in rows}, key=self.order.__getitem__):
            title = t["lead_title"].format(unit=clean(cat.by_id[uid].name), quarter=ql)
            sec = self.section(uid, [r for r in rows if r.lead.unit_id == uid], lambda r: r.lead, title)
            sec.work = [_work_row(r, t, self.lang) for r in sec.rows]
            self.leads.append(sec)
        for u in cat.counties():
            uid = cat.current(u.id, self.q)
            if uid != u.id or uid not in self.accepted:
                continue
            mine = [r for r in rows if any(e.unit_id == uid for e in r.entries)]
            title = t["county_title"].format(unit=clean(u.name), quarter=ql)
            pick = lambda r, uid=uid: next(e for e in r.entries if e.unit_id == uid)  # noqa: E731
            self.counties.append(self.section(uid, mine, pick, title))

    def status_lines(self, result: Result) -> list[StatusLine]:
        """报送情况: one line per unit that must report, in the status command's order."""
        t, lang, cat = self.t, self.lang, self.cat
        st = quarter_status(self.ws, self.q, result=result)
        lines = []
        for su in st.units:
            got = self.accepted.get(su.unit_id)
            if got is None and su.unit_id in self.left_units:
                state = "left_out"
            elif got is None:
                state = "missing"
            elif su.unit_id in self.drafts:
                state = "draft"
            elif su.late_days:
                state = "late"
            else:
                state = "on_time"
            file_sub = got or next(
                (s for s, _ in self.left.values() if (s.unit_id or _unit_from_stem(cat, s.path.stem)) == su.unit_id),
                None,
            )
            remarks = []
            if state == "left_out":
                remarks.append(self.left_units[su.unit_id])
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
            line = StatusLine(
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
                self.rel(file_sub) if file_sub else "",
                remarks,
                review=rv.decision if rv is not None else "",
                review_text=review_text,
            )
            line.contact = (
                (_contact(got, cat, su.unit_id) if got else "")
                or self.earlier_contact(su.unit_id)
                or _contact(None, cat, su.unit_id)
            )
            lines.append(line)
        return lines

    def earlier_contact(self, uid: str) -> str:
        """The contact in the unit's file of one of the four quarters before (staff chasing a
        missing file call whoever sent the last one)."""
        q = self.q
        for _ in range(4):
            q = q.prev()
            for suffix in (".yaml", ".yml"):
                path = self.ws.data_dir / "progress" / str(q) / f"{uid}{suffix}"
                if path.is_file():
                    sub = self.ws.submission(path)
                    line = sub.model.contact_line if sub.model is not None else None
                    if line:
                        return clean(line)
        return ""

    def series(self, figures: Figures | None):
        """Each indicator's series up to this quarter: earlier figures plus this quarter's
        files (drafts only when they are shown)."""
        q, cat = self.q, self.cat
        if figures is None:
            figures = ind.figures_before(self.ws, q)
        figures = {k: v for k, v in figures.items() if Quarter.parse(k) < q}
        figures[str(q)] = quarter_figures(cat, {u: s for u, s in self.accepted.items() if u in self.shown}, q)
        return ind.series_from(cat, figures, q, self.lang)


def _contact(sub: Loaded | None, cat: Catalog, uid: str) -> str:
    """Whom staff call about a unit's file: the file's 填报人 and phone, or the contact kept
    for the unit in units.yaml (``contact``) when it has not sent one."""
    if sub is not None and sub.valid.contact_line:
        return clean(sub.valid.contact_line)
    u = cat.by_id.get(uid)
    return clean(u.contact) if u else ""


def _row_progress(row: Row, shown: set[str], t: dict[str, str]) -> tuple[str, str]:
    """A row's 进展 from its lead unit's ``status``; without one, why: not stated, or the lead
    unit has not reported the row (missing, blank, unreadable, or only a draft)."""
    lead = row.lead
    if not (lead.unit_id in shown and lead.state in (FILLED, BLANK)) or (lead.state == BLANK and not lead.status):
        return "unreported", t["pk_unreported_cell"]
    if lead.status:
        key = STATUS_KEYS.get(lead.status, "unstated")
        return key, lead.status
    return "unstated", ""


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
    return WorkRow(row.number, row.task.text, lines, row.measure_label, short_name(row.lead.unit_name))


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
