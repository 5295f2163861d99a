"""Findings are data (code + parameters), rendered to text only at the edge.

Keeping the message out of the finding lets one run print in Chinese or English, as JSON or
as CI annotations, and lets tests assert on codes and positions instead of prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zengshou.registry import RULES, Rule


@dataclass
class Finding:
    code: str
    file: str
    line: int | None = None
    col: int | None = None
    params: dict[str, Any] = field(default_factory=dict)
    level: str = ""  # filled from the rule registry (and config) by the linter core

    def __post_init__(self) -> None:
        if not self.level:
            rule = RULES.get(self.code)
            self.level = rule.level if rule else "error"

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    def message(self, lang: str = "zh") -> str:
        return self.rule.render(self.params, lang)

    def fix(self, lang: str = "zh") -> str:
        return self.rule.render_fix(self.params, lang)

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.col or 0, self.code)

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "rule": self.rule.name,
            "level": self.level,
            "message": self.message(lang),
            "fix": self.fix(lang),
            "params": {k: (v.get(lang, v["zh"]) if isinstance(v, dict) else v)
                       for k, v in self.params.items() if _jsonable(v)},
        }


def _jsonable(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool, type(None), list, dict))


def count(findings: list[Finding]) -> tuple[int, int]:
    errors = sum(1 for f in findings if f.level == "error")
    return errors, sum(1 for f in findings if f.level == "warning")
