"""The line scanner (zengshou.blockyaml) reads exactly what libyaml reads, or declines.

Whenever it accepts a text, libyaml's event path (the loader before the scanner existed) must find
nothing wrong and build the same tree with the same key and value positions. Checked on generated
block YAML (a seeded generator biased towards what clerks write, hostile fragments mixed in), on
arbitrary text (Hypothesis), on the bad-input corpus and on the shipped data — which the scanner
must accept, or the fast path would not be the one taken.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import DATA
from test_corpus import CASES
from zengshou import blockyaml, loader
from zengshou.loader import MAX_DEPTH, MAX_NODES

pytestmark = pytest.mark.skipif(not loader.FAST, reason="ruamel.yaml.clib is not installed")


def libyaml(text: str) -> loader.Document:
    return loader._load_text(text, "t.yaml", loader._c_events)


def scan(text: str, **limits):
    limits = {"max_nodes": MAX_NODES, "max_depth": MAX_DEPTH, **limits}
    return blockyaml.scan(text, **limits)


def assert_same_or_declined(text: str) -> bool:
    """True when the scanner accepted ``text`` (and then agreed with libyaml)."""
    if loader._control_char(text) or loader._no_content(text):
        return False  # the loader answers S109 / S110 before any parser runs
    got = scan(text)
    if got is None:
        return False
    doc = libyaml(text)
    assert doc.findings == [], (text, doc.findings)
    assert got == (doc.data, doc.value_pos, doc.key_pos), text
    return True


# ---------------------------------------------------------------- generated block YAML

GOOD_VALUES = [
    "x", "资源县", "1", "0123", "3.10", "~", "null", "NULL", "true", "2024-01-04", "2024Q4",
    "'it''s'", '"q"', "''", '""', "'a: b'", '"a: b"', "'#x'", "x # c", "x#c", "a,b", "x]", "a?b",
    "a:b", "a-b", "a ' b", 'a " b', "👍🏽", "\u3000x", "x\u3000", "a\u00a0b", "x  # y: z",
    "全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。",
    "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "::error::x", "${{ x }}",
    "[x, y]", "[]", "[ ]", "[ 资源县 , 市财政局 ]", "[~, null]", "[a b, c]", "[a,b]", "[x] # c", "[a?b, c!d]",
]  # fmt: skip
ODD_VALUES = [
    "", "a: b", "a:", "a :b", "-1", "- x", "-", "[a]", "{a: 1}", "[]", "{}", "|", "|-", "> x",
    "&a x", "*a", "!t x", "!!str x", "%x", "@x", "`x", "#c", ":x", "?x", ",x", "'x' y", "'x' # c",
    '"x"#c', '"a\\nb"', '"\\x01"', "'unterminated", '"unterminated', "...", "---", "- a: b",
    "- - x", "x #", "x\\", "'a''", "'''", "\"'\"",
    "[a, [b]]", "[a,]", "[a, 'b']", "[a: b]", "[a, b] x", "[a, b", "[ ,a]", "[a #b]", "[a:b]", "[-a]",
    "[a, {b: c}]", "[a]x", "[a] #", "[&x a]", "[a, b]]",
]  # fmt: skip
KEYS = ["unit", "quarter", "submitted", "contact", "items", "task", "progress", "note", "单位"]
ODD_KEYS = [
    "", " ", "it's", "a:b", "http://x", "-x", "?x", "x y", "1", "~", "null", "a #b", "a:",
    "'q'", '"q"', "[a]", "{a", "x\u3000", "key ", "&a", "*a", "!t", "%d", "@x", "`x", "|", ">",
    "a,b", "x" * 600,
]  # fmt: skip


def generated(r: random.Random) -> str:
    lines: list[str] = []

    def value() -> str:
        if r.random() < 0.2:
            return r.choice(["|-", "|-", "|-", "|- # c", "|", "|+", "|2-", "|-#c", ">-"])
        return r.choice(ODD_VALUES) if r.random() < 0.1 else r.choice(GOOD_VALUES)

    def literal(ind: int) -> None:
        """Lines after a value: when it was ``|-``, the block's text."""
        if not lines[-1].rstrip().endswith(("|-", "|- # c", "|", "|+", "|2-", ">-")):
            return
        own = max(0, ind + r.choice([2, 2, 2, 1, 3, 0, -1]))
        for _ in range(r.randint(0, 4)):
            line = r.choices(
                [
                    " " * own + r.choice(GOOD_VALUES + ["# c", "- x", "a: b", "|-"]),
                    " " * (own + r.randint(1, 3)) + r.choice(GOOD_VALUES),
                    "",
                    " " * r.randint(1, own + 2),
                    " " * max(0, own - 1) + "y",
                ],
                weights=[60, 10, 20, 3, 3],
            )[0]
            lines.append(line)

    def key(used: set[str]) -> str:
        if r.random() < 0.05:
            return r.choice(ODD_KEYS + sorted(used))  # odd or a duplicate
        k = r.choice(KEYS)
        while k in used:
            k += "x"
        used.add(k)
        return k

    def stray() -> None:
        if r.random() < 0.03:
            lines.append(r.choice(["", "   ", "# c", "  # c", " " * r.randint(0, 6) + value()]))

    def mapping(ind: int, depth: int, n: int) -> None:
        used: set[str] = set()
        for _ in range(n):
            roll = r.random()
            if roll < 0.6 or depth > 3:
                sep = r.choice([": "] * 6 + [":  ", ":"])
                lines.append(" " * ind + key(used) + sep + value() + r.choice(["", "", " ", " # z"]))
                literal(ind)
            elif roll < 0.8:
                lines.append(" " * ind + key(used) + ":" + r.choice(["", " # c", " "]))
                if r.random() < 0.8:
                    sequence(ind + r.choice([0, 2, 2, 4, 1]), depth + 1, r.randint(0, 3))
            else:
                lines.append(" " * ind + key(used) + ":")
                if r.random() < 0.8:
                    mapping(ind + r.choice([2, 2, 4, 1, 0]), depth + 1, r.randint(1, 3))
            stray()

    def sequence(ind: int, depth: int, n: int) -> None:
        for _ in range(n):
            roll = r.random()
            if roll < 0.5 and depth < 4:
                gap = r.choice([" ", " ", "  "])
                lines.append(" " * ind + "-" + gap + r.choice(["task", "progress", "a"]) + ": " + value())
                literal(ind + 1 + len(gap))
                mapping(ind + 1 + len(gap), depth + 1, r.randint(0, 2))
            elif roll < 0.8:
                lines.append(" " * ind + "-" + r.choice([" ", " ", "", "  "]) + value())
                literal(ind)
            else:
                lines.append(" " * ind + "-" + r.choice(["", "", " # c"]))
                if r.random() < 0.5:
                    mapping(ind + r.choice([2, 2, 4, 1]), depth + 1, r.randint(1, 2))
            stray()

    if r.random() < 0.1:
        sequence(0, 0, r.randint(1, 3))
    else:
        mapping(r.choice([0, 0, 0, 0, 1]), 0, r.randint(1, 5))
    return "\n".join(lines) + r.choice(["\n", "", "\n\n"])


def test_generated_block_yaml_reads_as_libyaml_reads_it():
    r = random.Random(20261129)
    accepted = [text for text in (generated(r) for _ in range(6000)) if assert_same_or_declined(text)]
    # the generator must exercise the scanner, not only its refusals
    assert len(accepted) > 1000
    assert sum("|-\n" in text for text in accepted) > 60


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FRAGMENTS = st.sampled_from(["\n", " ", "  ", "- ", ": ", ":", "#", " #", "'", '"', "''", "\\", "-", "x", "资", "~"])


@settings(max_examples=settings.default.max_examples * 25)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=4)), max_size=40).map("".join))
def test_any_text_is_read_as_libyaml_reads_it_or_declined(text):
    assert_same_or_declined(text)  # and it never raises


# ---------------------------------------------------------------- hard cases


def _nested(depth: int, leaf: str) -> str:
    """``leaf`` inside ``depth`` nested block mappings."""
    return "".join(" " * (2 * i) + f"k{i}:\n" for i in range(depth)) + " " * (2 * depth) + leaf + "\n"


#: texts once accepted with a tree libyaml does not build (found by fuzzing the scanner)
BROKE = [
    "... x: 1\n",  # at the start of a line "... " ends the document: not a key "... x"
    "a: 1\n... b: 2\n",
    "...  note: 'x'\n",
    _nested(MAX_DEPTH - 1, "v: [a]"),  # a one-line list one level past the depth limit (S107)
    _nested(MAX_DEPTH - 1, "v: []"),
    _nested(MAX_DEPTH - 1, "- [a]"),
]


@pytest.mark.parametrize("text", BROKE)
def test_what_once_broke_the_scanner_is_declined(text):
    assert scan(text) is None
    assert libyaml(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "...: x\n",
        "...x: 1\n",
        "a:\n  ... b: 1\n",
        "a: |-\n  ...\n  --- x\n",
        _nested(MAX_DEPTH - 2, "v: [a]"),
        "\u3000#a: 1\nb: 2\n",  # U+3000 is not YAML space: a key, though Python's strip() says comment
        "a: x\u3000# c\nb: x \u3000# c\nc: x\u3000 # c\n",
        "\u00a0: x\nb: \u00a0\nc: [\u00a0a, b\u00a0]\n",
        "👍🏽: 𝄞 x\nb: [👍🏽, '𝄞', \"资\"]\nc: |-\n  👍🏽 y\nd:\n- x\n",
        "a" * 512 + ": x\n",
        "资" * 512 + ": x\n",
        "a" * 513 + ": x\n",
        "<<: x\n=: y\na#b: c\na:#: d\n",
        "a:b:c: d\nhttp://x: y\na :b: c\n",
        "k: ['', \"\", '''', 'a''b']\n",
        "k: [a , b ,c]\nj: [ ]\nl: [~, null, Null, NULL, '~']\n",
        "- - - x\n    - y\n  - z\n- w\n",
        "-   a: 1\n    b:\n    - c\n    -\n      d: |-\n       e\n\n       # f\n    g:\n",
        "a: |-\n    x\n   # c\nb: 1\n",
        "a: |-\n\n  x\n\n# c\n  # d\nb: |- # e\n  y  \n",
        "a:\n- |-\n x\n- y\n",
        "a: x\n  # c\n# d\nb:   # e\n    c: 1\n",
        "a: 1",
        "a:",
        "- ",
        "-",
    ],
)
def test_hard_cases_read_as_libyaml_reads_them_or_are_declined(text):
    assert_same_or_declined(text)


# ---------------------------------------------------------------- real files


def test_every_corpus_case_reads_the_same_or_is_declined():
    for name, (raw, *_rest) in CASES.items():
        text, err = loader.decode(raw, name)
        if err is None:
            assert_same_or_declined(text.removeprefix("\ufeff"))


def test_the_shipped_files_take_the_scanner():
    files = sorted((DATA / "progress").rglob("*.yaml")) + [DATA / "tasks.yaml", DATA / "units.yaml"]
    assert len(files) > 2
    for path in files:
        assert assert_same_or_declined(path.read_text(encoding="utf-8")), path


def test_checking_the_shipped_data_never_loads_libyaml():
    """Start-up pays only for what it uses: libyaml's binding (about 20 ms to import) is loaded
    only when a file needs it."""
    import subprocess
    import sys

    code = "import sys; from zengshou.lint import lint; lint(sys.argv[1]); print('_ruamel_yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code, str(DATA)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    flow = "import sys; from zengshou import loader; loader.load_text('a: {b: 1}', 'x'); print('_ruamel_yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", flow], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_the_loader_uses_the_scanner_and_falls_back(monkeypatch):
    calls: list[str] = []
    real = blockyaml.scan
    monkeypatch.setattr(blockyaml, "scan", lambda text, **kw: calls.append(text) or real(text, **kw))
    plain = "unit: 市财政局\nitems:\n  - task: 13\n    progress: 采购 1860 万元\n"
    assert loader.load_text(plain, "a.yaml").data == {
        "unit": "市财政局",
        "items": [{"task": "13", "progress": "采购 1860 万元"}],
    }
    flow = "unit: 市财政局\nitems: [{task: 13, progress: 采购}]\n"
    assert loader.load_text(flow, "b.yaml").data == {"unit": "市财政局", "items": [{"task": "13", "progress": "采购"}]}
    assert calls == [plain, flow]
    assert scan(flow) is None


# ---------------------------------------------------------------- what it declines


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, [2]]\n",  # flow collections other than a one-line list of plain scalars
        "a: {b: 1}\n",
        "a: [1,\n  2]\n",
        "a: ['x' y]\n",
        "a: |\n  text\n",  # block scalars
        "a: >\n  text\n",
        "a: x\n  more\n",  # a plain scalar going on
        "a: 'x\n  y'\n",  # a quoted one
        'a: "x\\ty"\n',  # escapes
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "a:\tx\n",  # tabs
        "a: x\r\nb: y\r\n",  # CR line ends
        "a: x\u2028b: y\n",  # line breaks YAML 1.1 knows and str.split does not
        "a: 1\na: 2\n",  # a duplicate key
        "---\na: 1\n",  # document markers
        "a: 1\n---\nb: 2\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: b: c\n",  # errors
        "a: 1\n b: 2\n",
        "  a: 1\nb: 2\n",
        "- a\nb: 1\n",
        "? a\n: b\n",  # an explicit key
        "'a': 1\n",  # a quoted key
        "x\n",  # a scalar document
    ],
)
def test_what_the_scanner_leaves_to_libyaml(text, monkeypatch):
    assert scan(text) is None
    with_scanner = loader.load_text(text, "t.yaml")
    monkeypatch.setattr(loader, "SCAN", False)
    without = loader.load_text(text, "t.yaml")
    assert (with_scanner.data, with_scanner.findings) == (without.data, without.findings)


def _libyaml_nodes(text: str) -> int:
    from ruamel.yaml import events as ev

    return sum(
        isinstance(e, (ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent)) for e in loader._c_events(text)
    )


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n",
        "unit: 市财政局\nitems:\n  - task: 13\n    progress: x\n  - task: 14\n    progress:\n",
        "a:\n- \n- - x\n  - y\n-\n  b: c\nd:\n",
        "a: [x, y, 'z']\nb:\n- [c]\n- []\n",
    ],
)
def test_the_node_limit_counts_as_the_loader_does(text):
    n = _libyaml_nodes(text)
    assert scan(text, max_nodes=n) is not None
    assert scan(text, max_nodes=n - 1) is None


def test_the_depth_limit_is_left_to_libyaml():
    deep = "".join(" " * (2 * i) + f"k{i}:\n" for i in range(MAX_DEPTH + 2)) + " " * (2 * MAX_DEPTH + 4) + "v: 1\n"
    assert scan(deep) is None
    assert [f.code for f in loader.load_text(deep, "t.yaml").findings] == ["S107"]
    shallow = "a:\n  b:\n    c: 1\n"
    assert scan(shallow, max_depth=3) is not None
    assert scan(shallow, max_depth=2) is None


def test_a_huge_file_is_scanned_in_bounded_time():
    items = "".join(f"  - task: {i}\n    progress: {'进展' * 140}\n" for i in range(1500))
    text = "unit: 市财政局\nitems:\n" + items
    assert scan(text) is not None
    assert scan(text, max_nodes=1000) is None
    assert scan("a:\n" + "  - x\n" * 200_000) is None  # over MAX_NODES
    assert scan("a: [" + "x, " * 200_000 + "y]\n") is None  # one line over MAX_NODES: stops at the limit


def test_the_bench_files_take_the_scanner(tmp_path: Path):
    """Files as bench/generate.py writes them (the measured case) are scanned, not parsed."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "tree"
    subprocess.run(
        [sys.executable, str(root / "bench" / "generate.py"), str(out), "--units", "3", "--quarters", "2"],
        check=True,
        capture_output=True,
    )
    files = sorted(out.rglob("progress/*/*.yaml"))
    assert files
    for path in files:
        assert assert_same_or_declined(path.read_text(encoding="utf-8")), path
