"""Where configuration lives and what the catalog needs from it: the per-quarter deadlines.

Below the rules (the workspace reads ``[deadlines]`` into the catalog it builds), so it knows
nothing of rule names; :mod:`zengshou.config` reads the rest (rule levels) on top of it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path


class ConfigError(Exception):
    """A configuration file cannot be used; the message names the file, the key and what to write."""


def _candidates(data_dir: Path) -> list[tuple[Path, tuple[str, ...]]]:
    root = data_dir.resolve().parent
    return [(data_dir / "zengshou.toml", ()), (root / "zengshou.toml", ()), (root / "pyproject.toml", ("tool", "zengshou"))]


def find_config(data_dir: Path | str) -> tuple[Path, dict] | None:
    """The first configuration file that exists (and, for pyproject.toml, has a zengshou table)."""
    for path, keys in _candidates(Path(data_dir)):
        if not path.is_file():
            continue
        import tomllib  # here: most runs have no configuration file, and the import costs ~10 ms

        try:
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as e:
            raise ConfigError(f"{path}: {e}") from e
        for k in keys:
            doc = doc.get(k, {}) if isinstance(doc, dict) else {}
        if not doc and keys:
            continue
        return path, doc
    return None


def load_deadlines(data_dir: Path | str) -> dict[str, date]:
    """Only the ``[deadlines]`` table: the catalog needs it, and must not depend on the rules."""
    found = find_config(data_dir)
    return parse_deadlines(found[1], found[0]) if found else {}


_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_deadlines(doc: dict, path: Path | str) -> dict[str, date]:
    """``[deadlines]``: quarter = last on-time day. A coordinator moves one quarter's deadline
    (the 6 October deadline of every third quarter falls in the National Day holiday).

    The day must be after the quarter has ended and before the next quarter ends: anything else
    is a typo in the year or the quarter, and would silently make every report late or on time.
    """
    table = doc.get("deadlines")
    if table is None:
        return {}
    where = f"{path}: [deadlines]"
    if not isinstance(table, dict):
        raise ConfigError(f'{where} must be a table of lines such as 2023Q3 = "2023-10-09"')
    out: dict[str, date] = {}
    for key, value in table.items():
        m = _QUARTER.match(str(key).strip().upper())
        if not m:
            raise ConfigError(f'{where}: {key!r} is not a quarter; write e.g. 2023Q3 = "2023-10-09"')
        year, q = int(m.group(1)), int(m.group(2))
        day = _as_date(value)
        if day is None:
            raise ConfigError(f'{where} {key}: {value!r} is not a date; write it as "YYYY-MM-DD", e.g. "2023-10-09"')
        end = date(year, 3 * q, 31 if q in (1, 4) else 30)
        nxt_end = date(year + (q == 4), 3 * (q % 4 + 1), 31 if q % 4 + 1 in (1, 4) else 30)
        if not end < day <= nxt_end:
            raise ConfigError(f"{where} {key}: {day.isoformat()} must fall after the quarter ends ({end.isoformat()}) "
                              f"and by {nxt_end.isoformat()}")
        label = f"{year}Q{q}"
        if label in out:
            raise ConfigError(f"{where}: {label} is given twice")
        out[label] = day
    return out


def _as_date(value) -> date | None:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str) and _DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
