"""Reading mail: messages one at a time, their date in China Standard Time, their attachments.

The plan asks units to "send last quarter's progress to the mailbox"; the coordinator exports
the mailbox (an mbox file, or .eml files) and ``zengshou import --mail`` reads it.

* **Streaming.** An mbox is read line by line and handed over one message at a time, so a
  mailbox of thousands of messages takes the memory of its largest message. A message over
  :data:`MAX_MESSAGE_BYTES` is reported (F850) and skipped without being held.
* **Dates.** ``submitted`` is the ``Date:`` header converted to China Standard Time (UTC+8,
  Guilin's time): ``Thu, 6 Jul 2023 17:30:00 +0000`` was sent on 2023-07-07. ``-0000`` (zone
  unknown) is read as UTC, as RFC 5322 says. A message without a usable date gets None, never
  today; the caller reports it (F851).
* **Names.** Chinese mail clients encode names as RFC 2047 words (``=?GB2312?B?…?=``), RFC 2231
  parameters (``filename*=GBK''%D7%CA…``) or raw 8-bit bytes. Every GB charset is decoded as
  GB18030 (a superset: text labelled GB2312 often holds GBK characters), raw bytes as UTF-8
  then GB18030. Bodies and attachments in base64 and quoted-printable are decoded by the
  standard library; a damaged base64 attachment is flagged.
"""

from __future__ import annotations

import email
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import errors as email_errors
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Iterator

from zengshou.findings import Finding

CST = timezone(timedelta(hours=8), "CST")
MAX_MESSAGE_BYTES = 30 * 1024 * 1024
MAX_ATTACHMENTS = 50
MAX_LINE = 1024 * 1024  # an mbox line longer than this is cut into pieces, never held whole
_GB = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312", "gb_2312-80", "csgb2312"}


@dataclass
class Attachment:
    filename: str  # decoded, without any folder part
    data: bytes | None  # None when it could not be decoded (see problem)
    problem: str | None = None


@dataclass
class MailMessage:
    display: str  # "inbox.mbox#12" or "mails/a.eml"
    sender: str  # "资源县政府办 <zyx@example.cn>", decoded
    address: str  # "zyx@example.cn", lower case
    subject: str
    date_raw: str
    date: datetime | None  # in China Standard Time
    attachments: list[Attachment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def submitted(self):
        return self.date.date() if self.date else None


# ---------------------------------------------------------------- decoding

def _charset(cs: str | None) -> str:
    cs = (cs or "").strip().lower()
    if cs in _GB:
        return "gb18030"
    return cs or "ascii"


def _bytes_text(b: bytes, charset: str | None = None) -> str:
    for cs in ([_charset(charset)] if charset else []) + ["utf-8", "gb18030"]:
        try:
            return b.decode(cs)
        except (UnicodeDecodeError, LookupError):
            continue
    return b.decode("utf-8", "replace")


def decode_words(value: object) -> str:
    """A header value as text: RFC 2047 encoded words and raw 8-bit bytes decoded."""
    if value is None:
        return ""
    if isinstance(value, tuple):  # an RFC 2231 parameter: (charset, language, text)
        cs, _, text = value
        return _bytes_text(str(text).encode("raw-unicode-escape"), cs)
    s = str(value)
    if any("\udc80" <= ch <= "\udcff" for ch in s):  # raw 8-bit bytes, kept by the parser as surrogates
        s = _bytes_text(s.encode("ascii", "surrogateescape"))
    try:
        parts = decode_header(s)
    except (email_errors.HeaderParseError, ValueError):
        return s
    out = []
    for chunk, cs in parts:
        out.append(_bytes_text(chunk, cs) if isinstance(chunk, bytes) else chunk)
    return "".join(out)


def printable(text: str) -> str:
    """Header text for display: control characters (a terminal escape in a subject) dropped,
    runs of whitespace folded."""
    return " ".join("".join(ch if ch.isprintable() or ch.isspace() else " " for ch in text).split())


def safe_name(name: str) -> str:
    """A file name as mailed, without folders, control characters or leading dots."""
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().lstrip(".")
    return name[:200] or "附件"


def cst(date_header: str) -> datetime | None:
    """The header's moment in China Standard Time, or None when it cannot be read."""
    if not date_header or not date_header.strip():
        return None
    try:
        d = parsedate_to_datetime(date_header.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if d is None:
        return None
    if d.tzinfo is None:  # "-0000": zone unknown, the time is UTC
        d = d.replace(tzinfo=timezone.utc)
    try:
        return d.astimezone(CST)
    except (OverflowError, ValueError):
        return None


# ---------------------------------------------------------------- messages

def parse_message(raw: bytes, display: str) -> MailMessage:
    msg = email.message_from_bytes(raw)  # compat32: raw header values, decoded here
    sender = decode_words(msg.get("From", ""))
    addrs = getaddresses([sender])
    address = (addrs[0][1] if addrs else "").strip().lower()
    date_raw = str(msg.get("Date", "") or "")
    m = MailMessage(display, printable(sender), address, printable(decode_words(msg.get("Subject", ""))),
                    printable(date_raw), cst(date_raw))
    for part in msg.walk():
        if part.is_multipart():
            continue
        name = part.get_param("filename", header="content-disposition") or part.get_param("name")
        disp = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        if not name and disp != "attachment":
            continue
        if len(m.attachments) >= MAX_ATTACHMENTS:
            m.findings.append(Finding("F850", display, None, None, {
                "what": {"zh": f"附件超过 {MAX_ATTACHMENTS} 个，其余未读取", "en": f"more than {MAX_ATTACHMENTS} attachments; the rest were not read"}}))
            break
        filename = safe_name(decode_words(name) if name else "附件")
        m.attachments.append(_payload(part, filename))
    return m


def _payload(part: Message, filename: str) -> Attachment:
    try:
        data = part.get_payload(decode=True)
    except Exception as e:  # the stdlib raises assorted errors on broken transfer encodings
        return Attachment(filename, None, f"{type(e).__name__}: {e}"[:200])
    bad = [d for d in part.defects if isinstance(d, (email_errors.InvalidBase64PaddingDefect,
                                                     email_errors.InvalidBase64CharactersDefect,
                                                     email_errors.InvalidBase64LengthDefect))]
    if bad:
        return Attachment(filename, None, type(bad[0]).__name__)
    return Attachment(filename, data if isinstance(data, bytes) else b"")


def iter_messages(path: Path) -> Iterator[MailMessage | Finding]:
    """Every message under ``path`` (an .eml file, a folder of them, or an mbox file), one at a
    time; a Finding for what cannot be read."""
    from zengshou.submissions import display_path

    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".eml", ".msg", ".mbox"))
        files = [p for p in files if p.suffix.lower() != ".msg"] + [p for p in files if p.suffix.lower() == ".msg"]
        for p in files:
            if p.suffix.lower() == ".msg":
                yield Finding("F850", display_path(p), None, None, {
                    "what": {"zh": "Outlook 的 .msg 格式无法读取，请另存为 .eml", "en": "Outlook .msg files cannot be read; save as .eml"}})
                continue
            yield from _file_messages(p, display_path(p))
        return
    yield from _file_messages(path, display_path(path))


def _file_messages(path: Path, display: str) -> Iterator[MailMessage | Finding]:
    try:
        fh = path.open("rb")
    except OSError as e:
        yield Finding("F850", display, None, None, {"what": e.strerror or str(e)})
        return
    with fh:
        head = fh.read(5)
        fh.seek(0)
        if head == b"From ":
            yield from _mbox(fh, display)
            return
        data = fh.read(MAX_MESSAGE_BYTES + 1)
    if len(data) > MAX_MESSAGE_BYTES:
        yield _too_big(display, None)
        return
    if not data.strip():
        yield Finding("F850", display, None, None, {"what": {"zh": "文件是空的", "en": "the file is empty"}})
        return
    if not re.match(rb"^[\x21-\x39\x3b-\x7e]+:", data.lstrip(b"\xef\xbb\xbf")):
        yield Finding("F850", display, None, None, {"what": {"zh": "不是邮件文件（开头没有邮件头）", "en": "not a mail file (it does not start with headers)"}})
        return
    yield parse_message(data, display)


def _too_big(display: str, line: int | None) -> Finding:
    mb = MAX_MESSAGE_BYTES // 1024 // 1024
    return Finding("F850", display, line, None, {"what": {"zh": f"邮件超过 {mb} MB，未读取", "en": f"message over {mb} MB, not read"}})


def _mbox(fh, display: str) -> Iterator[MailMessage | Finding]:
    """Split an mbox at its ``From `` lines, holding one message at a time."""
    buf: list[bytes] = []
    size = 0
    over = False
    n = 0
    start_line = line_no = 0
    while True:
        line = fh.readline(MAX_LINE)
        line_no += 1
        if not line or line.startswith(b"From "):
            if n:
                where = f"{display}#{n}"
                if over:
                    yield _too_big(where, start_line)
                elif buf:
                    raw = b"".join(buf)
                    buf = []
                    yield parse_message(raw, where)
            if not line:
                return
            n += 1
            buf, size, over, start_line = [], 0, False, line_no
            continue
        if over:
            continue
        if line.startswith(b">From "):
            line = line[1:]  # mboxrd/mboxo quoting of a body line
        size += len(line)
        if size > MAX_MESSAGE_BYTES:
            over, buf = True, []
            continue
        buf.append(line)


# ---------------------------------------------------------------- who sent it

SENDERS_FILE = "senders.yaml"


def load_senders(cat, data_dir: Path) -> tuple[dict[str, str], list[Finding]]:
    """``senders.yaml`` in the data directory: mail address (or ``@domain``) → unit.

    Read with zengshou's strict loader; an unknown unit or a group is a finding (F854) with
    its line, and that entry is not used."""
    from zengshou.loader import load_file
    from zengshou.submissions import display_path

    path = Path(data_dir) / SENDERS_FILE
    if not path.is_file():
        return {}, []
    shown = display_path(path)
    doc = load_file(path, shown)
    findings = list(doc.findings)
    out: dict[str, str] = {}
    if doc.data is None:
        return out, findings
    if not isinstance(doc.data, dict):
        findings.append(Finding("F854", shown, 1, 1, {"what": {"zh": "应为“邮箱地址: 单位”的映射", "en": "expected a mapping 'address: unit'"}}))
        return out, findings
    for addr, unit in doc.data.items():
        line, col = doc.pos((addr,), key=True)
        key = str(addr).strip().lower()
        if not re.fullmatch(r"[^@\s]*@[^@\s]+", key):
            findings.append(Finding("F854", shown, line, col, {"what": {"zh": f"“{addr}”不是邮箱地址", "en": f"'{addr}' is not a mail address"}}))
            continue
        u = cat.resolve(str(unit)) if isinstance(unit, str) else None
        if u is None or u.kind == "group":
            findings.append(Finding("F854", shown, line, col, {"what": {"zh": f"“{unit}”不是报送单位", "en": f"'{unit}' is not a reporting unit"}}))
            continue
        out[key] = u.id
    return out, findings


def sender_unit(senders: dict[str, str], address: str) -> str | None:
    if not address:
        return None
    return senders.get(address) or senders.get("@" + address.rsplit("@", 1)[-1])
