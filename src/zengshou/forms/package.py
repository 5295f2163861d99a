"""What the Excel and the Word reader check alike before either opens a file: it is not an
Office lock file (``~$…``), it can be read, it is neither empty nor over the size limit, and,
once its zip directory is read, it does not unpack to more than the limit (a zip bomb). Each
reader then tells its own kinds of file apart (old .xls / .doc, encrypted, the other format)
with its own finding codes."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable

from zengshou.forms import MAX_FILE_BYTES, MAX_UNPACKED_BYTES
from zengshou.i18n import both

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 files, and encrypted OOXML
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # .xlsx, .docx (an empty archive starts with the second)


_FULLWIDTH = str.maketrans({"．": ".", "。": ".", "｡": "."})


def clean_suffix(name: str) -> str:
    """The suffix a name ends with, the way a clerk meant it: full-width dots read as dots,
    upper case as lower case, spaces around it dropped (``资源县．XLSX `` → ``.xlsx``). Only for
    the ambiguous cases (old binary formats): a zip package is told by its content."""
    base = str(name).rsplit(" › ", 1)[-1].translate(_FULLWIDTH).strip().lower()
    if "." not in base:
        return ""
    suffix = "." + base.rsplit(".", 1)[-1].strip()
    return suffix if 1 < len(suffix) <= 10 and suffix[1:].isalnum() else ""


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} B"


def read_head(imp, unreadable: Callable[[OSError], None]) -> bytes | None:
    """The file's first 512 bytes, or None with the finding that says why it is not read
    (``unreadable`` adds the reader's own finding for an OSError)."""
    path = imp.path
    if path.name.startswith("~$"):
        imp.add("F801", name=path.name)
        return None
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError as e:
        unreadable(e)
        return None
    mail = _mail_kind(path, head)  # a mail handed over as a form: say what it is
    if mail:
        imp.add("F871", name=path.name, what=both(mail))
        return None
    if size == 0:
        imp.add("F804")
        return None
    if size > MAX_FILE_BYTES:
        imp.add("F805", what=both("what.file_size"), size=size_text(size), limit=size_text(MAX_FILE_BYTES))
        return None
    return head


_MAIL_HEADERS = re.compile(
    rb"^(?:\xef\xbb\xbf)?(?:From |(?:Return-Path|Received|From|To|Date|Subject|MIME-Version|Message-ID|Content-Type|Delivered-To|X-[\w-]+):)",
    re.I,
)


def _mail_kind(path, head: bytes) -> str | None:
    """A mail handed over as a form: an Outlook .msg (an OLE2 file like an old .xls, told apart by
    its stream names) or a saved .eml / mbox. The message says what to do instead."""
    if head.startswith(OLE2_MAGIC):
        if clean_suffix(path.name) == ".msg":
            return "form.is_msg"
        try:
            with path.open("rb") as fh:
                blob = fh.read(4 * 1024 * 1024)
        except OSError:
            return None
        return "form.is_msg" if "__substg1.0_".encode("utf-16-le") in blob else None
    if _MAIL_HEADERS.match(head):
        return "form.is_eml"
    return None


def unpacks_too_big(imp, infos: list[zipfile.ZipInfo]) -> bool:
    """Whether the parts' stated sizes add up to more than the limit (then F805 is added)."""
    unpacked = sum(i.file_size for i in infos)
    if unpacked <= MAX_UNPACKED_BYTES:
        return False
    imp.add(
        "F805",
        what=both("what.unpacked_size"),
        size=size_text(unpacked),
        limit=size_text(MAX_UNPACKED_BYTES),
    )
    return True
