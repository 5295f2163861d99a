"""Every rule is exercised: its documented failing example fails, its fixed example passes.

Most rules document ``bad``/``good`` examples that are whole submissions (or a few files, each
headed ``# progress/<quarter>/<id>.yaml``). :func:`test_documented_examples` writes them into a
copy of the definitions and runs ``zengshou validate`` on them, so the docs cannot drift from
what the checks do. Rules whose examples cannot be whole files (encodings, sizes, the
definitions themselves) have their own failing/passing tests below.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, write

NOT_RUNNABLE = {
    "S101": "the example is about bytes on disk: test_s101_encoding",
    "C405": "the example abbreviates 412 characters: test_c405_too_long",
    "I307": "needs a successor in units.yaml: test_i307_unit_replaced",
    "S113": "the example is a symbolic link: test_s113_symlink_outside",
    "S114": "the example is a FIFO: test_s114_not_a_regular_file",
}
DEFAULT_PATH = "progress/2023Q2/czj.yaml"
_MARK = re.compile(r"^# (progress/\S+\.ya?ml)$", re.M)


SUBMISSION_FAMILIES = ("syntax", "identity", "content", "completeness", "timing", "figures")


def runnable_codes() -> list[str]:
    """Rules whose documented examples are submissions this module runs through validate."""
    import zengshou.cli.app  # noqa: F401  (every rule family registered)
    from zengshou.rules import RULES

    return [
        r.code
        for r in RULES.values()
        if r.bad and r.good and r.family in SUBMISSION_FAMILIES and r.code not in NOT_RUNNABLE
    ]


def split_example(text: str) -> list[tuple[str, str]]:
    """``# progress/…`` header lines name the file each part goes to; otherwise it is derived."""
    marks = list(_MARK.finditer(text))
    if not marks:
        return [(_derive_path(text), text + "\n")]
    parts = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        parts.append((m.group(1), text[m.start() : end].rstrip("\n") + "\n"))
    return parts


def _derive_path(text: str) -> str:
    """progress/<quarter>/<unit id>.yaml from the example's own fields, when they can be read."""
    from ruamel.yaml import YAML

    from zengshou.lint import load_catalog

    try:
        doc = YAML(typ="safe", pure=True).load(text)
    except Exception:
        return DEFAULT_PATH
    if not isinstance(doc, dict) or not isinstance(doc.get("quarter"), str):
        return DEFAULT_PATH
    cat, _ = load_catalog(DATA)
    unit = cat.resolve(str(doc.get("unit", "")))
    return f"progress/{doc['quarter']}/{unit.id if unit else 'czj'}.yaml"


def run_validate(cli, data: Path, *args) -> tuple[int, list[dict]]:
    """Exit code and findings; the exit code must be the one the findings call for."""
    import json

    res = cli("validate", "--data", data, "--format", "json", "--lang", "en", *args)
    found = json.loads(res.stdout)["findings"]
    errors = [f for f in found if f["level"] == "error"]
    warnings = [f for f in found if f["level"] == "warning"]
    expected = 1 if errors or ("--strict" in args and warnings) else 0
    assert res.exit_code == expected, (res.exit_code, found)
    return res.exit_code, found


def codes_for(cli, data: Path, example: str) -> set[str]:
    for rel, text in split_example(example):
        write(data / rel, text)
    return {f["code"] for f in run_validate(cli, data)[1]}


@pytest.mark.parametrize("code", runnable_codes())
def test_documented_examples(code, cli, empty_data, tmp_path):
    from zengshou.rules import RULES

    r = RULES[code]
    for rel, text in split_example(r.bad):
        write(empty_data / rel, text)
    rc, found = run_validate(cli, empty_data, "--strict")
    bad = {f["code"] for f in found}
    assert code in bad, f"{code}: the failing example in the docs does not fail: {sorted(bad)}"
    assert rc == 1  # with --strict a warning fails the run too
    mine = [f for f in found if f["code"] == code]
    assert all(f["level"] == r.level and f["message"] and f["line"] for f in mine), mine

    good_dir = tmp_path / "good"
    shutil.copytree(empty_data, good_dir)
    shutil.rmtree(good_dir / "progress")
    good = codes_for(cli, good_dir, r.good)
    assert code not in good, f"{code}: the fixed example in the docs still fails: {sorted(good)}"
    if r.family != "syntax":
        # the fixed example must load, or the rule never ran and its absence proves nothing
        assert not {c for c in good if c.startswith("S")}, sorted(good)


# ---------------------------------------------------------------- rules with their own tests

GOOD = RULE_GOOD = "unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\nitems:\n  - task: 13\n    progress: {p}\n"
TEXT = "全市预算单位预留脱贫地区农副产品采购份额 16.2%，二季度采购 1860 万元。"


def test_s100_unreadable(empty_data):
    from zengshou.lint import lint

    missing = empty_data / "progress" / "2023Q2" / "czj.yaml"
    result = lint(empty_data, [missing])
    assert [(f.code, f.file) for f in result.findings] == [("S100", str(missing))]
    write(missing, GOOD.format(p=TEXT))
    assert lint(empty_data, [missing]).findings == []


def test_s101_encoding(cli, empty_data):
    f = write(empty_data / DEFAULT_PATH, GOOD.format(p=TEXT), encoding="gbk")
    rc, found = run_validate(cli, empty_data)
    assert rc == 1 and [x["code"] for x in found] == ["S101"]
    assert found[0]["line"] == 1  # the first non-ASCII byte is in "市财政局" on line 1
    f.write_bytes(GOOD.format(p=TEXT).encode("utf-8-sig"))  # UTF-8 with a BOM is fine
    assert run_validate(cli, empty_data) == (0, [])


def test_s109_control_character(cli, empty_data):
    write(empty_data / DEFAULT_PATH, GOOD.format(p=TEXT[:5] + "\x08" + TEXT[5:]))
    rc, found = run_validate(cli, empty_data)
    assert rc == 1 and [(x["code"], x["line"], x["col"]) for x in found] == [("S109", 6, len("    progress: ") + 5 + 1)]
    write(empty_data / DEFAULT_PATH, GOOD.format(p=TEXT))
    assert run_validate(cli, empty_data) == (0, [])


def test_s111_too_large(cli, empty_data):
    from zengshou.loader import MAX_BYTES

    f = write(empty_data / DEFAULT_PATH, GOOD.format(p=TEXT))
    f.write_bytes(f.read_bytes() + b"#" * (MAX_BYTES + 1))
    rc, found = run_validate(cli, empty_data)
    assert rc == 1 and [x["code"] for x in found] == ["S111"]


def test_c405_too_long(cli, empty_data):
    from zengshou.lint import load_catalog

    limit = load_catalog(empty_data)[0].plan.max_chars
    body = "采购脱贫地区农副产品" * (limit // 10)
    assert len(body) == limit
    write(empty_data / DEFAULT_PATH, GOOD.format(p=body + " \u3000"))  # spaces do not count
    assert "C405" not in {x["code"] for x in run_validate(cli, empty_data)[1]}
    write(empty_data / DEFAULT_PATH, GOOD.format(p=body + "。"))
    found = [x for x in run_validate(cli, empty_data)[1] if x["code"] == "C405"]
    assert [(x["line"], x["params"]["count"], x["params"]["over"]) for x in found] == [(6, limit + 1, 1)]


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_i307_unit_replaced(cli, empty_data):
    _edit(
        empty_data / "units.yaml",
        "    name: 市财政局\n",
        "    name: 市财政局\n    successor: {id: fgw, from: 2023Q2}\n",
    )
    write(
        empty_data / "progress/2023Q1/czj.yaml",
        GOOD.format(p=TEXT).replace("2023Q2", "2023Q1").replace("2023-07-05", "2023-04-04"),
    )
    rc, found = run_validate(cli, empty_data)
    assert "I307" not in {x["code"] for x in found}, found  # before the reform: still its own report
    write(empty_data / DEFAULT_PATH, GOOD.format(p=TEXT))
    found = [x for x in run_validate(cli, empty_data)[1] if x["code"] == "I307"]
    assert [(x["file"].replace("\\", "/").split("data/")[-1], x["line"]) for x in found] == [(DEFAULT_PATH, 1)]


def test_shipped_definitions_are_clean(cli):
    rc, found = run_validate(cli, DATA, "--quarter", "2022Q1")
    assert [x for x in found if x["code"].startswith("D")] == []


def test_d200_definitions_missing(cli, empty_data):
    (empty_data / "tasks.yaml").unlink()
    rc, found = run_validate(cli, empty_data)
    assert rc == 1 and [x["code"] for x in found] == ["D200"]


def _tasks_section(data: Path) -> tuple[Path, str, int]:
    p = data / "tasks.yaml"
    text = p.read_text(encoding="utf-8")
    return p, text, text.index("\ntasks:\n")


def _definition_codes(cli, data: Path) -> set[str]:
    rc, found = run_validate(cli, data)
    assert rc == 1
    return {x["code"] for x in found}


def test_d201_unknown_unit_ref(cli, empty_data):
    p, text, at = _tasks_section(empty_data)
    i = text.index("- 市财政局", at)
    p.write_text(text[:i] + "- 市财政厅" + text[i + len("- 市财政局") :], encoding="utf-8")
    assert "D201" in _definition_codes(cli, empty_data)


def test_d202_duplicate_id(cli, empty_data):
    _edit(empty_data / "units.yaml", "  - id: gxj\n", "  - id: nyncj\n")
    assert "D202" in _definition_codes(cli, empty_data)


def test_d203_duplicate_alias(cli, empty_data):
    _edit(empty_data / "units.yaml", "aliases: [商务局,", "aliases: [农业农村局, 商务局,")
    assert "D203" in _definition_codes(cli, empty_data)


def test_d204_row_without_units(cli, empty_data):
    p, text, at = _tasks_section(empty_data)
    m = re.compile(r"\n    units:\n(      - .*\n)+").search(text, at)
    p.write_text(text[: m.start()] + "\n    units: []\n" + text[m.end() :], encoding="utf-8")
    assert "D204" in _definition_codes(cli, empty_data)


def test_d205_row_order(cli, empty_data):
    p, text, at = _tasks_section(empty_data)
    i = text.index("  - id: 2\n", at)
    p.write_text(text[:i] + "  - id: 3\n" + text[i + len("  - id: 2\n") :], encoding="utf-8")
    assert "D205" in _definition_codes(cli, empty_data)


def test_d206_invalid_period(cli, empty_data):
    _edit(empty_data / "tasks.yaml", "    start: 2022Q1\n    end: 2024Q4\n", "    start: 2024Q4\n    end: 2022Q1\n")
    assert "D206" in _definition_codes(cli, empty_data)


def test_d207_unknown_measure(cli, empty_data):
    _edit(empty_data / "tasks.yaml", "    part: 二（一）\n", "    part: 二（九）\n")
    assert "D207" in _definition_codes(cli, empty_data)


def test_d208_bad_group(cli, empty_data):
    text = (empty_data / "units.yaml").read_text(encoding="utf-8")
    m = re.search(r"members: \[(\w+)", text)
    assert m, "units.yaml has a group with members"
    _edit(empty_data / "units.yaml", m.group(0), "members: [nosuchunit")
    assert "D208" in _definition_codes(cli, empty_data)


def test_s112_control_character_escape(cli, empty_data):
    write(empty_data / DEFAULT_PATH, GOOD.format(p='"' + TEXT[:5] + "\\e[31m" + TEXT[5:] + '"'))
    rc, found = run_validate(cli, empty_data)
    assert rc == 1 and [(x["code"], x["line"], x["col"]) for x in found] == [("S112", 6, len("    progress: ") + 1)]
    assert found[0]["message"] == "an escape in a quoted value writes the invisible control character U+001B"
    write(empty_data / DEFAULT_PATH, GOOD.format(p='"' + TEXT + '"'))
    assert run_validate(cli, empty_data) == (0, [])


def test_s113_symlink_outside(cli, empty_data, tmp_path):
    secret = write(tmp_path / "secret.txt", "password: hunter2\n")
    link = empty_data / DEFAULT_PATH
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    rc, found = run_validate(cli, empty_data)
    assert rc == 1 and [(x["code"], x["line"]) for x in found] == [("S113", None)]
    assert found[0]["message"] == f"a symbolic link to {secret.resolve()}, outside the data directory; not read"
    link.unlink()
    write(link, GOOD.format(p=TEXT))
    assert run_validate(cli, empty_data) == (0, [])


def test_s114_not_a_regular_file(cli, empty_data):

    path = empty_data / DEFAULT_PATH
    path.parent.mkdir(parents=True)
    path.mkdir()
    rc, found = run_validate(cli, empty_data)
    assert rc == 1 and [x["code"] for x in found] == ["S114"]
    assert found[0]["message"] == "this is a directory, not a regular file; not read"
    path.rmdir()
    write(path, GOOD.format(p=TEXT))
    assert run_validate(cli, empty_data) == (0, [])


def test_s116_too_many_values(cli, empty_data):
    from zengshou.loader import MAX_NODES

    write(empty_data / DEFAULT_PATH, "unit: 市财政局\nquarter: 2023Q2\nitems:\n" + "- 1\n" * MAX_NODES)
    rc, found = run_validate(cli, empty_data)
    assert rc == 1 and [(x["code"], x["line"]) for x in found] == [
        ("S116", MAX_NODES - 3)
    ]  # value MAX_NODES + 1: 7 before the list, then one a line from line 4
    assert found[0]["message"] == f"the file holds more than {MAX_NODES} values; the rest was not read"


def test_s117_progress_not_a_folder(cli, empty_data):
    shutil.rmtree(empty_data / "progress")
    write(empty_data / "progress", "")
    rc, found = run_validate(cli, empty_data)
    assert rc == 1 and [x["code"] for x in found] == ["S117"]
    assert found[0]["message"] == "progress must be the folder of the quarters' submissions; it is a regular file"
