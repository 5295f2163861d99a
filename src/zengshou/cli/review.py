"""``zengshou review`` and the sending parts of ``status --remind --send`` and ``import --send-receipts``.

Thin: the decisions live in :mod:`zengshou.review`, what goes to whom in
:mod:`zengshou.outbox.plan`, the sending in :mod:`zengshou.outbox.send`. Here the options are
read, settings and errors turned into one clear line (exit 2), and each result printed.
Nothing a secret is made of is ever printed: errors come redacted from the library.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from zengshou.cli.app import command
from zengshou.cli.common import (
    DEFAULT_DATA,
    DataOpt,
    H,
    LangOpt,
    QuarterOpt,
    UnitOpt,
    fail,
    lang_of,
    note,
    out,
    quarter_or_exit,
    reporting_unit_or_exit,
    workspace_or_exit,
)
from zengshou.i18n import both, join, t, tr
from zengshou.text import visible


def now() -> datetime:
    return datetime.now().astimezone()


def settings_or_exit(data: Path, lang: str):
    from zengshou.outbox.settings import SettingsError, load_settings

    try:
        return load_settings(data)
    except SettingsError as e:
        fail(e.message, lang)


def log_writable_or_exit(data: Path, lang: str) -> None:
    """Sending without a record would break the interval: check the log first."""
    import os

    from zengshou.outbox.sendlog import log_path

    path = log_path(data)
    try:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise OSError(0, "not a regular file")
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.close(fd)
    except OSError as e:
        fail("send.log_unwritable", lang, path=path, reason=e.strerror or e)


def _channel(name: str, lang: str) -> str:
    return t(f"send.channel.{name}", lang)


def _to(m, lang: str) -> str:
    return ", ".join(m.to) if m.to else _channel(m.channel, lang)


def print_plan(plan_messages, skipped, lang: str) -> None:
    """The dry run: every message in full, as it would be sent, then what would be left out."""
    out(t("send.dry_title", lang, n=len(plan_messages)))
    for i, m in enumerate(plan_messages, 1):
        out("")
        if m.to:
            out(visible(t("send.dry_head", lang, n=i, channel=_channel(m.channel, lang), to=_to(m, lang))))
        else:  # a group robot: the message goes to the group
            out(t("send.dry_head_robot", lang, n=i, channel=_channel(m.channel, lang)))
        out(visible(t("send.dry_units", lang, units=join(m.names, lang))))
        out(visible(t("send.dry_subject", lang, subject=m.subject)))
        out("")
        out(visible(m.body.rstrip("\n"), keep="\n"))
    if skipped:
        out("")
    print_skipped(skipped, lang)


def print_skipped(skipped, lang: str) -> None:
    """One line per channel and reason, naming the units (24 units without an address are one line)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for s in skipped:
        groups.setdefault((s.channel, tr(s.why, lang)), []).append(s.name)
    for (channel, why), names in groups.items():
        out(visible(t("send.skipped", lang, channel=_channel(channel, lang), unit=join(names, lang), why=why)))


def deliver_and_report(messages, skipped, settings, data: Path, quarter: str, lang: str) -> int:
    """Send, print a line per message and a summary; the number of failures."""
    from zengshou.outbox.send import deliver
    from zengshou.outbox.sendlog import log_path
    from zengshou.submissions import display_path

    print_skipped(skipped, lang)
    if not messages:
        out(t("send.nothing", lang))
        return 0

    def show(o) -> None:
        m = o.message
        if o.ok:
            out(visible(t("send.sent", lang, channel=_channel(m.channel, lang), to=_to(m, lang))))
        else:
            sys.stderr.write(
                visible(
                    t("send.failed", lang, channel=_channel(m.channel, lang), to=_to(m, lang), error=tr(o.error, lang))
                )
                + "\n"
            )

    from zengshou.outbox.send import LogFailed

    try:
        results = deliver(messages, settings, data, quarter, on_result=show)
    except LogFailed as e:  # the disk filled up or the log was replaced mid-run: stop sending
        fail("send.log_failed", lang, path=display_path(log_path(data)), reason=e.reason)
    failed = sum(1 for o in results if not o.ok)
    out(
        t(
            "send.summary",
            lang,
            sent=len(results) - failed,
            failed=failed,
            skipped=len(skipped),
            log=display_path(log_path(data)),
        )
    )
    return failed


# ---------------------------------------------------------------- status --remind --send


def remind_send(ws, st, config, *, lang: str, notice_date: date, templates, data: Path, dry_run: bool, channels) -> int:
    """``status --remind --send``: returns the exit code (2 when a send failed)."""
    from zengshou.notice import render_reminder
    from zengshou.outbox.plan import unit_addresses
    from zengshou.outbox.sendlog import log_path
    from zengshou.outbox.settings import CHANNELS
    from zengshou.submissions import display_path

    settings = settings_or_exit(data, lang)
    wanted = tuple(channels) if channels else settings.channels
    for c in wanted:
        if c not in CHANNELS:
            fail(
                "send.cfg_choice",
                lang,
                path="--channel",
                table="notify",
                setting="channels",
                choices=", ".join(CHANNELS),
            )
        if c not in settings.channels and not ((c == "smtp" and settings.smtp) or (c != "smtp" and settings.robot(c))):
            fail("send.cfg_channel_unset", lang, path=settings.source or "zengshou.toml", channel=c)
    if not wanted:
        fail("send.no_channels", lang)
    cat = ws.cat

    def render(only):
        return render_reminder(
            cat, st, lang=lang, notice_date=notice_date, templates=templates, data=data, office=config.office, only=only
        )

    addresses, findings = unit_addresses(cat, data)
    if findings:
        from zengshou.reporters import render_text

        sys.stderr.write(render_text(findings, lang))
    if dry_run:
        plan = _plan_or_exit(st, settings, addresses, data, render, lang, wanted)
        print_plan(plan.messages, plan.skipped, lang)
        return 0
    log_writable_or_exit(data, lang)
    from zengshou.outbox.sendlog import Busy, exclusive

    try:
        with exclusive(data):  # read the log, plan and send as one: a second run waits its turn
            plan = _plan_or_exit(st, settings, addresses, data, render, lang, wanted)
            failed = deliver_and_report(plan.messages, plan.skipped, settings, data, str(st.quarter), lang)
    except Busy:
        fail("send.busy", lang, path=display_path(log_path(data)))
    return 2 if failed else 0


def _plan_or_exit(st, settings, addresses, data: Path, render, lang: str, wanted):
    from zengshou.notice import NoticeError
    from zengshou.outbox.plan import reminder_plan
    from zengshou.outbox.sendlog import read

    try:
        return reminder_plan(st, settings, addresses, read(data), now(), render, lang, channels=wanted)
    except NoticeError as e:
        fail(e.message, lang)


def last_quarter(lang: str):
    """``--quarter last``: the quarter before today's, the one whose reports are due now."""
    from zengshou.quarters import Quarter
    from zengshou.workspace import today

    d = today()
    return Quarter(d.year, (d.month - 1) // 3 + 1).prev()


# ---------------------------------------------------------------- zengshou review


@command("review")
def review_cmd(
    unit: UnitOpt,
    quarter: QuarterOpt,
    return_: Annotated[str | None, typer.Option("--return", metavar="意见", help=H("opt.review.return"))] = None,
    accept: Annotated[bool, typer.Option("--accept", help=H("opt.review.accept"))] = False,
    comment: Annotated[str | None, typer.Option("--comment", help=H("opt.review.comment"))] = None,
    send: Annotated[bool, typer.Option("--send", help=H("opt.review.send"))] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=H("opt.status.dry_run"))] = False,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Record the decision on a unit's report: return it with a comment, or accept it."""
    from zengshou.config import ConfigError, load_config
    from zengshou.review import ReviewError, record, review_path
    from zengshou.submissions import display_path

    lang = lang_of(lang)
    if (return_ is None) == (not accept):
        fail("review.one_decision", lang)
    if return_ is not None and not return_.strip():
        fail("review.empty_comment", lang)
    if dry_run and not send:
        fail("send.dry_needs_send", lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    q = quarter_or_exit(cat, quarter, lang)
    u = reporting_unit_or_exit(cat, unit, q, lang)
    sub = ws.unit_file(q, u.id)
    if sub is None:
        fail("review.no_file", lang, unit=u.name, quarter=q.label(lang))
    settings = settings_or_exit(data, lang) if send else None
    if settings is not None and settings.smtp is None:
        fail("send.no_smtp", lang)
    try:
        config = load_config(data)
    except ConfigError as e:
        fail("cli.bad_config", lang, error=e.text(lang))
    decision = "returned" if return_ is not None else "accepted"
    text = (return_ if return_ is not None else comment) or ""
    submitted = sub.model.submitted.isoformat() if sub.model and sub.model.submitted else None
    if dry_run:
        from zengshou.review import Review, clean_comment, file_hash

        rev = Review(
            decision,
            clean_comment(text),
            now().isoformat(timespec="seconds"),
            file_hash(sub.path) or "",
            sub.display,
            submitted,
        )
    else:
        try:
            rev = record(
                data,
                str(q),
                u.id,
                decision=decision,
                comment=text,
                file=sub.path,
                shown=sub.display,
                submitted=submitted,
                at=now().isoformat(timespec="seconds"),
            )
        except ReviewError as e:
            fail(both(e.key, **e.params), lang)
        key = "review.recorded_returned" if decision == "returned" else "review.recorded_accepted"
        shown = display_path(review_path(data, str(q), u.id))
        text = t(key, lang, unit=u.name, quarter=q.label(lang), file=sub.display, comment=rev.comment, record=shown)
        out(visible(text, keep="\n"))
    if not send:
        return
    from zengshou.outbox.plan import review_message, unit_addresses

    assert settings is not None
    addresses, _ = unit_addresses(cat, data)
    to = addresses.get(u.id, [])
    if not to:
        fail("review.no_address", lang, unit=u.name)
    m = review_message(cat, u, q, rev, to, lang, config.office or cat.plan.office)
    if dry_run:
        print_plan([m], [], lang)
        return
    log_writable_or_exit(data, lang)
    failed = deliver_and_report([m], [], settings, data, str(q), lang)
    raise typer.Exit(2 if failed else 0)


# ---------------------------------------------------------------- import --mail --send-receipts


def receipts_ready_or_exit(data: Path, lang: str) -> None:
    """``--send-receipts`` checks mail settings and the log before anything is imported."""
    if settings_or_exit(data, lang).smtp is None:
        fail("send.no_smtp", lang)
    log_writable_or_exit(data, lang)


def send_receipts(ws, outcomes, *, lang: str) -> int:
    """A receipt for each unit whose mail brought something new: what arrived (each attachment
    and what became of it), the report's state now, what the checks found. Built from the import's
    outcomes (each carries its unit, its source message and its findings). Returns failures."""
    from zengshou.config import ConfigError, load_config
    from zengshou.lint import lint
    from zengshou.notice import state_text
    from zengshou.outbox.plan import Received, receipt_message, unit_addresses
    from zengshou.quarters import Quarter
    from zengshou.status import quarter_status
    from zengshou.workspace import today

    data = ws.data_dir
    settings = settings_or_exit(data, lang)
    if settings.smtp is None:
        fail("send.no_smtp", lang)
    try:
        config = load_config(data)
    except ConfigError as e:
        fail("cli.bad_config", lang, error=e.text(lang))
    cat = ws.cat
    addresses, _ = unit_addresses(cat, data)
    # group what arrived by (unit, quarter, sender): one receipt per unit and message sender
    groups: dict[tuple[str, str, str], list] = {}
    for oc in outcomes:
        imp = oc.form
        if imp.unit_id is None or imp.unit_id not in cat.by_id:
            continue
        if oc.unchanged:  # the same file again: it was acknowledged when it first came
            continue
        q = imp.quarter
        src = imp.source or {}
        groups.setdefault((imp.unit_id, str(q) if q else "", str(src.get("sender") or "")), []).append(oc)
    if not groups:
        out(t("send.nothing", lang))
        return 0
    statuses: dict[str, object] = {}
    messages = []
    skipped = []
    from email.utils import parseaddr

    from zengshou.outbox.plan import Skipped

    for (uid, qtext, sender), outcomes in sorted(groups.items()):
        unit = cat.by_id[uid]
        q = Quarter.try_parse(qtext)
        state = "—"
        received = []
        for oc in outcomes:
            result = "replaced" if oc.replaced else "imported" if oc.written else "refused"
            findings = list(oc.form.findings)
            if oc.written and oc.target is not None:
                findings += lint(ws, [oc.target]).findings
            src = oc.form.source or {}
            said = {lg: t(f"mail.result.{result}", lg) for lg in ("zh", "en")}
            received.append(Received(str(src.get("attachment") or oc.form.path.name), said, findings))
        if q is not None and cat.in_period(q):
            if qtext not in statuses:
                statuses[qtext] = quarter_status(ws, q, result=lint(ws, quarter=qtext, config=config))
            su = next((x for x in statuses[qtext].units if x.unit_id == uid), None)  # type: ignore[attr-defined]
            if su is not None:
                state = state_text(su, lang)
        addr = parseaddr(sender)[1]
        to = [addr] if addr and "@" in addr else addresses.get(uid, [])
        if not to:
            skipped.append(Skipped(uid, unit.name, "smtp", both("send.skip_no_address")))
            continue
        src = outcomes[0].form.source or {}
        sent_on = str(src.get("date") or "")[:16].replace("T", " ")
        messages.append(
            receipt_message(
                unit,
                q,
                received,
                state,
                sent_on,
                str(src.get("subject") or ""),
                to,
                lang,
                config.office or cat.plan.office,
                cat.plan.contact,
                today(),
            )
        )
    log_writable_or_exit(data, lang)
    quarter = next((k[1] for k in groups if k[1]), "")
    return deliver_and_report(messages, skipped, settings, data, quarter, lang)


def bad_review_records(st, lang: str) -> None:
    """Unreadable review records are named (they were ignored), never a traceback."""
    if st.review_problems:
        problems = join((t(e.key, lang, **e.params) for e in st.review_problems), lang)
        note(lang, "review.bad_records", problems=problems)
