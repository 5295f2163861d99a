"""Rule levels from configuration, in the conventional places.

Looked up, first found wins: ``zengshou.toml`` in the data directory, ``zengshou.toml`` beside
it (the repository root), then ``[tool.zengshou]`` in that root's ``pyproject.toml``::

    [tool.zengshou.rules]      # or [rules] in zengshou.toml
    C407 = "error"             # error | warning | off; a code or a rule name
    same-as-last-quarter = "off"
"""

from __future__ import annotations

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
        import tomllib  # here: most runs have no configuration file, and the import costs 10 ms

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
        return Config(levels, str(path), cache=bool(doc.get("cache", True)))
    return Config()
