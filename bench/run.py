#!/usr/bin/env python3
"""Time zengshou beside the generic checkers a user could reach for instead.

    pip install -e . -r bench/requirements.txt
    python bench/run.py                 # full run (generates ~260 MB of synthetic data once)
    python bench/run.py --repeat 3 --quick   # smaller tree (60 units x 12 quarters), for a smoke test

Every case runs --repeat times; the table shows the median wall time, the spread and the peak
resident memory of the whole process tree (parent and worker processes summed, sampled from
/proc every 10 ms; on systems without /proc, the largest single process from wait4). Synthetic
data goes to --workdir and is reused across runs (delete it to regenerate).
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


def run_once(cmd: list[str], cwd: Path, env: dict) -> tuple[float, int, int]:
    """(seconds, peak RSS in KB of the process tree, exit code)."""
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
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stop.set()
    t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, max(peak, usage.ru_maxrss), proc.returncode


def measure(name: str, cmd: list[str], cwd: Path, repeat: int, env: dict, expect: set[int]) -> dict:
    times, peaks, codes = [], [], set()
    for _ in range(repeat):
        t, rss, code = run_once(cmd, cwd, env)
        times.append(t)
        peaks.append(rss)
        codes.add(code)
    bad = codes - expect
    row = {"name": name, "median": statistics.median(times), "min": min(times), "max": max(times),
           "rss_mb": max(peaks) / 1024, "codes": sorted(codes), "ok": not bad}
    flag = "" if row["ok"] else f"  (unexpected exit {sorted(bad)})"
    print(f"  {name:<46} {row['median']:8.3f} s  peak {row['rss_mb']:7.1f} MB{flag}", flush=True)
    return row


def generate(out: Path, *args: str) -> Path:
    data = out / "data"
    if not (data / "tasks.yaml").exists():
        print(f"generating {out} ({' '.join(args)}) …", flush=True)
        done = subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(out), *args])
        if done.returncode:
            sys.exit(f"generating {out} failed (exit {done.returncode}); see above")
    return data


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="runs per case (median reported); big cases use min(3, repeat)")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "zengshou-bench")
    ap.add_argument("--quick", action="store_true", help="60 units x 12 quarters instead of 200 x 40")
    ap.add_argument("--no-peers", action="store_true", help="skip check-jsonschema and yamllint")
    a = ap.parse_args()

    zs = tool("zengshou")
    if zs is None:
        print("zengshou is not installed in this Python: pip install -e .", file=sys.stderr)
        return 2
    units, quarters = (60, 12) if a.quick else (200, 40)
    big = generate(a.workdir / f"tree-{units}x{quarters}", "--units", str(units), "--quarters", str(quarters))
    # the merge case: a full-size quarter (34 units, 300-character texts) in a tree of 12 full
    # quarters, whose earlier quarters feed the indicator series
    full = generate(a.workdir / "tree-34x12-full", "--units", "34", "--quarters", "12", "--full")
    full_q = "2024Q4"
    big_files = sorted(str(p) for p in (big / "progress").rglob("*.yaml"))
    env = dict(os.environ, ZENGSHOU_LANG="en")
    env.pop("ZENGSHOU_DATA", None)
    shipped = ROOT / "data"
    # the pre-commit case: the largest submission of the latest quarter (a county, 67–70 rows),
    # whose rules read the rest of its quarter folder and its previous quarter's file
    latest = sorted(p for p in (shipped / "progress").iterdir() if p.is_dir())[-1]
    one = max(sorted(latest.glob("*.yaml")), key=lambda p: p.stat().st_size)
    schema = a.workdir / "progress.schema.json"
    schema.write_bytes(subprocess.run([zs, "schema", "progress"], check=True, capture_output=True).stdout)
    out_dir = a.workdir / "reports"
    big_repeat = min(3, a.repeat)

    print(f"zengshou benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"synthetic tree {units} units x {quarters} quarters = {len(big_files)} files")
    rows = []
    ok = {0}
    rows.append(measure("python -c pass (floor)", [sys.executable, "-c", "pass"], ROOT, a.repeat, env, ok))
    rows.append(measure("zengshou --version", [zs, "--version"], ROOT, a.repeat, env, ok))
    rows.append(measure(f"zengshou validate ONE FILE ({one.parent.name}/{one.name})",
                        [zs, "validate", "--data", str(shipped), str(one)], ROOT, a.repeat, env, {0, 1}))
    rows.append(measure("zengshou validate (shipped data)", [zs, "validate", "--data", str(shipped)], ROOT, a.repeat, env, ok))
    rows.append(measure("zengshou merge (34 full, 12 quarters, all files)",
                        [zs, "merge", "--quarter", full_q, "--data", str(full), "--out", str(out_dir)],
                        ROOT, a.repeat, env, ok))
    z = measure(f"zengshou validate ({len(big_files)} files)", [zs, "validate", "--data", str(big)],
                ROOT, big_repeat, env, ok)
    rows.append(z)
    peers = {}
    if not a.no_peers:
        cj, yl = tool("check-jsonschema"), tool("yamllint")
        if cj:
            peers["check-jsonschema"] = measure(f"check-jsonschema ({len(big_files)} files)",
                                                [cj, "--schemafile", str(schema), *big_files], ROOT, big_repeat, env, ok)
            rows.append(peers["check-jsonschema"])
        else:
            print("  check-jsonschema not installed: pip install -r bench/requirements.txt")
        if yl:
            peers["yamllint"] = measure(f"yamllint -d relaxed ({len(big_files)} files)",
                                        [yl, "-d", "relaxed", str(big / "progress")], ROOT, big_repeat, env, {0, 1})
            rows.append(peers["yamllint"])
        else:
            print("  yamllint not installed: pip install -r bench/requirements.txt")

    print()
    print(f"{'case':<52} {'median':>9} {'min':>9} {'max':>9} {'peak RSS':>10}")
    for r in rows:
        print(f"{r['name']:<52} {r['median']:8.3f}s {r['min']:8.3f}s {r['max']:8.3f}s {r['rss_mb']:8.1f}MB"
              + ("" if r["ok"] else "  FAILED"))
    print()
    for name, p in peers.items():
        print(f"zengshou validate is {p['median'] / z['median']:.1f}x faster than {name} on the same {len(big_files)} files")
    budgets = [
        ("zengshou --version < 150 ms", rows[1]["median"] < 0.150),
        ("validate one file < 350 ms", rows[2]["median"] < 0.350),
        ("merge of a full quarter < 2 s", rows[4]["median"] < 2.0 and rows[4]["ok"]),
        ("big tree peak memory < 300 MB", z["rss_mb"] < 300),
    ]
    if "check-jsonschema" in peers:
        budgets.append(("big tree >= 2x faster than check-jsonschema", peers["check-jsonschema"]["median"] >= 2 * z["median"]))
    if "yamllint" in peers:
        budgets.append(("big tree faster than yamllint", peers["yamllint"]["median"] > z["median"]))
    print()
    for text, passed in budgets:
        print(f"  [{'ok' if passed else 'MISS'}] {text}")
    return 0 if all(p for _, p in budgets) and all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
