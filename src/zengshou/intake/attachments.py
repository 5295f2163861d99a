"""Importing the attachments of mailed messages (``zengshou import --mail``).

The messages come from :func:`zengshou.intake.mail.iter_messages`; the readers are the forms
package's (intake sits above forms). Every attachment is routed by its content:

* a zengshou YAML submission, an Excel form or plan-layout workbook, a Word form or a Word
  table in the plan's layout is read with the same readers as ``zengshou import FILE``;
* anything else (pictures, PDFs, archives) is listed as skipped.

Each imported attachment gets ``submitted`` = the message's date in China Standard Time and a
``source:`` mapping (sender, subject, date, attachment). Its unit comes from the attachment
(form marker, YAML ``unit:``, the title above a Word table) or else from ``senders.yaml``;
one that cannot be attributed is listed with sender and subject (F852), not guessed.

A unit that sent several versions: the latest message by Date wins; the earlier ones are
reported (F853) with a summary of how they differ. Nothing is written until every message has
been read, so the winner does not depend on the order of the mailbox. Writing goes through
:func:`zengshou.forms.importer.write_imported`: never over a different file without --force,
identical content is "unchanged" — so running twice on the same mailbox changes nothing.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from zengshou import signoff
from zengshou.findings import Finding
from zengshou.forms.docx_package import sniff
from zengshou.forms.importer import ImportedForm, Outcome, read_form, write_imported
from zengshou.quarters import Quarter

RESULTS = {
    "imported": {"zh": "已导入", "en": "imported"},
    "unchanged": {"zh": "内容相同，未改动", "en": "unchanged"},
    "replaced": {"zh": "已替换", "en": "replaced"},
    "superseded": {"zh": "被重发取代", "en": "superseded by a resend"},
    "refused": {"zh": "未导入", "en": "not imported"},
    "skipped": {"zh": "跳过：不是报送文件", "en": "skipped: not a submission"},
}


@dataclass
class Row:
    """One line of the summary table."""

    message: str  # "inbox.mbox#3 2023-07-05 资源县进度"
    unit: str
    attachment: str
    result: str  # a key of RESULTS
    why: str | dict = ""  # finding codes, or what the skipped file is


@dataclass
class MailRun:
    rows: list[Row] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # mail-level findings (not on an attachment)
    messages: int = 0

    @property
    def all_findings(self) -> list[Finding]:
        return self.findings + [f for oc in self.outcomes for f in oc.form.findings]

    @property
    def nothing_new(self) -> bool:
        return bool(self.outcomes) and not any(oc.written for oc in self.outcomes)


@dataclass
class _Candidate:
    imp: ImportedForm
    when: datetime | None
    order: int
    message: str


def import_mail(
    cat,
    data_dir: Path,
    messages,
    senders: dict[str, str],
    *,
    quarter: Quarter | None = None,
    force: bool = False,
    sender_unit=None,
) -> MailRun:
    """Read every message's attachments, pick the latest version per unit and quarter, write.

    ``messages`` yields MailMessage objects or Findings (see zengshou.intake.mail);
    ``sender_unit(senders, address)`` maps an address to a unit id."""
    run = MailRun()
    groups: dict[tuple[str, str], list[_Candidate]] = {}
    order = 0
    with tempfile.TemporaryDirectory(prefix="zengshou-mail-") as tmp:
        for msg in messages:
            if isinstance(msg, Finding):
                run.findings.append(msg)
                continue
            run.messages += 1
            run.findings += msg.findings
            label = f"{msg.display} {msg.date.strftime('%Y-%m-%d %H:%M') if msg.date else '—'} {msg.subject}"[:120]
            hint = sender_unit(senders, msg.address) if sender_unit else None
            date_noted = False
            for att in msg.attachments:
                order += 1
                disp = f"{msg.display} › {att.filename}"
                if att.data is None:
                    imp = ImportedForm(Path(att.filename), disp)
                    imp.add("F855", attachment=att.filename, what=att.problem or "")
                    run.outcomes.append(Outcome(imp))
                    run.rows.append(Row(label, "—", att.filename, "refused", "F855"))
                    continue
                tmp_path = Path(tmp) / f"{order}{Path(att.filename).suffix.lower()[:10]}"
                tmp_path.write_bytes(att.data)
                try:
                    kind = sniff(tmp_path)
                    if kind is None:
                        run.rows.append(Row(label, "—", att.filename, "skipped", _what_kind(att.filename)))
                        continue
                    imp = _read(kind, tmp_path, cat, disp, hint, quarter, att.filename)
                finally:
                    tmp_path.unlink(missing_ok=True)
                imp.path = Path(att.filename)
                imp.submitted = msg.submitted
                imp.source = {
                    "sender": msg.sender or None,
                    "subject": msg.subject or None,
                    "date": msg.date.isoformat() if msg.date else (msg.date_raw.strip() or None),
                    "attachment": att.filename,
                }
                if msg.date is None and not date_noted:
                    date_noted = True
                    imp.add(
                        "F851", subject=msg.subject or "—", sender=msg.sender or "—", date=msg.date_raw.strip() or "—"
                    )
                if imp.unit_id is None and (not imp.refused or any(f.code in ("F845", "F808") for f in imp.findings)):
                    imp.add(
                        "F852",
                        attachment=att.filename,
                        subject=msg.subject or "—",
                        sender=msg.sender or "—",
                        address=msg.address or "address@example.cn",
                    )
                if imp.refused or imp.unit_id is None or imp.quarter is None:
                    run.outcomes.append(Outcome(imp))
                    unit = cat.by_id[imp.unit_id].name if imp.unit_id else "—"
                    run.rows.append(Row(label, unit, att.filename, "refused", _codes(imp)))
                    continue
                groups.setdefault((imp.unit_id, str(imp.quarter)), []).append(_Candidate(imp, msg.date, order, label))

    written_from: dict[Path, str] = {}
    for (uid, q), cands in sorted(groups.items(), key=lambda kv: min(c.order for c in kv[1])):
        # the latest Date wins; undated versions rank first (oldest); ties: later in the mailbox
        cands.sort(key=lambda c: (c.when is not None, c.when.timestamp() if c.when else 0.0, c.order))
        winner = cands[-1]
        name = cat.by_id[uid].name
        for c in cands[:-1]:
            c.imp.add(
                "F853",
                unit=name,
                quarter=q,
                attachment=c.imp.path.name,
                date=_when(c.when),
                later=_when(winner.when),
                summary=_summary(c.imp, winner.imp),
            )
            run.outcomes.append(Outcome(c.imp))
            run.rows.append(Row(c.message, name, c.imp.path.name, "superseded", "F853"))
        oc = write_imported(cat, data_dir, winner.imp, force=force, written_from=written_from)
        run.outcomes.append(oc)
        result = (
            ("replaced" if oc.replaced else "imported") if oc.written else ("unchanged" if oc.unchanged else "refused")
        )
        run.rows.append(Row(winner.message, name, winner.imp.path.name, result, _codes(winner.imp)))
    return run


def _read(
    kind: str, path: Path, cat, display: str, hint: str | None, quarter: Quarter | None, name: str
) -> ImportedForm:
    if kind == "docx":
        from zengshou.forms.docx_import import read_docx

        return read_docx(path, cat, quarter=quarter, fallback_unit=hint, display=display)
    if kind == "xlsx":
        imp = read_form(path, cat, quarter=None, display=display)
        if any(f.code == "F808" for f in imp.findings) and hint and quarter:  # the plan's table, not a form
            imp = read_form(path, cat, unit_id=hint, quarter=quarter, display=display)
        elif quarter and imp.quarter and imp.quarter != quarter:
            imp.add("F810", form_quarter=str(imp.quarter), quarter=str(quarter), unit_id=imp.unit_id or "")
        return imp
    return read_yaml_submission(path, cat, display, name, quarter)


def read_yaml_submission(path: Path, cat, display: str, name: str, quarter: Quarter | None) -> ImportedForm:
    """A mailed YAML submission, checked like any other, as an ImportedForm (so it is written
    the same way, with the message's date and source)."""
    from zengshou.loader import load_file
    from zengshou.models import Submission
    from zengshou.schema import validate

    imp = ImportedForm(path, display, kind="yaml")
    doc = load_file(path, display)
    model = validate(doc, Submission) if doc.data is not None else None
    errors = [f for f in doc.findings if f.level == "error"]
    if model is None or errors:
        imp.findings += doc.findings
        first = errors[0] if errors else None
        # the first error in both languages: the finding is shown in the run's language
        what = {lg: f"{first.code} {first.message(lg)}"[:120] for lg in ("zh", "en")} if first else "—"
        imp.add("F856", attachment=name, what=what)
        return imp
    u = cat.resolve(model.unit)
    q = Quarter.try_parse(model.quarter)
    if u is None or u.kind == "group" or q is None:
        imp.add(
            "F856",
            attachment=name,
            what={
                "zh": f"单位“{model.unit}”或季度“{model.quarter}”无效",
                "en": f"unit '{model.unit}' or quarter '{model.quarter}' is not valid",
            },
        )
        return imp
    if quarter and q != quarter:
        imp.add("F810", form_quarter=str(q), quarter=str(quarter), unit_id=u.id)
    imp.unit_id, imp.quarter, imp.contact = u.id, q, model.contact
    imp.people = {k: getattr(model, k) for k in signoff.keys() if getattr(model, k)}
    for it in model.items:
        imp.items.append((it.task, it.progress or ""))
        if it.status:
            imp.statuses[it.task] = it.status
        if it.figures:
            imp.figures[it.task] = {k: v for k, v in it.figures.items() if v is not None}
        if it.note:
            imp.notes[it.task] = it.note
    return imp


def _codes(imp: ImportedForm) -> str:
    return " ".join(dict.fromkeys(f.code for f in imp.findings))


def _when(d: datetime | None) -> str:
    return d.strftime("%Y-%m-%d %H:%M") if d else "—"


def _summary(old: ImportedForm, new: ImportedForm) -> dict[str, str]:
    a, b = dict(old.items), dict(new.items)
    changed = sorted(
        r
        for r in set(a) | set(b)
        if a.get(r, "") != b.get(r, "")
        or old.statuses.get(r) != new.statuses.get(r)
        or old.figures.get(r) != new.figures.get(r)
    )
    if not changed:
        return {"zh": "内容相同", "en": "same content"}
    shown = changed[:10]
    more = len(changed) - len(shown)
    return {
        "zh": f"{len(changed)} 项不同（第 {'、'.join(map(str, shown))} 项{'等' if more else ''}）",
        "en": f"{len(changed)} row(s) differ ({', '.join(map(str, shown))}{', …' if more else ''})",
    }


def _what_kind(name: str) -> dict[str, str]:
    ext = Path(name).suffix.lower() or "—"
    return {"zh": f"{ext} 文件", "en": f"{ext} file"}
