"""The sending settings: ``[smtp]``, ``[wecom]``, ``[dingtalk]`` and ``[notify]`` in zengshou.toml.

Read from the same file as the rest of the configuration (``zengshou.toml`` in the data
directory or beside it, or ``[tool.zengshou]`` in pyproject.toml). The account and the robots'
addresses may instead come from the environment — a scheduled task sets them there so the
password is not in a file — and the environment wins. Nothing here is ever taken from the
command line (it would show in the process list and the shell's history).

Every key is declared in :data:`KEYS`; an unknown key in one of these tables is an error (a
misspelt ``passwrod`` must not be silently ignored). Secrets (the password, the webhook
addresses, which carry the robot's key or token, and the 钉钉 加签 secret) are kept apart:
:meth:`Settings.redact` removes them from any text before it is printed or logged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from zengshou.configfile import SCHEMA, find_config
from zengshou.i18n import both

#: the sending tables and their keys: declared once, in zengshou.configfile.SCHEMA
KEYS: dict[str, tuple[str, ...]] = {
    name: tuple(table)
    for name, table in SCHEMA.items()
    if name in ("smtp", "wecom", "dingtalk", "notify") and isinstance(table, dict)
}
#: environment variables, each standing for one key (and winning over the file)
ENV = {
    "ZENGSHOU_SMTP_HOST": ("smtp", "host"),
    "ZENGSHOU_SMTP_PORT": ("smtp", "port"),
    "ZENGSHOU_SMTP_USER": ("smtp", "user"),
    "ZENGSHOU_SMTP_PASSWORD": ("smtp", "password"),
    "ZENGSHOU_WECOM_WEBHOOK": ("wecom", "webhook"),
    "ZENGSHOU_DINGTALK_WEBHOOK": ("dingtalk", "webhook"),
    "ZENGSHOU_DINGTALK_SECRET": ("dingtalk", "secret"),
}
SECRET_KEYS = {("smtp", "password"), ("wecom", "webhook"), ("dingtalk", "webhook"), ("dingtalk", "secret")}
CHANNELS = ("smtp", "wecom", "dingtalk")
SECURITY = ("ssl", "starttls", "none")
CHARSETS = ("utf-8", "gbk", "gb18030")


class SettingsError(Exception):
    """The sending settings cannot be used; ``message`` is a zh/en pair naming file and key."""

    def __init__(self, message_id: str, /, **params: object):
        self.message = both(message_id, **params)
        super().__init__(self.message["en"])


@dataclass
class Smtp:
    host: str
    port: int
    security: str  # ssl | starttls | none
    user: str | None
    password: str | None
    sender: str  # the From address
    sender_name: str
    reply_to: str | None
    timeout: float
    charset: str


@dataclass
class Robot:
    channel: str  # wecom | dingtalk
    webhook: str
    secret: str | None = None  # 钉钉 加签


@dataclass
class Settings:
    source: str | None = None  # the file the tables came from
    smtp: Smtp | None = None
    robots: list[Robot] = field(default_factory=list)
    channels: tuple[str, ...] = ()  # the channels to use, in order
    interval_hours: float = 24.0
    retries: int = 2
    retry_wait: float = 5.0
    per_minute: int = 20
    secrets: list[str] = field(default_factory=list)

    def redact(self, text: object) -> str:
        """``text`` with every secret replaced by ``***`` (an exception may quote a URL)."""
        out = str(text)
        for s in sorted(self.secrets, key=len, reverse=True):
            if s:
                out = out.replace(s, "***")
        return out

    def robot(self, channel: str) -> Robot | None:
        return next((r for r in self.robots if r.channel == channel), None)


def load_settings(data_dir: Path | str, env: dict[str, str] | None = None) -> Settings:
    """The settings for sending from ``data_dir``'s configuration and the environment."""
    env = dict(os.environ) if env is None else env
    found = find_config(data_dir)
    path, doc = (str(found[0]), found[1]) if found else ("zengshou.toml", {})
    r = _Tables(path, _read_tables(path, doc, env))
    secrets = [str(r.tables[n].get(k) or "") for n, k in SECRET_KEYS]
    smtp = _smtp(r) if r.tables["smtp"] else None
    robots = _robots(r)
    return Settings(
        source=path if found else None,
        smtp=smtp,
        robots=robots,
        channels=_channels(r, smtp, robots),
        interval_hours=r.number("notify", "interval_hours", 24, 0, 24 * 90),
        retries=int(r.number("notify", "retries", 2, 0, 5)),
        retry_wait=r.number("notify", "retry_wait", 5, 0, 300),
        per_minute=int(r.number("notify", "per_minute", 20, 1, 20)),
        secrets=[s for s in secrets if s],
    )


def _read_tables(path: str, doc: dict, env: dict[str, str]) -> dict[str, dict]:
    """The sending tables as found, each key checked against :data:`KEYS` (a misspelt key is an
    error, not ignored), with the environment's values laid over them (the environment wins)."""
    tables: dict[str, dict] = {}
    for name, keys in KEYS.items():
        table = doc.get(name, {})
        if not isinstance(table, dict):
            raise SettingsError("send.cfg_not_table", path=path, table=name)
        for k in table:
            if k not in keys:
                raise SettingsError("send.cfg_unknown_key", path=path, table=name, setting=k, keys=", ".join(keys))
        tables[name] = dict(table)
    for var, (name, key) in ENV.items():
        if env.get(var, "").strip():
            tables[name][key] = env[var].strip()
    return tables


@dataclass
class _Tables:
    """The merged tables and the file they came from: every error names that file and the key."""

    where: str
    tables: dict[str, dict]

    def text(self, name: str, key: str, default: str | None = None) -> str | None:
        """A text setting, stripped; ``None`` when absent without a default, an error when blank."""
        v = self.tables[name].get(key, default)
        if v is None:
            return None
        if not isinstance(v, str) or not v.strip():
            raise SettingsError("send.cfg_text", path=self.where, table=name, setting=key)
        return v.strip()

    def number(self, name: str, key: str, default: float, low: float, high: float) -> float:
        """A number setting within ``low``..``high`` (a boolean is not a number here)."""
        v = self.tables[name].get(key, default)
        try:
            f = float(v) if not isinstance(v, bool) else None
        except (TypeError, ValueError):
            f = None
        if f is None or not low <= f <= high:
            raise SettingsError("send.cfg_number", path=self.where, table=name, setting=key, low=low, high=high)
        return f


def _smtp(r: _Tables) -> Smtp:
    """The mail account of a non-empty ``[smtp]``: the port defaults by ``security``, the sender
    defaults to the user, and a user without a password is an error (it would fail at send time)."""
    where = r.where
    host = r.text("smtp", "host")
    if host is None:
        raise SettingsError("send.cfg_missing", path=where, table="smtp", setting="host")
    security = (r.text("smtp", "security", "ssl") or "ssl").lower()
    if security not in SECURITY:
        raise SettingsError(
            "send.cfg_choice", path=where, table="smtp", setting="security", choices=", ".join(SECURITY)
        )
    default_port = {"ssl": 465, "starttls": 587, "none": 25}[security]
    port = int(r.number("smtp", "port", default_port, 1, 65535))
    user = r.text("smtp", "user")
    password = r.tables["smtp"].get("password")
    if password is not None and not isinstance(password, str):
        raise SettingsError("send.cfg_text", path=where, table="smtp", setting="password")
    sender = r.text("smtp", "from") or user
    if not sender or "@" not in sender:
        raise SettingsError("send.cfg_missing", path=where, table="smtp", setting="from")
    charset = (r.text("smtp", "charset", "utf-8") or "utf-8").lower()
    if charset not in CHARSETS:
        raise SettingsError("send.cfg_choice", path=where, table="smtp", setting="charset", choices=", ".join(CHARSETS))
    if user and password is None:
        raise SettingsError("send.cfg_no_password", path=where)
    return Smtp(
        host,
        port,
        security,
        user,
        password or None,
        sender,
        (r.text("smtp", "from_name") or "") if r.tables["smtp"].get("from_name") else "",
        r.text("smtp", "reply_to"),
        r.number("smtp", "timeout", 30, 1, 600),
        charset,
    )


def _robots(r: _Tables) -> list[Robot]:
    """The 企业微信 and 钉钉 robots that have a webhook; a robot table without one is an error
    (a half-configured robot must not be silently skipped)."""
    robots = []
    for name in ("wecom", "dingtalk"):
        hook = r.text(name, "webhook") if r.tables[name].get("webhook") is not None else None
        if hook is None:
            if r.tables[name]:
                raise SettingsError("send.cfg_missing", path=r.where, table=name, setting="webhook")
            continue
        if not hook.lower().startswith(("https://", "http://")):
            raise SettingsError("send.cfg_webhook", path=r.where, table=name)
        secret = r.text(name, "secret") if name == "dingtalk" and r.tables[name].get("secret") is not None else None
        robots.append(Robot(name, hook, secret))
    return robots


def _channels(r: _Tables, smtp: Smtp | None, robots: list[Robot]) -> tuple[str, ...]:
    """``[notify] channels`` — by default every configured channel; a named channel must be
    configured, so a reminder is never meant for a channel that cannot send it."""
    configured = [c for c in CHANNELS if (c == "smtp" and smtp) or any(rb.channel == c for rb in robots)]
    wanted = r.tables["notify"].get("channels")
    if wanted is None:
        return tuple(configured)
    if isinstance(wanted, str):
        wanted = [wanted]
    if not isinstance(wanted, list) or any(c not in CHANNELS for c in wanted):
        raise SettingsError(
            "send.cfg_choice", path=r.where, table="notify", setting="channels", choices=", ".join(CHANNELS)
        )
    for c in wanted:
        if c not in configured:
            raise SettingsError("send.cfg_channel_unset", path=r.where, channel=c)
    return tuple(dict.fromkeys(wanted))
