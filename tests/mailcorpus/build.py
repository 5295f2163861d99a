"""Mail as Chinese offices send it, built byte by byte (not with the ``email`` package, which
would tidy up exactly what real clients get wrong).

Each client style writes its own headers the way that client does: Foxmail (RFC 2047 words in
GB2312-labelled GBK, the file name in both ``name=`` and ``filename=``), QQ邮箱 (UTF-8 words),
网易/Coremail (RFC 2231 ``filename*=GBK''…``, ``Date … +0800 (CST)``), Outlook (name only in
Content-Type, winmail.dat), Thunderbird (RFC 2231 UTF-8, mbox with X-Mozilla-Status), and Java
OA systems (raw 8-bit UTF-8 or GBK headers, ``Date: Thu Oct 05 16:20:31 CST 2023``).
"""

from __future__ import annotations

import base64
import io
import quopri
import zipfile

STYLES: dict[str, dict[str, str]] = {
    "foxmail": {"words": "b-gb2312", "fname": "2047-gb2312", "mailer": "X-Mailer: Foxmail 7.2.25.228[cn]"},
    "qq": {"words": "b-utf8", "fname": "2047-utf8", "mailer": "X-QQ-mid: bizesmtp12t1696471200tabc"},
    "coremail": {
        "words": "b-gbk",
        "fname": "2231-gbk",
        "mailer": "X-Mailer: Coremail Webmail Server Version XT5.0.13 build 20230301 163com",
    },
    "outlook": {"words": "b-gb2312", "fname": "name-2047-gb2312", "mailer": "X-Mailer: Microsoft Outlook 16.0"},
    "thunderbird": {
        "words": "q-utf8",
        "fname": "2231-utf8",
        "mailer": "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.3.1",
    },
    "oa-utf8": {"words": "raw-utf8", "fname": "raw-utf8", "mailer": "X-Mailer: JavaMail 1.4.7 (OA)"},
    "oa-gbk": {"words": "raw-gbk", "fname": "raw-gbk", "mailer": "X-Mailer: JavaMail (OA)"},
}

CT = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/x-zip-compressed",
    ".rar": "application/octet-stream",
    ".jpg": "image/jpeg",
    ".msg": "application/vnd.ms-outlook",
}


def words(text: str, how: str) -> bytes:
    """``text`` as a header value in the way ``how`` (an RFC 2047 word, or raw bytes)."""
    if text.isascii():
        return text.encode()
    if how == "b-gb2312":
        return b"=?gb2312?B?" + base64.b64encode(text.encode("gbk")) + b"?="
    if how == "b-gbk":
        return b"=?GBK?B?" + base64.b64encode(text.encode("gbk")) + b"?="
    if how == "b-utf8":
        return b"=?utf-8?B?" + base64.b64encode(text.encode()) + b"?="
    if how == "q-utf8":
        return b"=?UTF-8?Q?" + quopri.encodestring(text.encode(), header=True).replace(b"=\n", b"") + b"?="
    if how == "raw-gbk":
        return text.encode("gbk")
    return text.encode()


def _suffix(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def attachment_headers(name: str | None, how: str, ctype: str | None = None) -> bytes:
    ctype = ctype or CT.get(_suffix(name or ""), "application/octet-stream")
    if name is None:
        return f"Content-Type: {ctype}\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment\r\n".encode()
    if how == "2231-gbk":
        enc = "".join(f"%{b:02X}" for b in name.encode("gbk")).encode()
        return (
            f'Content-Type: {ctype}; name="'.encode()
            + words(name, "b-gbk")
            + b"\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename*=GBK''"
            + enc
            + b"\r\n"
        )
    if how == "2231-utf8":
        enc = "".join(f"%{b:02X}" for b in name.encode()).encode()
        return (
            f"Content-Type: {ctype}; name*=UTF-8''".encode()
            + enc
            + b"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment;\r\n filename*=UTF-8''"
            + enc
            + b"\r\n"
        )
    if how == "name-2047-gb2312":  # Outlook: the name in Content-Type only
        return (
            f'Content-Type: {ctype};\r\n\tname="'.encode()
            + words(name, "b-gb2312")
            + b'"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment\r\n'
        )
    w = {"2047-gb2312": "b-gb2312", "2047-utf8": "b-utf8", "raw-utf8": "raw-utf8", "raw-gbk": "raw-gbk"}[how]
    quoted = b'"' + words(name, w) + b'"'
    return (
        f"Content-Type: {ctype}; name=".encode()
        + quoted
        + b"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="
        + quoted
        + b"\r\n"
    )


def b64(blob: bytes) -> bytes:
    s = base64.b64encode(blob)
    return b"\r\n".join(s[i : i + 76] for i in range(0, len(s), 76)) + b"\r\n"


def message(
    style: str,
    sender: tuple[str, str],
    subject: str,
    date: str | None,
    attachments: list[tuple[str | None, bytes]] = (),
    *,
    body: str = "您好！附件是我单位第三季度落实进度，请查收。",
    extra_headers: list[bytes] = (),
    parts: list[bytes] = (),
    boundary: str = "----=_NextPart_000_0001_01DA0000.12345670",
) -> bytes:
    """One message in ``style`` (see STYLES), CRLF line ends, base64 attachments; ``parts`` are
    further ready-made MIME parts (a forwarded message)."""
    st = STYLES[style]
    name, addr = sender
    h = [b"From: " + (words(name, st["words"]) + b" " if name else b"") + f"<{addr}>".encode()]
    h.append(b"To: =?utf-8?B?" + base64.b64encode("乡村振兴局".encode()) + b"?= <xczxfwzx@guilin.gov.cn>")
    h.append(b"Subject: " + words(subject, st["words"]))
    if date is not None:
        h.append(b"Date: " + date.encode())
    h.append(st["mailer"].encode())
    h += list(extra_headers)
    h += [b"MIME-Version: 1.0", f'Content-Type: multipart/mixed;\r\n\tboundary="{boundary}"'.encode()]
    out = b"\r\n".join(h) + b"\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n"
    bnd = b"--" + boundary.encode()
    text_cs = "gbk" if style in ("foxmail", "coremail", "outlook", "oa-gbk") else "utf-8"
    out += (
        bnd + f"\r\nContent-Type: text/plain; charset={text_cs}\r\nContent-Transfer-Encoding: base64\r\n\r\n".encode()
    )
    out += b64(body.encode(text_cs)) + b"\r\n"
    for fname, blob in attachments:
        out += bnd + b"\r\n" + attachment_headers(fname, st["fname"]) + b"\r\n" + b64(blob) + b"\r\n"
    for p in parts:
        out += bnd + b"\r\n" + p + b"\r\n"
    return out + bnd + b"--\r\n"


def forwarded_part(inner: bytes, name: str = "原邮件.eml") -> bytes:
    """A message attached as message/rfc822 (Foxmail/Outlook "作为附件转发")."""
    return (
        b'Content-Type: message/rfc822; name="'
        + words(name, "b-utf8")
        + b'"\r\nContent-Disposition: attachment; filename="'
        + words(name, "b-utf8")
        + b'"\r\n\r\n'
        + inner
    )


def zip_of(files: list[tuple[str, bytes]], *, utf8_names: bool = False) -> bytes:
    """A .zip as Chinese Windows makes it: names in GBK without the UTF-8 flag (or UTF-8, with it)."""
    buf = io.BytesIO()
    swaps = []
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, blob) in enumerate(files):
            raw = name.encode("gbk")
            if utf8_names or name.isascii():
                z.writestr(zipfile.ZipInfo(name, (2023, 10, 5, 9, 0, 0)), blob, zipfile.ZIP_DEFLATED)
                continue
            # an ASCII stand-in of the same length, swapped for the GBK bytes afterwards: the
            # zipfile module itself would write UTF-8 with the flag set
            stand_in = f"Z{i:0{len(raw) - 1}d}".encode()
            swaps.append((stand_in, raw))
            z.writestr(zipfile.ZipInfo(stand_in.decode(), (2023, 10, 5, 9, 0, 0)), blob, zipfile.ZIP_DEFLATED)
    data = buf.getvalue()
    for stand_in, raw in swaps:
        assert data.count(stand_in) == 2
        data = data.replace(stand_in, raw)
    return data


def mbox(messages: list[tuple[bytes, str]], *, quote_from: bool = True, content_length: bool = False) -> bytes:
    """An mbox: ``From sender date`` separators, LF line ends. ``quote_from=False`` writes body
    lines starting with "From " unquoted (what several exporters do); ``content_length`` adds
    the mboxcl2 header."""
    out = b""
    for raw, status in messages:
        raw = raw.replace(b"\r\n", b"\n")
        head, _, body = raw.partition(b"\n\n")
        if status:
            head += b"\n" + status.encode()
        if content_length:
            head += f"\nContent-Length: {len(body)}".encode()
        if quote_from:
            body = b"\n".join(b">" + ln if ln.startswith(b"From ") else ln for ln in body.split(b"\n"))
        out += b"From - Thu Oct  5 09:00:00 2023\n" + head + b"\n\n" + body
        if not out.endswith(b"\n"):
            out += b"\n"
        out += b"\n"
    return out
