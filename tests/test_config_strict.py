"""Configuration is strict (issue 28, item 7): every key is declared once in
``zengshou.configfile.SCHEMA``; an unknown key or a value of the wrong type or out of bounds is a
usage error (exit 2) naming the file, the key and what to write — never silently ignored, never
a traceback.

Before: ``[deadline]`` for ``[deadlines]`` quietly dropped a holiday extension, ``cache = "false"``
left the cache on, ``[tool.zengshou]`` not a table gave a traceback, and an office name over 255
characters crashed ``merge``.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "toml, needles",
    [
        ('[deadline]\n2023Q3 = "2023-10-09"\n', ["unknown setting deadline", "[deadlines]"]),
        ('cache = "false"\n', ["cache must be true or false", "cache = false"]),
        ("cache = 0\n", ["cache must be true or false"]),
        ('[rules]\nC404 = "off"\n[report]\nofice = "x"\n', ["unknown setting [report] ofice", "office"]),
        (
            'report = "市委农办"\n',
            ["[report] must be a table", 'office = "'],
        ),
        ("[report]\noffice = 3\n", ["[report] office must be a quoted text, not 3"]),
        ('[report]\noffice = "' + "桂" * 300 + '"\n', ["[report] office must be one line of 1 to 60 characters"]),
        ('[report]\noffice = "市委\\u001b[31m农办"\n', ["without control characters"]),
        ('[report]\noffice = "  "\n', ["[report] office must be one line"]),
        ('rules = "off"\n', ["rules must be a table"]),
        (
            "[deadlines]\n" + "".join(f'{2000 + i // 4}Q{i % 4 + 1} = "2001-01-01"\n' for i in range(401)),
            ["at most 400"],
        ),
    ],
)
def test_bad_zengshou_toml(cli, data_dir, toml, needles):
    (data_dir / "zengshou.toml").write_text(toml, encoding="utf-8")
    for args in (("validate",), ("status", "-q", "2023Q2"), ("merge", "-q", "2023Q2", "-o", "out")):
        r = cli(*args, "--data", data_dir, "--lang", "en")
        assert r.exit_code == 2 and "Traceback" not in r.output, (args, r.output)
        assert "zengshou.toml" in r.stderr and all(n in r.stderr for n in needles), (args, r.stderr)
    r = cli("validate", "--data", data_dir)  # Chinese by default
    assert r.exit_code == 2 and r.stderr.startswith("错误：配置文件有误：") and "zengshou.toml" in r.stderr


@pytest.mark.parametrize(
    "pyproject, needle",
    [
        ('[tool]\nzengshou = "x"\n', "[tool.zengshou] must be a table"),
        ("tool = 1\n", "[tool] must be a table"),
        ("[tool.zengshou]\ncahce = false\n", "unknown setting tool.zengshou.cahce"),
        ('[tool.zengshou.report]\noffice = ["a"]\n', "[tool.zengshou.report] office must be a quoted text"),
    ],
)
def test_bad_pyproject_table(cli, data_dir, pyproject, needle):
    (data_dir.parent / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    r = cli("validate", "--data", data_dir, "--lang", "en")
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert "pyproject.toml" in r.stderr and needle in r.stderr, r.stderr


def test_good_configuration_still_reads(cli, data_dir):
    (data_dir / "zengshou.toml").write_text(
        'cache = false\n[rules]\nC404 = "off"\n[deadlines]\n2023Q3 = "2023-10-09"\n[report]\noffice = "市委农办"\n',
        encoding="utf-8",
    )
    from zengshou.config import load_config

    c = load_config(data_dir)
    assert c.cache is False and c.levels == {"C404": "off"} and c.office == "市委农办"
    assert c.deadlines["2023Q3"].isoformat() == "2023-10-09"


def test_a_long_office_on_the_command_line_is_refused_not_a_crash(cli, data_dir):
    r = cli("merge", "-q", "2023Q2", "--office", "桂" * 300, "-o", "out", "--data", data_dir, "--lang", "en")
    assert r.exit_code == 2 and "--office must be one line of 1 to 60 characters" in r.stderr, r.output


def test_a_long_plan_office_is_clipped_in_word_properties(data_dir):
    """Word's core properties hold 255 characters: a longer office (tasks.yaml, a renderer's
    input) is clipped there instead of crashing the Word renderer."""
    import io

    import docx

    from zengshou.lint import lint
    from zengshou.report.docx import render_docx
    from zengshou.report.merge import merge
    from zengshou.workspace import Workspace

    ws = Workspace.open(data_dir)
    report = merge(ws, "2023Q2", lint(ws, quarter="2023Q2"), office="桂" * 300)
    blob = render_docx(report)
    assert docx.Document(io.BytesIO(blob)).core_properties.author == "桂" * 255


def test_the_schema_is_one_declarative_table():
    """Another section is one entry in SCHEMA: declared keys pass, undeclared ones do not."""
    from zengshou.configfile import SCHEMA, ConfigError, Value, check_schema

    SCHEMA["smtp_test"] = {"port": Value("int", "[smtp_test] port = 465", minimum=1, maximum=65535)}
    try:
        check_schema({"smtp_test": {"port": 465}}, "z.toml")
        for bad in ({"smtp_test": {"port": 70000}}, {"smtp_test": {"port": "465"}}, {"smtp_test": {"host": "x"}}):
            with pytest.raises(ConfigError) as e:
                check_schema(bad, "z.toml")
            assert "z.toml" in str(e.value) and "smtp_test" in str(e.value)
    finally:
        del SCHEMA["smtp_test"]
