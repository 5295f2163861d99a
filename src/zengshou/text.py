"""Text measures shared by the checks, the forms and the importer: how long a progress text is,
and the reduced form used to compare two texts.

One module owns them so the limit a clerk is told in a form and the limit ``validate`` applies
cannot drift apart.
"""

from __future__ import annotations

import re
import unicodedata

PLACEHOLDERS = {
    "无", "略", "同上", "见上", "暂无", "无进展", "暂无进展", "待定", "待补充", "待填", "待填写", "未填", "空",
    "同上季度", "同上期", "同前", "见附件", "详见附件", "已落实", "正在落实", "按要求落实", "正常推进", "有序推进",
    "无变化", "无新进展", "不涉及", "xxx", "todo", "tbd", "na", "n/a", "none", "nil",
}
_PUNCT = re.compile(r"[\s\u3000。，、；：！？…．.,;:!?\-—_~·*/\\()（）\[\]【】“”\"'‘’]+")


def char_count(text: str) -> int:
    """Characters that count toward the limit: everything except whitespace and line breaks.

    A Chinese character, a letter, a digit and a punctuation mark each count one; spaces
    (including the full-width space U+3000), tabs and line breaks count zero.
    """
    return len(text) - len(_SPACE.findall(text))


def squash(text: str) -> str:
    """Text reduced for comparisons: NFKC, no whitespace or punctuation, lower case."""
    text = (text or "").translate(_WIDTH)  # the common case of NFKC, cheaply
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _PUNCT.sub("", text).lower()


_WIDTH = {0x3000: 0x20, **{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}}


def is_placeholder(text: str | None, squashed: str | None = None) -> bool:
    s = squash(text or "") if squashed is None else squashed
    return not s or s in _PLACEHOLDERS or set(s) <= set("x0?")


_SPACE = re.compile(r"\s")
_PLACEHOLDERS = frozenset(squash(p) for p in PLACEHOLDERS)


# Characters a terminal or a CI log would obey or hide rather than show: C0 and C1 controls
# (ESC starts a terminal escape, CSI U+009B is one on its own), DEL, line and paragraph
# separators, bidirectional overrides (the "Trojan Source" trick), and lone surrogates.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def visible(text: str, *, keep: str = "") -> str:
    """``text`` with every control or escape character written out (``\\x1b``, ``\\n``,
    ``\\u202e``) so a terminal or a CI log shows it instead of obeying it. Characters in
    ``keep`` (e.g. a tab in a source excerpt) pass unchanged."""
    if not _INVISIBLE.search(text):
        return text

    def show(m: re.Match) -> str:
        ch = m.group()
        if ch in keep:
            return ch
        code = ord(ch)
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return _INVISIBLE.sub(show, text)
