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
    # str.split() splits on exactly the characters ``\s`` matches (Py_UNICODE_ISSPACE; the test
    # checks every code point), three times faster than counting regex matches
    return sum(map(len, text.split()))


def squash(text: str) -> str:
    """Text reduced for comparisons: NFKC, no whitespace or punctuation, lower case.

    Every text of every file is squashed on each run, so the common case has a fast path: a
    text made only of characters that NFKC maps one at a time (ASCII, CJK ideographs, CJK and
    full-width punctuation, see :data:`_SIMPLE`) is squashed character by character — drop the
    punctuation first, then map the few full-width letters and digits left — which gives the
    same string as the general path, at a third of its cost (tests/test_fast_paths.py compares
    them on random texts).
    """
    text = text or ""
    if _SIMPLE.fullmatch(text):
        text = _DROP.sub("", text)
        if _WIDE.search(text):
            text = text.translate(_WIDTH)
        return text.lower()
    return _squash(text)


def _squash(text: str) -> str:
    """The general path: any text."""
    text = text.translate(_WIDTH)  # the common case of NFKC, cheaply
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _PUNCT.sub("", text).lower()


_WIDTH = {0x3000: 0x20, **{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}}


#: characters the fast path of :func:`squash` takes, and those of them it drops, as ranges of
#: code points; tests/test_fast_paths.py checks they equal :func:`simple_chars`
SIMPLE = ((0x0009, 0x000A), (0x000D, 0x000D), (0x0020, 0x007E), (0x00B7, 0x00B7), (0x2000, 0x2010),
          (0x2012, 0x2016), (0x2018, 0x2027), (0x202A, 0x2032), (0x2035, 0x2035), (0x2038, 0x203D),
          (0x203F, 0x2056), (0x2058, 0x206F), (0x3000, 0x3029), (0x3030, 0x3035), (0x3037, 0x3037),
          (0x303B, 0x303F), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E))
DROPPED = ((0x0009, 0x000A), (0x000D, 0x000D), (0x0020, 0x0022), (0x0027, 0x002A), (0x002C, 0x002F),
           (0x003A, 0x003B), (0x003F, 0x003F), (0x005B, 0x005D), (0x005F, 0x005F), (0x007E, 0x007E),
           (0x00B7, 0x00B7), (0x2000, 0x200A), (0x2014, 0x2014), (0x2018, 0x2019), (0x201C, 0x201D),
           (0x2024, 0x2026), (0x202F, 0x202F), (0x203C, 0x203C), (0x2047, 0x2049), (0x205F, 0x205F),
           (0x3000, 0x3002), (0x3010, 0x3011), (0xFF01, 0xFF02), (0xFF07, 0xFF0A), (0xFF0C, 0xFF0F),
           (0xFF1A, 0xFF1B), (0xFF1F, 0xFF1F), (0xFF3B, 0xFF3D), (0xFF3F, 0xFF3F), (0xFF5E, 0xFF5E))


def simple_chars() -> tuple[set[str], set[str]]:
    """Derive (:data:`SIMPLE`, :data:`DROPPED`) as sets of characters. A character qualifies
    when NFKC maps it on its own to starters only (no combining marks, so nothing composes or
    reorders across characters) and squashing it alone gives either nothing or the character
    itself, mapped to ASCII if full-width, in lower case. Slow (a few hundred ms): for tests."""
    candidates = [(0x09, 0x0D), (0x20, 0x7E), (0xB7, 0xB7), (0x2000, 0x206F), (0x3000, 0x303F),
                  (0x4E00, 0x9FFF), (0xFF01, 0xFF5E)]
    keep, drop = set(), set()
    for lo, hi in candidates:
        for c in map(chr, range(lo, hi + 1)):
            n = unicodedata.normalize("NFKC", c)
            if c in "\x0b\x0c" or c in "\u2028\u2029" or any(unicodedata.combining(x) for x in n + c):
                continue  # \v \f never reach a check (the loader refuses them); U+2028/9 end lines
            out = _squash(c)
            if out == "":
                keep.add(c)
                drop.add(c)
            elif len(n) == 1 and out == c.translate(_WIDTH).lower():
                keep.add(c)
    return keep, drop


def chars_in(ranges) -> set[str]:
    return {chr(c) for lo, hi in ranges for c in range(lo, hi + 1)}


def _char_class(ranges) -> str:
    return "[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges) + "]"


_SIMPLE = re.compile(_char_class(SIMPLE) + "*")
_DROP = re.compile(_char_class(DROPPED) + "+")
_WIDE = re.compile("[\u3000\uff01-\uff5e]")


def is_placeholder(text: str | None, squashed: str | None = None) -> bool:
    s = squash(text or "") if squashed is None else squashed
    return not s or s in _PLACEHOLDERS or not s.strip("x0?")


_SPACE = re.compile(r"\s")
_PLACEHOLDERS = frozenset(squash(p) for p in PLACEHOLDERS)
