"""The Starlette application: routes, pages and the guards every request passes.

Pages are rendered on the server (Jinja2, autoescaped) and work without JavaScript: forms post
and the page comes back with the outcome. ``static/app.js`` only enhances (the live character
count asks the server, which counts with :func:`zengshou.text.char_count`; autosave of drafts).

Guards (:class:`Guard`, one ASGI middleware): the request body is limited
(:data:`MAX_BODY`); every response carries a strict Content-Security-Policy (scripts and styles
only from this server, no inline code), ``no-referrer`` (a link's token never leaves in a
Referer), frame and sniffing protection; an access log line is written per request with the
token in ``/t/<token>`` replaced by ``…``. Every form carries a CSRF token; cookies are signed,
HttpOnly and SameSite=Strict. No file name or folder is taken from a request: static files are
a fixed map, downloads are picked by number from the server's own listing.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from zengshou.i18n import t
from zengshou.web import routes
from zengshou.web import security as sec
from zengshou.web.state import ServerState
from zengshou.web.store import BadPost, Store

HERE = Path(__file__).parent
MAX_BODY = 256 * 1024  # bytes: a full page of 70 rows × 300 characters is about 70 KB
MAX_FIELDS = 1000
_TOKEN_PATH = re.compile(r"^/t/[^/?]*")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def redact(path: str) -> str:
    """A request path as the access log shows it: never a link's token."""
    return _TOKEN_PATH.sub("/t/…", path)


class Guard:
    """Body limit, security headers, access log: around every request, before any route."""

    def __init__(self, app, log):
        self.app, self.log = app, log

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.perf_counter()
        status = [0]
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY:
            status[0] = 413
            await _plain(send, 413, "请求过大 / request too large")
            self.log(scope, 413, start)
            return
        # the body is read here, whole, before any route sees it: at most MAX_BODY bytes,
        # whether the client said its length or sends it in chunks
        body, more = b"", True
        while more:
            msg = await receive()
            if msg["type"] != "http.request":
                return  # the client went away
            body += msg.get("body", b"")
            more = msg.get("more_body", False)
            if len(body) > MAX_BODY:
                status[0] = 413
                await _plain(send, 413, "请求过大 / request too large")
                self.log(scope, 413, start)
                return
        sent = [False]

        async def replay():
            if not sent[0]:
                sent[0] = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def sending(msg):
            if msg["type"] == "http.response.start":
                status[0] = msg["status"]
                msg["headers"] = list(msg.get("headers", [])) + _HEADERS
            await send(msg)

        await self.app(scope, replay, sending)
        self.log(scope, status[0], start)


async def _plain(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
            + _HEADERS,
        }
    )
    await send({"type": "http.response.body", "body": body})


class AccessLog:
    """``<state>/access.log``: time, client, method, path (token redacted, no query), status, ms."""

    def __init__(self, path: Path | None, echo: bool = False):
        self.path, self.echo = path, echo
        self._fh = open(path, "a", encoding="utf-8", buffering=1) if path else None  # noqa: SIM115 - open for the server's life

    def __call__(self, scope, status: int, start: float) -> None:
        client = (scope.get("client") or ("-", 0))[0]
        ms = (time.perf_counter() - start) * 1000
        line = (
            f"{datetime.now().astimezone().isoformat(timespec='seconds')} {client} "
            f"{scope.get('method', '-')} {redact(scope.get('path', ''))} {status} {ms:.0f}ms\n"
        )
        if self._fh:
            self._fh.write(line)
        if self.echo:
            sys.stderr.write(line)


# ---------------------------------------------------------------- the application


class Server:
    """Everything a request needs: the data directory's store, the server state, templates."""

    def __init__(self, data_dir: Path, lang: str = "zh", log: bool = True, echo: bool = False):
        self.data_dir = Path(data_dir)
        self.lang = lang
        self.state = ServerState(self.data_dir)
        self.state.ensure()
        self.key = self.state.secret()
        self.store = Store(self.data_dir, self.state, lang)
        self.env = Environment(
            loader=FileSystemLoader(str(HERE / "templates")),
            autoescape=select_autoescape(["j2", "html"], default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.static = {name: (HERE / "static" / name).read_bytes() for name in routes.STATIC}
        self.static_v = {n: hashlib.sha256(b).hexdigest()[:10] for n, b in self.static.items()}
        self.env.globals.update(t=lambda key, **kw: t(key, lang, **kw), static=self.static_url, lang=lang)
        self.token_limit = sec.RateLimit(20, 60)  # failed link openings per client per minute
        self.login_limit = sec.RateLimit(10, 60)  # password attempts per client per minute
        self.access = AccessLog(self.state.root / "access.log" if log else None, echo)

    def static_url(self, name: str) -> str:
        return f"/static/{name}?v={self.static_v[name]}"

    def html(self, name: str, status: int = 200, cookies: list | None = None, **ctx: Any) -> HTMLResponse:
        resp = HTMLResponse(self.env.get_template(name).render(**ctx), status_code=status)
        resp.headers["cache-control"] = "no-store"
        for c in cookies or []:
            resp.set_cookie(**c)
        return resp

    def message(self, title: str, text: str, status: int) -> HTMLResponse:
        return self.html("message.html.j2", status, title=title, text=text)

    def cookie(self, request: Request, name: str, value: str, max_age: int, path: str = "/") -> dict:
        return {
            "key": name,
            "value": value,
            "max_age": max_age,
            "path": path,
            "httponly": True,
            "samesite": "strict",
            "secure": request.url.scheme == "https",
        }

    def client(self, request: Request) -> str:
        return request.client.host if request.client else "-"

    def same_origin(self, request: Request) -> bool:
        """A post from a page of this server: Sec-Fetch-Site and Origin, when the browser
        sends them, must say so (old browsers send neither; the CSRF token still decides)."""
        site = request.headers.get("sec-fetch-site")
        if site and site not in ("same-origin", "none"):
            return False
        origin = request.headers.get("origin")
        if origin and origin != "null":
            host = request.headers.get("host", "")
            return origin.split("://", 1)[-1] == host
        return True

    async def form(self, request: Request) -> dict[str, str]:
        """The posted form (urlencoded: what every page here sends), at most MAX_FIELDS fields;
        a repeated field keeps its first value."""
        if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return {}
        body = await request.body()
        try:
            pairs = parse_qs(
                body.decode("utf-8"),
                keep_blank_values=True,
                max_num_fields=MAX_FIELDS,
                encoding="utf-8",
                errors="strict",  # a %-escape that is not UTF-8 is refused, not turned into U+FFFD
            )
        except (UnicodeDecodeError, ValueError):
            raise BadPost("form") from None
        return {k: v[0] for k, v in pairs.items()}

    # ------------------------------------------------------------ pre-session CSRF (landing, login)
    def pre(self, request: Request) -> tuple[str, dict | None]:
        """The pre-session cookie's value (made when absent) and the cookie to set, if new."""
        value = request.cookies.get(sec.PRE_COOKIE)
        if sec.unsign(self.key, value, 3600) is None:
            value = sec.sign(
                self.key, {"iat": int(time.time()), "n": hashlib.sha256(str(time.time_ns()).encode()).hexdigest()[:16]}
            )
            return value, self.cookie(request, sec.PRE_COOKIE, value, 3600)
        return value or "", None

    # ------------------------------------------------------------ unit sessions
    def unit_session(self, request: Request):
        """(link, cookie value) of a live unit session, or (None, None)."""
        value = request.cookies.get(sec.UNIT_COOKIE)
        payload = sec.unsign(self.key, value, sec.UNIT_MAX_AGE)
        if payload is None or payload.get("k") != "unit":
            return None, None
        link = self.state.link_by_id(str(payload.get("l", "")))
        if link is None or link.unit not in self.store.cat.by_id:
            return None, None
        return link, value

    def admin_session(self, request: Request) -> str | None:
        value = request.cookies.get(sec.ADMIN_COOKIE)
        payload = sec.unsign(self.key, value, sec.ADMIN_MAX_AGE)
        if payload is None or payload.get("k") != "admin" or payload.get("pv") != self.state.password_version():
            return None
        return value


def create_app(data_dir: Path | str, lang: str = "zh", *, log: bool = True, echo: bool = False):
    """The ASGI application over ``data_dir`` (raises ValueError when the plan definitions
    cannot be read, StateError when the server's own state is damaged)."""
    srv = Server(Path(data_dir), lang, log=log, echo=echo)
    app = Starlette(routes=[Route(p, routes.wrap(srv, fn), methods=m) for p, fn, m in routes.ROUTES])
    app.state.server = srv
    return Guard(app, srv.access)
