"""``zengshou serve``: the web form and dashboard (:mod:`zengshou.web`), its links and password.

``serve`` alone starts the server; ``serve links`` issues (or ``--revoke``\\ s) the units'
links; ``serve password`` sets the dashboard's password. Self-contained: one Typer group
added to the app the usual way (``COMMAND_MODULES["serve"]``).
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path
from typing import Annotated

import typer

from zengshou.cli.app import Command, Group, app
from zengshou.cli.common import (
    DEFAULT_DATA,
    DataOpt,
    H,
    LangOpt,
    fail,
    lang_of,
    out,
    quarter_or_exit,
    resolve_unit_or_exit,
    workspace_or_exit,
    write_or_exit,
)
from zengshou.i18n import t, ui_lang

MIN_PASSWORD = 10
LOOPBACK = ("127.0.0.1", "::1", "localhost")

serve_app = typer.Typer(
    name="serve",
    cls=Group,
    help=t("cmd.serve", ui_lang()),
    short_help=t("cmd.serve.short", ui_lang()),
    options_metavar=t("meta.options", ui_lang()),
    subcommand_metavar=t("meta.command", ui_lang()),
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@serve_app.callback(invoke_without_command=True)
def serve_cmd(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help=H("opt.serve.host"))] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help=H("opt.serve.port"))] = 8000,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Start the web form and the dashboard (help text: cmd.serve)."""
    if ctx.invoked_subcommand is not None:
        return
    lang = lang_of(lang)
    workspace_or_exit(data, lang)  # definitions must read cleanly: exit 1 with the findings otherwise
    if not _host_ok(host):
        fail("cli.serve.bad_host", lang, host=host)
    from zengshou.web.app import create_app
    from zengshou.web.state import StateError

    try:
        asgi = create_app(data, lang, echo=True)
    except StateError as e:
        fail("cli.serve.state_error", lang, reason=e)
    except (ValueError, OSError) as e:
        fail("cli.serve.cannot_start", lang, reason=e)
    srv = asgi.app.state.server
    shown = f"[{host}]" if ":" in host else host
    if host not in LOOPBACK:
        # the default is 127.0.0.1; anything else was asked for with --host, and is said aloud
        sys.stderr.write(t("cli.serve.public", lang, host=host) + "\n")
    if not srv.state.has_password():
        sys.stderr.write(t("fmt.note_prefix", lang) + t("cli.serve.no_password", lang) + "\n")
    out(t("cli.serve.listening", lang, url=f"http://{shown}:{port}", data=data, state=srv.state.root))
    sys.stdout.flush()
    import uvicorn

    try:
        # access_log off: uvicorn's log line holds the whole path, a link's token included;
        # the app writes its own (zengshou.web.app.AccessLog) with tokens redacted
        uvicorn.run(
            asgi,
            host=host,
            port=port,
            access_log=False,
            log_level="warning",
            server_header=False,
            lifespan="off",
            timeout_graceful_shutdown=10,  # Ctrl+C waits at most 10 s for the saves under way
        )
    except OSError as e:
        fail("cli.serve.cannot_start", lang, reason=e.strerror or e)


def _host_ok(host: str) -> bool:
    if host in LOOPBACK:
        return True
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return all(
            part.isalnum() or set(part) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
            for part in host.lower().split(".")
        ) and bool(host)


def _sub(name: str):
    lang = ui_lang()
    return serve_app.command(
        name,
        cls=Command,
        help=t(f"cmd.serve.{name}", lang),
        short_help=t(f"cmd.serve.{name}.short", lang),
        options_metavar=t("meta.options", lang),
    )


@_sub("links")
def links_cmd(
    quarter: Annotated[str | None, typer.Option("--quarter", "-q", help=H("opt.serve.links.quarter"))] = None,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help=H("opt.serve.links.out"))] = None,
    revoke: Annotated[str | None, typer.Option("--revoke", help=H("opt.serve.links.revoke"))] = None,
    unit: Annotated[str | None, typer.Option("--unit", "-u", help=H("opt.serve.links.unit"))] = None,
    url: Annotated[str, typer.Option("--url", help=H("opt.serve.links.url"))] = "http://127.0.0.1:8000",
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Issue or revoke the units' links (help text: cmd.serve.links)."""
    from zengshou.web.state import ServerState, StateError

    lang = lang_of(lang)
    ws = workspace_or_exit(data, lang)
    cat = ws.cat
    state = ServerState(data)
    try:
        if revoke is not None:
            u = resolve_unit_or_exit(cat, revoke, lang)
            q = str(quarter_or_exit(cat, quarter, lang)) if quarter else None
            n = state.revoke(u.id, q)
            out(t("cli.serve.revoked" if n else "cli.serve.revoked_none", lang, unit=u.name, n=n))
            return
        if not quarter:
            fail("cli.serve.need_quarter", lang)
        if not url.startswith(("http://", "https://")) or any(c.isspace() for c in url):
            fail("cli.serve.bad_url", lang, url=url)
        q = quarter_or_exit(cat, quarter, lang)
        ids = cat.reporters(q)
        if unit is not None:
            ids = [resolve_unit_or_exit(cat, unit, lang).id]
        if not ids:
            fail("cli.serve.no_units", lang, quarter=q)
        tokens = state.issue(str(q), ids)
    except StateError as e:
        fail("cli.serve.state_error", lang, reason=e)
    base = url.rstrip("/")
    lines = [t("cli.serve.links_head", lang, quarter=q.label(lang))]
    lines += [t("cli.serve.link_line", lang, unit=cat.by_id[uid].name, url=f"{base}/t/{tokens[uid]}") for uid in ids]
    text = "\n".join(lines) + "\n"
    if out_file is not None:
        write_or_exit(out_file, text, lang, str(out_file))
        out(t("cli.serve.links_wrote", lang, n=len(ids), path=out_file))
        _loopback_note(base, lang)
        return
    out(text)
    sys.stderr.write(t("fmt.note_prefix", lang) + t("cli.serve.links_note", lang) + "\n")
    _loopback_note(base, lang)


def _loopback_note(base: str, lang: str) -> None:
    """Links to 127.0.0.1 open only on this computer: say so (the units need --url)."""
    from urllib.parse import urlsplit

    if (urlsplit(base).hostname or "") in ("127.0.0.1", "localhost", "::1"):
        sys.stderr.write(t("fmt.note_prefix", lang) + t("cli.serve.loopback_links", lang) + "\n")


@_sub("password")
def password_cmd(
    stdin: Annotated[bool, typer.Option("--stdin", help=H("opt.serve.password.stdin"))] = False,
    data: DataOpt = DEFAULT_DATA,
    lang: LangOpt = None,
) -> None:
    """Set the dashboard's password (help text: cmd.serve.password)."""
    import getpass

    from zengshou.cli.common import data_dir_or_exit
    from zengshou.web.state import ServerState, StateError

    lang = lang_of(lang)
    data_dir_or_exit(data, lang)
    if stdin:
        pw = sys.stdin.readline().rstrip("\r\n")
    else:
        pw = getpass.getpass(t("cli.serve.password_prompt", lang) + ": ")
        if getpass.getpass(t("cli.serve.password_again", lang) + ": ") != pw:
            fail("cli.serve.password_mismatch", lang)
    if len(pw) < MIN_PASSWORD:
        fail("cli.serve.password_short", lang, n=MIN_PASSWORD)
    try:
        ServerState(data).set_password(pw)
    except (StateError, OSError) as e:
        fail("cli.serve.state_error", lang, reason=e)
    out(t("cli.serve.password_set", lang))


app.add_typer(serve_app, name="serve", help=t("cmd.serve", ui_lang()), short_help=t("cmd.serve.short", ui_lang()))
