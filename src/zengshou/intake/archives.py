"""What a mailed attachment is by its bytes, and the files inside a .zip, read safely.

Units zip their forms (压缩包) or send what their client makes of them: Outlook's winmail.dat,
a forwarded .msg, a .rar or .7z from WinRAR/360压缩. A .zip is opened in memory — never
extracted to disk — within limits: :data:`MAX_MEMBERS` files, :data:`MAX_MEMBER_BYTES` each,
:data:`MAX_TOTAL_BYTES` together (the sizes the directory states, checked again while reading,
so a lying directory cannot make it read more), :data:`MAX_NESTING` zips inside zips; folders
inside are ignored (only the file name is kept, so ``../`` leads nowhere). Names written by
Chinese Windows (GBK, without the zip's UTF-8 flag) are decoded as GB18030.

The formats that cannot be read are named (:data:`ASK_FOR`) so the finding can say what to ask
the unit to send instead.
"""

from __future__ import annotations

import io
import zipfile

from zengshou.forms.package import clean_suffix
from zengshou.i18n import both

__all__ = ["ASK_FOR", "clean_suffix", "kind_of", "read_zip"]

MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_NESTING = 2

#: Formats that cannot be read → the message saying what to ask the unit for.
ASK_FOR = {
    "rar": "mail.ask.rar",
    "7z": "mail.ask.7z",
    "tnef": "mail.ask.tnef",
    "msg": "mail.ask.msg",
    "encrypted_zip": "mail.ask.encrypted_zip",
}


def kind_of(data: bytes, name: str) -> str | None:
    """``rar`` | ``7z`` | ``tnef`` | ``msg`` | ``zip`` (an archive, not an Office file) | None
    (something for :func:`zengshou.forms.docx_package.sniff` to tell)."""
    head = data[:8]
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"\x78\x9f\x3e\x22"):
        return "tnef"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "__substg1.0_".encode("utf-16-le") in data[: 4 * 1024 * 1024] or clean_suffix(name) == ".msg":
            return "msg"
        return None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = z.namelist()[:2000]
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            return None  # a damaged Office file or archive: the readers say so
        if "[Content_Types].xml" in names or "word/document.xml" in names or "xl/workbook.xml" in names:
            return None  # an Office file
        return "zip"
    if clean_suffix(name) in (".rar", ".7z"):
        return clean_suffix(name)[1:]
    if name.strip().lower() == "winmail.dat":
        return "tnef"
    return None


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's file name (no folders), decoded: UTF-8 when the zip says so, else the bytes
    as written — UTF-8, or GBK from Chinese Windows (zipfile read them as cp437)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            raw = None
        if raw is not None:
            for cs in ("utf-8", "gb18030"):
                try:
                    name = raw.decode(cs)
                    break
                except UnicodeDecodeError:
                    continue
    name = name.replace("\\", "/").rstrip("/").split("/")[-1]
    return "".join(ch for ch in name if ch.isprintable()).strip()[:200] or "附件"


def read_zip(data: bytes, depth: int) -> tuple[list[tuple[str, bytes]], list[dict]]:
    """The files in a .zip as ``(name, bytes)``, and what could not be read (messages for F871).
    Never raises; every limit is a message, not a silent cut."""
    problems: list[dict] = []
    out: list[tuple[str, bytes]] = []
    if depth >= MAX_NESTING:
        return out, [both("mail.zip.nested", n=MAX_NESTING)]
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return out, [both("mail.zip.damaged")]
    with z:
        try:
            infos = [i for i in z.infolist() if not i.is_dir()]
        except Exception:  # noqa: BLE001 — a damaged directory
            return out, [both("mail.zip.damaged")]
        if len(infos) > MAX_MEMBERS:
            return out, [both("mail.zip.too_many", n=len(infos), limit=MAX_MEMBERS)]
        if any(i.flag_bits & 0x1 for i in infos):
            return out, [both("mail.ask.encrypted_zip")]
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            return out, [both("mail.zip.too_big", limit=MAX_TOTAL_BYTES // 1024 // 1024)]
        total = 0
        for info in infos:
            name = member_name(info)
            if name.startswith(("~$", "._")) or name in (".DS_Store", "Thumbs.db", "desktop.ini"):
                continue  # lock files and the desktop's own files
            if info.file_size > MAX_MEMBER_BYTES:
                problems.append(both("mail.zip.member_too_big", name=name, limit=MAX_MEMBER_BYTES // 1024 // 1024))
                continue
            try:
                with z.open(info) as fh:
                    blob = fh.read(MAX_MEMBER_BYTES + 1)
            except Exception:  # noqa: BLE001 — zlib, CRC, unsupported methods: one member, one message
                problems.append(both("mail.zip.member_damaged", name=name))
                continue
            total += len(blob)
            if len(blob) > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                problems.append(both("mail.zip.member_too_big", name=name, limit=MAX_MEMBER_BYTES // 1024 // 1024))
                break
            out.append((name, blob))
    return out, problems
