"""A mail in Chinese that every client shows correctly.

The subject and the sender's name are RFC 2047 encoded words and the body is base64, each
labelled with its charset: a client that assumes GBK (old Foxmail, Outlook set to 简体中文) reads
the label and decodes UTF-8 correctly, and so does every modern client. Offices whose client
ignores the label can set ``[smtp] charset = "gbk"`` (or ``"gb18030"``): the mail is then
encoded in that charset, and falls back to UTF-8 for a text GBK cannot hold (a rare
character in a name) rather than sending question marks.
"""

from __future__ import annotations

from email.header import Header
from email.message import Message
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, make_msgid


def _charset_for(texts: list[str], charset: str) -> str:
    if charset == "utf-8":
        return "utf-8"
    try:
        for s in texts:
            s.encode(charset)
    except UnicodeEncodeError:
        return "utf-8"
    return charset


def build(
    *,
    sender: str,
    sender_name: str,
    to: list[str],
    subject: str,
    body: str,
    charset: str = "utf-8",
    reply_to: str | None = None,
    when=None,
    domain: str | None = None,
) -> Message:
    """The message: From/To/Subject/Date/Message-ID, a plain-text body in ``charset``."""
    cs = _charset_for([subject, body, sender_name], charset)
    msg = MIMEText(body, "plain", cs)  # base64 for every non-ASCII charset
    msg["Subject"] = Header(subject, cs)  # type: ignore[assignment]  # the compat32 API takes a Header
    msg["From"] = formataddr((sender_name, sender), charset=cs) if sender_name else sender
    msg["To"] = ", ".join(to)
    if reply_to:
        msg["Reply-To"] = reply_to
    if when is not None:
        msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid("zengshou", domain=domain or sender.rsplit("@", 1)[-1])
    return msg


def split_notice(text: str) -> tuple[str, str]:
    """A rendered notice as (subject, body): its first non-empty line is the title."""
    lines = text.strip("\n").splitlines()
    for i, line in enumerate(lines):
        if line.strip():
            return line.strip(), "\n".join(lines[i + 1 :]).strip("\n") + "\n"
    return "", text
