"""Reading mail: messages one at a time, their date in China Standard Time, their attachments.

The plan asks units to "send last quarter's progress to the mailbox"; the coordinator exports
the mailbox (an mbox file, or .eml files) and ``zengshou import --mail`` reads it. Real mail from
Chinese offices is messy (Foxmail, QQ邮箱, 网易/Coremail, Outlook, Thunderbird, Java OA systems),
so nothing here may raise on a message: one bad message is one finding naming it, and the run
goes on.

* **Streaming.** An mbox is read line by line and handed over one message at a time, so a
  mailbox of thousands of messages takes the memory of its largest message. A message over
  :data:`MAX_MESSAGE_BYTES` or with more than :data:`MAX_PARTS` MIME parts is reported (F850 /
  F873) and skipped, before the parser spends time on it.
* **mbox dialects.** A ``From `` line only starts a message when it looks like a real separator
  (``From sender Thu Oct  5 09:00:00 2023``) after a blank line, so a body line 「From 10月1日起」
  written unquoted by the exporter stays in its message; a ``Content-Length`` header (mboxcl2) is
  followed where it fits; ``>From`` quoting (mboxo/mboxrd) is undone by one level. Messages a
  client marked deleted but kept (``X-Mozilla-Status`` flag 0x0008, ``Status``/``X-Status`` with
  ``D``) are skipped and listed.
* **Dates.** ``submitted`` is the ``Date:`` header converted to China Standard Time (UTC+8,
  Guilin's time): ``Thu, 6 Jul 2023 17:30:00 +0000`` was sent on 2023-07-07. ``-0000`` (zone
  unknown) is read as UTC, as RFC 5322 says. ``CST`` is China Standard Time, not US Central
  (Java OA systems write it for Beijing time), and ``GMT+0800`` / ``UTC+8`` / ``+08:00`` are
  UTC+8; a date without any zone (``2023-10-05 16:20``) is taken as Beijing time. A message
  without a usable date (or one before 2000 or after 2100) gets None, never today; the caller
  reports it (F851).
* **Forwards.** An attachment inside a forwarded message (``message/rfc822``) carries the date
  and sender of the message it was attached to, not the forwarder's: a form forwarded a week
  later was still sent by the unit on the original day.
* **Names.** Header values are read raw and decoded here, whatever the policy would do: RFC 2047
  words (``=?GB2312?B?…?=``), RFC 2231 parameters (``filename*=GBK''%D7%CA…``) and raw 8-bit
  bytes. Every GB charset is decoded as GB18030 (a superset: text labelled GB2312 often holds
  GBK characters), raw bytes as UTF-8 then GB18030.
* **Senders.** The From address is parsed from the raw header, before any decoding, so an
  encoded display name such as ``=?utf-8?q?zyx=40example=2Ecn?= <evil@gmail.com>`` is a name, and
  the address is ``evil@gmail.com``. A From with more than one address has no usable address.
"""

from __future__ import annotations

import base64
import binascii
import email
import os
import quopri
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email import errors as email_errors
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from zengshou.findings import Finding
from zengshou.i18n import both, t

CST = timezone(timedelta(hours=8), "CST")
MAX_MESSAGE_BYTES = 30 * 1024 * 1024
#: MIME parts per message (attachments, nested parts and forwarded messages together). A real
#: message has a few dozen; a limit keeps a hostile one from taking minutes and gigabytes.
MAX_PARTS = 1000
#: message/rfc822 inside message/rfc822 …: forwards of forwards, at most this deep.
MAX_DEPTH = 8
MAX_LINE = 1024 * 1024  # an mbox line longer than this is cut into pieces, never held whole
MAX_FILES = 100_000  # files looked at in a folder
_GB = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "gb_2312-80", "csgb2312", "x-euc-cn", "936"}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an Outlook .msg file


@dataclass
class Origin:
    """Who sent a message and when: the message itself, or a forwarded message inside it."""

    sender: str  # "资源县政府办 <zyx@example.cn>": decoded name, real address
    address: str  # "zyx@example.cn", lower case; "" when there is none or several
    date_raw: str
    date: datetime | None  # in China Standard Time
    subject: str = ""

    @property
    def submitted(self):
        return self.date.date() if self.date else None


@dataclass
class Attachment:
    filename: str  # decoded, without any folder part
    data: bytes | None  # None when it could not be decoded (see problem)
    problem: str | dict | None = None
    forwarded: Origin | None = None  # the forwarded message it came in, when not the outer one


@dataclass
class MailMessage:
    display: str  # "inbox.mbox#12" or "mails/a.eml"
    sender: str  # "资源县政府办 <zyx@example.cn>": decoded name, real address
    address: str  # "zyx@example.cn", lower case
    subject: str
    date_raw: str
    date: datetime | None  # in China Standard Time
    attachments: list[Attachment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    deleted: bool = False  # marked deleted by the mail client (kept until the folder is compacted)
    message_id: str = ""

    @property
    def submitted(self):
        return self.date.date() if self.date else None

    @property
    def origin(self) -> Origin:
        return Origin(self.sender, self.address, self.date_raw, self.date, self.subject)


# ---------------------------------------------------------------- decoding


def _charset(cs: str | None) -> str:
    cs = (cs or "").strip().strip('"').split("*", 1)[0].lower()  # RFC 2231 language suffix: utf-8*zh
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


def raw_text(value: object) -> str:
    """A header value as the parser kept it, with raw 8-bit bytes (kept as surrogates) decoded as
    UTF-8, else GB18030. RFC 2047 words are left as they are."""
    if value is None:
        return ""
    s = str(value)
    if any("\udc80" <= ch <= "\udcff" for ch in s):
        s = _bytes_text(s.encode("utf-8", "surrogateescape"))
    return s


_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)\s+(=\?)")


def _word(m: re.Match) -> str:
    cs, enc, text = m.group(1), m.group(2).lower(), m.group(3)
    try:
        if enc == "b":
            raw = base64.b64decode(text + "=" * (-len(text) % 4), validate=False)
        else:
            raw = quopri.decodestring(text.replace("_", " ").encode("ascii", "replace"), header=True)
    except (binascii.Error, ValueError):
        return m.group(0)
    return _bytes_text(raw, cs)


def decode_words(value: object) -> str:
    """A header value as text: raw 8-bit bytes, RFC 2047 encoded words and RFC 2231
    ``(charset, language, text)`` parameters decoded; never raises."""
    if value is None:
        return ""
    if isinstance(value, tuple):  # an RFC 2231 parameter: (charset, language, text)
        cs, _, text = value
        text = str(text)
        try:
            return _bytes_text(text.encode("latin-1"), cs)
        except UnicodeEncodeError:
            return text
    s = raw_text(value)
    s = re.sub(r"\r?\n[ \t]", " ", s)  # unfold
    if "=?" not in s:
        return s
    s = _BETWEEN_WORDS.sub(r"\1\2", s)  # whitespace between adjacent encoded words is not text
    return _WORD.sub(_word, s)


def printable(text: str, limit: int = 300) -> str:
    """Header text for display: control characters (a terminal escape in a subject) dropped,
    runs of whitespace folded, at most ``limit`` characters."""
    s = " ".join("".join(ch if ch.isprintable() or ch.isspace() else " " for ch in text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def safe_name(name: str) -> str:
    """A file name as mailed, without folders, control characters or leading dots."""
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().lstrip(".")
    return name[:200] or "附件"


def _header(msg: Message, name: str) -> str | None:
    """The first ``name`` header, raw (never a policy's Header object)."""
    key = name.lower()
    try:
        for k, v in msg.raw_items():
            if str(k).lower() == key:
                return raw_text(v)
    except Exception:  # noqa: BLE001 — a broken header list is no header
        return None
    return None


def _param(header_text: str | None, param: str) -> str | None:
    """One parameter of a structured header (``filename`` of Content-Disposition), decoded:
    RFC 2231 (``filename*=GBK''…``, continuations), quoted RFC 2047 words, raw 8-bit text."""
    if not header_text:
        return None
    probe = Message()
    probe["X"] = header_text
    try:
        value = probe.get_param(param, header="x")
    except Exception:  # noqa: BLE001 — a malformed parameter list has no usable parameter
        return None
    if value is None:
        return None
    return decode_words(value)


_ADDR = r"[^@\s<>,;\"()\x00-\x1f\x7f-\x9f]+@[^@\s<>,;\"()\x00-\x1f\x7f-\x9f]+"
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_COMMENT = re.compile(r"\([^()]*\)")
_ANGLE = re.compile(r"<\s*([^<>\s]+@[^<>\s]+?)\s*>")


def parse_from(raw: str | None) -> tuple[str, str]:
    """``(shown, address)`` from a raw From header: the address parsed before any decoding, the
    display name decoded afterwards. The address is the one in angle brackets (outside quotes
    and comments), so a display name that looks like an address (``zyx@example.cn
    <evil@gmail.com>``, or the same as an RFC 2047 word) stays a name. Several addresses, or
    none: address "", everything shown."""
    raw = re.sub(r"\r?\n[ \t]", " ", raw or "")[:2000]
    bare = _COMMENT.sub(" ", _QUOTED.sub('""', raw))
    angles = _ANGLE.findall(bare)
    addr = ""
    name = ""
    if len(angles) == 1 and "," not in bare.split("<", 1)[1]:
        addr = angles[0]
        name = raw[: raw.rfind("<")].strip().strip('"')
    elif not angles and re.fullmatch(r"\s*(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=\s*)+", raw):
        # the whole header one encoded text (Python's compat32 writes non-ASCII From so): the
        # address in <> inside it, never a bare decoded text
        inner = _ANGLE.findall(_QUOTED.sub('""', decode_words(raw)))
        if len(inner) == 1:
            addr = inner[0]
            decoded = decode_words(raw)
            name = decoded[: decoded.rfind("<")].strip().strip('"')
    elif not angles:
        try:
            pairs = getaddresses([raw])
        except Exception:  # noqa: BLE001 — the parser of any Python version, on any input
            pairs = []
        found = [(n, a.strip()) for n, a in pairs if a and "@" in a]
        if len(found) == 1 and re.fullmatch(_ADDR, found[0][1]):
            name, addr = found[0]
    if not addr or not re.fullmatch(_ADDR, addr):
        shown = printable(decode_words(raw)).replace("<", "‹").replace(">", "›")
        return (shown + " " if shown else "") + t("mail.no_address"), ""
    name = printable(decode_words(name)).replace("<", "‹").replace(">", "›")  # one address in <>: the real one
    return (f"{name} <{addr}>" if name else addr), addr.lower()


_ZONE_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b", re.I)
_CST = re.compile(r"(\d{1,2}:\d{2}(?::\d{2})?)\s+(?:CST|China Standard Time|Beijing Time|BJT)\b", re.I)
_COLON_OFFSET = re.compile(r"(\d{1,2}:\d{2}:\d{2})\s*([+-])(\d{2}):(\d{2})\b")
_LOCAL = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?\s*(?:T|\s)\s*(\d{1,2})[:时](\d{2})(?:[:分](\d{2}))?")


def cst(date_header: str) -> datetime | None:
    """The header's moment in China Standard Time, or None when it cannot be read.

    ``CST`` and ``GMT+0800``-style zones are UTC+8 (see the module docstring)."""
    if not date_header or not date_header.strip():
        return None
    s = re.sub(r"\s+", " ", date_header.strip())[:200]
    s = _CST.sub(r"\1 +0800", s)
    s = _ZONE_OFFSET.sub(lambda m: f"{m.group(1)}{int(m.group(2)):02d}{m.group(3) or '00'}", s)
    s = _COLON_OFFSET.sub(r"\1 \2\3\4", s)
    d = None
    try:
        d = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError, OverflowError, AttributeError):
        d = None
    if d is None:
        m = _LOCAL.search(s)
        if m and not re.search(r"\d\s*[+-]\d{4}\b|\b(?:GMT|UTC|Z)\b", s[m.end() :]):
            try:
                y, mo, da, h, mi = (int(m.group(i)) for i in range(1, 6))
                d = datetime(y, mo, da, h, mi, int(m.group(6) or 0), tzinfo=CST)
            except ValueError:
                return None
    if d is None:
        return None
    if d.tzinfo is None:  # "-0000": zone unknown, the time is UTC
        d = d.replace(tzinfo=UTC)
    try:
        out = d.astimezone(CST)
    except (OverflowError, ValueError):
        return None
    return out if 2000 <= out.year <= 2100 else None


def _deleted(msg: Message) -> bool:
    """Marked deleted by the mail client but still in the file (Thunderbird before compacting:
    X-Mozilla-Status flag 0x0008; mutt and others: D in Status or X-Status)."""
    moz = (_header(msg, "X-Mozilla-Status") or "").strip()
    if re.fullmatch(r"[0-9A-Fa-f]{1,8}", moz) and int(moz, 16) & 0x0008:
        return True
    for h in ("Status", "X-Status"):
        v = (_header(msg, h) or "").strip()
        if re.fullmatch(r"[A-Za-z]{1,8}", v) and "D" in v:
            return True
    return False


# ---------------------------------------------------------------- messages


def _count_parts(raw: bytes) -> int:
    """An upper bound on the parts the parser would make, counted on the bytes (cheap) before
    parsing (costly): every delimiter line of every declared boundary, every forwarded message."""
    low = raw.lower()  # one case-folded copy: scanning it is faster than a case-insensitive regex
    n = 1 + low.count(b"message/rfc822")
    bounds = set()
    for m in _BOUNDARY.finditer(low):
        v = _BOUNDARY_VALUE.match(raw, m.end())  # the value as written: boundaries are case-sensitive
        if v:
            bounds.add(v.group(1))
            if len(bounds) > MAX_PARTS:
                return len(bounds)
    for b in bounds:
        n += raw.count(b"\n--" + b)
        if n > MAX_PARTS:
            break
    return n


_BOUNDARY = re.compile(rb'boundary\s*=\s*"?')
_BOUNDARY_VALUE = re.compile(rb'([^"\s;]{1,200})')


def parse_message(raw: bytes, display: str) -> MailMessage:
    """One message; never raises (a message the parser cannot take is a finding on it)."""
    parts = _count_parts(raw)
    if parts > MAX_PARTS:
        m = MailMessage(display, "", "", "", "", None)
        m.findings.append(Finding("F873", display, None, None, {"n": parts, "limit": MAX_PARTS}))
        return m
    try:
        return _parse(raw, display)
    except (Exception, RecursionError):  # noqa: BLE001 — one broken message must not end the run
        m = MailMessage(display, "", "", "", "", None)
        m.findings.append(Finding("F850", display, None, None, {"what": both("mail.broken_structure")}))
        return m


def _origin(msg: Message) -> Origin:
    sender, address = parse_from(_header(msg, "From"))
    date_raw = _header(msg, "Date") or ""
    return Origin(sender, address, printable(date_raw), cst(date_raw), printable(decode_words(_header(msg, "Subject"))))


def _parse(raw: bytes, display: str) -> MailMessage:
    msg = email.message_from_bytes(raw)  # compat32: raw header values, decoded here
    o = _origin(msg)
    m = MailMessage(display, o.sender, o.address, o.subject, o.date_raw, o.date)
    m.deleted = _deleted(msg)
    m.message_id = printable(_header(msg, "Message-ID") or "", 200)
    _walk(msg, m, None, 0)
    return m


def _walk(part: Message, m: MailMessage, fwd: Origin | None, depth: int) -> None:
    ctype = (_header(part, "Content-Type") or "text/plain").split(";")[0].strip().lower()
    # message/rfc822, or a part the parser made a message of (multipart/digest's default)
    if ctype == "message/rfc822" or (part.is_multipart() and not ctype.startswith("multipart/")):
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if isinstance(inner, Message):
            if depth >= MAX_DEPTH:
                m.findings.append(Finding("F873", m.display, None, None, {"n": depth + 1, "limit": MAX_DEPTH}))
                return
            o = _origin(inner)
            # a forward without a usable inner date keeps the outer message's date
            fwd = (
                o if o.date is not None else Origin(o.sender, o.address, o.date_raw, (fwd or m.origin).date, o.subject)
            )
            _walk(inner, m, fwd, depth + 1)
            return
    if part.is_multipart():
        payload = part.get_payload()
        for sub in payload if isinstance(payload, list) else []:
            if isinstance(sub, Message):
                _walk(sub, m, fwd, depth)
        return
    disp_text = _header(part, "Content-Disposition")
    ctype_text = _header(part, "Content-Type")
    name = _param(disp_text, "filename") or _param(ctype_text, "name")
    disp = (disp_text or "").split(";")[0].strip().lower()
    if not name and disp != "attachment":
        if not _is_office_type(ctype):
            return  # the message text, inline pictures without names
    filename = safe_name(name) if name else "附件"
    att = _payload(part, filename)
    att.forwarded = fwd
    m.attachments.append(att)


_OFFICE_TYPES = (
    "application/vnd.openxmlformats",
    "application/vnd.ms-excel",
    "application/msword",
    "application/vnd.ms-word",
    "application/zip",
    "application/x-zip",
    "application/ms-tnef",
    "application/vnd.ms-tnef",
    "application/vnd.ms-outlook",
    "application/x-rar",
    "application/vnd.rar",
    "application/x-7z",
    "application/yaml",
    "application/x-yaml",
    "text/yaml",
    "text/x-yaml",
)


def _is_office_type(ctype: str) -> bool:
    """An unnamed, non-attachment part still worth reading: an Office file, an archive or YAML
    sent inline (some OA systems send the form that way, without a name)."""
    return ctype.startswith(_OFFICE_TYPES)


def _payload(part: Message, filename: str) -> Attachment:
    try:
        data = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 — the stdlib raises assorted errors on broken transfer encodings
        return Attachment(filename, None, both("mail.bad_encoding"))
    bad = [
        d
        for d in part.defects
        if isinstance(
            d,
            (
                email_errors.InvalidBase64PaddingDefect,
                email_errors.InvalidBase64CharactersDefect,
                email_errors.InvalidBase64LengthDefect,
            ),
        )
    ]
    if bad:
        return Attachment(filename, None, both("mail.bad_base64"))
    return Attachment(filename, data if isinstance(data, bytes) else b"")


# ---------------------------------------------------------------- files, folders, mboxes


@dataclass
class NotMail:
    """A file in a mail folder that is not a message (a picture, a desktop.ini): listed, not read."""

    display: str
    what: dict


def iter_messages(path: Path) -> Iterator[MailMessage | Finding | NotMail]:
    """Every message under ``path`` (a message file, a folder of them, or an mbox file), one at
    a time; a Finding for what cannot be read. In a folder every regular file is looked at,
    whatever its name: a message is a message by its content (many clients save without
    ``.eml``); links and special files are not followed."""
    from zengshou.submissions import display_path

    path = Path(path)
    if path.is_dir():
        n = 0
        for p in _folder_files(path):
            n += 1
            if n > MAX_FILES:
                yield Finding(
                    "F850", display_path(path), None, None, {"what": both("mail.too_many_files", n=MAX_FILES)}
                )
                return
            yield from _file_messages(p, display_path(p), in_folder=True)
        return
    yield from _file_messages(path, display_path(path))


def _folder_files(root: Path) -> Iterator[Path]:
    """Regular files under ``root``, sorted, without following links (no loops, no escaping)."""
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for e in entries:
            try:
                st = e.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISDIR(st.st_mode):
                subdirs.append(Path(e.path))
            elif stat.S_ISREG(st.st_mode):
                yield Path(e.path)
        stack.extend(reversed(subdirs))


_HEADER_START = re.compile(rb"^(?:[\x21-\x39\x3b-\x7e]+:|From )")


def _file_messages(path: Path, display: str, *, in_folder: bool = False) -> Iterator[MailMessage | Finding | NotMail]:
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            yield Finding("F850", display, None, None, {"what": both("mail.not_regular")})
            return
        fh = path.open("rb")
    except OSError:
        yield Finding("F850", display, None, None, {"what": both("mail.cannot_open")})
        return
    with fh:
        head = fh.read(8)
        fh.seek(0)
        if head.startswith(b"From "):
            yield from _mbox(fh, display)
            return
        if head.startswith(OLE2_MAGIC):
            yield Finding("F871", display, None, None, {"name": path.name, "what": both("mail.ask.msg")})
            return
        data = fh.read(MAX_MESSAGE_BYTES + 1)
    if len(data) > MAX_MESSAGE_BYTES:
        yield _too_big(display, None)
        return
    if not data.strip():
        if in_folder:
            yield NotMail(display, both("mail.empty_file"))
        else:
            yield Finding("F850", display, None, None, {"what": both("mail.empty_file")})
        return
    if not _HEADER_START.match(data.lstrip(b"\xef\xbb\xbf\r\n")):
        if in_folder:
            yield NotMail(display, both("mail.not_a_message"))
        else:
            yield Finding("F850", display, None, None, {"what": both("mail.not_a_message")})
        return
    yield parse_message(data.lstrip(b"\xef\xbb\xbf\r\n"), display)


def _too_big(display: str, line: int | None) -> Finding:
    mb = MAX_MESSAGE_BYTES // 1024 // 1024
    return Finding("F850", display, line, None, {"what": both("mail.too_big", mb=mb)})


#: A real mbox separator: ``From sender Thu Oct  5 09:00:00 2023`` (Thunderbird: ``From - …``).
_FROM_LINE = re.compile(
    rb"^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}"
)
_QUOTED_FROM = re.compile(rb"^>+From ")


def _mbox(fh, display: str) -> Iterator[MailMessage | Finding]:
    """Split an mbox at its separator lines, holding one message at a time."""
    n = found = 0
    line_no = 0
    line = fh.readline(MAX_LINE)
    line_no += 1
    while line:
        # ``line`` is a separator: a message starts on the next line
        n += 1
        where = f"{display}#{n}"
        start = line_no
        buf: list[bytes] = []
        size = 0
        over = False
        in_headers = True
        length: int | None = None
        prev_blank = True
        line = fh.readline(MAX_LINE)
        line_no += 1
        while line:
            if in_headers:
                if line in (b"\n", b"\r\n"):
                    in_headers = False
                    if length is not None and not over:
                        body = _content_length_body(fh, length)
                        if body is not None:
                            buf.append(line)
                            buf.append(body)
                            size += len(body)
                            line_no += body.count(b"\n")
                            line = fh.readline(MAX_LINE)
                            line_no += 1
                            while line in (b"\n", b"\r\n"):
                                line = fh.readline(MAX_LINE)
                                line_no += 1
                            break
                else:
                    m = re.match(rb"(?i)content-length:\s*(\d{1,12})\s*$", line)
                    if m:
                        length = int(m.group(1))
            elif prev_blank and _FROM_LINE.match(line):
                break
            prev_blank = line in (b"\n", b"\r\n")
            if not over:
                if not in_headers and line[:1] == b">" and _QUOTED_FROM.match(line):
                    line = line[1:]  # mboxo/mboxrd quoting of a body line
                size += len(line)
                if size > MAX_MESSAGE_BYTES:
                    over, buf = True, []
                else:
                    buf.append(line)
            line = fh.readline(MAX_LINE)
            line_no += 1
        if over:
            found += 1
            yield _too_big(where, start)
        elif b"".join(buf).strip():
            found += 1
            raw = b"".join(buf)
            if raw.endswith(b"\n\n"):
                raw = raw[:-1]  # the blank line before the next separator belongs to the mbox
            yield parse_message(raw, where)
        # the loop stopped at a separator (or the end of the file)
    if not found:
        yield Finding("F850", display, None, None, {"what": both("mail.no_messages")})


def _content_length_body(fh, length: int) -> bytes | None:
    """The body of ``length`` bytes (mboxcl2), when the header tells the truth: the bytes after
    it are the end of the file, blank lines, or a separator. Otherwise None, and the file
    position is unchanged (the body is then read line by line)."""
    if length > MAX_MESSAGE_BYTES:
        return None
    pos = fh.tell()
    body = fh.read(length)
    after = fh.tell()
    nxt = fh.readline(MAX_LINE)
    while nxt in (b"\n", b"\r\n"):
        nxt = fh.readline(MAX_LINE)
    if len(body) == length and (not nxt or _FROM_LINE.match(nxt)):
        fh.seek(after)
        return body
    fh.seek(pos)
    return None


# ---------------------------------------------------------------- who sent it

SENDERS_FILE = "senders.yaml"


def load_senders(cat, data_dir: Path) -> tuple[dict[str, list[str]], list[Finding]]:
    """``senders.yaml`` in the data directory: mail address (or ``@domain``) → the unit (or the
    list of units) it may send for.

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
    out: dict[str, list[str]] = {}
    if doc.data is None:
        return out, findings
    if not isinstance(doc.data, dict):
        findings.append(Finding("F854", shown, 1, 1, {"what": both("mail.senders_not_mapping")}))
        return out, findings
    for addr, unit in doc.data.items():
        line, col = doc.pos((addr,), key=True)
        key = str(addr).strip().lower()
        if not re.fullmatch(r"[^@\s]*@[^@\s]+", key):
            findings.append(Finding("F854", shown, line, col, {"what": both("mail.senders_bad_address", addr=addr)}))
            continue
        ids = []
        for one in unit if isinstance(unit, list) else [unit]:
            u = cat.resolve(str(one)) if isinstance(one, str) else None
            if u is None or u.kind == "group":
                findings.append(Finding("F854", shown, line, col, {"what": both("mail.senders_bad_unit", unit=one)}))
                continue
            ids.append(u.id)
        if ids:
            out[key] = ids
    return out, findings


def sender_units(senders: dict[str, list[str]], address: str) -> list[str]:
    """The units ``address`` may send for: its own entry, else its domain's."""
    if not address:
        return []
    return senders.get(address) or senders.get("@" + address.rsplit("@", 1)[-1]) or []


def sender_unit(senders: dict[str, list[str]], address: str) -> str | None:
    """The one unit ``address`` sends for, when it sends for exactly one."""
    units = sender_units(senders, address)
    return units[0] if len(units) == 1 else None


def listed_units(senders: dict[str, list[str]]) -> set[str]:
    """Units that have at least one address in senders.yaml."""
    return {u for ids in senders.values() for u in ids}
