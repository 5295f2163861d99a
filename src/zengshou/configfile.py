"""Where configuration lives and what the catalog needs from it: the per-quarter deadlines.

Below the rules (the workspace reads ``[deadlines]`` into the catalog it builds), so it knows
nothing of rule names; :mod:`zengshou.config` reads the rest (rule levels) on top of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path


class ConfigError(Exception):
    """A configuration file cannot be used; the message names the file, the key and what to write.

    Carries the message in both languages (``pair``) or, from older call sites, one text;
    ``str()`` is the English one."""

    def __init__(self, message: str | dict[str, str]):
        self.pair = message if isinstance(message, dict) else {"zh": message, "en": message}
        super().__init__(self.pair["en"])

    def text(self, lang: str) -> str:
        return self.pair.get(lang) or self.pair["en"]


def _error(message: str, /, **params: object) -> ConfigError:
    from zengshou.i18n import both

    return ConfigError(both(message, **params))


# ---------------------------------------------------------------- what a configuration may hold
#
# Every key a configuration file may hold is declared here, once: its type, its bounds and an
# example of what to write. A key not declared, or a value of the wrong type or out of bounds,
# is an error naming the file, the key and the example — a typo ([deadline] for [deadlines],
# cache = "false") must not be silently ignored. To add a setting, add a line to SCHEMA (and
# read it where it is used); a section is a dict of its keys.


@dataclass(frozen=True)
class Value:
    """One setting: ``kind`` is ``bool``, ``text``, ``int`` or ``map`` (a table whose keys are
    free — rule names, quarters — checked by the code that reads it), or ``send`` (a sending
    setting: its type, range and choices are checked by ``zengshou.outbox.settings``, whose errors
    never echo the value, as it may be a password or a webhook's key); ``example`` is a TOML line
    that shows what to write."""

    kind: str
    example: str
    max_len: int = 200  # text: characters; map: entries
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()  # text: the only values allowed
    pattern: str | None = None  # text: a regular expression the whole value must match


Section = dict[str, Value]

#: every key of a configuration file (``zengshou.toml``, or ``[tool.zengshou]`` in pyproject.toml)
SCHEMA: dict[str, Value | Section] = {
    "cache": Value("bool", "cache = false"),
    "rules": Value("map", '[rules] C407 = "error"   # error | warning | off', max_len=500),
    "deadlines": Value("map", '[deadlines] 2023Q3 = "2023-10-09"', max_len=400),  # SCHEMA_DEADLINES
    "report": {
        "office": Value("text", '[report] office = "桂林市乡村振兴局"', max_len=60),
    },
    # sending reminders, review comments and receipts (docs/sending.md, zengshou.outbox.settings)
    "smtp": {
        k: Value("send", f'[smtp] {k} = ""  # docs/sending.md', max_len=500)
        for k in ("host", "port", "security", "user", "password", "from", "from_name", "reply_to", "timeout", "charset")
    },
    "wecom": {"webhook": Value("send", '[wecom] webhook = "https://qyapi.weixin.qq.com/…"', max_len=500)},
    "dingtalk": {
        "webhook": Value(
            "send", '[dingtalk] webhook = "https://oapi.dingtalk.com/robot/send?access_token=…"', max_len=500
        ),
        "secret": Value("send", '[dingtalk] secret = "SEC…"', max_len=500),
    },
    "notify": {
        k: Value("send", f"[notify] {k} = …  # docs/sending.md", max_len=500)
        for k in ("channels", "interval_hours", "retries", "retry_wait", "per_minute")
    },
}

SCHEMA_DEADLINES = '[deadlines] 2023Q3 = "2023-10-09"'
MAX_CONFIG_BYTES = 1024 * 1024  # a configuration file is a few lines


def check_schema(doc: dict, path: Path | str, prefix: str = "") -> None:
    """Raise :class:`ConfigError` for the first key of ``doc`` that :data:`SCHEMA` does not
    declare or whose value does not fit its declaration. ``prefix`` is ``tool.zengshou.`` for
    pyproject.toml, so the message names the key as the file spells it."""
    for key, value in doc.items():
        spec = SCHEMA.get(key)
        if spec is None:
            raise _error("config.unknown_key", path=path, key=prefix + str(key), known=_known(SCHEMA))
        if isinstance(spec, dict):
            name = f"[{prefix}{key}]"
            if not isinstance(value, dict):
                raise _error("config.not_table", path=path, key=name, example=_example(spec))
            for sub, v in value.items():
                if sub not in spec:
                    raise _error("config.unknown_key", path=path, key=f"{name} {sub}", known=", ".join(spec))
                _check_value(v, spec[sub], path, f"{name} {sub}")
        else:
            _check_value(value, spec, path, prefix + str(key))


def _known(section: dict) -> str:
    return ", ".join(f"[{k}]" if isinstance(v, dict) or v.kind == "map" else k for k, v in section.items())


def _example(section: Section) -> str:
    return next(iter(section.values())).example


def _check_value(value: object, spec: Value, path: Path | str, key: str) -> None:
    bad = None
    if spec.kind == "send":  # bounded here, checked by zengshou.outbox.settings (never echoed)
        if len(str(value)) > spec.max_len:
            raise _error("config.bad_text", path=path, key=key, limit=spec.max_len, example=spec.example)
        return
    if spec.kind == "bool":
        if not isinstance(value, bool):
            bad = "config.want_bool"
    elif spec.kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            bad = "config.want_int"
        elif (spec.minimum is not None and value < spec.minimum) or (spec.maximum is not None and value > spec.maximum):
            raise _error(
                "config.out_of_range",
                path=path,
                key=key,
                value=value,
                low=spec.minimum,
                high=spec.maximum,
                example=spec.example,
            )
    elif spec.kind == "map":
        if not isinstance(value, dict):
            bad = "config.want_table"
        elif len(value) > spec.max_len:
            raise _error("config.too_many", path=path, key=key, n=len(value), limit=spec.max_len)
    elif spec.kind == "text":
        if not isinstance(value, str):
            bad = "config.want_text"
        elif not text_ok(value, spec.max_len):
            raise _error("config.bad_text", path=path, key=key, limit=spec.max_len, example=spec.example)
        elif spec.choices and value not in spec.choices:
            raise _error(
                "config.not_a_choice", path=path, key=key, choices=" | ".join(spec.choices), example=spec.example
            )
        elif spec.pattern and not re.fullmatch(spec.pattern, value):
            bad = "config.want_text"
    if bad is not None:
        shown = repr(value)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        raise _error(bad, path=path, key=key, value=shown, example=spec.example)


#: what a text setting may not hold: control characters (a terminal escape in an office name
#: would reach every terminal that prints it), line breaks, direction overrides
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def text_ok(value: str, limit: int) -> bool:
    """One line of 1 to ``limit`` characters, no control characters: what a text setting (and
    the command-line option that stands for one, ``merge --office``) may be."""
    return bool(value.strip()) and len(value) <= limit and _CONTROL.search(value) is None


def _candidates(data_dir: Path) -> list[tuple[Path, tuple[str, ...]]]:
    root = data_dir.resolve().parent
    return [
        (data_dir / "zengshou.toml", ()),
        (root / "zengshou.toml", ()),
        (root / "pyproject.toml", ("tool", "zengshou")),
    ]


def find_config(data_dir: Path | str) -> tuple[Path, dict] | None:
    """The first configuration file that exists (and, for pyproject.toml, has a zengshou table)."""
    for path, keys in _candidates(Path(data_dir)):
        if not path.is_file():
            continue
        import tomllib  # here: most runs have no configuration file, and the import costs ~10 ms

        try:
            if path.stat().st_size > MAX_CONFIG_BYTES:
                raise _error("config.too_big", path=path, limit=MAX_CONFIG_BYTES // 1024)
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError, RecursionError) as e:
            raise ConfigError(f"{path}: {e}") from e
        for i, k in enumerate(keys):
            doc = doc.get(k, {})
            if not isinstance(doc, dict):  # tool = 1, or tool.zengshou = "x"
                name = ".".join(keys[: i + 1])
                raise _error("config.not_table", path=path, key=f"[{name}]", example=f"[{'.'.join(keys)}.rules]")
        if not doc and keys:
            continue
        check_schema(doc, path, "".join(k + "." for k in keys))
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
    if not isinstance(table, dict):  # find_config checks this too; the catalog may be given a doc
        raise _error(
            "config.want_table", path=path, key="[deadlines]", value=repr(table)[:40], example=SCHEMA_DEADLINES
        )
    out: dict[str, date] = {}
    for key, value in table.items():
        m = _QUARTER.match(str(key).strip().upper())
        if not m:
            raise _error("config.deadline_quarter", path=path, key=repr(key)[:40])
        year, q = int(m.group(1)), int(m.group(2))
        day = _as_date(value)
        if day is None:
            raise _error("config.deadline_date", path=path, key=key, value=repr(value)[:40])
        end = date(year, 3 * q, 31 if q in (1, 4) else 30)
        nxt_end = date(year + (q == 4), 3 * (q % 4 + 1), 31 if q % 4 + 1 in (1, 4) else 30)
        if not end < day <= nxt_end:
            raise _error(
                "config.deadline_range",
                path=path,
                key=key,
                day=day.isoformat(),
                end=end.isoformat(),
                last=nxt_end.isoformat(),
            )
        label = f"{year}Q{q}"
        if label in out:
            raise _error("config.deadline_twice", path=path, key=label)
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
