"""The speed levers never change a finding.

* libyaml (ruamel.yaml.clib) against the pure-Python parser, on the whole bad-input corpus;
* quarters spread over processes against one process, and ``keep=False`` (sources trimmed to
  the lines a report shows) against ``keep=True``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, write
from test_corpus import CASES, Q
from zengshou import loader
from zengshou.lint import lint
from zengshou.reporters import JsonReporter, TextReporter


def as_tuples(result) -> list[tuple]:
    return [(f.file, f.line, f.col, f.code, f.level, f.message("en"), f.fix("en")) for f in result.findings]


@pytest.fixture
def corpus(empty_data: Path) -> Path:
    for name, (raw, *_rest) in CASES.items():
        path = empty_data / "progress" / Q / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
    return empty_data


@pytest.mark.skipif(not loader.FAST, reason="ruamel.yaml.clib is not installed")
def test_libyaml_and_pure_parser_give_identical_findings(corpus, monkeypatch):
    fast = lint(corpus)
    monkeypatch.setattr(loader, "FAST", False)
    slow = lint(corpus)
    assert as_tuples(fast) == as_tuples(slow)
    assert len({f.file for f in fast.findings}) >= len(CASES) - 6  # the clean cases have none


@pytest.mark.parametrize("where", ["corpus", "shipped"])
def test_the_line_scanner_changes_no_finding(where, corpus, monkeypatch):
    """The whole pipeline with and without zengshou.blockyaml (tests/test_blockyaml.py compares
    the trees themselves)."""
    data = corpus if where == "corpus" else DATA
    scanned = lint(data)
    monkeypatch.setattr(loader, "SCAN", False)
    parsed = lint(data)
    assert as_tuples(scanned) == as_tuples(parsed)
    assert scanned.findings


@pytest.mark.slow  # every corpus file parsed both ways
def test_every_corpus_file_parses_the_same_either_way():
    for name, (raw, *_rest) in CASES.items():
        text, err = loader.decode(raw, name)
        if err is not None:
            continue
        a = loader.load_text(text, name, fast=True)
        b = loader.load_text(text, name, fast=False)
        assert (a.data, a.value_pos, a.key_pos, [(f.code, f.line, f.col) for f in a.findings]) == (
            b.data,
            b.value_pos,
            b.key_pos,
            [(f.code, f.line, f.col) for f in b.findings],
        ), name


@pytest.fixture
def quarters(tmp_path: Path) -> Path:
    """The shipped data plus copies of its 2023Q2 files as 2023Q3 and 2023Q4, with problems."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for q, day in (("2023Q3", "2023-10-09"), ("2023Q4", "2024-01-05")):
        for f in sorted((data / "progress" / "2023Q2").glob("*.yaml")):
            text = f.read_text(encoding="utf-8").replace("quarter: 2023Q2", f"quarter: {q}")
            text = text.replace("submitted: 2023-07-0", f"submitted: {day[:-1]}")
            write(data / "progress" / q / f.name, text)
    write(
        data / "progress" / "2023Q4" / "czj.yaml",
        "unit: 市财政局\nquarter: 2023Q4\nitems:\n  - task: 13\n    progress: 同上\n",
    )
    return data


def test_parallel_and_serial_runs_agree(quarters):
    serial = lint(quarters, jobs=1, keep=True)
    parallel = lint(quarters, jobs=2, keep=False)
    assert as_tuples(serial) == as_tuples(parallel)
    assert {f.code for f in serial.findings} >= {"C404", "C407", "T601"}
    # the text report is the same, though the parallel run kept only the lines it shows
    assert TextReporter("en", serial.sources, 9).render(serial.findings) == TextReporter(
        "en", parallel.sources, 9
    ).render(parallel.findings)
    assert JsonReporter("en", serial.sources, 9).render(serial.findings) == JsonReporter(
        "en", parallel.sources, 9
    ).render(parallel.findings)
    shown = (
        parallel.sources["data/progress/2023Q4/czj.yaml"]
        if "data/progress/2023Q4/czj.yaml" in parallel.sources
        else next(v for k, v in parallel.sources.items() if k.endswith("2023Q4/czj.yaml"))
    )
    assert isinstance(shown, dict) and set(shown) == {
        f.line for f in parallel.findings if f.file.endswith("2023Q4/czj.yaml")
    }


# ---------------------------------------------------------------- text measures


def test_squash_fast_path_tables_are_derived():
    """The fast path's character tables are what their definition derives (a Unicode update or
    a change to the punctuation list must regenerate them)."""
    from zengshou import text

    keep, drop = text.simple_chars()
    assert keep == text.chars_in(text.SIMPLE)
    assert drop == text.chars_in(text.DROPPED)
    # the fast path lowers only when an ASCII capital is left: nothing else it keeps has a case
    for c in keep - drop:
        w = c.translate(text._WIDTH)
        assert w.lower() == w or "A" <= w <= "Z", c


def test_squash_fast_path_equals_the_general_path():
    import random

    from zengshou.text import _squash, squash

    rng = random.Random(11)
    pool = (
        [chr(c) for c in range(0x20, 0x7F)]
        + list("，。、；：！？（）【】“”‘’…—·　ＡＢｃ１２％＃‼⁇\u2000\u200b\u202f\n\t\r")
        + [chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(40)]
        + [
            "é",
            "\u0301",
            "Å",
            "①",
            "㈱",
            "ﬁ",
            "\u2028",
            "ｶ",
            "ﾞ",
            "가",
            "\u3099",
            "Ⅻ",
            "¨",
            "\u00a0",
            "\ufeff",
            "\u0338",
            "\u20dd",
            "𠀀",
            "\u302a",
            "〸",
            "ǆ",
            "İ",
            "ẞ",
        ]
    )
    for _ in range(60_000):
        t = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert squash(t) == _squash(t), t
    for _ in range(300):  # long texts in the plan's style, now and then with one odd character
        t = "".join(rng.choice(pool[:130]) for _ in range(rng.randint(200, 320)))
        if rng.random() < 0.3:
            i = rng.randrange(len(t))
            t = t[:i] + rng.choice(pool) + t[i:]
        assert squash(t) == _squash(t)


def test_char_count_whitespace_split_is_the_regex_definition():
    """char_count's fast path splits on whitespace instead of counting ``\\s`` matches: for every
    code point, str.split() and the regex agree on what is whitespace."""
    import random
    import re

    from zengshou.text import _not_simple, char_count

    space = re.compile(r"\s")
    for c in map(chr, range(0x110000)):
        assert bool(space.fullmatch(c)) == (len(("x" + c + "x").split()) == 2), hex(ord(c))
    rng = random.Random(3)
    pool = [" ", "\u3000", "\t", "\n", "\u00a0", "a", "字", "，", "Ａ", "…"]
    for _ in range(5_000):
        t = "".join(rng.choice(pool) for _ in range(rng.randint(0, 20)))
        assert _not_simple().search(t) is None
        assert char_count(t) == len(t) - len(space.findall(t))


# ---------------------------------------------------------------- per-file fast paths
# Each is compared with the general code it stands for, on random inputs (Hypothesis) and on
# the edge cases picked by hand.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ODD = st.sampled_from(list("0123456789 \t\n\u3000١٢³²０１a.-+_Q") + ["\u202e", "\u2066", "\u200b", "字", "\ufeff"])
_TEXTS = st.one_of(st.text(), st.text(_ODD), st.text(st.characters(min_codepoint=0x2000, max_codepoint=0x2070)))


def test_kept_ranges_are_simple_minus_dropped():
    from zengshou import text

    kept = text.chars_in(text._minus(text.SIMPLE, text.DROPPED))
    assert kept == text.chars_in(text.SIMPLE) - text.chars_in(text.DROPPED)
    assert set(text._PROSE) <= text.chars_in(text.DROPPED)  # removed up front: must be dropped anyway
    # a text of the plain class is returned without mapping: nothing kept there may change
    plain = text.chars_in(text._minus(text.SIMPLE, text.FOLDED))
    for c in plain - text.chars_in(text.DROPPED):
        assert c.translate(text._WIDTH).lower() == c, c
    for c in text.chars_in(text.FOLDED):
        assert c.translate(text._WIDTH).lower() != c, c


@settings(max_examples=500)
@given(_TEXTS)
def test_has_bidi_is_the_character_class(t):
    import re

    from zengshou.text import bidi_controls, has_bidi

    found = re.search("[\u202a-\u202e\u2066-\u2069]", t) is not None
    assert has_bidi(t) == found
    assert [i for i, ch in enumerate(t, 1) if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069"] == [
        i for i, _ in bidi_controls(t)
    ]


@settings(max_examples=500)
@given(_TEXTS)
def test_char_count_never_exceeds_the_length(t):
    """C405 counts only texts longer than the limit: a shorter one cannot be over it."""
    from zengshou.text import char_count, grapheme_count

    assert char_count(t) <= len(t)
    assert grapheme_count(t) <= len(t)


@settings(max_examples=500)
@given(st.one_of(_TEXTS, st.integers(-10, 100_000), st.from_regex(r"\s*[0-9]{1,6}\s*", fullmatch=True)))
def test_row_number_is_the_pattern(v):
    import re

    from pydantic_core import PydanticCustomError

    from zengshou.models import _row_number

    s = str(v).strip()
    expected = int(s) if re.fullmatch(r"[1-9][0-9]{0,3}", s) else None
    try:
        got = _row_number(v)
    except PydanticCustomError:
        got = None
    assert got == expected


def test_display_path_equals_the_general_case(tmp_path, monkeypatch):
    """Relative, absolute, outside the working directory, through a linked folder, a link
    itself, '..' and '.' parts, the working directory itself, a missing file."""
    import os

    from zengshou.loader import _display_path, display_path

    real = tmp_path / "real"
    (real / "progress" / "2023Q2").mkdir(parents=True)
    (real / "progress" / "2023Q2" / "czj.yaml").write_text("x")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    (real / "link.yaml").symlink_to(real / "progress" / "2023Q2" / "czj.yaml")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    names = [
        "progress/2023Q2/czj.yaml",
        "./progress/2023Q2/czj.yaml",
        "progress/../progress/2023Q2/czj.yaml",
        "progress//2023Q2/czj.yaml",
        "link.yaml",
        "missing.yaml",
        ".",
        "..",
        "../real/progress",
        "../linked/progress/2023Q2/czj.yaml",
        str(real / "progress" / "2023Q2" / "czj.yaml"),
        str(tmp_path / "linked" / "link.yaml"),
        str(outside / "x.yaml"),
        "/",
        "//x.yaml",
    ]
    for cwd in (real, tmp_path / "linked", tmp_path / "linked" / "progress", outside, Path("/")):
        monkeypatch.chdir(cwd)
        for name in names:
            assert display_path(Path(name)) == _display_path(Path(name)), (os.getcwd(), name)


def test_read_bytes_reads_files_of_every_size(tmp_path):
    """The sized reads give the whole file up to the limit and refuse one over it."""
    from zengshou import loader

    for size in (0, 1, 4095, 4096, 65_537, 300_000, loader.MAX_BYTES):
        p = tmp_path / f"f{size}.yaml"
        blob = bytes(i % 251 for i in range(size))
        p.write_bytes(blob)
        assert loader.read_bytes(p, tmp_path) == (blob, None)
    p = tmp_path / "big.yaml"
    p.write_bytes(b"x" * (loader.MAX_BYTES + 1))
    raw, err = loader.read_bytes(p, tmp_path)
    assert raw is None and err is not None and err.code == "S111"


def test_sized_read_follows_a_file_that_grew(tmp_path):
    """A file longer than its size at the check is read on, up to the limit, as before."""
    import os

    from zengshou.loader import _read_at_most

    p = tmp_path / "grown"
    p.write_bytes(b"a" * 200_000)
    fd = os.open(p, os.O_RDONLY)
    try:
        assert _read_at_most(fd, 10, 150_001) == b"a" * 150_001
    finally:
        os.close(fd)
    fd = os.open(p, os.O_RDONLY)
    try:
        assert _read_at_most(fd, 10, 10**6) == b"a" * 200_000
    finally:
        os.close(fd)


def test_lint_restores_the_collector_threshold(data_dir):
    """The run collects cycles less often, and leaves the process as it found it, also when a
    check raises."""
    import gc

    from zengshou import lint as lint_module

    before = gc.get_threshold()
    lint(data_dir)
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), lint_module.fewer_collections():
        assert gc.get_threshold()[0] >= 50_000
        raise RuntimeError("a check failed")
    assert gc.get_threshold() == before
