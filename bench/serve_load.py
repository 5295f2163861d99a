#!/usr/bin/env python3
"""Load test of ``zengshou serve`` on 127.0.0.1: every unit saving concurrently.

    python bench/serve_load.py                   # 34 units, 60 s, each clerk saves every ~2 s
    python bench/serve_load.py --seconds 5       # the short run tests/test_serve_load.py makes
    python bench/serve_load.py --think 0.5       # harder: a save every ~0.5 s per unit

It generates the plan's full-size data (bench/generate.py: 34 units, 12 quarters, texts of
280-300 characters), removes the last quarter's files (the quarter being filled in), issues a
link per unit, starts ``zengshou serve`` as a user would, and runs one client thread per unit
(``http.client``, keep-alive): open the link, press the button, load the page, then save a
draft with every row rewritten (a unique marker per save) every ``--think`` seconds on average
(uniform between half and one and a half times that), as the browser's autosave would, until
``--seconds`` have passed.

Checked at the end, with the server stopped: no lost save (each unit's file holds exactly the
last text the server acknowledged for it), no torn file (every file parses, and every row is one
whole save's text), every acknowledged text is in the history folder, and no save was refused
or failed. Reported: saves, saves per second, latency p50/p95/p99/max of a save (request sent →
answer read), and whether p95 meets the target (--target-ms, 200). Exit 0 when nothing was lost
or torn and no request failed; 1 otherwise. Latency over the target is reported, not failed
(the machine's load decides it).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote_plus, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402

from zengshou.lint import load_catalog  # noqa: E402
from zengshou.web.state import FOLDER, ServerState  # noqa: E402

STOP = quote_plus("。")
FILL = "按照方案部署组织开展专项行动完成培训人次带动脱贫户增收建立工作台账跟踪落实推进产业发展"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "zengshou", "serve", "--port", str(port), "--data", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "ZENGSHOU_LANG": "zh"},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"the server did not start: {proc.stderr.read().decode()}") from None
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start in 30 s")


class Clerk(threading.Thread):
    """One unit's browser: open the link, then save drafts until the end."""

    def __init__(self, port: int, unit: str, token: str, until: float, think: float, seed: int):
        super().__init__(name=f"clerk-{unit}", daemon=True)
        self.port, self.unit, self.token, self.until, self.think = port, unit, token, until, think
        self.rand = random.Random(seed)
        self.cookies: dict[str, str] = {}
        self.latencies: list[float] = []
        self.acked: list[str] = []  # markers of the saves the server acknowledged, in order
        self.last_texts: dict[str, str] = {}
        self.failures: list[str] = []
        # texts to save, each with its form encoding: 100-260 characters of office prose
        self.pool = []
        for _ in range(24):
            text = "".join(self.rand.choice(FILL) for _ in range(self.rand.randint(100, 260)))
            self.pool.append((text, quote_plus(text)))

    def request(self, conn, method: str, path: str, body: dict | str | None = None, accept: str = "text/html"):
        headers = {"Accept": accept, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = (body if isinstance(body, str) else urlencode(body)).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8")
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie":
                name, value = v.split(";", 1)[0].split("=", 1)
                if "Max-Age=0" in v or value in ('""', ""):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        return resp.status, text

    def run(self) -> None:
        try:
            self._run()
        except Exception as e:  # reported, not raised: the other clerks go on
            self.failures.append(f"{type(e).__name__}: {e}")

    def _run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        status, page = self.request(conn, "GET", f"/t/{self.token}")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        status, _ = self.request(conn, "POST", f"/t/{self.token}", {"csrf": csrf})
        if status != 303:
            raise RuntimeError(f"opening the link: {status}")
        status, page = self.request(conn, "GET", "/u")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        base = re.search(r'name="base" value="([^"]*)"', page).group(1)
        rows = re.findall(r'name="progress\.(\d+)"', page)
        n = 0
        time.sleep(self.rand.uniform(0, self.think))  # clerks do not start in step
        while time.monotonic() < self.until:
            n += 1
            marker = f"{self.unit}-{n:05d}"
            texts = {r: f"{marker} 第{r}项：{self.pool[(n + i) % len(self.pool)][0]}。" for i, r in enumerate(rows)}
            # the form, encoded from parts encoded once: the client's own work stays small, so
            # the latency measured is the server's (the clerks share one interpreter)
            body = "&".join(
                [urlencode({"csrf": csrf, "base": base, "action": "draft"})]
                + [
                    f"progress.{r}={quote_plus(marker)}+{quote_plus(f'第{r}项：')}{self.pool[(n + i) % len(self.pool)][1]}{STOP}"
                    for i, r in enumerate(rows)
                ]
            )
            t0 = time.perf_counter()
            status, answer = self.request(conn, "POST", "/u", body, accept="application/json")
            self.latencies.append(time.perf_counter() - t0)
            got = json.loads(answer)
            if status != 200 or not got.get("ok"):
                self.failures.append(f"save {marker}: {status} {got.get('kind')}")
                break
            base = got["base"]
            self.acked.append(marker)
            self.last_texts = texts
            time.sleep(self.rand.uniform(0.5, 1.5) * self.think)
        conn.close()


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux /proc), None elsewhere: what a save
    costs the server, whatever else the machine is doing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * len(s) + 0.5) - 1))
    return s[k]


def prepare(workdir: Path) -> tuple[Path, str]:
    """A full-size data directory with the latest quarter's files removed: the quarter being filled."""
    data = workdir / "data"
    if data.exists():
        shutil.rmtree(data)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate.py"),
            str(workdir),
            "--units",
            "34",
            "--quarters",
            "12",
            "--chars",
            "280-300",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    quarter = sorted(p.name for p in (data / "progress").iterdir())[-1]
    shutil.rmtree(data / "progress" / quarter)
    return data, quarter


def check(data: Path, quarter: str, clerks: list[Clerk]) -> dict:
    """Lost and torn files, and every acknowledged save in the history."""
    lost, torn, missing_history = [], [], []
    history_text: dict[str, str] = {}
    state = ServerState(data)
    for c in clerks:
        path = data / "progress" / quarter / f"{c.unit}.yaml"
        if not c.acked:
            continue
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            got = {str(it["task"]): it["progress"] for it in doc["items"]}
        except Exception as e:  # noqa: BLE001 - any failure to read back is a torn file
            torn.append(f"{c.unit}: {type(e).__name__}")
            continue
        markers = {v.split(" ", 1)[0] for v in got.values()}
        if len(markers) != 1:
            torn.append(f"{c.unit}: rows from {len(markers)} different saves")
        if got != c.last_texts:
            lost.append(c.unit)
        history_text[c.unit] = "\n".join(p.read_text(encoding="utf-8") for p in state.history(quarter, c.unit))
        missing_history += [m for m in c.acked if f"{m} " not in history_text[c.unit]]
    return {"lost": lost, "torn": torn, "missing_history": missing_history}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--think", type=float, default=2.0, help="mean seconds between one unit's saves")
    ap.add_argument("--target-ms", type=float, default=200)
    ap.add_argument("--workdir", type=Path, default=None, help="where the data goes (default: a temporary folder)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = ap.parse_args(argv)

    tmp = None
    if a.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="zengshou-serve-load-")
        a.workdir = Path(tmp.name)
    try:
        data, quarter = prepare(a.workdir)
        cat, _ = load_catalog(data)
        assert cat is not None
        units = cat.reporters(quarter)
        tokens = ServerState(data).issue(quarter, units)
        port = free_port()
        proc = start_server(data, port)
        try:
            until = time.monotonic() + a.seconds
            clerks = [Clerk(port, u, tokens[u], until, a.think, seed=i) for i, u in enumerate(units)]
            t0 = time.monotonic()
            cpu0 = cpu_seconds(proc.pid)
            for c in clerks:
                c.start()
            for c in clerks:
                c.join(a.seconds + 120)
            elapsed = time.monotonic() - t0
            cpu1 = cpu_seconds(proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        found = check(data, quarter, clerks)
        validate = subprocess.run(
            [sys.executable, "-m", "zengshou", "validate", "--quarter", quarter, "--data", str(data)],
            capture_output=True,
            text=True,
        )
        lat = [x for c in clerks for x in c.latencies]
        saves = sum(len(c.acked) for c in clerks)
        failures = [f"{c.unit}: {f}" for c in clerks for f in c.failures]
        report = {
            "units": len(units),
            "seconds": round(elapsed, 1),
            "think_s": a.think,
            "saves": sum(len(c.acked) for c in clerks),
            "saves_per_s": round(sum(len(c.acked) for c in clerks) / elapsed, 1),
            "p50_ms": round(percentile(lat, 50) * 1000, 1),
            "p95_ms": round(percentile(lat, 95) * 1000, 1),
            "p99_ms": round(percentile(lat, 99) * 1000, 1),
            "max_ms": round(max(lat) * 1000, 1) if lat else None,
            "target_ms": a.target_ms,
            "server_cpu_ms_per_save": round((cpu1 - cpu0) * 1000 / max(1, saves), 1)
            if cpu0 is not None and cpu1 is not None
            else None,
            "load_average": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
            "cpus": os.cpu_count(),
            "lost": len(found["lost"]),
            "torn": len(found["torn"]),
            "missing_from_history": len(found["missing_history"]),
            "failed_requests": len(failures),
            "validate_exit": validate.returncode,
            "history_files": sum(len(ServerState(data).history(quarter, u)) for u in units),
            "state_folder": FOLDER,
        }
        if a.json:
            print(json.dumps(report, ensure_ascii=False, indent=1))
        else:
            print(
                f"zengshou serve, {report['units']} units saving concurrently for {report['seconds']} s "
                f"(a save every ~{a.think} s per unit) on 127.0.0.1\n"
                f"  saves: {report['saves']} ({report['saves_per_s']}/s), history files: {report['history_files']}\n"
                f"  save latency: p50 {report['p50_ms']} ms, p95 {report['p95_ms']} ms, p99 {report['p99_ms']} ms, "
                f"max {report['max_ms']} ms — target p95 <= {a.target_ms:.0f} ms: "
                f"{'met' if report['p95_ms'] <= a.target_ms else 'NOT met'}\n"
                f"  server CPU per save: {report['server_cpu_ms_per_save']} ms; load average {report['load_average']} "
                f"on {report['cpus']} CPUs\n"
                f"  lost: {report['lost']}, torn: {report['torn']}, acknowledged saves missing from the history: "
                f"{report['missing_from_history']}, failed requests: {report['failed_requests']}\n"
                f"  zengshou validate --quarter {quarter}: exit {validate.returncode}"
            )
        if validate.returncode:
            print(validate.stdout[-2000:], file=sys.stderr)
        for line in (found["lost"] + found["torn"] + found["missing_history"] + failures)[:20]:
            print("  !", line, file=sys.stderr)
        bad = report["lost"] or report["torn"] or report["missing_from_history"] or failures or not report["saves"]
        return 1 if bad else 0
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    raise SystemExit(main())
