"""Configuration, in the conventional places: rule levels and per-quarter deadlines.

Looked up, first found wins: ``zengshou.toml`` in the data directory, ``zengshou.toml`` beside
it (the repository root), then ``[tool.zengshou]`` in that root's ``pyproject.toml``::

    [tool.zengshou.rules]      # or [rules] in zengshou.toml
    C407 = "error"             # error | warning | off; a code or a rule name
    same-as-last-quarter = "off"

    [tool.zengshou.deadlines]  # or [deadlines] in zengshou.toml
    2023Q3 = "2023-10-09"      # the last day a 2023Q3 report counts as on time (holidays)

    [tool.zengshou.report]     # or [report] in zengshou.toml
    office = "桂林市乡村振兴局"  # who signs notices (落款); default: plan.office in tasks.yaml
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zengshou.configfile import ConfigError, find_config, parse_deadlines

__all__ = ["LEVELS", "Config", "ConfigError", "load_config"]

LEVELS = ("error", "warning", "off")


@dataclass
class Config:
    levels: dict[str, str] = field(default_factory=dict)
    source: str | None = None
    cache: bool = True
    deadlines: dict[str, date] = field(default_factory=dict)  # quarter → last on-time day
    office: str | None = None  # [report] office: overrides plan.office (the notice's 落款)

    def level(self, code: str) -> str | None:
        return self.levels.get(code)


def load_config(data_dir: Path | str) -> Config:
    from zengshou.rules import by_name

    found = find_config(data_dir)
    if found is None:
        return Config()
    path, doc = found
    levels = {}
    rules = doc.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError(f"{path}: [rules] must be a table of rule = level lines")
    for name, level in rules.items():
        rule = by_name(str(name))
        if rule is None:
            raise ConfigError(f"{path}: unknown rule '{name}' in [rules]")
        if level not in LEVELS:
            raise ConfigError(f"{path}: rule {name}: level must be one of {', '.join(LEVELS)}, not {level!r}")
        levels[rule.code] = level
    return Config(levels, str(path), cache=bool(doc.get("cache", True)), deadlines=parse_deadlines(doc, path),
                  office=_office(doc, path))


def _office(doc: dict, path: Path) -> str | None:
    """``[report] office``: who signs the reminder notice, instead of ``plan.office``."""
    report = doc.get("report") or {}
    if not isinstance(report, dict):
        raise ConfigError(f"{path}: [report] must be a table, e.g. office = \"桂林市乡村振兴局\"")
    office = report.get("office")
    if office is not None and (not isinstance(office, str) or not office.strip()):
        raise ConfigError(f"{path}: [report] office must be a non-empty text, not {office!r}")
    return office.strip() if office else None
