"""Options and helpers shared by every command: data directory, language, output, errors.

Every string comes from the message catalogue (:mod:`zengshou.messages`): ``fail("cli.bad_date",
lang, text=...)`` prints one line on stderr in the user's language and exits 2. Option help is
looked up with :func:`H` when the command modules are imported, in the interface language chosen
by ``zengshou.cli.main`` (see :mod:`zengshou.i18n`).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from zengshou.i18n import join, pick, t, tr, ui_lang


def H(key: str) -> str:  # noqa: N802 - reads as a marker in option declarations
    """Help text ``key`` in the interface language (evaluated when the command module is imported)."""
    return t(key, ui_lang())


DataOpt = Annotated[Path, typer.Option("--data", "-d", envvar="ZENGSHOU_DATA", show_default=True, help=H("opt.data"))]
LangOpt = Annotated[str | None, typer.Option("--lang", envvar="ZENGSHOU_LANG", help=H("opt.lang"))]
QuarterOpt = Annotated[str, typer.Option("--quarter", "-q", help=H("opt.quarter"))]
UnitOpt = Annotated[str, typer.Option("--unit", "-u", help=H("opt.unit"))]

DEFAULT_DATA = Path("data")


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


FormatOpt = Annotated[TableOrJson, typer.Option("--format", "-f", help=H("opt.format_table"))]


def lang_of(lang: str | None) -> str:
    if lang and lang.lower() not in ("zh", "en", "zh-cn", "zh_cn", "en-us", "en_us"):
        fail_text(t("cli.bad_lang", "en", lang=lang), "en")  # fail() takes lang itself
    return pick(lang)


def fail(message: str | dict[str, str], lang: str, exit_code: int = 2, **params: object) -> NoReturn:
    """Usage or environment error: one clear line on stderr, exit 2.

    ``message`` is a catalogue id (formatted with ``params``) or a ``{"zh", "en"}`` pair a
    library exception carries.
    """
    fail_text(tr(message, lang) if isinstance(message, dict) else t(message, lang, **params), lang, exit_code)


def fail_text(text: str, lang: str, exit_code: int = 2) -> NoReturn:
    """:func:`fail` with a message the library already put in the user's language. Control
    characters are shown (``\\x1b``), not sent: a path or a value may hold a terminal escape."""
    from zengshou.text import visible

    typer.echo(t("fmt.error_prefix", lang) + visible(text), err=True)
    raise typer.Exit(exit_code)


def note(lang: str, key: str, **params: object) -> None:
    """A remark on stderr (``注意：…``) that does not change the outcome."""
    sys.stderr.write(t("fmt.note_prefix", lang) + t(key, lang, **params) + "\n")


#: the width of tables written to a pipe or file when COLUMNS does not say (wide enough for
#: every table's full layout, narrow enough to read in an editor)
DEFAULT_WIDTH = 120


def width(stream=None) -> int:
    """Display columns to lay tables out for: ``COLUMNS`` when set, else the terminal's width,
    else :data:`DEFAULT_WIDTH` (output piped to a file or another program)."""
    cols = os.environ.get("COLUMNS", "")
    if cols.isdigit() and int(cols) > 0:
        return int(cols)
    stream = stream or sys.stdout
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        pass
    return DEFAULT_WIDTH


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width(sys.stderr if stderr else sys.stdout))


def out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def data_dir_or_exit(data: Path, lang: str) -> None:
    """Exit 2 unless ``data`` is a directory, saying whether it is missing or something else."""
    if data.is_dir():
        return
    fail("cli.data_not_dir" if data.exists() else "cli.no_data_dir", lang, data=data)


def load_catalog_or_exit(data: Path, lang: str):
    """The catalog, for commands that read only the plan definitions (see workspace_or_exit)."""
    return workspace_or_exit(data, lang).cat


def workspace_or_exit(data: Path, lang: str):
    """The run's workspace with its checked catalog, or exit: 2 when the data directory is
    missing, 1 on definition errors. Commands pass it on to lint, status and merge, so the
    definitions are read and checked once per run."""
    from zengshou.lint import load_definitions
    from zengshou.reporters import render_text
    from zengshou.workspace import Workspace

    data_dir_or_exit(data, lang)
    from zengshou.config import ConfigError

    try:
        ws = Workspace.open(data)
    except ConfigError as e:
        fail("cli.bad_config", lang, error=e.text(lang))
    cat, findings = load_definitions(ws)
    errors = [f for f in findings if f.level == "error"]
    if cat is None or errors:
        from zengshou.loader import read_bytes

        sources = {}
        for name in {f.file for f in findings}:
            raw, _ = read_bytes(Path(name), data)  # never a FIFO, a device or a link out of data/
            if raw is not None:
                sources[name] = raw.decode("utf-8", errors="replace")
        sys.stderr.write(render_text(findings, lang, sources=sources, files=2))
        raise typer.Exit(1)
    return ws


def resolve_unit_or_exit(cat, name: str, lang: str):
    u = cat.resolve(name)
    if u is None:
        near = cat.suggest(name)
        hint = t("cli.unit_near", lang, near=join(near, lang)) if near else t("cli.unit_see_all", lang)
        fail("cli.unknown_unit", lang, name=name, hint=hint)
    return u


def quarter_or_exit(cat, text: str, lang: str):
    from zengshou.quarters import Quarter

    q = Quarter.try_parse(text)
    if q is None:
        fail("cli.bad_quarter", lang, text=text)
    if cat is not None and not cat.in_period(q):
        p = cat.plan.period
        fail("cli.quarter_outside", lang, quarter=q, start=p.start, end=p.end)
    return q


def reporting_unit_or_exit(cat, name: str, quarter, lang: str):
    """The unit that files a submission for ``name`` in ``quarter``: never a group, and after an
    institutional reform the successor (said on stderr)."""
    u = resolve_unit_or_exit(cat, name, lang)
    if u.kind == "group":
        fail("cli.group_not_unit", lang, name=u.name)
    now = cat.current(u.id, quarter)
    if now != u.id:
        succ = cat.by_id[now]
        note(lang, "cli.successor", since=u.successor.from_, old=u.name, new=succ.name)
        u = succ
    return u


def write_or_exit(path: Path, data: bytes | str, lang: str, shown: str | None = None) -> None:
    """Write an output atomically; a locked or unwritable target is a usage/environment error
    (exit 2) that says what to do, and the previous file is left as it was."""
    from zengshou.atomic import NotRegularFile, OutputLocked, write_bytes

    shown = shown or str(path)
    try:
        write_bytes(path, data.encode("utf-8") if isinstance(data, str) else data)
    except NotRegularFile:
        fail("cli.not_regular", lang, path=shown)
    except OutputLocked:
        fail("cli.locked", lang, path=shown)
    except OSError as e:
        fail("cli.cannot_write", lang, path=shown, reason=e.strerror or e)
