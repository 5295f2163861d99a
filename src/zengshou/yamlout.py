"""A tiny, deterministic YAML writer for the files zengshou generates.

Generated files are read by people and diffed in git, so the layout is fixed by hand here:
block style, one field per line, strings plain when that is safe and JSON-quoted otherwise,
long or multi-line text as a literal block that keeps the clerk's line breaks exactly.
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


def scalar(value: object) -> str:
    """One-line representation of a scalar."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    s = str(value)
    if _plain_ok(s):
        return s
    return json.dumps(s, ensure_ascii=False)


def _plain_ok(s: str) -> bool:
    if not s or s != s.strip() or s[0] in _PLAIN_UNSAFE_START or _RESERVED.match(s):
        return False
    if ": " in s or " #" in s or s.endswith(":") or "\n" in s or "\t" in s or "\r" in s:
        return False
    return all(ch.isprintable() for ch in s)


def block_text(s: str, indent: int) -> str | None:
    """A literal block (``|-``) for multi-line text, or None when it would not round-trip."""
    if "\n" not in s or "\r" in s or "\t" in s:
        return None
    lines = s.split("\n")
    if s.endswith("\n") or s.startswith(" ") or s.startswith("\n"):
        return None
    if any(ln != ln.rstrip() for ln in lines) or not all(ch.isprintable() for ln in lines for ch in ln):
        return None
    pad = " " * indent
    return "|-\n" + "\n".join((pad + ln) if ln else "" for ln in lines)


def text_value(s: str, indent: int) -> str:
    """Value for ``key: <here>``: a literal block for multi-line text, a scalar otherwise."""
    if s is not None and "\n" in s:
        blk = block_text(s, indent)
        if blk is not None:
            return blk
    return scalar(s)
