"""What goes to whom: the messages of a run, decided before anything is sent.

``status --remind --send --dry-run`` prints a plan and sends nothing; ``--send`` carries the same
plan out (:mod:`zengshou.outbox.send`), so the dry run shows exactly what would be sent.

Reminders go to the units still missing (a draft has not been sent either) or returned by the
coordinator — by mail to each such unit, naming that unit alone, and as one message to each
group robot naming them all. A unit reminded successfully on a channel less than ``[notify]
interval_hours`` ago is left out on that channel (the send log remembers), so a daily scheduled
run and a coordinator's run by hand do not send the same notice twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from zengshou.i18n import both, long_date, t
from zengshou.notice import needs_sending
from zengshou.outbox.mime import split_notice
from zengshou.outbox.sendlog import Entry, last_reminded
from zengshou.outbox.settings import Settings


@dataclass
class Message:
    kind: str  # reminder | review | receipt
    channel: str  # smtp | wecom | dingtalk
    units: list[str]  # the unit ids it is about
    names: list[str]  # their names, for the screen
    to: list[str]  # mail addresses (empty for a robot)
    subject: str
    body: str

    @property
    def robot_text(self) -> str:
        return f"{self.subject}\n\n{self.body}".strip() + "\n"


@dataclass
class Skipped:
    unit: str
    name: str
    channel: str
    why: dict[str, str]  # zh/en


@dataclass
class Plan:
    quarter: str
    messages: list[Message] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def unit_addresses(cat, data_dir: Path) -> tuple[dict[str, list[str]], list]:
    """unit id → mail addresses: ``email`` in units.yaml first, then every full address that
    senders.yaml maps to the unit (its reports came from there). ``@domain`` lines name no one.
    Returns the findings of a faulty senders.yaml too (its good lines are still used)."""
    from zengshou.intake.mail import load_senders

    out: dict[str, list[str]] = {}
    for u in cat.units:
        if u.email:
            out[u.id] = list(u.email)
    senders, findings = load_senders(cat, data_dir)
    for addr, uids in sorted(senders.items()):
        if addr.startswith("@"):
            continue
        for uid in [uids] if isinstance(uids, str) else uids:  # an address may file for several units
            have = out.setdefault(uid, [])
            if addr.lower() not in {a.lower() for a in have}:
                have.append(addr)
    return out, findings


def reminder_plan(
    st,
    settings: Settings,
    addresses: dict[str, list[str]],
    log: list[Entry],
    now: datetime,
    render: Callable[[set[str] | None], str],
    lang: str,
    channels: tuple[str, ...] | None = None,
) -> Plan:
    """The reminders due now. ``render(only)`` is the 催报通知 naming the units in ``only``."""
    quarter = str(st.quarter)
    plan = Plan(quarter)
    due = [u for u in st.units if needs_sending(u)]
    last = last_reminded(log, quarter)
    hours = settings.interval_hours

    def recent(uid: str, channel: str) -> datetime | None:
        when = last.get((uid, channel))
        return when if when is not None and (now - when).total_seconds() < hours * 3600 else None

    def skip_recent(u, channel: str, when: datetime) -> None:
        plan.skipped.append(
            Skipped(
                u.unit_id,
                u.name,
                channel,
                both("send.skip_recent", when=when.strftime("%Y-%m-%d %H:%M"), hours=_hours(hours)),
            )
        )

    for channel in channels if channels is not None else settings.channels:
        if channel == "smtp":
            for u in due:
                when = recent(u.unit_id, channel)
                if when is not None:
                    skip_recent(u, channel, when)
                    continue
                to = addresses.get(u.unit_id, [])
                if not to:
                    plan.skipped.append(Skipped(u.unit_id, u.name, channel, both("send.skip_no_address")))
                    continue
                subject, body = split_notice(render({u.unit_id}))
                plan.messages.append(Message("reminder", channel, [u.unit_id], [u.name], to, subject, body))
        else:
            todo = []
            for u in due:
                when = recent(u.unit_id, channel)
                if when is not None:
                    skip_recent(u, channel, when)
                else:
                    todo.append(u)
            if todo:
                subject, body = split_notice(render({u.unit_id for u in todo}))
                plan.messages.append(
                    Message("reminder", channel, [u.unit_id for u in todo], [u.name for u in todo], [], subject, body)
                )
    return plan


def _hours(h: float) -> str:
    return str(int(h)) if float(h).is_integer() else f"{h:g}"


# ---------------------------------------------------------------- review comment and receipts


def review_message(cat, unit, quarter, review, addresses: list[str], lang: str, office: str) -> Message:
    """The mail telling a unit the coordinator's decision on its report, with the comment."""
    ql = quarter.label(lang)
    day = datetime.fromisoformat(review.at).date()
    if review.decision == "returned":
        subject = t("send.review_subject_returned", lang, quarter=ql)
        lines = [t("send.review_returned", lang, unit=unit.name, quarter=ql, date=long_date(day, lang))]
        lines += ["", t("send.review_comment", lang), review.comment or "—", ""]
        lines += [t("send.review_resend", lang, mailbox=cat.plan.mailbox or "—")]
    else:
        subject = t("send.review_subject_accepted", lang, quarter=ql)
        lines = [t("send.review_accepted", lang, unit=unit.name, quarter=ql, date=long_date(day, lang))]
        if review.comment:
            lines += ["", t("send.review_comment", lang), review.comment]
    lines += ["", t("send.contact", lang, contact=cat.plan.contact or "—"), "", office, long_date(day, lang)]
    return Message("review", "smtp", [unit.id], [unit.name], addresses, subject, "\n".join(lines) + "\n")


@dataclass
class Received:
    """One attachment as the import saw it, for the receipt (built by the CLI from its results)."""

    attachment: str
    result: dict[str, str]  # zh/en: 已导入, 内容相同, 未导入 …
    findings: list = field(default_factory=list)  # zengshou.findings.Finding


def receipt_message(
    unit,
    quarter,
    received: list[Received],
    state_text: str,
    sent_on: str,
    subject_seen: str,
    to: list[str],
    lang: str,
    office: str,
    contact: str,
    today,
) -> Message:
    """The receipt: what arrived, the report's state now, and what the checks found — in words a
    clerk reads without the tool."""
    from zengshou.i18n import tr

    ql = quarter.label(lang) if quarter is not None else "—"
    subject = t("send.receipt_subject", lang, unit=unit.name, quarter=ql)
    lines = [t("send.receipt_opening", lang, unit=unit.name, date=sent_on or "—", subject=subject_seen or "—"), ""]
    for i, r in enumerate(received, 1):
        lines.append(t("send.receipt_item", lang, n=i, attachment=r.attachment, result=tr(r.result, lang)))
    lines += ["", t("send.receipt_state", lang, quarter=ql, state=state_text), ""]
    findings = [f for r in received for f in r.findings if f.level in ("error", "warning")]
    if findings:
        lines.append(t("send.receipt_findings", lang, n=len(findings)))
        for i, f in enumerate(sorted(findings, key=lambda f: (f.level != "error", f.line or 0, f.code)), 1):
            word = t(f"level.{f.level}", lang)
            # the message only: line numbers are of the file zengshou wrote, not of the clerk's form,
            # and the fixes speak to the coordinator (commands, data files)
            lines.append(t("send.receipt_finding", lang, n=i, level=word, message=f.message(lang)))
        lines += ["", t("send.receipt_please_fix", lang)]
    else:
        lines.append(t("send.receipt_no_findings", lang))
    lines += ["", t("send.receipt_auto", lang), t("send.contact", lang, contact=contact or "—"), "", office]
    lines.append(long_date(today, lang))
    return Message("receipt", "smtp", [unit.id], [unit.name], to, subject, "\n".join(lines) + "\n")
