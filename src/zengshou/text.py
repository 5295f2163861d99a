"""Text measures shared by the checks, the forms and the importer: how long a progress text is,
and the reduced form used to compare two texts.

One module owns them so the limit a clerk is told in a form and the limit ``validate`` applies
cannot drift apart.

**The counting rule** (:func:`char_count`): one per *user-perceived character* — an extended
grapheme cluster of Unicode UAX #29 — that shows something. Not counted: whitespace and line
breaks (spaces, U+3000, tabs, …), control characters, and invisible format characters
(category Cf such as U+200B, U+FEFF, U+2060, the direction controls, and the other
default-ignorable code points such as U+3164 and the variation selectors). So 二季度 is 3,
``2,990`` is 5, ``e`` + a combining accent is 1, 👍🏽 (emoji + skin tone) is 1, 👨‍👩‍👧 (three
emoji joined by U+200D) is 1, 🇨🇳 (two regional indicators) is 1; a text of zero-width spaces
is 0, i.e. empty. For Chinese, letters, digits and punctuation this is Word's and WPS's
字符数（不计空格）.

Grapheme clusters come from the ``regex`` module (``\\X``), which follows UAX #29 with its own
Unicode tables; Python's ``unicodedata`` has neither the Grapheme_Cluster_Break nor the
Extended_Pictographic property. Almost every text is Chinese, ASCII and common punctuation,
where each character is its own cluster; those are counted without ``regex`` (a tested fast
path giving the same result), so ``regex`` is only imported for the rest.
"""

from __future__ import annotations

import functools
import re
import unicodedata

PLACEHOLDERS = {
    "无",
    "略",
    "同上",
    "见上",
    "暂无",
    "无进展",
    "暂无进展",
    "待定",
    "待补充",
    "待填",
    "待填写",
    "未填",
    "空",
    "同上季度",
    "同上期",
    "同前",
    "见附件",
    "详见附件",
    "已落实",
    "正在落实",
    "按要求落实",
    "正常推进",
    "有序推进",
    "无变化",
    "无新进展",
    "不涉及",
    "xxx",
    "todo",
    "tbd",
    "na",
    "n/a",
    "none",
    "nil",
}
_PUNCT = re.compile(r"[\s\u3000。，、；：！？…．.,;:!?\-—_~·*/\\()（）\[\]【】“”\"'‘’]+")

#: Bidirectional embedding, override and isolate controls. Invisible, yet they reorder how the
#: text around them is displayed (U+202E shows "abc" as "cba"): rule C409 refuses them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_LIST = tuple(sorted(BIDI_CONTROLS))


# Characters that are always a grapheme cluster of their own and are either visible or
# whitespace: ASCII, Latin-1 and Latin extended letters, general punctuation, symbols and
# arrows, CJK punctuation, kana, bopomofo, CJK ideographs (with extensions and compatibility
# forms), Hangul syllables, full-width and half-width forms. A text made only of these is
# counted as its length minus its whitespace. Left out on purpose: combining marks, U+200B–
# U+200F, U+2028/2029, U+202A–U+202F, U+2060–, U+3164, U+FE00–U+FE0F, U+FF9E/U+FF9F, emoji and
# everything else that may join a neighbour or be invisible.
@functools.cache
def _not_simple() -> re.Pattern[str]:
    """The class above, negated; compiled on first use: 3 ms of every command's start-up that
    most runs never need (C405 counts only texts longer than the limit, and squashing takes the
    general path only for unusual characters)."""
    return re.compile(
        "[^\t\n\x0b\x0c\r\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u2027\u2030-\u205e\u2100-\u27bf\u2e80-\u3029"
        "\u3030-\u3098\u309b-\u312f\u3190-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19"
        "\ufe30-\ufe4f\uff01-\uff9d\uffe0-\uffee\U00020000-\U0003134f]"
    )


_SPACE = re.compile(r"\s")


def char_count(text: str) -> int:
    """User-perceived characters that show something; see the module docstring for the rule.

    >>> char_count("二季度培训 1200 人次。"), char_count("\\u200b\\ufeff"), char_count("👍🏽")
    (12, 0, 1)
    """
    if not text:
        return 0
    if _not_simple().search(text) is None:
        # str.split() splits on exactly the characters ``\s`` matches (Py_UNICODE_ISSPACE; a test
        # checks every code point): three times faster than counting regex matches
        return sum(map(len, text.split()))
    return grapheme_count(text)


def grapheme_count(text: str) -> int:
    """The general case of :func:`char_count`: grapheme clusters holding a visible character.

    A run of regional indicators is first replaced by one letter per pair it forms: ``regex``
    decides each break inside such a run by counting the indicators before it (UAX #29 GB12/13),
    which made 64,000 of them take 8 s (quadratic); the letter joins its neighbours exactly as
    the pair's indicators would (both are neither Extend, Prepend nor Extended_Pictographic)."""
    clusters, invisible = _regexes()
    if _RI_RUN.search(text) is not None:
        text = _RI_RUN.sub(_ri_pairs, text)
    return sum(1 for g in clusters.findall(text) if not invisible.fullmatch(g))


#: regional indicator symbols 🇦–🇿: two of them make one flag
_RI_RUN = re.compile("[\U0001f1e6-\U0001f1ff]+")


def _ri_pairs(m: re.Match) -> str:
    return "A" * ((len(m.group()) + 1) // 2)


def has_visible(text: str | None) -> bool:
    """Whether the text shows anything at all (a text of zero-width spaces does not)."""
    return char_count(text or "") > 0


def has_bidi(text: str | None) -> bool:
    """Whether ``text`` holds a bidirectional control. Nine substring tests (each a C scan of the
    text) cost half a regex scan and a twentieth of a set intersection; every free text of
    every file is tested on each run."""
    if not text:
        return False
    for ch in _BIDI_LIST:
        if ch in text:
            return True
    return False


def bidi_controls(text: str | None) -> list[tuple[int, str]]:
    """(position, character) of each bidirectional control in ``text``; position counts code
    points from 1, as an editor's column does."""
    if not has_bidi(text):
        return []
    assert text is not None
    return [(i, ch) for i, ch in enumerate(text, 1) if ch in BIDI_CONTROLS]


def squash(text: str) -> str:
    """Text reduced for comparisons: NFKC, no whitespace, punctuation or invisible characters,
    lower case.

    Every text of every file is squashed on each run, so the common case has a fast path: a
    text made only of characters that squash one at a time (ASCII, CJK ideographs, CJK and
    full-width punctuation: :data:`SIMPLE`) is squashed character by character — drop what
    squashing drops, then map the few full-width letters and digits left — which gives the
    same string as the general path (:func:`_squash`) at a third of its cost
    (tests/test_fast_paths.py checks the tables and compares both paths on random texts).
    """
    text = text or ""
    plain = _PLAIN.fullmatch(text) is not None  # nothing kept that needs mapping: the usual text
    if plain or _SIMPLE.fullmatch(text):
        # what is kept, joined run by run: a third of the cost of substituting away what is
        # dropped (about one mark in ten characters); the marks of Chinese prose go first, in
        # one C pass each, so few runs are left
        for ch in _PROSE:
            if ch in text:
                text = text.replace(ch, "")
        text = "".join(_KEPT.findall(text))
        if plain:
            return text
        # a full-width form or an ASCII capital (the only cased characters kept) is left
        return text.translate(_WIDTH).lower() if _FOLD.search(text) else text
    return _squash(text)


def _squash(text: str) -> str:
    """The general path of :func:`squash`: any text."""
    text = text.translate(_WIDTH)  # the common case of NFKC, cheaply
    if _not_simple().search(text) is not None:
        text = _regexes()[1].sub("", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _PUNCT.sub("", text).lower()


_WIDTH = {0x3000: 0x20, **{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}}


#: characters the fast path of :func:`squash` takes, and those of them it drops, as ranges of
#: code points; tests/test_fast_paths.py checks they equal what :func:`simple_chars` derives
SIMPLE = (
    (0x0009, 0x000A),
    (0x000D, 0x000D),
    (0x0020, 0x007E),
    (0x00B7, 0x00B7),
    (0x2000, 0x2010),
    (0x2012, 0x2016),
    (0x2018, 0x2027),
    (0x202A, 0x2032),
    (0x2035, 0x2035),
    (0x2038, 0x203D),
    (0x203F, 0x2056),
    (0x2058, 0x206F),
    (0x3000, 0x3029),
    (0x3030, 0x3035),
    (0x3037, 0x3037),
    (0x303B, 0x303F),
    (0x4E00, 0x9FFF),
    (0xFF01, 0xFF5E),
)
DROPPED = (
    (0x0009, 0x000A),
    (0x000D, 0x000D),
    (0x0020, 0x0022),
    (0x0027, 0x002A),
    (0x002C, 0x002F),
    (0x003A, 0x003B),
    (0x003F, 0x003F),
    (0x005B, 0x005D),
    (0x005F, 0x005F),
    (0x007E, 0x007E),
    (0x00B7, 0x00B7),
    (0x2000, 0x200F),
    (0x2014, 0x2014),
    (0x2018, 0x2019),
    (0x201C, 0x201D),
    (0x2024, 0x2026),
    (0x202A, 0x202F),
    (0x203C, 0x203C),
    (0x2047, 0x2049),
    (0x205F, 0x206F),
    (0x3000, 0x3002),
    (0x3010, 0x3011),
    (0xFF01, 0xFF02),
    (0xFF07, 0xFF0A),
    (0xFF0C, 0xFF0F),
    (0xFF1A, 0xFF1B),
    (0xFF1F, 0xFF1F),
    (0xFF3B, 0xFF3D),
    (0xFF3F, 0xFF3F),
    (0xFF5E, 0xFF5E),
)


def simple_chars() -> tuple[set[str], set[str]]:
    """Derive (:data:`SIMPLE`, :data:`DROPPED`) as sets of characters. A character qualifies
    when NFKC maps it on its own to starters only (no combining marks, so nothing composes or
    reorders across characters) and squashing it alone gives either nothing or the character
    itself, mapped to ASCII if full-width, in lower case. Slow (a second): for tests."""
    candidates = [
        (0x09, 0x0D),
        (0x20, 0x7E),
        (0xB7, 0xB7),
        (0x2000, 0x206F),
        (0x3000, 0x303F),
        (0x4E00, 0x9FFF),
        (0xFF01, 0xFF5E),
    ]
    keep, drop = set(), set()
    for lo, hi in candidates:
        for c in map(chr, range(lo, hi + 1)):
            n = unicodedata.normalize("NFKC", c)
            if c in "\x0b\x0c\u2028\u2029" or any(unicodedata.combining(x) for x in n + c):
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


def _minus(ranges, cut) -> list[tuple[int, int]]:
    """The code points of ``ranges`` not in ``cut`` (both sorted ranges), as ranges; computed on
    the bounds, not on sets of twenty thousand characters (this runs at start-up)."""
    out: list[tuple[int, int]] = []
    for lo, hi in ranges:
        for clo, chi in cut:
            if chi < lo or clo > hi:
                continue
            if clo > lo:
                out.append((lo, clo - 1))
            lo = max(lo, chi + 1)
        if lo <= hi:
            out.append((lo, hi))
    return out


def _char_class(ranges) -> str:
    return "[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges) + "]"


_SIMPLE = re.compile(_char_class(SIMPLE) + "*")
_KEPT = re.compile(_char_class(_minus(SIMPLE, DROPPED)) + "+")
#: kept characters that squashing maps: ASCII capitals and full-width forms
FOLDED = tuple(_minus(((0x41, 0x5A), (0xFF01, 0xFF5E)), DROPPED))
_PLAIN = re.compile(_char_class(_minus(SIMPLE, FOLDED)) + "*")
_PROSE = "，；、。"  # dropped (tests/test_fast_paths.py): Chinese prose has one every few characters
_FOLD = re.compile("[A-Z\u3000\uff01-\uff5e]")


def is_placeholder(text: str | None, squashed: str | None = None) -> bool:
    s = squash(text or "") if squashed is None else squashed
    return not s or s in _PLACEHOLDERS or not s.strip("x0?")


_COMPILED: tuple = ()


def _regexes():
    """(one grapheme cluster, a run of invisible characters), compiled on first use."""
    global _COMPILED
    if not _COMPILED:
        import regex

        hidden = r"\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}"
        _COMPILED = (regex.compile(r"\X"), regex.compile(f"[{hidden}]+"))
    return _COMPILED


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
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (
            f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
        )

    return _INVISIBLE.sub(show, text)


def fmt_number(v: float | None) -> str:
    """A figure for people: 4500 → 4,500; 16.25 → 16.25; None → —."""
    if v is None:
        return "—"
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")
