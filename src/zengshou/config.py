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
from zengshou.i18n import both

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
    rules = doc.get("rules") or {}  # a table: find_config checked the file against SCHEMA
    for name, level in rules.items():
        rule = by_name(str(name))
        if rule is None:
            raise ConfigError(both("config.unknown_rule", path=path, name=_short(name)))
        if level not in LEVELS:
            raise ConfigError(
                both("config.bad_level", path=path, name=name, levels=", ".join(LEVELS), level=_short(level))
            )
        levels[rule.code] = level
    return Config(
        levels,
        str(path),
        cache=doc.get("cache", True),
        deadlines=parse_deadlines(doc, path),
        office=_office(doc, path),
    )


def _office(doc: dict, path: Path) -> str | None:
    """``[report] office``: who signs the reminder notice, instead of ``plan.office``. Its type,
    length and characters were checked against :data:`zengshou.configfile.SCHEMA`."""
    office = (doc.get("report") or {}).get("office")
    return office.strip() if office else None


def _short(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."
