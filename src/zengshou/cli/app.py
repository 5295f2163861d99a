"""The Typer application and its command registry.

Help is in the interface language (``zengshou.i18n.ui_lang``, chosen by ``zengshou.cli.main``
before this module is imported): every description and option help comes from the message
catalogue, and so do the words Typer and Click print around them (用法, 选项, 默认, 环境变量…).
Help is laid out by Rich, which measures Chinese characters as two columns and wraps at the
terminal's width, so nothing is cut with "...".
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from zengshou import __version__
from zengshou.cli import commands
from zengshou.i18n import t, ui_lang

#: typer.rich_utils constants → catalogue id; set just before help or an error is printed
_RICH_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "chrome.Arguments",
    "OPTIONS_PANEL_TITLE": "chrome.Options",
    "COMMANDS_PANEL_TITLE": "chrome.Commands",
    "ERRORS_PANEL_TITLE": "chrome.Error",
    "ABORTED_TEXT": "chrome.Aborted.",
    "RICH_HELP": "chrome.try_help",
}
_BRACKETED = {
    "DEFAULT_STRING": "chrome.default",
    "ENVVAR_STRING": "chrome.env_var",
    "REQUIRED_LONG_STRING": "chrome.required",
}
#: options Typer adds itself, whose help it writes in English
_OWN_OPTIONS = {"install_completion": "help.install_completion", "show_completion": "help.show_completion"}


def _localize_chrome() -> None:
    """Put Typer's own words (panel titles, [default: …]) in the interface language. Imported
    only when help or an error is printed: rich_utils costs a third of a second."""
    from typer import rich_utils

    lang = ui_lang()
    if not getattr(rich_utils, "_zengshou_folds", False):
        # Rich cuts a table cell's longest word with "…"; Chinese runs without spaces are one
        # long word, so help texts fold onto the next line instead
        make = rich_utils._make_rich_text

        def folding(**kwargs):
            text = make(**kwargs)
            if hasattr(text, "overflow"):
                text.overflow = "fold"
            return text

        rich_utils._make_rich_text = folding
        setattr(rich_utils, "_zengshou_folds", True)  # noqa: B010 - our own marker on Typer's module
    for name, key in _RICH_WORDS.items():
        setattr(rich_utils, name, t(key, lang))
    for name, key in _BRACKETED.items():
        setattr(rich_utils, name, "[" + t(key, lang) + "]")


if TYPE_CHECKING:  # a mixin of TyperCommand and TyperGroup: checked as the command it extends
    _Command = TyperCommand
else:
    _Command = object


class _Localized(_Command):
    """Help option, usage line and Typer's words in the interface language."""

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
        _localize_chrome()
        return super().format_help(ctx, formatter)

    def parse_args(self, ctx, args):
        from typer._click.exceptions import UsageError  # Typer's own copy of Click

        try:
            return super().parse_args(ctx, args)
        except UsageError:  # Typer prints it after this: in the user's language
            _localize_chrome()
            raise


class Group(_Localized, TyperGroup):
    pass


class Command(_Localized, TyperCommand):
    pass


app = typer.Typer(
    name="zengshou",
    cls=Group,
    help=t("help.app", ui_lang()),
    options_metavar=t("meta.options", ui_lang()),
    subcommand_metavar=t("meta.command", ui_lang()),
    add_completion=True,
    rich_markup_mode="rich",
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
        m.name for m in pkgutil.iter_modules([str(here)]) if m.name not in ("app", "common", "commands", "tables")
    )
    for name in sorted(found, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n)):
        importlib.import_module(f"zengshou.cli.{name}")


_register()
