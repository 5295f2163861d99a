"""Reporters turn findings into text: human text, JSON, GitHub annotations.

They sit behind one interface in a name → class dict, so every command that reports findings
offers the same formats. Reporters return strings; only the CLI writes them.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping

from zengshou.findings import Finding, count
from zengshou.i18n import t
from zengshou.text import visible


class Reporter:
    def __init__(
        self, lang: str = "zh", sources: Mapping[str, str | dict[int, str]] | None = None, files_checked: int = 0
    ):
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
            if isinstance(src, str):
                src = dict(enumerate(src.splitlines(), 1))
            src = src or {}
            for f in items:
                # every text from a file or a finding is made visible: a value may hold ESC
                # (a terminal escape) or a line break followed by `::` (a GitHub command)
                where = f"{visible(f.file)}:{f.line or '-'}:{f.col or '-'}"
                lines.append(f"{where} {f.code} {t('level.' + f.level, self.lang)} {visible(f.message(self.lang))}")
                if f.line and f.line in src:
                    text, col = _excerpt(src[f.line], f.col or 1)
                    shown = visible(text, keep="\t")
                    lines.append(f"    {f.line:>4} | {shown}")
                    if f.col:
                        before = visible(text[: col - 1], keep="\t")  # the caret under the same character
                        lines.append("         | " + _caret_pad(before, len(before) + 1) + "^")
                fix = f.fix(self.lang)
                if fix:
                    lines.append("    → " + visible(fix))
            lines.append("")
        lines.append(summary(findings, self.files_checked, self.lang))
        return "\n".join(lines) + "\n"


def _excerpt(text: str, col: int, width: int = 100) -> tuple[str, int]:
    """At most ``width`` characters of a source line around ``col`` (a 5,000-character line
    must not flood the terminal); returns the excerpt and the column within it."""
    if len(text) <= width:
        return text, col
    start = max(0, min(col - 1 - width // 3, len(text) - width))
    cut = text[start : start + width]
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
    if not findings:
        return t("findings.clean", lang, files=files)
    return t("findings.summary", lang, files=files, errors=e, warnings=wn)


class JsonReporter(Reporter):
    """A stable document: ``{"version": 1, "summary": {...}, "findings": [...]}``."""

    def render(self, findings: list[Finding]) -> str:
        e, wn = count(findings)
        doc = {
            "version": 1,
            "summary": {"files": self.files_checked, "errors": e, "warnings": wn},
            "findings": [f.as_dict(self.lang) for f in sorted(findings, key=Finding.sort_key)],
        }
        # JSON escapes C0 itself; C1 controls, separators and bidi overrides are valid raw in a
        # JSON string but act in a terminal, so they are written as \uXXXX (same value parsed)
        return (
            _JSON_INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(doc, ensure_ascii=False, indent=2))
            + "\n"
        )


_JSON_INVISIBLE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _gh_escape(s: str, prop: bool = False) -> str:
    """Escape workflow-command data (``%``, CR, LF) and, for properties, also ``:`` and ``,``.
    Other control characters are made visible (``\\x1b``): the runner's log is a terminal too."""
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    s = visible(s)
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``.

    GitHub shows at most 10 error and 10 warning annotations per step and drops the rest
    silently, so at most ``per_level`` of each are emitted (errors and files in order) and a
    notice says how many more there are. Every finding is also printed as text, one
    collapsible ``::group::`` per file, so the log stays readable and complete.
    """

    per_level = 10

    def annotation(self, f: Finding) -> str:
        props = [f"file={_gh_escape(f.file, True)}"]
        if f.line:
            props.append(f"line={f.line}")
            if f.col:
                props.append(f"col={f.col}")
        props.append(f"title={_gh_escape(f.code + ' ' + f.rule.name, True)}")
        msg = f.message(self.lang)
        fix = f.fix(self.lang)
        level = f.level if f.level in ("error", "warning") else "notice"
        return f"::{level} {','.join(props)}::{_gh_escape(msg + (chr(10) + fix if fix else ''))}"

    def render(self, findings: list[Finding]) -> str:
        items = sorted(findings, key=Finding.sort_key)
        by_file: dict[str, list[Finding]] = defaultdict(list)
        for f in items:
            by_file[f.file].append(f)
        text = TextReporter(self.lang, self.sources, self.files_checked)
        lines: list[str] = []
        for file, group in by_file.items():
            e, wn = count(group)
            head = t("findings.file_head", self.lang, file=file, errors=e, warnings=wn)
            lines.append(f"::group::{_gh_escape(head)}")
            # the file's findings, no summary; a line never starts with `::` from user data
            # (a file named `::stop-commands::x.yaml`), which the runner would obey
            lines.extend(
                " " + ln if ln.startswith("::") else ln for ln in text.render(group).rstrip("\n").splitlines()[:-1]
            )
            if lines[-1] == "":
                lines.pop()
            lines.append("::endgroup::")
        shown: dict[str, int] = defaultdict(int)
        skipped: dict[str, int] = defaultdict(int)
        for f in sorted(items, key=lambda f: (f.level != "error",) + f.sort_key()):
            if shown[f.level] < self.per_level:
                shown[f.level] += 1
                lines.append(self.annotation(f))
            else:
                skipped[f.level] += 1
        if skipped:
            e, wn = skipped.get("error", 0), skipped.get("warning", 0)
            more = t("findings.gh_more", self.lang, errors=e, warnings=wn, per=self.per_level)
            lines.append(f"::notice title=zengshou::{_gh_escape(more)}")
        lines.append(summary(findings, self.files_checked, self.lang))
        return "\n".join(lines) + "\n"


REPORTERS: dict[str, type[Reporter]] = {"text": TextReporter, "json": JsonReporter, "github": GithubReporter}


def render_text(
    findings: list[Finding], lang: str, sources: Mapping[str, str | dict[int, str]] | None = None, files: int = 0
) -> str:
    return TextReporter(lang, sources, files).render(findings)
