"""The linter core: load → check → collect findings. It never prints and never exits.

``lint()`` checks the definitions, then every submission asked for (or all of them), runs the
rule families over each, applies the configured levels and the ``# zengshou: ignore[...]``
comments, and returns a :class:`Result` the CLI renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zengshou.catalog import Catalog, load_catalog
from zengshou.config import Config, load_config
from zengshou.findings import Finding
from zengshou.submissions import Loaded, load_submission, submission_files


@dataclass
class Result:
    catalog: Catalog | None
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    sources: dict[str, str] = field(default_factory=dict)
    submissions: list[Loaded] = field(default_factory=list)

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


def lint(data_dir: Path | str, paths: list[Path] | None = None, *, quarter: str | None = None,
         config: Config | None = None) -> Result:
    """Check the definitions and the submissions.

    ``paths`` limits the run to those files (pre-commit passes the staged files); ``quarter``
    limits it to one quarter's folder. Definitions are always checked: every rule rests on them.
    """
    data_dir = Path(data_dir)
    config = config or load_config(data_dir)
    cat, findings = load_catalog(data_dir)
    result = Result(cat)
    result.findings.extend(findings)
    result.files_checked = 2
    if cat is None or any(f.level == "error" for f in findings):
        return _finish(result, config)

    files = submission_files(data_dir, paths, quarter)
    result.files_checked += len(files)
    loaded = [load_submission(p, cat, data_dir) for p in files]
    result.submissions = loaded
    for sub in loaded:
        result.sources[sub.display] = sub.doc.text
        result.findings.extend(sub.doc.findings)
    from zengshou.rules import run_submission_rules

    result.findings.extend(run_submission_rules(cat, loaded, data_dir, quarter=quarter, partial=paths is not None))
    return _finish(result, config)


def _finish(result: Result, config: Config) -> Result:
    comments: dict[str, dict[int, str]] = {s.display: s.doc.comments for s in result.submissions}
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
    result.findings = kept
    return result


def _suppressed(comment: str | None, code: str) -> bool:
    """``# zengshou: ignore`` silences every finding on the line, ``ignore[C405,C407]`` some."""
    if not comment:
        return False
    import re

    m = re.search(r"zengshou:\s*ignore(?:\[([^\]]*)\])?", comment)
    if not m:
        return False
    if m.group(1) is None:
        return True
    codes = {c.strip().upper() for c in m.group(1).split(",")}
    from zengshou.rules import RULES

    name = RULES[code].name if code in RULES else ""
    return code in codes or name.upper() in codes
