"""The two ways out: SMTP (smtplib) and the group robots' webhooks (urllib.request).

Failures become :class:`SendError` with a catalogue message in plain words (登录被拒绝, 连接超时,
机器人地址无效 …), never a traceback. What may pass by itself (a timeout, a refused or dropped
connection, a server error 5xx, a robot's "too fast") is tried again, at most ``retries`` more
times, ``retry_wait`` seconds apart, doubling; what will not (a refused login, an unknown
recipient, a robot that answers "invalid webhook" or "signature mismatch") fails at once. A
refused login also stops the channel for the rest of the run: trying the same password for
every unit would only get the account locked.

The robots accept 20 messages a minute each; :class:`RateLimit` waits before the 21st.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import smtplib
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable
from email.message import Message
from functools import partial

from zengshou.i18n import LANGS, both, t
from zengshou.outbox.settings import Robot, Settings, Smtp

#: the largest robot message sent in one piece (bytes of UTF-8); 企业微信 takes 2048 in a text
#: message, 钉钉 more: longer notices are split at line ends
ROBOT_MAX_BYTES = 2000
#: robots' error codes that mean "too many messages, wait a minute" (企业微信 45009, 钉钉 130101)
TOO_FAST = {45009, 130101}


class SendError(Exception):
    """One send failed; ``message`` is a zh/en pair (secrets removed), ``final`` when a retry
    cannot help, ``stop`` when the channel must not be used again in this run."""

    def __init__(self, key: str, *, final: bool = False, stop: bool = False, **params: object):
        self.key = key
        if "robot" in params:  # the robot's name in each language (企业微信 / WeCom)
            robot = str(params.pop("robot"))
            self.message = {lang: t(key, lang, robot=t(f"send.robot.{robot}", lang), **params) for lang in LANGS}
        else:
            self.message = both(key, **params)
        self.final, self.stop = final, stop
        super().__init__(self.message["en"])


def retrying(fn: Callable[[], object], settings: Settings, sleep: Callable[[float], None]) -> object:
    """``fn()``, tried again on a passing failure: at most ``settings.retries`` more times."""
    wait = settings.retry_wait
    for attempt in range(settings.retries + 1):
        try:
            return fn()
        except SendError as e:
            if e.final or e.stop or attempt == settings.retries:
                raise
            sleep(wait)
            wait *= 2
    raise AssertionError("unreachable")


# ---------------------------------------------------------------- SMTP


class SmtpChannel:
    """One connection for the run, opened at the first mail; ``close()`` ends it."""

    def __init__(self, cfg: Smtp, settings: Settings, sleep: Callable[[float], None] = time.sleep):
        self.cfg, self.settings, self.sleep = cfg, settings, sleep
        self.conn: smtplib.SMTP | None = None
        self.stopped: SendError | None = None

    def _where(self) -> dict:
        return {"host": self.cfg.host, "port": self.cfg.port}

    def _connect(self) -> smtplib.SMTP:
        c, where = self.cfg, self._where()
        try:
            if c.security == "ssl":
                conn: smtplib.SMTP = smtplib.SMTP_SSL(
                    c.host, c.port, timeout=c.timeout, context=ssl.create_default_context()
                )
            else:
                conn = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
                if c.security == "starttls":
                    conn.starttls(context=ssl.create_default_context())
            if c.user:
                conn.login(c.user, c.password or "")
            return conn
        except smtplib.SMTPAuthenticationError as e:
            raise SendError("send.err_login", stop=True, user=c.user, code=e.smtp_code, **where) from None
        except smtplib.SMTPNotSupportedError:
            raise SendError(
                "send.err_no_starttls" if c.security == "starttls" else "send.err_no_auth", stop=True, **where
            ) from None
        except ssl.SSLError as e:
            raise SendError("send.err_tls", stop=True, reason=self.settings.redact(e.reason or e), **where) from None
        except TimeoutError:
            raise SendError("send.err_timeout", seconds=int(c.timeout), **where) from None
        except ConnectionRefusedError:
            raise SendError("send.err_refused", **where) from None
        except socket.gaierror:
            raise SendError("send.err_no_host", final=True, **where) from None
        except smtplib.SMTPServerDisconnected as e:
            if "timed out" in str(e):  # smtplib turns a read timeout into "closed: timed out"
                raise SendError("send.err_timeout", seconds=int(c.timeout), **where) from None
            raise SendError("send.err_dropped", **where) from None
        except smtplib.SMTPResponseException as e:
            raise SendError(
                "send.err_smtp", code=e.smtp_code, reason=_said(e.smtp_error, self.settings), **where
            ) from None
        except (smtplib.SMTPException, OSError) as e:
            raise SendError("send.err_network", reason=self.settings.redact(e), **where) from None

    def send(self, msg: Message, to: list[str]) -> None:
        if self.stopped is not None:
            raise self.stopped
        try:
            retrying(lambda: self._send_once(msg, to), self.settings, self.sleep)
        except SendError as e:
            if e.stop:
                self.stopped = e
            raise

    def _send_once(self, msg: Message, to: list[str]) -> None:
        if self.conn is None:
            self.conn = self._connect()
        where = self._where()
        try:
            refused = self.conn.send_message(msg, from_addr=self.cfg.sender, to_addrs=to)
        except smtplib.SMTPRecipientsRefused as e:
            raise SendError("send.err_recipient", final=True, to=", ".join(e.recipients)) from None
        except smtplib.SMTPSenderRefused as e:
            raise SendError("send.err_sender", stop=True, sender=self.cfg.sender, code=e.smtp_code, **where) from None
        except (smtplib.SMTPServerDisconnected, TimeoutError, OSError) as e:
            self.conn = None  # reconnect on the retry
            if isinstance(e, TimeoutError) or "timed out" in str(e):
                raise SendError("send.err_timeout", seconds=int(self.cfg.timeout), **where) from None
            raise SendError("send.err_dropped", **where) from None
        except smtplib.SMTPResponseException as e:
            permanent = e.smtp_code >= 500  # 4xx: try again later; 5xx: it will not pass
            raise SendError(
                "send.err_smtp", final=permanent, code=e.smtp_code, reason=_said(e.smtp_error, self.settings), **where
            ) from None
        if refused:
            raise SendError("send.err_recipient", final=True, to=", ".join(refused))

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self.conn = None


def _said(raw: bytes | str, settings: Settings) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return settings.redact(" ".join(text.split()))[:200]


# ---------------------------------------------------------------- group robots


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉 加签: HMAC-SHA256 of "timestamp\\nsecret" keyed with the secret, base64, then URL-encoded."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode("ascii"))


class RateLimit:
    """At most ``per_minute`` sends in any 60 seconds; :meth:`wait` sleeps until one is allowed."""

    def __init__(self, per_minute: int, clock: Callable[[], float], sleep: Callable[[float], None]):
        self.per_minute, self.clock, self.sleep = per_minute, clock, sleep
        self.sent: deque[float] = deque()

    def wait(self) -> float:
        now = self.clock()
        while self.sent and now - self.sent[0] >= 60:
            self.sent.popleft()
        waited = 0.0
        if len(self.sent) >= self.per_minute:
            waited = 60 - (now - self.sent[0])
            self.sleep(waited)
            self.sent.popleft()
        self.sent.append(self.clock() if waited == 0 else now + waited)
        return waited


def split_text(text: str, limit: int = ROBOT_MAX_BYTES) -> list[str]:
    """``text`` in pieces of at most ``limit`` UTF-8 bytes, cut at line ends where possible."""
    parts: list[str] = []
    cur = ""
    for line in text.splitlines(keepends=True):
        while len(line.encode("utf-8")) > limit:  # one line longer than a message
            cut = len(line)
            while len(line[:cut].encode("utf-8")) > limit:
                cut -= 1
            if cur:
                parts.append(cur)
                cur = ""
            parts.append(line[:cut])
            line = line[cut:]
        if len((cur + line).encode("utf-8")) > limit:
            parts.append(cur)
            cur = ""
        cur += line
    if cur.strip():
        parts.append(cur)
    return [p.rstrip("\n") for p in parts if p.strip()]


class RobotChannel:
    """A group robot of 企业微信 (``wecom``) or 钉钉 (``dingtalk``): text messages by webhook."""

    def __init__(
        self,
        robot: Robot,
        settings: Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        timeout: float = 15,
    ):
        self.robot, self.settings, self.sleep, self.clock, self.timeout = robot, settings, sleep, clock, timeout
        self.limit = RateLimit(settings.per_minute, clock, sleep)
        self.stopped: SendError | None = None

    def url(self) -> str:
        if self.robot.channel != "dingtalk" or not self.robot.secret:
            return self.robot.webhook
        ts = int(self.clock() * 1000)
        sep = "&" if "?" in self.robot.webhook else "?"
        return f"{self.robot.webhook}{sep}timestamp={ts}&sign={dingtalk_sign(self.robot.secret, ts)}"

    def send(self, text: str) -> None:
        """Post ``text`` (split when long); raises :class:`SendError` on the first piece that fails."""
        if self.stopped is not None:
            raise self.stopped
        try:
            for piece in split_text(text):
                retrying(partial(self._post, piece), self.settings, self.sleep)
        except SendError as e:
            if e.stop:
                self.stopped = e
            raise

    def _post(self, text: str) -> None:
        name = self.robot.channel
        self.limit.wait()
        body = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False).encode("utf-8")
        req = urllib.request.Request(
            self.url(), data=body, headers={"Content-Type": "application/json; charset=utf-8"}, method="POST"
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - https/http only (settings)
                raw = resp.read(100_000)
        except urllib.error.HTTPError as e:
            if e.code >= 500:
                raise SendError("send.err_robot_http", robot=name, code=e.code) from None
            raise SendError("send.err_robot_bad_hook", stop=True, robot=name, code=e.code) from None
        except TimeoutError:
            raise SendError("send.err_robot_timeout", robot=name, seconds=int(self.timeout)) from None
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, TimeoutError):
                raise SendError("send.err_robot_timeout", robot=name, seconds=int(self.timeout)) from None
            if isinstance(reason, socket.gaierror):
                raise SendError("send.err_robot_no_host", final=True, robot=name) from None
            raise SendError("send.err_robot_network", robot=name, reason=self.settings.redact(reason)) from None
        except OSError as e:
            raise SendError("send.err_robot_network", robot=name, reason=self.settings.redact(e)) from None
        try:
            answer = json.loads(raw.decode("utf-8"))
            code = int(answer.get("errcode", -1))
            said = str(answer.get("errmsg", ""))
        except (ValueError, AttributeError, TypeError):
            raise SendError("send.err_robot_answer", final=True, robot=name) from None
        if code == 0:
            return
        said = self.settings.redact(" ".join(said.split()))[:200]
        if code in TOO_FAST:
            self.sleep(60)
            raise SendError("send.err_robot_too_fast", robot=name)
        raise SendError("send.err_robot_refused", stop=True, robot=name, code=code, reason=said)
