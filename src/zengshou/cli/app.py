"""The Typer application and its command registry.

Help is in the interface language (``zengshou.i18n.ui_lang``, chosen by ``zengshou.cli.main``
before this module is imported): every description and option help comes from the message
catalogue, and so do the words around them (用法, 选项, 默认, 环境变量…): :mod:`zengshou.cli.help`
draws help pages and usage errors itself, with Rich, through Click's public interface.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from zengshou import __version__
from zengshou.cli import commands
from zengshou.i18n import t, ui_lang

#: options Typer adds itself, whose help it writes in English
_OWN_OPTIONS = {"install_completion": "help.install_completion", "show_completion": "help.show_completion"}


if TYPE_CHECKING:  # a mixin of TyperCommand and TyperGroup: checked as the command it extends
    _Command = TyperCommand
else:
    _Command = object


class _Localized(_Command):
    """Help option, usage line and help page in the interface language (:mod:`zengshou.cli.help`
    draws the page through Click's public interface; nothing of Typer's is patched)."""

    def get_help_option(self, ctx):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = t("help.help", ui_lang())
        return opt

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for p in params:
            if p.name in _OWN_OPTIONS and isinstance(p, TyperOption):  # Typer makes both as TyperOption
                p.help = t(_OWN_OPTIONS[p.name], ui_lang())
        return params

    def collect_usage_pieces(self, ctx):
        # Click marks repeatable arguments with "..."; "…" reads the same and is never a cut
        return [p.replace("...", "…") for p in super().collect_usage_pieces(ctx)]

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(
            ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=t("chrome.Usage:", ui_lang()) + " "
        )

    def format_help(self, ctx, formatter) -> None:
        from zengshou.cli.help import help_text

        formatter.write(help_text(self, ctx))


def _usage_error(e: BaseException) -> bool:
    """A Click exception (a usage error, a bad parameter…), recognised by its public interface:
    Typer 0.26+ raises its own copy of Click's classes, older Typer Click's."""
    return callable(getattr(e, "format_message", None)) and isinstance(getattr(e, "exit_code", None), int)


class Group(_Localized, TyperGroup):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; a usage error or an abort is printed here, in the interface
        language (Typer would print its own English panel)."""
        standalone = kwargs.pop("standalone_mode", args[3] if len(args) > 3 else True)
        args, kwargs["standalone_mode"] = args[:3], False
        if not standalone:
            return super().main(*args, **kwargs)
        try:
            rv = super().main(*args, **kwargs)
        except typer.Abort:
            from zengshou.cli.help import print_aborted

            print_aborted()
            sys.exit(1)
        except Exception as e:
            if not _usage_error(e):
                raise
            from zengshou.cli.help import print_error

            print_error(e)
            sys.exit(e.exit_code)  # type: ignore[attr-defined]
        # not standalone, Click returns a command's exit code (typer.Exit) or its return value
        sys.exit(rv if isinstance(rv, int) else 0)


class Command(_Localized, TyperCommand):
    pass


app = typer.Typer(
    name="zengshou",
    cls=Group,
    help=t("help.app", ui_lang()),
    options_metavar=t("meta.options", ui_lang()),
    subcommand_metavar=t("meta.command", ui_lang()),
    add_completion=True,
    rich_markup_mode=None,  # zengshou.cli.help draws help and errors; Typer's Rich layer is unused
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command(name: str, **kwargs: Any):
    """``@app.command`` with the description and its one-line form from the catalogue
    (``cmd.<name>`` and ``cmd.<name>.short``)."""
    lang = ui_lang()
    return app.command(
        name,
        cls=Command,
        help=t(f"cmd.{name}", lang),
        short_help=t(f"cmd.{name}.short", lang),
        options_metavar=t("meta.options", lang),
        **kwargs,
    )


def quickstart() -> str:
    """What ``zengshou`` with no arguments prints: which command for whom, where the docs are."""
    return t("help.quickstart", ui_lang()) + "\n"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zengshou {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help=t("help.version", ui_lang())
    ),
    lang: str | None = typer.Option(None, "--lang", envvar="ZENGSHOU_LANG", help=t("opt.lang", ui_lang())),
) -> None:
    """增收 — quarterly progress reporting."""
    _check_today(lang)
    if ctx.invoked_subcommand is None:
        typer.echo(quickstart(), nl=False)
        raise typer.Exit()


def _check_today(lang: str | None) -> None:
    """ZENGSHOU_TODAY pins "today" (late and future-date checks, the reminder's date); a value
    that is not a real YYYY-MM-DD date is a usage error, not silently the real today."""
    import os

    from zengshou.workspace import BadToday, today

    try:
        today()
    except BadToday:
        from zengshou.cli.common import fail, lang_of

        fail("cli.bad_today", lang_of(lang), value=os.environ.get("ZENGSHOU_TODAY", ""))


# Each module in this package adds its commands to ``app`` when imported; ORDER is the order
# of ``zengshou --help``, and any module not listed follows. No registry edits are needed.
ORDER = ["plan", "validate", "submit", "review", "merge", "forms", "checks", "indicators"]


def _register() -> None:
    if commands.ONLY:
        importlib.import_module(f"zengshou.cli.{commands.ONLY}")
        return
    here = Path(__file__).parent
    found = sorted(
        m.name
        for m in pkgutil.iter_modules([str(here)])
        if m.name not in ("app", "common", "commands", "help", "tables")
    )
    for name in sorted(found, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n)):
        importlib.import_module(f"zengshou.cli.{name}")


_register()
