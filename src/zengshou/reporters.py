"""Reporters turn findings into text: human text, JSON, GitHub annotations.

They sit behind one interface in a name → class dict, so every command that reports findings
offers the same formats. Reporters return strings; only the CLI writes them.
"""

from __future__ import annotations

import json
from collections import defaultdict

from zengshou.findings import Finding, count
from zengshou.i18n import w


class Reporter:
    def __init__(self, lang: str = "zh", sources: dict[str, str] | None = None, files_checked: int = 0):
        self.lang = lang
        self.sources = sources or {}
        self.files_checked = files_checked

    def render(self, findings: list[Finding]) -> str:  # pragma: no cover - interface
        raise NotImplementedError


class TextReporter(Reporter):
    """``file:line:col CODE message``, grouped by file, the source line and a fix underneath."""

    def render(self, findings: list[Finding]) -> str:
        lines: list[str] = []
        by_file: dict[str, list[Finding]] = defaultdict(list)
        for f in sorted(findings, key=Finding.sort_key):
            by_file[f.file].append(f)
        for file, items in by_file.items():
            src = self.sources.get(file)
            src_lines = src.splitlines() if src else []
            for f in items:
                where = f"{f.file}:{f.line or '-'}:{f.col or '-'}"
                lines.append(f"{where} {f.code} {w(f.level, self.lang)} {f.message(self.lang)}")
                if f.line and 0 < f.line <= len(src_lines):
                    text, col = _excerpt(src_lines[f.line - 1], f.col or 1)
                    lines.append(f"    {f.line:>4} | {text}")
                    if f.col:
                        lines.append("         | " + _caret_pad(text, col) + "^")
                fix = f.fix(self.lang)
                if fix:
                    lines.append(("    → " if self.lang == "zh" else "    → ") + fix)
            lines.append("")
        lines.append(summary(findings, self.files_checked, self.lang))
        return "\n".join(lines) + "\n"


def _excerpt(text: str, col: int, width: int = 100) -> tuple[str, int]:
    """At most ``width`` characters of a source line around ``col`` (a 5,000-character line
    must not flood the terminal); returns the excerpt and the column within it."""
    if len(text) <= width:
        return text, col
    start = max(0, min(col - 1 - width // 3, len(text) - width))
    cut = text[start:start + width]
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix + cut + suffix, col - start + len(prefix)


def _caret_pad(text: str, col: int) -> str:
    """Spaces up to column ``col``, counting wide (CJK) characters as two cells."""
    import unicodedata

    pad = ""
    for ch in text[: col - 1]:
        pad += "\t" if ch == "\t" else ("  " if unicodedata.east_asian_width(ch) in "WF" else " ")
    return pad


def summary(findings: list[Finding], files: int, lang: str) -> str:
    e, wn = count(findings)
    if lang == "zh":
        if not findings:
            return f"检查了 {files} 个文件，没有发现问题。"
        return f"检查了 {files} 个文件：{e} 个错误，{wn} 个警告。"
    if not findings:
        return f"Checked {files} file(s): no problems found."
    return f"Checked {files} file(s): {e} error(s), {wn} warning(s)."


class JsonReporter(Reporter):
    """A stable document: ``{"version": 1, "summary": {...}, "findings": [...]}``."""

    def render(self, findings: list[Finding]) -> str:
        e, wn = count(findings)
        doc = {
            "version": 1,
            "summary": {"files": self.files_checked, "errors": e, "warnings": wn},
            "findings": [f.as_dict(self.lang) for f in sorted(findings, key=Finding.sort_key)],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""

    limit = 50

    def render(self, findings: list[Finding]) -> str:
        lines = []
        items = sorted(findings, key=Finding.sort_key)
        for f in items[: self.limit]:
            props = [f"file={_gh_escape(f.file, True)}"]
            if f.line:
                props.append(f"line={f.line}")
            if f.col:
                props.append(f"col={f.col}")
            props.append(f"title={_gh_escape(f.code + ' ' + f.rule.name, True)}")
            msg = f.message(self.lang)
            fix = f.fix(self.lang)
            lines.append(f"::{f.level} {','.join(props)}::{_gh_escape(msg + ('  ' + fix if fix else ''))}")
        if len(items) > self.limit:
            more = len(items) - self.limit
            lines.append(f"::notice title=zengshou::{_gh_escape(f'{more} more finding(s) not annotated; see the log')}")
        # readable log too: the plain text report follows the annotations
        lines.append(TextReporter(self.lang, self.sources, self.files_checked).render(findings).rstrip("\n"))
        return "\n".join(lines) + "\n"


REPORTERS: dict[str, type[Reporter]] = {"text": TextReporter, "json": JsonReporter, "github": GithubReporter}


def render_text(findings: list[Finding], lang: str, sources: dict[str, str] | None = None, files: int = 0) -> str:
    return TextReporter(lang, sources, files).render(findings)
