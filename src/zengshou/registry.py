"""The rule registry: every finding's code, default level, messages and docs.

A bottom-layer module: a finding looks up its rule here, and each family module in
:mod:`zengshou.rules` registers its rules here when imported. Nothing in this module imports a
family, so the registry, the findings and the loader stay below the rules that use them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zengshou.i18n import t, tr


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    level: str  # "error" | "warning"
    family: str
    summary: dict[str, str]
    message: dict[str, str]
    fix: dict[str, str]
    why: dict[str, str] = field(default_factory=dict)
    bad: str = ""
    good: str = ""
    hints: dict[str, dict[str, str]] = field(default_factory=dict)

    def render(self, params: dict[str, Any], lang: str) -> str:
        return tr(self.message, lang).format_map(_Safe(_fmt(params, lang)))

    def render_fix(self, params: dict[str, Any], lang: str) -> str:
        text = tr(self.fix, lang).format_map(_Safe(_fmt(params, lang)))
        hint = params.get("hint")
        if hint and hint in self.hints:
            text = tr(self.hints[hint], lang).format_map(_Safe(_fmt(params, lang))) + " " + text
        return text


def _fmt(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """Lists join with the language's separator; ``{"zh": .., "en": ..}`` values pick a language."""
    sep = t("sep.list", lang)
    out = {}
    for k, v in params.items():
        if isinstance(v, dict) and "zh" in v:
            v = tr(v, lang)
        elif isinstance(v, (list, tuple)):
            v = sep.join(map(str, v))
        out[k] = v
    return out


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, level: str, family: str, summary: dict, message: dict, fix: dict, **kw) -> Rule:
    if code in RULES:
        raise ValueError(f"duplicate rule code {code}")
    r = Rule(code, name, level, family, summary, message, fix, **kw)
    RULES[code] = r
    return r


def by_name(name_or_code: str) -> Rule | None:
    key = name_or_code.strip()
    if key.upper() in RULES:
        return RULES[key.upper()]
    for r in RULES.values():
        if r.name == key:
            return r
    return None
