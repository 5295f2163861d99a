"""Signed cookies, CSRF tokens and rate limits: the server's small security kit.

Why our own and not a session library: a session here is two facts (which link, when; or "the
coordinator, under this password") that fit in a signed cookie, and HMAC-SHA256 from the
standard library is all it takes. Nothing is kept server-side per session, so revoking a link
(or changing the password) ends its sessions: each request checks the link is still live.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections import deque

UNIT_COOKIE = "zs_unit"
ADMIN_COOKIE = "zs_admin"
PRE_COOKIE = "zs_pre"  # CSRF for the two forms posted before a session exists (landing, login)
UNIT_MAX_AGE = 12 * 3600
ADMIN_MAX_AGE = 8 * 3600


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(key: bytes, payload: dict) -> str:
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8"))
    mac = _b64(hmac.new(key, b"cookie|" + body.encode("ascii"), hashlib.sha256).digest())
    return f"{body}.{mac}"


def unsign(key: bytes, value: str | None, max_age: int) -> dict | None:
    """The payload of a cookie this server signed within ``max_age`` seconds, else None."""
    if not value or len(value) > 2048 or value.count(".") != 1:
        return None
    body, mac = value.split(".")
    want = _b64(hmac.new(key, b"cookie|" + body.encode("ascii", "replace"), hashlib.sha256).digest())
    if not hmac.compare_digest(mac, want):
        return None
    try:
        payload = json.loads(_unb64(body))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("iat"), int):
        return None
    if not 0 <= time.time() - payload["iat"] <= max_age:
        return None
    return payload


def csrf_token(key: bytes, session: str) -> str:
    """The token a form of ``session`` (a cookie's value) must carry back: an HMAC of it, so a
    page on another site can neither read nor make one."""
    return _b64(hmac.new(key, b"csrf|" + session.encode("utf-8", "replace"), hashlib.sha256).digest())[:32]


def csrf_ok(key: bytes, session: str | None, sent: str | None) -> bool:
    if not session or not sent:
        return False
    return hmac.compare_digest(csrf_token(key, session), sent)


class RateLimit:
    """At most ``limit`` events per ``window`` seconds per key (a client address): counts the
    failed token lookups and password attempts, so guessing is slow whatever the lockout."""

    def __init__(self, limit: int, window: float):
        self.limit, self.window = limit, window
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, key: str) -> bool:
        with self._lock:
            q = self._trim(key)
            return len(q) >= self.limit

    def hit(self, key: str) -> None:
        with self._lock:
            self._trim(key).append(time.monotonic())
            if len(self._seen) > 10_000:  # bounded memory under a scan from many addresses
                for k in [k for k, v in self._seen.items() if not v][:5000]:
                    del self._seen[k]

    def _trim(self, key: str) -> deque[float]:
        q = self._seen.setdefault(key, deque())
        cut = time.monotonic() - self.window
        while q and q[0] < cut:
            q.popleft()
        return q
