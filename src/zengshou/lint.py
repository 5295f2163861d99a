"""The linter core: load → check → collect findings. It never prints and never exits.

``lint()`` checks the definitions, then every submission asked for (or all of them), runs the
rule families over each, applies the configured levels and the ``# zengshou: ignore[...]``
comments, and returns a :class:`Result` the CLI renders.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zengshou.cache import Cache, Cached
from zengshou.catalog import Catalog
from zengshou.config import Config, load_config
from zengshou.findings import Finding
from zengshou.quarters import Quarter
from zengshou.registry import RULES
from zengshou.rules import SUBMISSION_CHECKS
from zengshou.rules.context import Context
from zengshou.rules.definitions import check_definitions
from zengshou.submissions import Loaded, layout_findings, submission_files
from zengshou.workspace import Workspace


@dataclass
class Result:
    catalog: Catalog | None
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    sources: dict[str, str | dict[int, str]] = field(default_factory=dict)  # text, or just the lines shown
    submissions: list[Loaded] = field(default_factory=list)
    comments: dict[str, dict[int, str]] = field(default_factory=dict)  # suppression comments by file

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.level == "warning")

    def exit_code(self, strict: bool = False) -> int:
        if self.errors or (strict and self.warnings):
            return 1
        return 0

    def for_file(self, path: str) -> list[Finding]:
        return [f for f in self.findings if f.file == path]


def load_definitions(ws: Workspace) -> tuple[Catalog | None, list[Finding]]:
    """The catalog and every finding on ``tasks.yaml`` / ``units.yaml``: reading, structure and
    the definition rules. Checked once per workspace; findings are copies, since the linter
    sets their configured level."""
    if ws.definition_findings is None:
        found = list(ws.catalog_findings)
        docs = ws.definition_docs
        if ws.catalog is not None and docs:  # a workspace built around a given catalog trusts it
            found.extend(check_definitions(ws.catalog, docs["tasks.yaml"], docs["units.yaml"]))
        ws.definition_findings = found
    return ws.catalog, [dataclasses.replace(f) for f in ws.definition_findings]


def load_catalog(data_dir: Path | str) -> tuple[Catalog | None, list[Finding]]:
    """:func:`load_definitions` of a fresh workspace (library and script use)."""
    return load_definitions(Workspace.open(data_dir))


def lint(
    data_dir: Workspace | Path | str,
    paths: list[Path] | None = None,
    *,
    quarter: str | None = None,
    config: Config | None = None,
    keep: bool = True,
    jobs: int | None = None,
    today: date | None = None,
    cache: Cache | None = None,
) -> Result:
    """Check the definitions and the submissions.

    ``paths`` limits the run to those files (pre-commit passes the staged files); ``quarter``
    limits it to one quarter's folder. Definitions are always checked: every rule rests on them.
    ``keep=False`` drops each quarter's parsed files once checked (sources are kept only for files
    with findings), so a whole province's tree fits in little memory. ``jobs`` spreads quarters
    over processes; by default large runs use every core. ``cache`` (with ``keep=False``) reads
    the findings of files unchanged since a run that kept them, and keeps what this run finds
    (:mod:`zengshou.cache`; findings are the same with or without it).
    """
    with fewer_collections():
        return _lint(data_dir, paths, quarter, config, keep, jobs, today, cache)


@contextmanager
def fewer_collections(young: int = 50_000) -> Iterator[None]:
    """Run the cycle collector less often while files are checked. Each file makes thousands
    of small objects that reference counting frees at once; the collector, run every 700 of
    them by default, walks every young object each time and finds nothing: on the 408-file
    bench tree a serial run spent 7% of its time there (30 ms in 200 passes). Raising the first
    generation's threshold for the run (restored after) leaves a handful of passes and under a
    millisecond; garbage cycles, if any, are still collected."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], young), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _lint(
    data_dir: Workspace | Path | str,
    paths: list[Path] | None,
    quarter: str | None,
    config: Config | None,
    keep: bool,
    jobs: int | None,
    today: date | None,
    cache: Cache | None,
) -> Result:
    ws = data_dir if isinstance(data_dir, Workspace) else Workspace.open(data_dir)
    if today is not None:
        ws.today = today
    data_dir = ws.data_dir
    config = config or load_config(data_dir)
    cat, findings = load_definitions(ws)
    result = Result(cat)
    result.findings.extend(findings)
    result.files_checked = 2
    if cat is None or any(f.level == "error" for f in findings):
        return _finish(result, config)

    result.findings.extend(layout_findings(data_dir))
    files = submission_files(data_dir, paths, quarter)
    result.files_checked += len(files)
    partial = paths is not None
    off = frozenset(code for code, level in config.levels.items() if level == "off")
    known: Cached | None = None
    if cache is not None and not keep:
        ws.cache = cache
        known = Cached(cache, ws, config, partial)
    groups: list[tuple[str, list[Path], frozenset[Path]]] = [
        (folder, fs, frozenset()) for folder, fs in _by_folder(files)
    ]
    if known is not None:
        groups = known.plan(groups, result)
        files = [f for _, fs, skip in groups for f in fs if f not in skip]
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8) if len(files) >= PARALLEL_FROM and not keep else 1
    if jobs > 1 and len(groups) > 1:
        chunks = _split(groups, jobs)
        # imported here: only large runs pay for the process pool's start-up
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in mp.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=len(chunks), mp_context=mp.get_context(method)) as pool:
            work = [(Workspace(data_dir, cat, ws.today, cache=ws.cache), c, partial, keep, off) for c in chunks]
            parts = list(pool.map(_check_groups, work))
    else:
        parts = [_check_groups((ws, groups, partial, keep, off))]
    for f, sources, subs, comments, facts in parts:
        result.findings.extend(f)
        result.sources.update(sources)
        result.submissions.extend(subs)
        result.comments.update(comments)
        if known is not None:
            known.keep(f, sources, comments, facts)
    return _finish(result, config)


PARALLEL_FROM = 400  # files; below this, starting processes costs more than it saves


def _by_folder(files: list[Path]) -> list[tuple[str, list[Path]]]:
    groups: dict[str, list[Path]] = {}
    for f in files:
        groups.setdefault(f.parent.name, []).append(f)
    return sorted(groups.items())


def _split(groups: list, n: int) -> list[list]:
    """Contiguous runs of quarters with about equal numbers of files: the next quarter's C407
    then finds the previous quarter's texts in the same process."""
    total = sum(len(g[1]) for g in groups)
    chunks: list[list] = []
    cur: list = []
    size = 0
    for g in groups:
        cur.append(g)
        size += len(g[1])
        if size >= total / n * (len(chunks) + 1) and len(chunks) < n - 1:
            chunks.append(cur)
            cur = []
    if cur:
        chunks.append(cur)
    return chunks


def _check_groups(
    args,
) -> tuple[list[Finding], dict[str, str | dict[int, str]], list[Loaded], dict[str, dict[int, str]], dict]:
    """Check quarter folders in order. A folder comes with the files whose findings the cache
    already holds (``skip``): they are read light, for the texts the others compare against."""
    ws, groups, partial, keep, off = args
    ctx = Context(ws, partial=partial, off=off)
    findings: list[Finding] = []
    sources: dict[str, str | dict[int, str]] = {}
    comments: dict[str, dict[int, str]] = {}
    facts: dict[Path, dict] = {}  # what the cache keeps with a checked file's findings
    kept: list[Loaded] = []
    for folder, paths, skip in groups:
        loaded = [ws.peek(p) if p in skip else ws.submission(p) for p in paths]
        ctx.subs = loaded
        for path, sub in zip(paths, loaded, strict=True):
            if path in skip:
                continue
            mine = list(sub.doc.findings)
            if sub.model is not None:
                for check in SUBMISSION_CHECKS:
                    mine.extend(check(ctx, sub))
            findings.extend(mine)
            if keep:
                sources[sub.display] = sub.doc.text
                comments[sub.display] = sub.doc.comments
            elif mine:  # only the lines a report shows: a large tree must not keep every text
                shown = {f.line for f in mine if f.line}
                sources[sub.display] = _lines(sub.doc.text, shown)
                comments[sub.display] = {n: c for n, c in sub.doc.comments.items() if n in shown}
            if ws.cache is not None:
                facts[path] = _for_cache(sub, mine)
        if keep:
            kept.extend(loaded)
        else:  # memory stays flat: the folder's parsed files go (the context keeps compact texts)
            q = Quarter.try_parse(folder)
            ws.forget([folder, str(q.prev())] if q else [folder])
        ctx.done(folder)
    return findings, sources, kept, comments, facts


def _for_cache(sub: Loaded, found: list[Finding]) -> dict:
    """What the cache keeps of a checked file: its findings, the quarter it states (its C407 and
    C408 read that quarter and the one before) and its submission date (T603 compares it with
    today)."""
    submitted = sub.model.submitted if sub.model is not None else None
    return {
        "display": sub.display,
        "found": found,
        "quarter": str(sub.quarter) if sub.quarter else None,
        "submitted": submitted.isoformat() if submitted else None,
    }


def _lines(text: str, wanted: set[int]) -> dict[int, str]:
    lines = text.splitlines()
    return {n: lines[n - 1] for n in wanted if 0 < n <= len(lines)}


def _finish(result: Result, config: Config) -> Result:
    comments = result.comments
    kept = []
    for f in result.findings:
        level = config.level(f.code)
        if level == "off":
            continue
        f.level = level or f.level
        if f.line and _suppressed(comments.get(f.file, {}).get(f.line), f.code):
            continue
        kept.append(f)
    kept.sort(key=Finding.sort_key)
    result.findings = cap_per_file(kept)
    return result


MAX_PER_FILE = 100  # findings listed per file; the rest are counted in one S115 finding


def cap_per_file(findings: list[Finding], limit: int = MAX_PER_FILE) -> list[Finding]:
    """The first ``limit`` findings of each file (``findings`` sorted) and, where there were more,
    one S115 saying how many: a 4 MB file must not print a million lines. S115 is an error when
    an error was left out, else a warning, so the exit code stays what the full list gives."""
    out: list[Finding] = []
    i = 0
    while i < len(findings):
        j = i
        while j < len(findings) and findings[j].file == findings[i].file:
            j += 1
        out.extend(findings[i : min(j, i + limit)])
        if j - i > limit:
            rest = findings[i + limit : j]
            level = "error" if any(f.level == "error" for f in rest) else "warning"
            last = findings[j - 1]
            out.append(
                Finding(
                    "S115",
                    last.file,
                    last.line,
                    last.col,
                    {"total": j - i, "shown": limit, "more": j - i - limit},
                    level=level,
                )
            )
        i = j
    return out


def _suppressed(comment: str | None, code: str) -> bool:
    """``# zengshou: ignore`` silences every finding on the line, ``ignore[C405,C407]`` some."""
    if not comment:
        return False
    m = re.search(r"zengshou:\s*ignore(?:\[([^\]]*)\])?", comment)
    if not m:
        return False
    if m.group(1) is None:
        return True
    codes = {c.strip().upper() for c in m.group(1).split(",")}
    name = RULES[code].name if code in RULES else ""
    return code in codes or name.upper() in codes
