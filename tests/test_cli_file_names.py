"""File names come from whoever committed the files: `status` and `merge` show them, never obey
them — a terminal escape is written out (status) or cleaned out (merge), Rich markup stays text."""

from __future__ import annotations

from conftest import write

NAME = "x\x1b[31m[bold]y.yaml"
TEXT = "unit: 资源县\nquarter: 2023Q1\nitems: []\n"  # valid YAML, wrong folder: an "other file"


def test_status_shows_other_file_names_as_text(cli, data_dir):
    write(data_dir / "progress" / "2023Q2" / NAME, TEXT)
    r = cli("status", "--quarter", "2023Q2", "--data", data_dir)
    assert "\x1b" not in r.output
    assert "x\\x1b[31m[bold]y.yaml" in r.output.replace("\n", "")


def test_merge_names_a_left_out_file_as_text(cli, data_dir, tmp_path):
    write(data_dir / "progress" / "2023Q2" / NAME, "unit: [\n")
    r = cli("merge", "--quarter", "2023Q2", "--data", data_dir, "--out", tmp_path / "out", "--format", "html")
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output  # the report model cleans control characters out of every text
    assert "[31m[bold]y.yaml" in r.output.replace("\n", "")  # and markup stays text
