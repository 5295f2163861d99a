"""The exported JSON Schema: stable, committed for editors, and in agreement with validate.

check-jsonschema parses YAML with an ordinary parser (``task: 13`` is a number there, a string
in our loader), so these tests are the proof that the widened schema accepts what the loader
accepts and rejects the structural mistakes rule S108 reports.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT, write

GOOD = (
    "unit: 市财政局\nquarter: 2023Q2\nsubmitted: 2023-07-05\ncontact: {contact}\nitems:\n  - task: {task}\n"
    "    progress: {progress}\n    status: 推进中\n"
)
SAMPLES = {
    "plain.yaml": GOOD.format(contact="张三 2848638", task=13, progress="二季度采购 1860 万元。"),
    "quoted-row.yaml": GOOD.format(contact="张三", task='"13"', progress="二季度采购 1860 万元。"),
    "numbers-as-text.yaml": GOOD.format(contact=2848638, task=13, progress=1860),  # loader: all text
    "draft.yaml": "unit: czj\nquarter: 2023Q2\nitems:\n  - task: 13\n    progress:\n",
    "quoted-date.yaml": "unit: czj\nquarter: 2023q2\nsubmitted: '2023-07-05'\nitems: []\n",
    "nulls.yaml": "unit: czj\nquarter: 2023Q2\nsubmitted:\ncontact: ~\nitems:\n  - task: 13\n    note:\n",
}
BROKEN = {
    "missing-unit.yaml": "quarter: 2023Q2\nitems:\n  - task: 13\n    progress: 采购 1860 万元。\n",
    "items-not-a-list.yaml": "unit: czj\nquarter: 2023Q2\nitems:\n  task: 13\n  progress: 采购 1860 万元。\n",
    "unknown-field.yaml": "unit: czj\nquarter: 2023Q2\nitem:\n  - task: 13\n",
    "unknown-item-field.yaml": "unit: czj\nquarter: 2023Q2\nitems:\n  - task: 13\n    progres: 采购。\n",
    "row-zero.yaml": "unit: czj\nquarter: 2023Q2\nitems:\n  - task: 0\n",
    "row-text.yaml": "unit: czj\nquarter: 2023Q2\nitems:\n  - task: 第13项\n",
    "bad-status.yaml": "unit: czj\nquarter: 2023Q2\nitems:\n  - task: 13\n    status: 完成\n",
    "slashed-date.yaml": "unit: czj\nquarter: 2023Q2\nsubmitted: 2023/07/05\nitems: []\n",
    "top-level-list.yaml": "- unit: czj\n  quarter: 2023Q2\n",
    "item-not-a-mapping.yaml": "unit: czj\nquarter: 2023Q2\nitems:\n  - 13\n",
}


def test_committed_schema_is_up_to_date(cli):
    from zengshou.schema_export import schema_text

    committed = (ROOT / "docs" / "schema" / "progress.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text("progress"), "run python scripts/gen_rules_doc.py"
    res = cli("schema", "progress")
    assert res.exit_code == 0 and res.stdout == committed


@pytest.mark.parametrize("kind", ["progress", "tasks", "units"])
def test_schema_is_valid_and_stable(cli, kind):
    jsonschema = pytest.importorskip("jsonschema")
    first = cli("schema", kind).stdout
    assert first == cli("schema", kind).stdout
    schema = json.loads(first)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert list(schema) == sorted(schema)  # stable key order


def test_schema_shape():
    from zengshou.schema_export import json_schema

    s = json_schema("progress")
    assert s["required"] == ["unit", "quarter"]
    task = s["$defs"]["Item"]["properties"]["task"]
    assert {"type": "integer", "minimum": 1, "maximum": 9999} in task["anyOf"]
    assert s["$defs"]["Item"]["required"] == ["task"]
    assert s["$defs"]["Item"]["properties"]["status"]["anyOf"][0]["enum"] == ["未启动", "推进中", "已完成", "持续推进"]


def test_unknown_kind(cli):
    assert cli("schema", "forms").exit_code == 2


def _check_jsonschema(schema: Path, files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def _structure_codes(cli, data: Path, f: Path) -> set[str]:
    res = cli("validate", "--data", data, "--format", "json", f)
    return {x["code"] for x in json.loads(res.stdout)["findings"] if x["code"].startswith("S")}


def _samples(tmp_path: Path) -> list[Path]:
    shipped = sorted(p for p in (DATA / "progress").glob("*/*.y*ml"))
    written = [write(tmp_path / "samples" / name, text) for name, text in SAMPLES.items()]
    return shipped + written


@pytest.mark.slow
def test_check_jsonschema_agrees_with_validate(cli, empty_data, tmp_path):
    pytest.importorskip("check_jsonschema")
    schema = ROOT / "docs" / "schema" / "progress.schema.json"
    good = _samples(tmp_path)
    res = _check_jsonschema(schema, good)
    assert res.returncode == 0, res.stdout + res.stderr
    for f in good:
        assert _structure_codes(cli, empty_data, f) == set(), f.name

    for name, text in BROKEN.items():
        f = write(tmp_path / "broken" / name, text)
        res = _check_jsonschema(schema, [f])
        assert res.returncode == 1, f"check-jsonschema accepted {name}: {res.stdout}"
        assert _structure_codes(cli, empty_data, f) == {"S108"}, name


@pytest.mark.parametrize("kind", ["tasks", "units"])
def test_definitions_schemas_accept_the_shipped_files(kind, tmp_path):
    pytest.importorskip("check_jsonschema")
    from zengshou.schema_export import schema_text

    schema = write(tmp_path / f"{kind}.schema.json", schema_text(kind))
    res = _check_jsonschema(schema, [DATA / f"{kind}.yaml"])
    assert res.returncode == 0, res.stdout + res.stderr
    broken = write(tmp_path / f"{kind}.yaml", (DATA / f"{kind}.yaml").read_text(encoding="utf-8") + "extra: 1\n")
    assert _check_jsonschema(schema, [broken]).returncode == 1
