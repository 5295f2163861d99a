"""What zengshou writes reads back as exactly the same text, through both parsers."""

from __future__ import annotations

import random

import pytest

from zengshou import loader
from zengshou.yamlout import scalar, text_value

TRICKY = [
    "",
    "a",
    "=SUM(A1)",
    "+1",
    "-x",
    "@x",
    "#N/A",
    "line1\nline2",
    " lead",
    "trail ",
    "tab\tx",
    "x\u2028y",
    "emoji 😀",
    "a: b",
    "#x",
    "x #y",
    "null",
    "~",
    "yes",
    "2023-02-30",
    "3.10",
    "0123",
    "1e3",
    "全角　空格",
    "\n\nx",
    "x\n",
    "a\n\nb",
    "- x",
    "x\ty\nz",
    "“引号”",
    "'single'",
    '"double"',
    "｜竖线",
    "|",
    ">",
    "a\\b",
    "\ufeffbom",
    "end:",
    "[1, 2]",
    "{a: 1}",
    "*alias",
    "&anchor",
    "!tag",
    "%percent",
    "`tick`",
]
POOL = list("abc 123:#-'\"\t\n，。：；“”　、") + ["\u2028", "😀", "龙", "胜", "\\", "|", ">", "{", "}", "[", "]"]


def read_back(value_text: str, fast: bool) -> object:
    doc = loader.load_text("k: " + value_text + "\nafter: 1\n", "t.yaml", fast=fast)
    assert doc.findings == [], (value_text, [f.code for f in doc.findings])
    return doc.data["k"], doc.data["after"]


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("block", [False, True])
def test_tricky_texts_round_trip(fast, block):
    for s in TRICKY:
        assert read_back(text_value(s, 2, block=block), fast) == (s, "1"), repr(s)


@pytest.mark.parametrize("fast", [True, False])
def test_random_texts_round_trip(fast):
    rng = random.Random(7)
    for _ in range(1500):
        s = "".join(rng.choice(POOL) for _ in range(rng.randint(0, 12)))
        assert read_back(text_value(s, 4, block=True), fast) == (s, "1"), repr(s)
        assert read_back(scalar(s), fast) == (s, "1"), repr(s)


def test_blocks_are_used_where_they_can_be():
    assert text_value("第一行\n第二行", 4) == "|-\n    第一行\n    第二行"
    assert text_value("一行", 4, block=True) == "|-\n    一行"
    assert text_value("一行", 4) == "一行"
    assert text_value("尾随空格 \n下一行", 4).startswith('"')  # a block would lose nothing, but editors strip it


@pytest.mark.parametrize("fast", [True, False])
def test_control_characters_are_written_escaped_and_refused_on_reading(fast):
    """C0/C1 controls (NEL U+0085 among them) are written as escapes, so the file stays valid
    YAML, and the loader refuses them in a value (S112): no report may carry them."""
    for s in ("\x85", "a\x01b", "\x1b[31m"):
        written = scalar(s)
        assert all(0x20 <= ord(ch) < 0x7F or ord(ch) > 0xA0 for ch in written), written
        doc = loader.load_text("k: " + written + "\n", "t.yaml", fast=fast)
        assert [(f.code, f.line, f.col) for f in doc.findings] == [("S112", 1, 4)] and doc.data is None
