"""Carrying a plan out: each message through its channel, each attempt in the send log.

The log line is written after each attempt, before the next one, so an interrupted run still
remembers what it sent. Failures do not stop the other channels or units; a channel that must
not be used again (a refused login, a robot that refuses its webhook) fails the rest of its
messages with the same error without contacting the server.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from zengshou.i18n import both
from zengshou.outbox import sendlog
from zengshou.outbox.channels import RobotChannel, SendError, SmtpChannel
from zengshou.outbox.mime import build
from zengshou.outbox.plan import Message
from zengshou.outbox.settings import Settings


class LogFailed(Exception):
    """The send log could not be appended to; sending stops (the message before it went out)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass
class Outcome:
    message: Message
    ok: bool
    error: dict[str, str] | None = None  # zh/en, secrets removed


def deliver(
    messages: list[Message],
    settings: Settings,
    data_dir: Path,
    quarter: str,
    *,
    now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
    on_result: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Send ``messages`` in order; returns one outcome each (and logs it)."""
    smtp: SmtpChannel | None = None
    robots: dict[str, RobotChannel] = {}
    results: list[Outcome] = []
    try:
        for m in messages:
            error: dict[str, str] | None = None
            try:
                if m.channel == "smtp":
                    if settings.smtp is None:
                        raise SendError("send.no_smtp", final=True)
                    if smtp is None:
                        smtp = SmtpChannel(settings.smtp, settings, sleep)
                    cfg = settings.smtp
                    mail = build(
                        sender=cfg.sender,
                        sender_name=cfg.sender_name,
                        to=m.to,
                        subject=m.subject,
                        body=m.body,
                        charset=cfg.charset,
                        reply_to=cfg.reply_to,
                        when=now(),
                    )
                    smtp.send(mail, m.to)
                else:
                    robot = settings.robot(m.channel)
                    if robot is None:
                        raise SendError("send.no_robot", final=True, robot=m.channel)
                    if m.channel not in robots:
                        robots[m.channel] = RobotChannel(robot, settings, sleep=sleep, clock=clock)
                    robots[m.channel].send(m.robot_text)
            except SendError as e:
                error = {k: settings.redact(v) for k, v in e.message.items()}
            except Exception as e:  # noqa: BLE001 - one unexpected failure must not lose the log of the others
                error = both("send.err_unexpected", reason=settings.redact(f"{type(e).__name__}: {e}"))
            outcome = Outcome(m, error is None, error)
            entry = sendlog.Entry(
                now().isoformat(timespec="seconds"),
                m.kind,
                quarter,
                ",".join(m.units),
                m.channel,
                ", ".join(m.to) if m.to else m.channel,
                "sent" if outcome.ok else "failed",
                error,
                m.subject,
            )
            try:
                sendlog.append(data_dir, entry)
            except OSError as e:  # without a record the interval cannot hold: send nothing more
                raise LogFailed(e.strerror or str(e)) from e
            results.append(outcome)
            if on_result is not None:
                on_result(outcome)
    finally:
        if smtp is not None:
            smtp.close()
    return results
