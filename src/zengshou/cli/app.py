"""The Typer application and its command registry."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import typer

from zengshou import __version__
from zengshou.cli import commands

app = typer.Typer(
    name="zengshou",
    help="增收 — 桂林市促进脱贫人口持续增收三年行动方案 季度进度报送工具 / quarterly progress reporting.\n\n"
    "Exit codes: 0 ok, 1 findings (or units missing), 2 usage or environment error.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zengshou {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """增收 — quarterly progress reporting."""
    _check_today()


def _check_today() -> None:
    """ZENGSHOU_TODAY pins "today" (late and future-date checks, the reminder's date); a value
    that is not a real YYYY-MM-DD date is a usage error, not silently the real today."""
    import os
    import re
    from datetime import date

    pinned = os.environ.get("ZENGSHOU_TODAY")
    if not pinned:
        return
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", pinned.strip()):
            date.fromisoformat(pinned.strip())
            return
    except ValueError:
        pass
    from zengshou.cli.common import fail, lang_of
    from zengshou.text import visible

    shown = visible(pinned)
    fail({"zh": f"环境变量 ZENGSHOU_TODAY={shown} 不是有效日期：应为 YYYY-MM-DD，如 2023-07-05；或删除该变量",
          "en": f"ZENGSHOU_TODAY={shown} is not a valid date: use YYYY-MM-DD, e.g. 2023-07-05, or unset it"}, lang_of(None))


# Each module in this package adds its commands to ``app`` when imported; ORDER is the order
# of ``zengshou --help``, and any module not listed follows. No registry edits are needed.
ORDER = ["plan", "validate", "submit", "merge", "forms", "checks", "indicators"]


def _register() -> None:
    if commands.ONLY:
        importlib.import_module(f"zengshou.cli.{commands.ONLY}")
        return
    here = Path(__file__).parent
    found = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name not in ("app", "common", "commands"))
    for name in sorted(found, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n)):
        importlib.import_module(f"zengshou.cli.{name}")


_register()
