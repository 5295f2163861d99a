"""A short run of bench/serve_load.py: 34 units saving concurrently for a few seconds against
``zengshou serve`` on 127.0.0.1, then every file read back. The full 60-second run and its
latency figures are the benchmark's job (bench/serve_load.py); this test fails only on a lost
or torn file, a save missing from the history, or a failed request — never on timing."""

from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def test_thirty_four_units_saving_at_once_lose_nothing(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("serve_load", ROOT / "bench" / "serve_load.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    code = bench.main(["--seconds", "4", "--think", "1", "--workdir", str(tmp_path), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report
    assert report["units"] == 34 and report["saves"] >= 34
    assert report["lost"] == report["torn"] == report["missing_from_history"] == report["failed_requests"] == 0
    assert report["history_files"] == report["saves"]
    assert report["validate_exit"] == 0
