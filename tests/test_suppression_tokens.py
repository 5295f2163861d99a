"""Suppressions come only from real YAML comments (issue 28, item 4).

Before, the loader took everything from a line's first ``#`` as its comment, so a quoted value
ending in ``# zengshou: ignore`` — a spreadsheet cell imported as one quoted line — silenced
every finding on its line, on every later run: a 376-character text hid its own C405.
"""

from __future__ import annotations

import json

from conftest import write
from test_forms import fill, make_form, yaml_of
from zengshou.loader import load_text

LONG = "超" * 376
SUB = "unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: {p}\n"


def c405(cli, data, progress: str) -> list[dict]:
    path = write(data / "progress" / "2023Q2" / "czj.yaml", SUB.format(p=progress))
    res = cli("validate", path, "--format", "json", "--data", data, "--no-cache")
    return [f for f in json.loads(res.stdout)["findings"] if f["code"] == "C405"]


def test_a_mark_inside_a_quoted_value_does_not_suppress(cli, empty_data):
    assert c405(cli, empty_data, f"'{LONG} # zengshou: ignore'")
    assert c405(cli, empty_data, f'"{LONG} # zengshou: ignore[C405]"')
    # a real comment after the value still does
    assert not c405(cli, empty_data, f"'{LONG}' # zengshou: ignore[C405]")
    assert not c405(cli, empty_data, f"{LONG} # zengshou: ignore")


def test_only_comment_tokens_are_collected():
    text = (
        "a: 'x # zengshou: ignore'\n"  # 1: in a quoted value
        "b: |\n"
        "  # zengshou: ignore\n"  # 3: a line of a block scalar
        'c: "two\n'
        '  # zengshou: ignore lines"\n'  # 5: inside a multi-line quoted value
        "d: plain#zengshou:ignore\n"  # 6: '#' not after a space: part of the plain value
        "e: 'v # zengshou: x' # zengshou: ignore[C405]\n"  # 7: the comment after the value
        "# zengshou: ignore\n"  # 8: a comment line
    )
    doc = load_text(text, "x.yaml")
    assert doc.comments == {7: "# zengshou: ignore[C405]", 8: "# zengshou: ignore"}


def test_a_line_after_a_syntax_error_is_not_trusted():
    doc = load_text('a: 1 # zengshou: ignore\nb: "open # zengshou: ignore\nc: [1\n', "x.yaml")
    assert doc.comments == {1: "# zengshou: ignore"}


def test_import_never_writes_a_suppression(cli, empty_data, tmp_path):
    """The issue's case end to end: a cell typed as the text plus the mark is imported as one
    quoted value, and validate still reports its length; a file name holding the mark is quoted
    in the generated header comment without its colon."""
    path = make_form(cli, empty_data, name=str(tmp_path / "a # zengshou: ignore.xlsx"))
    fill(path, {1: f"{LONG} # zengshou: ignore"})
    res = cli("import", path, "--data", empty_data)
    assert "C405" in res.stdout, res.output
    text = yaml_of(empty_data).read_text("utf-8")
    assert "zengshou: ignore" not in load_text(text, "y").comments.get(1, "")
    assert all("zengshou: ignore" not in c for c in load_text(text, "y").comments.values())
    res = cli("validate", "--data", empty_data, "--no-cache", "--format", "json")
    assert [f for f in json.loads(res.stdout)["findings"] if f["code"] == "C405"]


def test_generated_comments_lose_the_mark():
    from zengshou.yamlout import no_suppression

    assert no_suppression("上季度：已完成 # zengshou: ignore[C405]") == "上季度：已完成 # zengshou： ignore[C405]"
    assert no_suppression("ZengShou : ignore") == "ZengShou ： ignore"
    assert no_suppression("zengshou validate") == "zengshou validate"


def test_new_form_does_not_copy_a_mark_from_last_quarter(cli, data_dir):
    """``new`` shows last quarter's text as a comment: a mark in that text is not carried over."""
    prev = data_dir / "progress" / "2023Q2" / "ziyuan.yaml"
    prev.write_text(
        "unit: 资源县人民政府\nquarter: 2023Q2\nitems:\n  - task: 1\n    progress: '旧 # zengshou: ignore'\n", "utf-8"
    )
    res = cli("new", "--unit", "ziyuan", "--quarter", "2023Q3", "--data", data_dir)
    assert res.exit_code == 0, res.output
    out = (data_dir / "progress" / "2023Q3" / "ziyuan.yaml").read_text("utf-8")
    assert "旧 # zengshou： ignore" in out and "zengshou: ignore" not in out
