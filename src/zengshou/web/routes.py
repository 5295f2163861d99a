"""The pages: a unit's link, its rows, and the coordinator's dashboard.

Each handler gets the :class:`~zengshou.web.app.Server` and the request; :func:`wrap` turns a
post that is not what our pages send (:class:`~zengshou.web.store.BadPost`) into a 400 page and
a damaged state file into a 500 page that says which file, never a traceback.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from zengshou.forms import STATUSES
from zengshou.i18n import t
from zengshou.quarters import Quarter
from zengshou.web import security as sec
from zengshou.web.state import StateError
from zengshou.web.store import BadPost, cst_today

MERGE_TIMEOUT = 300  # seconds
#: the files under /static/: a fixed map, so no name from a request reaches the disk
STATIC = {
    "app.css": "text/css; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
_QUARTER = re.compile(r"^\d{4}Q[1-4]$")


def quarter_or_none(text: str) -> str | None:
    """A quarter named in a URL, when it is one (else None: the page answers 404)."""
    return str(Quarter.parse(text)) if _QUARTER.match(text or "") else None


def wrap(srv, fn):
    async def endpoint(request: Request) -> Response:
        try:
            return await fn(srv, request)
        except BadPost:
            return srv.message(t("web.bad_request", srv.lang), t("web.bad_request.text", srv.lang), 400)
        except StateError as e:
            return srv.message(t("web.state_error", srv.lang), str(e), 500)

    return endpoint


def _L(srv, key: str, **kw) -> str:  # noqa: N802 - reads as a marker
    return t(key, srv.lang, **kw)


# ---------------------------------------------------------------- home and static files


async def home(srv, request: Request) -> Response:
    return srv.html("home.html.j2")


async def static(srv, request: Request) -> Response:
    name = request.path_params["name"]
    if name not in srv.static:  # a fixed map: no path from the request reaches the disk
        return srv.message(_L(srv, "web.not_found"), _L(srv, "web.not_found.text"), 404)
    return Response(
        srv.static[name],
        media_type=None,
        headers={"content-type": srv_static_type(name), "cache-control": "public, max-age=86400"},
    )


def srv_static_type(name: str) -> str:
    return STATIC[name]


# ---------------------------------------------------------------- a unit's link


async def landing(srv, request: Request) -> Response:
    """The page a link opens: it only shows a button. A link previewer (mail, IM) that fetches
    the link gets this page and no session; the token is checked only when the button posts."""
    client = srv.client(request)
    if srv.token_limit.blocked(client):
        return srv.message(_L(srv, "web.too_many"), _L(srv, "web.too_many.text"), 429)
    token = request.path_params["token"]
    if request.method == "GET":
        pre, cookie = srv.pre(request)
        return srv.html(
            "landing.html.j2",
            cookies=[cookie] if cookie else [],
            csrf=sec.csrf_token(srv.key, pre),
            action=request.url.path,
        )
    form = await srv.form(request)
    pre = request.cookies.get(sec.PRE_COOKIE)
    if (
        not srv.same_origin(request)
        or sec.unsign(srv.key, pre, 3600) is None
        or not sec.csrf_ok(srv.key, pre, form.get("csrf"))
    ):
        return srv.message(_L(srv, "web.csrf"), _L(srv, "web.csrf.text"), 403)
    link = srv.state.link(token) if 16 <= len(token) <= 64 else None
    if link is None or link.unit not in srv.store.cat.by_id:
        srv.token_limit.hit(client)
        return srv.message(_L(srv, "web.bad_link"), _L(srv, "web.bad_link.text"), 404)
    value = sec.sign(srv.key, {"k": "unit", "l": link.id, "iat": int(time.time())})
    resp = RedirectResponse("/u", status_code=303)
    resp.set_cookie(**srv.cookie(request, sec.UNIT_COOKIE, value, sec.UNIT_MAX_AGE))
    resp.delete_cookie(sec.PRE_COOKIE, path="/")
    return resp


# ---------------------------------------------------------------- the unit's page


def _unit_ctx(srv, page, session: str, outcome: str | None = None) -> dict:
    return {
        "page": page,
        "csrf": sec.csrf_token(srv.key, session),
        "outcome": outcome,
        "statuses": STATUSES,
        "today": cst_today(),
    }


async def unit_page(srv, request: Request) -> Response:
    link, session = srv.unit_session(request)
    if link is None:
        return srv.message(_L(srv, "web.no_session"), _L(srv, "web.no_session.text"), 401)
    page = await run_in_threadpool(srv.store.page, link.unit, link.quarter)
    return srv.html("unit.html.j2", **_unit_ctx(srv, page, session))


async def unit_save(srv, request: Request) -> Response:
    link, session = srv.unit_session(request)
    wants_json = "application/json" in request.headers.get("accept", "")
    if link is None:
        if wants_json:
            return JSONResponse({"ok": False, "kind": "session"}, status_code=401)
        return srv.message(_L(srv, "web.no_session"), _L(srv, "web.no_session.text"), 401)
    form = await srv.form(request)
    if not srv.same_origin(request) or not sec.csrf_ok(srv.key, session, form.get("csrf")):
        return srv.message(_L(srv, "web.csrf"), _L(srv, "web.csrf.text"), 403)
    action = form.get("action", "draft")
    if action not in ("draft", "submit"):
        raise BadPost("action")
    entry = await run_in_threadpool(srv.store.entry, link.unit, link.quarter, form)
    out = await run_in_threadpool(
        srv.store.save, link.unit, link.quarter, entry, form.get("base", ""), action == "submit"
    )
    status = {"conflict": 409, "locked": 423, "unreadable": 409, "unwritable": 500}.get(out.kind, 200)
    if wants_json:
        return JSONResponse(
            {
                "ok": out.kind in ("draft", "submitted", "kept_draft"),
                "kind": out.kind,
                "base": out.page.base,
                "message": _L(srv, f"web.outcome.{out.kind}"),
                "errors": out.page.errors,
            },
            status_code=status,
        )
    return srv.html("unit.html.j2", status, **_unit_ctx(srv, out.page, session, out.kind))


async def unit_count(srv, request: Request) -> Response:
    """The server's count of one text (the browser shows it; the rule is char_count's)."""
    link, session = srv.unit_session(request)
    if link is None:
        return JSONResponse({"ok": False}, status_code=401)
    if not srv.same_origin(request) or not sec.csrf_ok(srv.key, session, request.headers.get("x-csrf-token")):
        return JSONResponse({"ok": False}, status_code=403)
    try:
        text = (await request.json()).get("text", "")
    except (ValueError, AttributeError):
        raise BadPost("json") from None
    if not isinstance(text, str):
        raise BadPost("text")
    return JSONResponse({"ok": True, "count": srv.store.count(text.replace("\r\n", "\n"))})


async def unit_logout(srv, request: Request) -> Response:
    link, session = srv.unit_session(request)
    form = await srv.form(request)
    if link is not None and not sec.csrf_ok(srv.key, session, form.get("csrf")):
        return srv.message(_L(srv, "web.csrf"), _L(srv, "web.csrf.text"), 403)
    resp = srv.message(_L(srv, "web.logged_out"), _L(srv, "web.logged_out.text"), 200)
    resp.delete_cookie(sec.UNIT_COOKIE, path="/")
    return resp


# ---------------------------------------------------------------- the coordinator


def _quarters(srv) -> list[str]:
    found = {k.quarter for k in srv.state.links()}
    base = srv.data_dir / "progress"
    if base.is_dir():
        found |= {p.name for p in base.iterdir() if p.is_dir() and Quarter.try_parse(p.name)}
    return sorted(found)


def _default_quarter() -> str:
    return str(Quarter((d := cst_today()).year, (d.month - 1) // 3 + 1).prev())


async def admin(srv, request: Request) -> Response:
    if srv.admin_session(request) is None:
        pre, cookie = srv.pre(request)
        return srv.html(
            "login.html.j2",
            cookies=[cookie] if cookie else [],
            csrf=sec.csrf_token(srv.key, pre),
            has_password=srv.state.has_password(),
            error=None,
        )
    qs = _quarters(srv)
    return RedirectResponse(f"/admin/q/{qs[-1] if qs else _default_quarter()}", status_code=303)


async def login(srv, request: Request) -> Response:
    client = srv.client(request)
    form = await srv.form(request)
    pre = request.cookies.get(sec.PRE_COOKIE)
    if (
        not srv.same_origin(request)
        or sec.unsign(srv.key, pre, 3600) is None
        or not sec.csrf_ok(srv.key, pre, form.get("csrf"))
    ):
        return srv.message(_L(srv, "web.csrf"), _L(srv, "web.csrf.text"), 403)

    def again(error: str, status: int) -> Response:
        return srv.html(
            "login.html.j2",
            status,
            csrf=sec.csrf_token(srv.key, pre or ""),
            has_password=srv.state.has_password(),
            error=error,
        )

    if srv.login_limit.blocked(client):
        return again(_L(srv, "web.too_many.text"), 429)
    srv.login_limit.hit(client)
    password = form.get("password", "")
    if len(password) > 1024:
        raise BadPost("password")
    ok, locked = await run_in_threadpool(srv.state.check_password, password)
    if locked is not None and not ok:
        return again(_L(srv, "web.login_locked", until=locked.astimezone().strftime("%H:%M")), 429)
    if not ok:
        return again(_L(srv, "web.login_wrong"), 403)
    value = sec.sign(srv.key, {"k": "admin", "pv": srv.state.password_version(), "iat": int(time.time())})
    resp = RedirectResponse("/admin", status_code=303)
    resp.set_cookie(**srv.cookie(request, sec.ADMIN_COOKIE, value, sec.ADMIN_MAX_AGE))
    resp.delete_cookie(sec.PRE_COOKIE, path="/")
    return resp


async def logout(srv, request: Request) -> Response:
    session = srv.admin_session(request)
    form = await srv.form(request)
    if session is not None and not sec.csrf_ok(srv.key, session, form.get("csrf")):
        return srv.message(_L(srv, "web.csrf"), _L(srv, "web.csrf.text"), 403)
    resp = RedirectResponse("/admin", status_code=303)
    resp.delete_cookie(sec.ADMIN_COOKIE, path="/")
    return resp


def _admin_guard(srv, request: Request, form: dict | None = None):
    """(session, quarter) of an authorised coordinator request, or a response to send."""
    session = srv.admin_session(request)
    if session is None:
        return None, RedirectResponse("/admin", status_code=303)
    q = quarter_or_none(request.path_params.get("quarter", ""))
    if q is None:
        return None, srv.message(_L(srv, "web.not_found"), _L(srv, "web.not_found.text"), 404)
    if form is not None and (not srv.same_origin(request) or not sec.csrf_ok(srv.key, session, form.get("csrf"))):
        return None, srv.message(_L(srv, "web.csrf"), _L(srv, "web.csrf.text"), 403)
    return (session, q), None


def _dashboard(srv, q: str):
    from zengshou.lint import lint
    from zengshou.status import quarter_status
    from zengshou.workspace import Workspace

    ws = Workspace(srv.data_dir, srv.store.cat, cst_today())
    st = quarter_status(ws, q, result=lint(ws, quarter=q, config=srv.store.config))
    live: dict[str, int] = {}
    for k in srv.state.links():
        if k.quarter == q and k.revoked is None:
            live[k.unit] = live.get(k.unit, 0) + 1
    rows = []
    today = cst_today()
    for u in st.units:
        fs = st.result.for_file(u.file) if u.file else []
        hist = srv.state.history(q, u.unit_id)
        rows.append(
            {
                "u": u,
                "label": _L(srv, f"web.state.{u.state}"),
                "overdue": u.submitted is None and today > st.deadline,
                "findings": [f"{f.code} {f.message(srv.lang)}" for f in fs if f.level in ("error", "warning")][:20],
                # zengshou review --return: the coordinator's comment, until the unit sends again
                "review": _L(srv, "web.dash.review", comment=u.review.comment)
                if u.state == "returned" and u.review is not None
                else "",
                "links": live.get(u.unit_id, 0),
                "saves": len(hist),
                "last": _when(hist[-1].name) if hist else "",
            }
        )
    return st, rows


def _when(name: str) -> str:
    """A history file's time (its name starts with the UTC stamp) in China Standard Time."""
    from datetime import UTC, datetime

    from zengshou.web.store import CST

    try:
        when = datetime.strptime(name[:21], "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
    except ValueError:
        return ""
    return when.astimezone(CST).strftime("%m-%d %H:%M")


def _reports(srv, q: str) -> list[Path]:
    folder = srv.state.root / "reports" / q
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.is_symlink()) if folder.is_dir() else []


async def dashboard(srv, request: Request, notice: str | None = None, note: str | None = None) -> Response:
    ok, bad = _admin_guard(srv, request)
    if bad is not None:
        return bad
    session, q = ok
    st, rows = await run_in_threadpool(_dashboard, srv, q)
    counts = {
        k: sum(1 for r in rows if r["u"].state == k)
        for k in ("on_time", "late", "draft", "invalid", "returned", "missing")
    }
    return srv.html(
        "dashboard.html.j2",
        csrf=sec.csrf_token(srv.key, session),
        q=q,
        label=Quarter.parse(q).label(srv.lang),
        quarters=sorted(set(_quarters(srv)) | {q}),
        st=st,
        rows=rows,
        counts=counts,
        locked=srv.state.locked(q),
        reports=[p.name for p in _reports(srv, q)],
        notice=notice,
        note=note,
        today=cst_today(),
    )


async def remind(srv, request: Request) -> Response:
    """The 催报通知 for the quarter, with a new link for each unit it names (links are kept
    only as hashes, so a notice needs fresh ones; the earlier links keep working)."""
    form = await srv.form(request)
    ok, bad = _admin_guard(srv, request, form)
    if bad is not None:
        return bad
    _, q = ok

    def make() -> str:
        from zengshou.notice import NoticeError, needs_reminder, render_reminder

        st, _ = _dashboard(srv, q)
        missing = [u for u in st.units if needs_reminder(u)]
        if not missing:
            return _L(srv, "web.remind.none")
        tokens = srv.state.issue(q, [u.unit_id for u in missing])
        base = str(request.base_url).rstrip("/")
        try:
            text = render_reminder(
                srv.store.cat,
                st,
                lang=srv.lang,
                notice_date=cst_today(),
                templates=None,
                data=srv.data_dir,
                office=srv.store.config.office,
            )
        except NoticeError as e:
            from zengshou.i18n import tr

            text = tr(e.message, srv.lang)
        lines = [text.rstrip(), "", _L(srv, "web.remind.links")]
        lines += [_L(srv, "web.remind.link", unit=u.name, url=f"{base}/t/{tokens[u.unit_id]}") for u in missing]
        return "\n".join(lines) + "\n"

    notice = await run_in_threadpool(make)
    return await dashboard(srv, request, notice=notice)


async def lock(srv, request: Request) -> Response:
    form = await srv.form(request)
    ok, bad = _admin_guard(srv, request, form)
    if bad is not None:
        return bad
    _, q = ok
    on = form.get("action") == "lock"
    srv.state.set_locked(q, on)
    return RedirectResponse(f"/admin/q/{q}", status_code=303)


async def merge(srv, request: Request) -> Response:
    """Run ``zengshou merge`` for the quarter into the state folder (the same command, the same
    files); the dashboard lists them for download."""
    form = await srv.form(request)
    ok, bad = _admin_guard(srv, request, form)
    if bad is not None:
        return bad
    _, q = ok
    out = srv.state.root / "reports" / q
    args = [
        sys.executable,
        "-m",
        "zengshou",
        "merge",
        "--quarter",
        q,
        "--out",
        str(out),
        "--data",
        str(srv.data_dir),
        "--lang",
        srv.lang,
    ]

    def run():
        try:
            return subprocess.run(args, capture_output=True, text=True, timeout=MERGE_TIMEOUT)
        except subprocess.TimeoutExpired:
            return None

    res = await run_in_threadpool(run)
    if res is None:
        note = _L(srv, "web.merge.timeout")
    elif res.returncode not in (0, 1):
        note = _L(srv, "web.merge.failed", reason=(res.stderr or res.stdout).strip()[-500:])
    else:
        note = _L(srv, "web.merge.done")
    return await dashboard(srv, request, note=note)


async def download(srv, request: Request) -> Response:
    ok, bad = _admin_guard(srv, request)
    if bad is not None:
        return bad
    _, q = ok
    files = _reports(srv, q)
    n = request.path_params["n"]
    if not 0 <= n < len(files):
        return srv.message(_L(srv, "web.not_found"), _L(srv, "web.not_found.text"), 404)
    p = files[n]
    kind = {
        ".html": "text/html; charset=utf-8",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }.get(p.suffix, "application/octet-stream")
    return Response(
        p.read_bytes(),
        headers={
            "content-type": kind,
            "content-disposition": f"attachment; filename*=UTF-8''{quote(p.name)}",
            "cache-control": "no-store",
        },
    )


ROUTES = [
    ("/", home, ["GET"]),
    ("/static/{name}", static, ["GET"]),
    ("/t/{token}", landing, ["GET", "POST"]),
    ("/u", unit_page, ["GET"]),
    ("/u", unit_save, ["POST"]),
    ("/u/count", unit_count, ["POST"]),
    ("/u/logout", unit_logout, ["POST"]),
    ("/admin", admin, ["GET"]),
    ("/admin/login", login, ["POST"]),
    ("/admin/logout", logout, ["POST"]),
    ("/admin/q/{quarter}", dashboard, ["GET"]),
    ("/admin/q/{quarter}/remind", remind, ["POST"]),
    ("/admin/q/{quarter}/lock", lock, ["POST"]),
    ("/admin/q/{quarter}/merge", merge, ["POST"]),
    ("/admin/q/{quarter}/file/{n:int}", download, ["GET"]),
]
