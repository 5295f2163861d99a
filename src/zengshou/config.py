"""Rule levels from configuration, in the conventional places.

Looked up, first found wins: ``zengshou.toml`` in the data directory, ``zengshou.toml`` beside
it (the repository root), then ``[tool.zengshou]`` in that root's ``pyproject.toml``::

    [tool.zengshou.rules]      # or [rules] in zengshou.toml
    C407 = "error"             # error | warning | off; a code or a rule name
    same-as-last-quarter = "off"

    [tool.zengshou.report]     # or [report] in zengshou.toml
    office = "桂林市乡村振兴局"  # 编制单位 printed on the merged report (default: tasks.yaml plan.office)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

LEVELS = ("error", "warning", "off")


class ConfigError(Exception):
    pass


@dataclass
class Config:
    levels: dict[str, str] = field(default_factory=dict)
    source: str | None = None
    cache: bool = True
    office: str | None = None  # [report] office: the 编制单位 of the merged report

    def level(self, code: str) -> str | None:
        return self.levels.get(code)


def load_config(data_dir: Path | str) -> Config:
    from zengshou.rules import by_name

    data_dir = Path(data_dir)
    root = data_dir.resolve().parent
    candidates = [(data_dir / "zengshou.toml", ()), (root / "zengshou.toml", ()), (root / "pyproject.toml", ("tool", "zengshou"))]
    for path, keys in candidates:
        if not path.is_file():
            continue
        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as e:
            raise ConfigError(f"{path}: {e}") from e
        for k in keys:
            doc = doc.get(k, {}) if isinstance(doc, dict) else {}
        if not doc and keys:
            continue
        levels = {}
        for name, level in (doc.get("rules") or {}).items():
            rule = by_name(str(name))
            if rule is None:
                raise ConfigError(f"{path}: unknown rule '{name}' in [rules]")
            if level not in LEVELS:
                raise ConfigError(f"{path}: rule {name}: level must be one of {', '.join(LEVELS)}, not {level!r}")
            levels[rule.code] = level
        report = doc.get("report") or {}
        office = report.get("office") if isinstance(report, dict) else None
        if office is not None and not isinstance(office, str):
            raise ConfigError(f"{path}: [report] office must be a string, not {office!r}")
        return Config(levels, str(path), cache=bool(doc.get("cache", True)), office=office)
    return Config()
