"""Importing the attachments of mailed messages (``zengshou import --mail``).

The messages come from :func:`zengshou.intake.mail.iter_messages`; the readers are the forms
package's (intake sits above forms). Every attachment is routed by its content, never by its
name (a full-width dot, ``.XLSX``, an .xlsx named .docx or .et, no name at all):

* a zengshou YAML submission, an Excel form or plan-layout workbook, a Word form or a Word
  table in the plan's layout is read with the same readers as ``zengshou import FILE``;
* a .zip is opened (safely, see :mod:`zengshou.intake.archives`) and its files routed the same way;
* .rar, .7z, winmail.dat (Outlook's TNEF) and Outlook .msg cannot be read: each is a finding
  (F871) that says what to ask the unit for, and the run exits 1;
* anything else (pictures, PDFs) is listed as skipped.

**Whose and when.** Each imported attachment gets ``submitted`` = the date of the message it came
in, in China Standard Time — for a forwarded message (message/rfc822), the forwarded message's
date and sender, not the forwarder's — and a ``source:`` mapping (sender with the real address,
subject, date, attachment). Its unit comes from the form's marker, else from ``senders.yaml``,
else from the title above a Word table; never from a salutation or a passing mention; sources
that disagree are a finding (F872), not a guess. One that cannot be attributed is listed with
sender and subject (F852).

**Who may file for whom.** ``senders.yaml`` maps an address (or ``@domain``) to the unit, or the
list of units, it may send for. An attachment for a unit the sender is not listed for — or from
an address not listed when the unit has addresses listed — is not written (F870); the
coordinator allows it by adding the unit to that address in senders.yaml. Units without any
listed address accept mail from any address (the summary shows the real address).

**Resends and forwards.** A unit that sent several versions: the latest by date wins — a
forward counts with the date of the message it forwards, so a later forward of an old version
does not beat the unit's correction (更正); the others are reported (F853) with a summary of how
they differ. Equal dates with different content: the winner is chosen by content (never by
file name or mailbox order) and the other is a finding (F874) to check. Nothing is written until
every message has been read, so the winner does not depend on the order of the mailbox. Writing
goes through :func:`zengshou.forms.xlsx_import.write_imported`: never over a different file without
--force, and with --force the replaced file is kept as ``.bak`` first; identical content is
"unchanged" — so running twice on the same mailbox changes nothing.

:class:`MailRun` is the result as data (rows per message and attachment, outcomes, findings),
for the summary table and for anything built on it (receipts).
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from zengshou import signoff
from zengshou.findings import Finding
from zengshou.forms.docx_package import sniff
from zengshou.forms.xlsx_import import ImportedForm, Outcome, read_form, write_imported
from zengshou.i18n import both
from zengshou.intake import archives
from zengshou.intake.mail import Attachment, MailMessage, NotMail, Origin, listed_units, sender_units
from zengshou.quarters import Quarter

#: Result keys of a summary row → message ids (``mail.result.<key>``).
RESULTS = (
    "imported",
    "replaced",
    "unchanged",
    "superseded",
    "refused",
    "skipped",
    "no_attachment",
    "deleted",
    "not_mail",
    "unreadable",
)


@dataclass
class Row:
    """One line of the summary table: an attachment, or a message / file without one."""

    message: str  # "inbox.mbox#3 2023-07-05 资源县进度"
    unit: str  # the unit's name, or "—"
    attachment: str
    result: str  # one of RESULTS
    why: str | dict = ""  # finding codes, or what the skipped file is
    unit_id: str | None = None
    address: str = ""  # the sender's real address (of the forwarded message, for a forward)
    sender: str = ""
    subject: str = ""
    submitted: date | None = None
    quarter: str | None = None
    backup: str | None = None  # the kept copy of what --force replaced
    order: int = 0  # position in the mailbox: rows are listed in the order the mail was read


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
    row: Row
    digest: str = ""


@dataclass
class _Ctx:
    cat: Any
    senders: dict[str, list[str]]
    quarter: Quarter | None
    tmp: Path
    run: MailRun
    groups: dict[tuple[str, str], list[_Candidate]]
    order: int = 0


def import_mail(
    cat,
    data_dir: Path,
    messages,
    senders: dict[str, list[str]],
    *,
    quarter: Quarter | None = None,
    force: bool = False,
    sender_unit=None,  # kept for callers of the earlier signature; senders.yaml decides now
) -> MailRun:
    """Read every message's attachments, pick the latest version per unit and quarter, write.

    ``messages`` yields MailMessage objects, Findings or NotMail (see zengshou.intake.mail)."""
    run = MailRun()
    with tempfile.TemporaryDirectory(prefix="zengshou-mail-") as tmp:
        ctx = _Ctx(cat, senders, quarter, Path(tmp), run, {})
        for msg in messages:
            if isinstance(msg, Finding):
                run.findings.append(msg)
                ctx.order += 1
                run.rows.append(Row(msg.file, "—", "—", "unreadable", msg.code, order=ctx.order))
                continue
            if isinstance(msg, NotMail):
                ctx.order += 1
                run.rows.append(Row(msg.display, "—", "—", "not_mail", msg.what, order=ctx.order))
                continue
            _message(ctx, msg)
    _decide(cat, data_dir, run, ctx.groups, force)
    run.rows.sort(key=lambda r: r.order)  # stable: a message's own rows keep their order
    return run


def _label(msg: MailMessage) -> str:
    when = msg.date.strftime("%Y-%m-%d %H:%M") if msg.date else "—"
    return f"{msg.display} {when} {msg.subject}"[:160]


def _message(ctx: _Ctx, msg: MailMessage) -> None:
    run = ctx.run
    run.messages += 1
    label = _label(msg)
    ctx.order += 1
    base = {
        "address": msg.address,
        "sender": msg.sender,
        "subject": msg.subject,
        "submitted": msg.submitted,
        "order": ctx.order,
    }
    if msg.deleted:
        run.rows.append(Row(label, "—", "—", "deleted", both("mail.why.deleted"), **base))
        return
    run.findings += msg.findings  # a deleted message's problems are no one's concern
    if msg.findings and not msg.attachments:
        codes = " ".join(dict.fromkeys(f.code for f in msg.findings))
        run.rows.append(Row(label, "—", "—", "unreadable", codes, **base))
        return
    if not msg.attachments:
        run.rows.append(Row(label, "—", "—", "no_attachment", both("mail.why.no_attachment"), **base))
        return
    noted = [False]
    for att in msg.attachments:
        try:
            _attachment(ctx, msg, att, att.filename, att.data, label, noted, depth=0)
        except Exception:  # noqa: BLE001 — one attachment no reader foresaw must not end the run
            f = Finding(
                "F855",
                f"{msg.display} › {att.filename}",
                None,
                None,
                {"attachment": att.filename, "what": both("mail.unexpected")},
            )
            run.findings.append(f)
            run.rows.append(Row(label, "—", att.filename, "refused", "F855", **base))


def _attachment(
    ctx: _Ctx, msg: MailMessage, att: Attachment, name: str, data: bytes | None, label: str, noted, depth: int
) -> None:
    run = ctx.run
    origin: Origin = att.forwarded or msg.origin
    ctx.order += 1
    base = {
        "address": origin.address,
        "sender": origin.sender,
        "subject": msg.subject,
        "submitted": origin.submitted,
        "order": ctx.order,
    }
    disp = f"{msg.display} › {name}"
    if data is None:
        imp = ImportedForm(Path(name), disp)
        imp.add("F855", attachment=name, what=att.problem or "")
        run.outcomes.append(Outcome(imp))
        run.rows.append(Row(label, "—", name, "refused", "F855", **base))
        return
    kind = archives.kind_of(data, name)
    if kind in archives.ASK_FOR:
        f = Finding("F871", disp, None, None, {"name": name, "what": both(archives.ASK_FOR[kind])})
        run.findings.append(f)
        run.rows.append(Row(label, "—", name, "refused", "F871", **base))
        return
    if kind == "zip":
        members, problems = archives.read_zip(data, depth)
        for what in problems:
            run.findings.append(Finding("F871", disp, None, None, {"name": name, "what": what}))
            run.rows.append(Row(label, "—", name, "refused", "F871", **base))
        if not members and not problems:
            run.rows.append(Row(label, "—", name, "skipped", both("mail.why.empty_zip"), **base))
        for member_name, blob in members:
            _attachment(ctx, msg, att, f"{name} › {member_name}", blob, label, noted, depth + 1)
        return
    tmp_path = ctx.tmp / f"{ctx.order}{archives.clean_suffix(name)[:10]}"
    tmp_path.write_bytes(data)
    try:
        form_kind = sniff(tmp_path)
        if form_kind is None:
            run.rows.append(Row(label, "—", name, "skipped", _what_kind(name), **base))
            return
        if form_kind in ("xlsx", "docx") and data.startswith(b"PK"):
            # read under the name of what it is: the readers need no trust in the mailed name
            named = tmp_path.with_name(f"{ctx.order}.{form_kind}")
            tmp_path.rename(named)
            tmp_path = named
        hint_units = sender_units(ctx.senders, origin.address)
        hint = hint_units[0] if len(hint_units) == 1 else None
        imp = _read(form_kind, tmp_path, ctx.cat, disp, hint, ctx.quarter, name)
    finally:
        tmp_path.unlink(missing_ok=True)
    imp.path = Path(name.rsplit(" › ", 1)[-1])
    imp.submitted = origin.submitted
    imp.source = {
        "sender": origin.sender or None,
        "subject": (origin.subject if att.forwarded else msg.subject) or None,
        "date": origin.date.isoformat() if origin.date else (origin.date_raw.strip() or None),
        "attachment": name,
    }
    if origin.date is None and not noted[0]:
        noted[0] = True
        imp.add("F851", subject=msg.subject or "—", sender=origin.sender or "—", date=origin.date_raw.strip() or "—")
    if imp.unit_id is None and (not imp.refused or any(f.code in ("F845", "F808") for f in imp.findings)):
        # their advice (--unit, --quarter) is for a file imported alone; F852 says what to do here
        imp.findings = [f for f in imp.findings if f.code not in ("F845", "F808")]
        imp.add(
            "F852",
            attachment=name,
            subject=msg.subject or "—",
            sender=origin.sender or "—",
            address=origin.address or "address@example.cn",
        )
    if imp.unit_id is not None and any(f.code == "F845" for f in imp.findings):
        # F845's advice (--unit) is for a file imported alone; --mail takes --quarter only
        imp.findings = [f for f in imp.findings if f.code != "F845"]
        imp.add("F875", attachment=name, unit=ctx.cat.by_id[imp.unit_id].name)
    if imp.unit_id is not None and not imp.refused:
        _check_sender(ctx, imp, origin)
    unit = ctx.cat.by_id[imp.unit_id].name if imp.unit_id else "—"
    row = Row(label, unit, name, "refused", "", unit_id=imp.unit_id, quarter=str(imp.quarter or "") or None, **base)
    if imp.refused or imp.unit_id is None or imp.quarter is None:
        row.why = _codes(imp)
        run.outcomes.append(Outcome(imp))
        run.rows.append(row)
        return
    ctx.groups.setdefault((imp.unit_id, str(imp.quarter)), []).append(_Candidate(imp, origin.date, ctx.order, row))


def _check_sender(ctx: _Ctx, imp: ImportedForm, origin: Origin) -> None:
    """Who may file for whom (see the module docstring): F870 when senders.yaml says otherwise."""
    allowed = sender_units(ctx.senders, origin.address)
    name = ctx.cat.by_id[imp.unit_id].name
    address = origin.address or origin.sender or "—"
    if allowed and imp.unit_id not in allowed:
        listed = "、".join(ctx.cat.by_id[u].name for u in allowed)
        imp.add("F870", address=address, unit=name, listed=listed, key=origin.address or "address@example.cn")
    elif not allowed and imp.unit_id in listed_units(ctx.senders):
        imp.add(
            "F870",
            address=address,
            unit=name,
            listed=both("mail.not_listed"),
            key=origin.address or "address@example.cn",
        )


def _decide(cat, data_dir: Path, run: MailRun, groups: dict[tuple[str, str], list[_Candidate]], force: bool) -> None:
    written_from: dict[Path, str] = {}
    for (uid, q), cands in sorted(groups.items(), key=lambda kv: min(c.order for c in kv[1])):
        for c in cands:
            c.digest = hashlib.sha256(_content(cat, c.imp).encode("utf-8")).hexdigest()
        # the latest date wins; undated versions rank first (oldest); equal dates: by content,
        # never by file name or position in the mailbox
        cands.sort(key=lambda c: (c.when is not None, c.when.timestamp() if c.when else 0.0, c.digest))
        winner = cands[-1]
        name = cat.by_id[uid].name
        for c in cands[:-1]:
            tie = c.when == winner.when and c.digest != winner.digest
            c.imp.add(
                "F874" if tie else "F853",
                unit=name,
                quarter=q,
                attachment=c.imp.path.name,
                date=_when(c.when),
                later=_when(winner.when),
                kept=winner.imp.path.name,
                summary=_summary(c.imp, winner.imp),
            )
            run.outcomes.append(Outcome(c.imp))
            c.row.result, c.row.why = "superseded", _codes(c.imp)
            run.rows.append(c.row)
        # --force keeps what it replaces: here, unless the writer does it itself (Outcome.backup)
        saved = _backup_before_force(cat, data_dir, winner.imp) if force and not _WRITER_BACKS_UP else None
        oc = write_imported(cat, data_dir, winner.imp, force=force, written_from=written_from)
        saved = saved or getattr(oc, "backup", None) or None
        run.outcomes.append(oc)
        row = winner.row
        row.result = (
            ("replaced" if oc.replaced else "imported") if oc.written else ("unchanged" if oc.unchanged else "refused")
        )
        row.why = _codes(winner.imp)
        row.backup = saved if oc.replaced else None
        run.rows.append(row)


_WRITER_BACKS_UP = "backup" in {f.name for f in fields(Outcome)}


def _content(cat, imp: ImportedForm) -> str:
    from zengshou.forms.xlsx_import import render_submission

    return render_submission(cat, imp)


def _backup_before_force(cat, data_dir: Path, imp: ImportedForm) -> str | None:
    """``--force`` keeps what it replaces, as ``new --force`` does: the existing submission is
    copied to ``.bak`` (``.bak.1`` … beside older ones) before it is written over."""
    from zengshou.forms.xlsx_import import render_submission
    from zengshou.submissions import display_path
    from zengshou.writer import backup

    target = Path(data_dir) / "progress" / str(imp.quarter) / f"{imp.unit_id}.yaml"
    try:
        if not target.is_file() or target.read_bytes() == render_submission(cat, imp).encode("utf-8"):
            return None
        return display_path(backup(target))
    except OSError as e:
        imp.add("F824", target=display_path(target), error=e.strerror or "")
        return None


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
        imp.add("F856", attachment=name, what=both("mail.yaml_unit_quarter", unit=model.unit, quarter=model.quarter))
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
        return both("mail.same_content")
    shown = changed[:10]
    more = len(changed) - len(shown)
    return {
        lang: both("mail.rows_differ", n=len(changed), rows=sep.join(map(str, shown)), more=more_text)[lang]
        for lang, sep, more_text in (("zh", "、", "等" if more else ""), ("en", ", ", ", …" if more else ""))
    }


def _what_kind(name: str) -> dict[str, str]:
    ext = archives.clean_suffix(name) or "—"
    return both("mail.why.other_file", ext=ext)


def per_unit(run: MailRun) -> list[tuple[str, dict[str, int], list[str | dict]]]:
    """The end summary: per unit (and "—" for what belongs to none), how many rows had each
    result, and the reasons (codes, what was skipped) once each."""
    out: dict[str, tuple[dict[str, int], list[str | dict]]] = {}
    for r in run.rows:
        counts, why = out.setdefault(r.unit, ({}, []))
        counts[r.result] = counts.get(r.result, 0) + 1
        if r.why and r.result not in ("imported", "replaced", "unchanged") and r.why not in why:
            why.append(r.why)
    units = sorted(k for k in out if k != "—")
    if "—" in out:
        units.append("—")
    return [(u, out[u][0], out[u][1]) for u in units]
