"""The counting rule (zengshou.text.char_count) and what validate makes of it (C404, C405, C409).

One count everywhere: user-perceived characters (grapheme clusters) that show something;
whitespace, line breaks and invisible format characters do not count. The cases are the ones
a clerk's text really holds — and the ones that used to be miscounted (code points).
"""

from __future__ import annotations

import json
import random

import pytest

from conftest import write
from zengshou.text import bidi_controls, char_count, grapheme_count, has_visible, is_placeholder, squash

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # man ZWJ woman ZWJ girl ZWJ boy
THUMBS = "\U0001f44d\U0001f3fd"  # thumbs up + medium skin tone
FLAG = "\U0001f1e8\U0001f1f3"  # regional indicators C N
E_ACUTE = "e\u0301"  # e + combining acute accent

CASES = [
    # (what, text, count) — count is what Word/WPS 字符数（不计空格） shows for the first five
    ("CJK", "二季度新增农产品加工企业", 12),
    ("ASCII", "Guilin rice noodles", 17),
    ("digits", "2990 人次，63%", 10),
    ("full-width punctuation", "“一县一业”：完成！（已验收）。", 16),
    ("full-width letters and digits", "ＡＢ１２３", 5),
    ("spaces, U+3000, tabs and line breaks", " 一\u3000二\t三\n四\r\n五 ", 5),
    ("emoji", "\U0001f600", 1),
    ("emoji with skin-tone modifier", THUMBS, 1),
    ("ZWJ family emoji", FAMILY, 1),
    ("emoji with variation selector", "\u2764\ufe0f", 1),
    ("flag (regional indicator pair)", FLAG, 1),
    ("combining mark", E_ACUTE, 1),
    ("several combining marks", "a\u0301\u0323", 1),
    ("Hangul jamo sequence", "\u1100\u1161\u11a8", 1),
    ("zero-width characters only", "\u200b\u200c\u200d\ufeff\u2060\u3164", 0),
    ("zero-width inside text", "推\u200b进\ufeff会", 3),
    ("soft hyphen", "co\u00adop", 4),
    ("bidi controls are invisible", "abc\u202edef\u2066g\u2069", 7),
    ("empty", "", 0),
]


@pytest.mark.parametrize("what,text,n", CASES, ids=[c[0] for c in CASES])
def test_char_count(what, text, n):
    assert char_count(text) == n
    assert grapheme_count(text) == n  # the general path agrees with the fast one


def test_the_issue_examples():
    """61 family emoji are 61 characters, not 305; 151 accented e are 151, not 302."""
    assert char_count(FAMILY * 61) == 61
    assert char_count(E_ACUTE * 151) == 151
    assert char_count("x" * 300 + "\u200b" * 50) == 300


def test_fast_path_equals_grapheme_clusters():
    """Random texts from the characters the fast path takes, and from everything around them."""
    rng = random.Random(13)
    simple = (
        "二季度培训人次 ，。、；：！？“”（）《》…—·ａＺ０９abcXYZ019 \t\n\r\u3000%+-=/@#"
        "\u00e9\u00b7\u2014\u2026\u2460\u25cf\u3001\u30a2\u3105\uac00\uff01\uffe5\U00020000"
    )
    tricky = simple + "\u0301\u200b\u200d\ufe0f\u202e\u3164\U0001f44d\U0001f3fd\U0001f1e8\U0001f1f3\u1100\u1161\u00ad"
    for alphabet in (simple, tricky):
        for _ in range(400):
            s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
            assert char_count(s) == grapheme_count(s), repr(s)


def test_invisible_text_is_empty_and_squashes_away():
    for text in ("\u200b" * 5, "\u3164", "\ufeff\u2060 \u3000\n", "\u200d"):
        assert not has_visible(text) and is_placeholder(text)
    assert squash("同\u200b上") == squash("同上") and is_placeholder("同\u200b上")
    assert has_visible("。") and not is_placeholder("二季度采购 1860 万元")


def test_bidi_controls_found_with_position():
    assert bidi_controls("ab\u202ec") == [(3, "\u202e")]
    assert [ch for _, ch in bidi_controls("".join(map(chr, range(0x2020, 0x2070))))] == [
        chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
    ]
    assert bidi_controls("\u200e\u200f\u061c普通文字") == []  # marks, not embeddings: invisible, harmless


# ---------------------------------------------------------------- through validate

SUB = "unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: {p}\n"


def escaped(text: str) -> str:
    """A YAML double-quoted scalar holding ``text`` with every non-ASCII character escaped."""
    return (
        '"'
        + "".join(
            ch
            if " " <= ch <= "~" and ch not in '"\\'
            else f"\\u{ord(ch):04x}"
            if ord(ch) <= 0xFFFF
            else f"\\U{ord(ch):08x}"
            for ch in text
        )
        + '"'
    )


def findings(cli, data, text: str) -> list[dict]:
    path = write(data / "progress" / "2023Q2" / "czj.yaml", SUB.format(p=escaped(text)))
    res = cli("validate", path, "--format", "json", "--data", data, "--lang", "en")
    return json.loads(res.stdout)["findings"]


def test_zero_width_only_progress_is_c404(cli, empty_data):
    (f,) = [x for x in findings(cli, empty_data, "\u200b\u200d\ufeff\u2060\u3164") if x["code"] == "C404"]
    assert "invisible" in f["message"] and f["line"] == 6


def test_c405_counts_grapheme_clusters(cli, empty_data):
    assert not [x for x in findings(cli, empty_data, FAMILY * 61 + "采购" * 100) if x["code"] == "C405"]
    assert not [x for x in findings(cli, empty_data, E_ACUTE * 150 + "采购" * 75) if x["code"] == "C405"]
    (f,) = [x for x in findings(cli, empty_data, THUMBS * 2 + "采购" * 150) if x["code"] == "C405"]
    assert (f["params"]["count"], f["params"]["over"]) == (302, 2)
    assert "302" in f["message"] and "by 2" in f["message"]


def test_bidi_control_is_c409(cli, empty_data):
    got = findings(cli, empty_data, "二季度采购\u202e 1860 万元。")
    (f,) = [x for x in got if x["code"] == "C409"]
    assert f["level"] == "error" and f["line"] == 6 and "U+202E" in f["message"] and "character 6" in f["message"]
    assert not [x for x in findings(cli, empty_data, "二季度采购 1860 万元。") if x["code"] == "C409"]


def test_bidi_control_in_header_field(cli, empty_data):
    text = SUB.format(p="二季度采购 1860 万元。").replace("items:", 'reviewer: "李四\\u2067"\nitems:')
    path = write(empty_data / "progress" / "2023Q2" / "czj.yaml", text)
    res = cli("validate", path, "--format", "json", "--data", empty_data, "--lang", "en")
    (f,) = [x for x in json.loads(res.stdout)["findings"] if x["code"] == "C409"]
    assert f["line"] == 4 and "reviewer" in f["message"] and "U+2067" in f["message"]


def test_bidi_control_in_a_note_and_in_later_items(cli, empty_data):
    """A note's control and a later item's are each reported with their own row and field (the
    labels are now made only when there is a finding)."""
    text = SUB.format(p="二季度采购 1860 万元。") + (
        '    note: "待核\\u2066实"\n  - task: 14\n    progress: "培训\\u202b 1200 人次"\n'
        "  - task: 15\n    progress: 新建帮扶车间 12 个。\n"
    )
    path = write(empty_data / "progress" / "2023Q2" / "czj.yaml", text)
    res = cli("validate", path, "--format", "json", "--data", empty_data, "--lang", "en")
    got = sorted((x["line"], x["message"]) for x in json.loads(res.stdout)["findings"] if x["code"] == "C409")
    assert len(got) == 2
    (l1, m1), (l2, m2) = got
    assert l1 == 7 and "note for row 13" in m1 and "U+2066" in m1 and "character 3" in m1
    assert l2 == 9 and "progress for row 14" in m2 and "U+202B" in m2
