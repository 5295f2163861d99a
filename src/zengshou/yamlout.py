"""A tiny, deterministic YAML writer for the files zengshou generates.

Generated files are read by people and diffed in git, so the layout is fixed by hand here:
block style, one field per line, strings plain when that is safe and double-quoted otherwise,
progress text as a literal block (``|-``) that keeps the clerk's line breaks exactly. Every
value written here reads back through :mod:`zengshou.loader` as exactly the same text.
"""

from __future__ import annotations

import json
import re

_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@` \t")
_RESERVED = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF"
    r"|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0[xob][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|\d{4}-\d\d?-\d\d?.*|<<|=)$"
)
_UNSAFE = {"\x85", "\u2028", "\u2029", "\ufeff"}  # line breaks in YAML 1.1, and the BOM


def char_ok(ch: str) -> bool:
    """A character a YAML file may hold as it is: YAML's printable set minus its odd line breaks."""
    o = ord(ch)
    if ch in _UNSAFE:
        return False
    return 0x20 <= o <= 0x7E or o == 0x0A or 0xA0 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or 0x10000 <= o <= 0x10FFFF


_SUPPRESSION = re.compile(r"zengshou\s*:", re.IGNORECASE)


def no_suppression(text: str) -> str:
    """``text`` for a comment zengshou writes: a suppression mark in it (``zengshou: ignore``,
    which a task text, a file name or last quarter's progress may quote) loses its ASCII colon,
    so nothing zengshou generates ever silences a finding — only a person writing one does."""
    return _SUPPRESSION.sub(lambda m: m.group()[:-1] + "：", text) if "eng" in text.lower() else text


def quoted(value: str) -> str:
    """A double-quoted scalar: JSON's escapes, plus ``\\u`` escapes for what YAML will not take
    raw. Chinese text, full-width spaces and emoji stay as they are."""
    out = []
    for ch in json.dumps(value, ensure_ascii=False):
        if char_ok(ch):
            out.append(ch)
        else:
            o = ord(ch)
            out.append(f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}")
    return "".join(out)


def scalar(value: object) -> str:
    """One-line representation of a scalar."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    s = str(value)
    return s if _plain_ok(s) else quoted(s)


def _plain_ok(s: str) -> bool:
    if not s or s != s.strip() or s[0] in _PLAIN_UNSAFE_START or _RESERVED.match(s):
        return False
    if ": " in s or " #" in s or s.endswith(":"):
        return False
    return all(char_ok(ch) and ch != "\n" for ch in s)


def block_text(s: str, indent: int) -> str | None:
    """A literal block (``|-``) holding ``s`` exactly, or None when a block cannot.

    A block cannot start with a space or a line break (the indentation would be misread), end
    with a line break (``-`` chomps it), or hold trailing blanks, tabs or characters YAML will
    not take raw; those texts are quoted instead.
    """
    if not s or s.startswith((" ", "\n")) or s.endswith("\n"):
        return None
    lines = s.split("\n")
    if any(ln != ln.rstrip(" \t") or not all(char_ok(ch) for ch in ln) for ln in lines):
        return None
    pad = " " * indent
    return "|-\n" + "\n".join((pad + ln) if ln else "" for ln in lines)


def text_value(s: str, indent: int, *, block: bool = False) -> str:
    """Value for ``key: <here>``: a literal block for multi-line text (any text with
    ``block=True``) when one holds it exactly, a scalar otherwise."""
    if s and (block or "\n" in s):
        blk = block_text(s, indent)
        if blk is not None:
            return blk
    return scalar(s)
