#!/usr/bin/env python3
"""Time zengshou where users wait, beside the generic checkers a user could reach for instead.

    pip install -e . -r bench/requirements.txt
    python bench/run.py                  # the plan's full size (34 units x 12 quarters) + an 8,000-file tree
    python bench/run.py --quick          # without the 8,000-file tree
    python bench/run.py --repeat 3       # fewer runs per case

The full-size tree is what the plan produces: 34 reporting units x 12 quarters = 408 submissions,
every text 280-300 characters (bench/generate.py --chars 280-300). Cases, each the median of
--repeat runs (zengshou and its peer interleaved, run by run, so both see the same load):

* the pre-commit case: ``validate`` of the largest file of the latest quarter — without the cache,
  just edited (its own entry stale, the other files' cached), and unchanged — beside
  check-jsonschema on the same file;
* the whole tree without the cache, beside check-jsonschema (schema from ``zengshou schema
  progress``) and yamllint on the same files, once on a quiet machine and once with a CPU hog
  (``python -c "while 1: pass"``) holding a core, as on a shared CI runner;
* the whole tree again with the cache: unchanged, and with one file edited;
* ``merge`` of the latest quarter (34 full submissions, 12 quarters of history);
* ``merge --plan``: the whole plan's 呈报版 and 工作底稿 from the same 12 quarters;
* unless --quick: the 8,000-file tree (200 units x 40 quarters) without the cache, beside
  check-jsonschema.

Each row shows the median wall time, the median CPU time (user + system of the process and
its workers: what the machine's load cannot inflate much) and the peak resident memory of the
whole process tree. Python writes bytecode caches for these runs (PYTHONDONTWRITEBYTECODE is
dropped) and every command runs once before it is timed, as an installed tool would be.
Synthetic data goes to --workdir and is reused across runs (delete it to regenerate).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def tool(name: str) -> str | None:
    p = BIN / name
    return str(p) if p.exists() else shutil.which(name)


def _tree_rss_kb(root: int) -> int:
    """Sum of VmRSS over ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as fh:
                stat = fh.read().rsplit(b")", 1)[1].split()
            ppid = int(stat[1])
            children.setdefault(ppid, []).append(int(d))
            with open(f"/proc/{d}/statm", "rb") as fh:
                rss[int(d)] = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run_once(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak RSS in KB of the process tree, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            if os.path.isdir("/proc"):
                peak = max(peak, _tree_rss_kb(proc.pid))
            stop.wait(0.01)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, status, usage = os.wait4(proc.pid, 0)  # usage includes the workers the process waited for
    elapsed = time.perf_counter() - start
    stop.set()
    t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, max(peak, usage.ru_maxrss), proc.returncode


@dataclass
class Case:
    name: str
    cmd: list[str]
    expect: set[int] = field(default_factory=lambda: {0})
    before: object = None  # called before each run (e.g. edit a file)
    times: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    codes: set[int] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    @property
    def ok(self) -> bool:
        return not (self.codes - self.expect)

    def row(self) -> str:
        flag = "" if self.ok else f"  UNEXPECTED EXIT {sorted(self.codes - self.expect)}"
        return (
            f"  {self.name:<62} {self.median:7.3f} s {self.cpu:7.3f} s {max(self.peaks) / 1024:7.1f} MB"
            f"  (min {min(self.times):.3f}, max {max(self.times):.3f}){flag}"
        )


def measure(cases: list[Case], repeat: int, env: dict, warm: bool = True) -> list[Case]:
    """Run the cases round-robin ``repeat`` times (after one untimed warm-up run each)."""
    if warm:
        for c in cases:
            if c.before:
                c.before()
            run_once(c.cmd, ROOT, env)
    for _ in range(repeat):
        for c in cases:
            if c.before:
                c.before()
            t, cpu, rss, code = run_once(c.cmd, ROOT, env)
            c.times.append(t)
            c.cpus.append(cpu)
            c.peaks.append(rss)
            c.codes.add(code)
    for c in cases:
        print(c.row(), flush=True)
    return cases


class Hog:
    """A process that keeps one core busy while the cases inside the ``with`` run."""

    def __enter__(self):
        self.proc = subprocess.Popen([sys.executable, "-c", "while 1: pass"])
        time.sleep(0.3)
        return self

    def __exit__(self, *exc):
        self.proc.kill()
        self.proc.wait()


def generate(out: Path, *args: str) -> Path:
    data = out / "data"
    if not (data / "tasks.yaml").exists():
        print(f"generating {out} ({' '.join(args)}) …", flush=True)
        done = subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(out), *args])
        if done.returncode:
            sys.exit(f"generating {out} failed (exit {done.returncode}); see above")
    return data


class Editor:
    """Appends a new comment line to a file before each run (its own cache entry goes stale,
    the others stay fresh), and puts the file back afterwards."""

    def __init__(self, path: Path):
        self.path = path
        self.original = path.read_bytes()
        self.n = 0

    def __call__(self) -> None:
        self.n += 1
        self.path.write_bytes(self.original + f"# edit {self.n} {time.time_ns()}\n".encode())

    def restore(self) -> None:
        self.path.write_bytes(self.original)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--repeat", type=int, default=7, help="runs per case (median reported); the 8,000-file tree uses min(3, repeat)"
    )
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "zengshou-bench")
    ap.add_argument("--quick", action="store_true", help="skip the 8,000-file tree")
    ap.add_argument("--no-peers", action="store_true", help="skip check-jsonschema and yamllint")
    a = ap.parse_args()

    zs = tool("zengshou")
    if zs is None:
        print("zengshou is not installed in this Python: pip install -e .", file=sys.stderr)
        return 2
    cj, yl = (None, None) if a.no_peers else (tool("check-jsonschema"), tool("yamllint"))
    for name, path in (("check-jsonschema", cj), ("yamllint", yl)):
        if path is None and not a.no_peers:
            print(f"  {name} not installed: pip install -r bench/requirements.txt")
    full_dir = a.workdir / "plan-34x12-280-300"
    full = generate(full_dir, "--units", "34", "--quarters", "12", "--chars", "280-300")
    cache_dir = a.workdir / "cache"
    env = dict(os.environ, ZENGSHOU_LANG="en", ZENGSHOU_CACHE_DIR=str(cache_dir))
    for k in ("ZENGSHOU_DATA", "PYTHONDONTWRITEBYTECODE"):
        env.pop(k, None)
    shutil.rmtree(cache_dir, ignore_errors=True)
    schema = a.workdir / "progress.schema.json"
    schema.write_bytes(subprocess.run([zs, "schema", "progress"], check=True, capture_output=True, env=env).stdout)
    files = sorted(str(p) for p in (full / "progress").rglob("*.yaml"))
    latest = sorted(p for p in (full / "progress").iterdir() if p.is_dir())[-1]
    one = max(sorted(latest.glob("*.yaml")), key=lambda p: p.stat().st_size)  # a county: 67-70 rows
    n = len(files)
    validate = [zs, "validate", "--data", str(full)]

    print(
        f"zengshou benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; full-size tree: {n} submissions "
        f"({sum(os.path.getsize(f) for f in files) / 1e6:.1f} MB), one file = {one.parent.name}/{one.name} "
        f"({one.stat().st_size // 1024} KB)"
    )
    print(f"  {'case':<62} {'median':>9} {'CPU':>9} {'peak RSS':>10}")
    R = a.repeat

    print("start-up")
    floor, version = measure(
        [
            Case("python -c pass (the floor)", [sys.executable, "-c", "pass"]),
            Case("zengshou --version", [zs, "--version"]),
        ],
        R,
        env,
    )

    print("import --mail: a 14 MB message of 420,000 MIME parts (declined before parsing, F873)")
    bomb = a.workdir / "mail-bomb.eml"
    part = b"--B\r\nContent-Type: text/plain\r\n\r\nx\r\n"
    bomb.write_bytes(
        b"From: a@b.cn\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n" + part * 420_000 + b"--B--\r\n"
    )
    mail_bomb = measure(
        [Case("import --mail, 14 MB, 420,000 parts", [zs, "import", "--mail", str(bomb), "--data", str(full)], {1})],
        R,
        env,
    )[0]

    print("one file (the pre-commit hook)")
    edit = Editor(one)
    try:
        one_cases = [
            Case("validate FILE --no-cache", [*validate, "--no-cache", str(one)], {0, 1}),
            Case("validate FILE, just edited (the others cached)", [*validate, str(one)], {0, 1}, edit),
            Case("validate FILE, unchanged (cached)", [*validate, str(one)], {0, 1}),
        ]
        if cj:
            one_cases.append(Case("check-jsonschema FILE", [cj, "--schemafile", str(schema), str(one)]))
        measure(one_cases, R, env)
    finally:
        edit.restore()

    print(f"the whole tree ({n} files), no cache")
    quiet = [Case(f"validate --no-cache ({n} files)", [*validate, "--no-cache"])]
    if cj:
        quiet.append(Case(f"check-jsonschema ({n} files)", [cj, "--schemafile", str(schema), *files]))
    measure(quiet, R, env)
    lint_case = None
    if yl:  # ten times slower than the others: fewer runs
        lint_case = measure(
            [Case(f"yamllint -d relaxed ({n} files)", [yl, "-d", "relaxed", str(full / "progress")], {0, 1})],
            min(3, R),
            env,
            warm=False,
        )[0]
    print(f"the whole tree ({n} files), no cache, another process holding a core")
    busy = [Case(f"validate --no-cache ({n} files), core busy", [*validate, "--no-cache"])]
    if cj:
        busy.append(Case(f"check-jsonschema ({n} files), core busy", [cj, "--schemafile", str(schema), *files]))
    with Hog():
        measure(busy, R, env)

    print(f"the whole tree ({n} files) with the cache")
    subprocess.run(validate, env=env, stdout=subprocess.DEVNULL)  # fill it
    edit = Editor(one)
    try:
        cached = measure(
            [
                Case(f"validate, unchanged ({n} files)", validate),
                Case(f"validate, one file edited ({n} files)", validate, {0, 1}, edit),
            ],
            R,
            env,
        )
    finally:
        edit.restore()

    print("merge")
    out_dir = a.workdir / "reports"
    merge = measure(
        [
            Case(
                f"merge --quarter {latest.name} (34 x 280-300 chars, 12 quarters)",
                [zs, "merge", "--quarter", latest.name, "--data", str(full), "--out", str(out_dir)],
            )
        ],
        R,
        env,
    )[0]

    # the text rules' worst case (issue 28): a 4 MB submission of regional indicators, which the
    # grapheme matcher used to count in quadratic time (past two minutes); C405 counts it
    adv = a.workdir / "adversarial"
    if not (adv / "progress").exists():
        (adv / "progress" / "2023Q2").mkdir(parents=True)
        for name in ("tasks.yaml", "units.yaml"):
            shutil.copy(ROOT / "data" / name, adv / name)
        text = "\U0001f1e8" * 1_000_000
        body = f"unit: 市财政局\nquarter: 2023Q2\nitems:\n  - task: 13\n    progress: {text}\n"
        (adv / "progress" / "2023Q2" / "czj.yaml").write_text(body, encoding="utf-8")
    print("the text rules' worst case (4 MB of regional indicators)")
    worst = measure(
        [
            Case(
                "validate --no-cache (4 MB of regional indicators)",
                [zs, "validate", "--data", str(adv), "--no-cache"],
                {0, 1},
            )
        ],
        min(3, R),
        env,
    )[0]

    span = measure(  # issue 26: every quarter merged, lights, records, five files
        [
            Case(
                "merge --plan (34 x 280-300 chars, 12 quarters)",
                [zs, "merge", "--plan", "--data", str(full), "--out", str(out_dir)],
            )
        ],
        R,
        env,
    )[0]

    big_cases: list[Case] = []
    if not a.quick:
        big = generate(a.workdir / "tree-200x40", "--units", "200", "--quarters", "40")
        big_files = sorted(str(p) for p in (big / "progress").rglob("*.yaml"))
        print(f"the 8,000-file tree ({len(big_files)} files, 200 units x 40 quarters), no cache")
        big_cases = [
            Case(f"validate --no-cache ({len(big_files)} files)", [zs, "validate", "--data", str(big), "--no-cache"])
        ]
        if cj:
            big_cases.append(
                Case(f"check-jsonschema ({len(big_files)} files)", [cj, "--schemafile", str(schema), *big_files])
            )
        measure(big_cases, min(3, R), env, warm=False)

    print()
    budgets: list[tuple[str, bool]] = []

    def ratio(text: str, ours: Case, theirs: Case, at_least: float) -> None:
        r = theirs.median / ours.median
        print(f"  {text}: {r:.2f}x (CPU {theirs.cpu / max(ours.cpu, 1e-9):.2f}x)")
        budgets.append((f"{text} >= {at_least:g}x", r >= at_least and ours.ok and theirs.ok))

    budgets.append(("zengshou --version < 150 ms", version.median < 0.150))
    budgets.append(
        (
            "mail of 420,000 MIME parts declined <= 3 s, < 300 MB",
            mail_bomb.median <= 3.0 and max(mail_bomb.peaks) / 1024 < 300 and mail_bomb.ok,
        )
    )
    budgets.append(("validate one file, just edited, <= 300 ms", one_cases[1].median <= 0.300 and one_cases[1].ok))
    budgets.append(("validate one file --no-cache <= 300 ms", one_cases[0].median <= 0.300 and one_cases[0].ok))
    if cj:
        ratio("one file: check-jsonschema / validate --no-cache", one_cases[0], one_cases[3], 1.0)
        ratio(f"{n} files: check-jsonschema / validate --no-cache", quiet[0], quiet[1], 2.0)
        ratio(f"{n} files, core busy: check-jsonschema / validate --no-cache", busy[0], busy[1], 2.0)
    if lint_case:
        ratio(f"{n} files: yamllint / validate --no-cache", quiet[0], lint_case, 1.0)
    budgets.append((f"{n} files unchanged, cached <= 0.5 s", cached[0].median <= 0.5 and cached[0].ok))
    budgets.append(("merge of a full quarter <= 2 s", merge.median <= 2.0 and merge.ok))
    budgets.append(("4 MB of regional indicators validated <= 3 s", worst.median <= 3.0 and worst.ok))
    budgets.append(("merge --plan (12 full quarters) <= 10 s", span.median <= 10.0 and span.ok))
    if big_cases:
        budgets.append(("8,000 files: peak memory < 300 MB", max(big_cases[0].peaks) / 1024 < 300))
        if cj:
            ratio("8,000 files: check-jsonschema / validate --no-cache", big_cases[0], big_cases[1], 2.0)
    print()
    for text, passed in budgets:
        print(f"  [{'ok' if passed else 'MISS'}] {text}")
    print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0 if all(p for _, p in budgets) else 1


if __name__ == "__main__":
    sys.exit(main())
