"""Property-based tests (Hypothesis): whatever a file, a text or a cell holds, nothing escapes.

* arbitrary bytes and YAML-ish text through the loader and ``validate``: no exception, every
  finding names its file, has a rule and a sane position, and a file yields at most 101 findings;
* arbitrary Unicode progress texts through ``merge``: a text that validates reads back from the
  workbook and the Word edition as the same string, and the HTML holds it escaped (no markup of
  its own);
* arbitrary cell values through ``import``: a finding or a submission that reads back as typed.

Profiles are set in conftest.py: ``ci`` (the default: derandomized, few examples, no example
database) and ``release`` (``HYPOTHESIS_PROFILE=release``: many more examples, run before a
release — see docs/ci.md).
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from conftest import DATA  # noqa: E402
from merge_fixtures import read_docx_text  # noqa: E402

Q = "2023Q2"
BASE = settings.default.max_examples  # 20 under the ci profile, 500 under release (conftest.py)
CHEAP = settings(max_examples=BASE * 5)
SHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SLOW_CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
FIXTURES = settings(suppress_health_check=SLOW_CHECKS)


@pytest.fixture(scope="module")
def defs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("props") / "data"
    d.mkdir()
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(DATA / name, d / name)
    (d / "progress" / Q).mkdir(parents=True)
    return d


def _check_findings(findings, path: str) -> None:
    from zengshou.rules import RULES

    assert len(findings) <= 101
    for f in findings:
        assert f.file == path and f.code in RULES
        assert f.line is None or f.line >= 1
        assert f.col is None or (f.col >= 1 and f.line is not None)
        for lang in ("zh", "en"):
            assert f.message(lang) and f.fix(lang) is not None


# ---------------------------------------------------------------- the loader


@CHEAP
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_through_the_loader(raw):
    from zengshou.loader import load_bytes

    doc = load_bytes(raw, "x.yaml")
    _check_findings(doc.findings, "x.yaml")
    if doc.findings and any(f.level == "error" for f in doc.findings):
        assert doc.data is None or doc.findings[0].code in ("S103", "S108")


FRAGMENTS = st.sampled_from(
    [
        "unit",
        "quarter",
        "items",
        "task",
        "progress",
        "submitted",
        "contact",
        "status",
        "figures",
        "市财政局",
        "2023Q2",
        "13",
        "2023-07-05",
        "- ",
        ": ",
        ":",
        "\n",
        "\n  ",
        "\n    ",
        "  ",
        "\t",
        "#",
        "# zengshou: ignore",
        "&a ",
        "*a",
        "!!python/object ",
        "!x ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "'",
        '"',
        "\\",
        "\\x01",
        "\\e[31m",
        "\\u202e",
        "\\ud800",
        "|-\n  ",
        ">\n  ",
        "---\n",
        "...\n",
        "？",
        "：",
        "“",
        "\ufeff",
        "\u2028",
        "\x85",
        "\r\n",
        "\r",
        "%",
        "::error::",
        "=cmd|' /C calc'!A0",
        "<script>alert(1)</script>",
        "0123",
        "3.10",
        "~",
        "null",
        "true",
    ]
)


@CHEAP
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=60).map("".join))
def test_yamlish_text_through_the_loader(text):
    from zengshou.loader import load_text
    from zengshou.models import Submission
    from zengshou.schema import validate

    for fast in (True, False):
        doc = load_text(text, "x.yaml", fast=fast)
        if doc.data is not None or not doc.findings:
            validate(doc, Submission)
        _check_findings(doc.findings, "x.yaml")


@FIXTURES
@given(
    head=st.sampled_from(
        [
            "unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: ",
            "unit: 市财政局\nquarter: 2023Q2\nitems:\n",
            "",
        ]
    ),
    body=st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join),
)
def test_yamlish_text_through_validate_and_every_reporter(defs, head, body):
    from zengshou.lint import lint
    from zengshou.reporters import REPORTERS

    path = defs / "progress" / Q / "czj.yaml"
    path.write_bytes((head + body).encode("utf-8", "surrogatepass"))
    result = lint(defs, [path], keep=False)
    shown = {f.file for f in result.findings}
    assert len(shown) <= 1
    for f in result.findings:
        assert f.line is None or f.line >= 1
    for name, rep in REPORTERS.items():
        out = rep("en", result.sources, result.files_checked).render(result.findings)
        if name != "json":
            assert not SHOWN.search(out), out
        if name == "github":
            assert all(
                ln.startswith(("::group::", "::endgroup::", "::error ", "::warning ", "::notice "))
                for ln in out.splitlines()
                if ln.startswith("::")
            ), out


# ---------------------------------------------------------------- merge


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.data.append(data)


def _html_of(path: Path) -> tuple[set[str], str]:
    p = _Text()
    p.feed(path.read_text(encoding="utf-8"))
    return p.tags, "".join(p.data)


def _merge(root: Path, texts: list[str]):
    from typer.testing import CliRunner

    from zengshou.cli.app import app
    from zengshou.yamlout import text_value

    data = root / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("progress"))
    lines = ["unit: nyncj", f"quarter: {Q}", "submitted: 2023-07-04", "items:"]
    filler = [f"第{r}项：二季度组织专项推进会 2 次，带动脱贫户 {100 + r} 户。" for r in ROWS]
    for r, t in zip(ROWS, list(texts) + filler[len(texts) :], strict=True):
        lines += [f"  - task: {r}", f"    progress: {text_value(t, 6, block=True)}"]
    (data / "progress" / Q).mkdir(parents=True)
    (data / "progress" / Q / "nyncj.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    v = runner.invoke(app, ["validate", "--data", str(data), "--format", "json"], catch_exceptions=False)
    res = runner.invoke(
        app, ["merge", "--quarter", Q, "--data", str(data), "--out", str(root / "out")], catch_exceptions=False
    )
    return v, res


ROWS = [1, 2, 3, 4, 5, 44, 46, 50, 52, 58]  # the rows 市农业农村局 (nyncj) must report


@pytest.fixture(scope="module")
def baseline_tags(tmp_path_factory) -> set[str]:
    root = tmp_path_factory.mktemp("baseline")
    v, res = _merge(root, ["第1项：二季度新建示范园 3 个。", "第2项：第一行\n第二行"])
    assert v.exit_code == 0 and res.exit_code == 0, res.output
    return _html_of(next((root / "out").glob("*.html")))[0]


@pytest.mark.slow
@settings(max_examples=max(4, BASE // 3), suppress_health_check=SLOW_CHECKS)
@given(st.lists(st.text(min_size=1, max_size=120), min_size=1, max_size=5))
def test_unicode_progress_texts_through_merge(tmp_path_factory, baseline_tags, texts):
    import openpyxl

    root = tmp_path_factory.mktemp("merge")
    tagged = [f"第{r}项：{t}" for r, t in zip(ROWS, texts, strict=False)]
    v, res = _merge(root, tagged)
    if v.exit_code != 0:
        # a file that cannot be used is left out and named; its texts never reach a report
        assert res.exit_code == 0 and "nyncj.yaml" in res.stderr, res.output
        return
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(next((root / "out").glob("*.xlsx")))
    cells = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    tags, body = _html_of(next((root / "out").glob("*.html")))
    assert tags <= baseline_tags | {"br"}, tags - baseline_tags  # the texts added no markup
    docs = list((root / "out").glob("*.docx"))
    words = " ".join(read_docx_text(docs[0]).split()) if docs else None
    for t in tagged:
        assert t in cells, (t, sorted(c for c in cells if c.startswith(t[:4])))
        if words is not None:  # the Word edition reads back the same text (line breaks as breaks)
            assert " ".join(t.split()) in words, t
        for part in t.split("\n"):
            if part.strip():
                assert part.strip() in body or " ".join(part.split()) in " ".join(body.split()), part


# ---------------------------------------------------------------- import

CELL_VALUES = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(list("_x0D5F1a\r\n =+-@'\"<>&") + ["_x000D_", "_x0001_", "_x005F_"]), max_size=20).map(
        "".join
    ),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(),
    st.none(),
    st.sampled_from(["=1+1", '=HYPERLINK("http://x")', "@SUM(A1)", "#REF!", "无", "同上", " "]),
)


ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@pytest.fixture(scope="module")
def blank_form(tmp_path_factory, defs) -> Path:
    from zengshou.forms.xlsx_form import form_bytes, form_rows
    from zengshou.lint import load_catalog
    from zengshou.quarters import Quarter

    cat = load_catalog(defs)[0]
    rows, optional = form_rows(cat, "nyncj", Quarter.parse(Q))
    path = tmp_path_factory.mktemp("form") / "blank.xlsx"
    path.write_bytes(form_bytes(cat, "nyncj", Q, rows, optional))
    return path


@settings(max_examples=max(8, BASE // 2), suppress_health_check=SLOW_CHECKS)
@given(values=st.lists(CELL_VALUES, min_size=1, max_size=10), contact=CELL_VALUES)
def test_arbitrary_cell_values_through_import(tmp_path_factory, defs, blank_form, values, contact):
    import openpyxl

    from zengshou.forms.xlsx_import import read_form, render_submission
    from zengshou.lint import load_catalog
    from zengshou.loader import load_text

    cat = load_catalog(defs)[0]
    wb = openpyxl.load_workbook(blank_form)
    ws = wb["落实进度"]
    task_rows = [r for r in range(6, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]
    for cell, v in [(ws.cell(r, 5), v) for r, v in zip(task_rows, values, strict=False)] + [(ws["C4"], contact)]:
        if isinstance(v, str):  # what openpyxl refuses, Excel stores as _xHHHH_: so do we
            v = ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", v)
        cell.value = v
        if isinstance(v, str) and not v.startswith("="):
            cell.data_type = "s"
    path = tmp_path_factory.mktemp("filled") / "f.xlsx"
    try:
        wb.save(path)
    except Exception:  # openpyxl refuses some characters itself (IllegalCharacterError): Excel would too
        return
    imp = read_form(path, cat)
    _check = [f for f in imp.findings if f.file != imp.display]
    assert not _check
    if imp.refused:
        return
    text = render_submission(cat, imp)
    doc = load_text(text, "x.yaml")
    assert doc.data is not None, [f.code for f in doc.findings]
    got = {it["task"]: it.get("progress") or "" for it in doc.data["items"]}
    for row, typed in imp.items:
        assert got[str(row)] == typed
