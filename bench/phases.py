#!/usr/bin/env python3
"""Where a whole-tree ``validate`` spends its time, phase by phase, in one process.

    python bench/phases.py /tmp/zengshou-bench/plan-34x12-280-300 --repeat 5

Runs ``lint(Workspace.open(data), keep=False, jobs=1)`` (serial, no cache) ``--repeat`` times after
one warm-up run and prints the median of each phase. Phases are timed by wrapping the functions
with ``time.perf_counter`` (inclusive times: a phase includes the phases it calls), because
cProfile inflates the cost of small functions two to three times. A wrapper adds about half a
microsecond per call, which shows in the phases called per text (squash: ~15,000 calls).
The wrapping reaches into private names: a tool for whoever works on speed, not an interface.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time
from collections import defaultdict
from pathlib import Path

SPENT: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)


def wrap(owner, name: str, label: str | None = None):
    """Replace ``owner.name`` by a timed wrapper; returns the wrapper (to patch other references)."""
    f = getattr(owner, name)
    label = label or name
    clock = time.perf_counter

    def timed(*a, **k):
        t = clock()
        try:
            return f(*a, **k)
        finally:
            SPENT[label] += clock() - t
            CALLS[label] += 1

    setattr(owner, name, timed)
    return timed


def instrument() -> None:
    import zengshou.lint as lint_module
    import zengshou.loader as loader
    import zengshou.submissions as submissions
    import zengshou.workspace as workspace
    from zengshou.rules import completeness, content, identity, indicators, timing
    from zengshou.rules.context import Context

    wrap(loader, "load_text", "load_text (parser)")
    submissions.read_bytes = wrap(loader, "read_bytes")
    wrap(loader, "decode")
    shown = wrap(loader, "display_path")
    submissions.display_path = workspace.display_path = shown
    wrap(submissions, "validate", "schema.validate")
    wrap(submissions, "squash", "squash (per text)")
    workspace.load_submission = wrap(submissions, "load_submission")
    wrap(Context, "texts", "Context.texts (C408 index)")
    wrap(Context, "previous", "Context.previous (C407)")
    wrap(content, "_bidi", "content._bidi (C409)")
    wrap(content, "char_count", "content.char_count (C405)")
    checks = [
        wrap(m, "check", m.__name__.rsplit(".", 1)[-1] + ".check")
        for m in (identity, content, completeness, timing, indicators)
    ]
    lint_module.SUBMISSION_CHECKS = tuple(checks)
    wrap(lint_module, "submission_files")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tree", type=Path, help="the folder holding data/ (e.g. one bench/run.py made)")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    instrument()
    from zengshou.lint import lint
    from zengshou.workspace import Workspace

    os.chdir(a.tree)
    runs = []
    for i in range(a.repeat + 1):
        SPENT.clear()
        CALLS.clear()
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        result = lint(Workspace.open(Path("data")), keep=False, jobs=1)
        if i:  # the first run warms the caches of the file system and of Python
            runs.append((time.perf_counter() - t0, time.process_time() - c0, dict(SPENT), dict(CALLS)))
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    print(
        f"{result.files_checked} files, {len(result.findings)} findings; median of {len(runs)}: {wall:.3f} s wall, {cpu:.3f} s CPU"
    )
    for label in runs[0][2]:
        spent = statistics.median(r[2].get(label, 0.0) for r in runs)
        print(f"  {label:<30} {spent:7.3f} s  {runs[0][3][label]:>6} calls")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
