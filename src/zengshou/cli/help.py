"""Help pages and usage errors, drawn by zengshou itself in the interface language.

Typer's own Rich help has English words built in (Options, Usage, [default: …]) and no public
way to change them. This module owns that layer instead of patching Typer: it reads the commands
through Click's public interface (``ctx``, ``get_params``, ``get_usage``, a parameter's ``opts``,
``type``, ``default``, ``envvar``…) and lays the page out with Rich, the way Typer's help looks —
usage line, description, then an Arguments, Options and Commands panel. Rich measures Chinese
characters as two columns and wraps at the terminal's width; help texts fold onto the next line
instead of being cut with "…".

Imported only when help or an error is printed: Rich's tables cost a third of a second.
"""

from __future__ import annotations

import inspect
import os
from enum import Enum
from typing import Any

from rich.align import Align
from rich.columns import Columns
from rich.console import Console, Group, RenderableType
from rich.highlighter import RegexHighlighter
from rich.markup import escape
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from zengshou.i18n import t, ui_lang

# Styles as Typer draws them, so the page looks the same as before zengshou owned it
_THEME = Theme(
    {
        "option": "bold cyan",
        "switch": "bold green",
        "negative_option": "bold magenta",
        "negative_switch": "bold red",
        "types": "bold yellow",
        "types_sep": "dim",
        "usage": "yellow",
    }
)


class _Options(RegexHighlighter):
    highlights = [
        r"(^|\W)(?P<switch>\-\w+)(?![a-zA-Z0-9])",
        r"(^|\W)(?P<option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
        r"(?P<types>\<[^\>]+\>)",
    ]


class _Types(RegexHighlighter):
    highlights = [r"^(?P<types_sep>(\[|<))", r"(?P<types_sep>\|)", r"(?P<types_sep>(\]|>))(\.\.\.)?$"]


_options = _Options()
_types = _Types()

#: Click's type names → the names a Python reader knows (what Typer shows since 0.26)
_TYPE_NAMES = {"text": "str", "boolean": "bool", "integer": "int", "float": "float"}


def console(stderr: bool = False) -> Console:
    """A console like Typer's: colour on a terminal (or when CI asks for it), the width from
    TERMINAL_WIDTH or COLUMNS or the terminal."""
    forced = True if os.environ.get("GITHUB_ACTIONS") or os.environ.get("FORCE_COLOR") else None
    width = os.environ.get("TERMINAL_WIDTH")
    return Console(
        theme=_THEME,
        highlighter=_options,
        force_terminal=forced,
        width=int(width) if width and width.isdigit() else None,
        stderr=stderr,
    )


def _text(text: str, style: str = "") -> Text:
    """A help text as plain text (never Rich markup: a ``[`` in a message is a bracket), folded
    rather than cut when one run of Chinese is wider than its column."""
    out = _options(Text(inspect.cleandoc(text), style=style))
    out.overflow = "fold"
    return out


def _description(help_text: str) -> Group:
    """The command's description: the first paragraph plain, the rest dim."""
    first, *rest = inspect.cleandoc(help_text).partition("\f")[0].split("\n\n")
    parts: list[RenderableType] = [_text(first.replace("\n", " ").strip())]
    if rest:
        parts += [Text(""), _text("\n\n".join(rest), style="dim")]
    return Group(*parts)


def type_label(param: Any, ctx: Any) -> str:
    """What the type column shows: ``<str>``, ``<path>``, ``<text|json|github>``, ``<list[Path]>``,
    or the option's own metavar (``版本``). The same words whichever Typer is installed: Typer
    0.29+ describes its parameters' types itself (``display_type``); before, they are Click's."""
    if param.param_type_name == "option" and param.metavar is not None:
        return str(param.metavar)
    kind = getattr(param, "type", None)
    if kind is None:
        return str(param.display_type(ctx))
    choices = getattr(kind, "choices", None)
    if getattr(param, "is_flag", False):
        label = "bool"
    elif choices:
        label = "|".join(str(c.value if isinstance(c, Enum) else c) for c in choices)
    else:
        label = _TYPE_NAMES.get(kind.name, kind.name)
    if param.nargs != 1 or getattr(param, "multiple", False):
        label = "list[" + ("Path" if label == "path" else label) + "]"
    return f"<{label}>"


def default_label(param: Any, ctx: Any) -> str:
    """The ``[默认：…]`` value, or "" when there is none to show (no default, a plain flag off)."""
    show = getattr(param, "show_default", None)
    if isinstance(show, str):
        return f"({show})"
    resilient, ctx.resilient_parsing = ctx.resilient_parsing, True  # no type conversion of the default
    try:
        value = param.get_default(ctx, call=False)
    finally:
        ctx.resilient_parsing = resilient
    if value is None or not (show or ctx.show_default):
        return ""

    def one(v: Any) -> str:
        if isinstance(v, Enum):
            return str(v.value)
        if callable(v):
            return "(dynamic)"
        if getattr(param, "is_flag", False) and isinstance(v, bool):
            if param.secondary_opts:
                return (param.opts if v else param.secondary_opts)[0].lstrip("-")
            return str(v) if v else ""
        return str(v)

    if isinstance(value, (list, tuple)):
        return ", ".join(p for p in map(one, value) if p)
    return one(value)


def _param_help(param: Any, ctx: Any, lang: str) -> Columns:
    items: list[Text] = []
    help_text = getattr(param, "help", None)
    if help_text:
        paragraphs = [p.replace("\n", " ").strip() for p in help_text.split("\n\n")]
        items.append(_text("\n".join(paragraphs).strip()))
    envvar = getattr(param, "envvar", None)
    if envvar and getattr(param, "show_envvar", False):
        names = envvar if isinstance(envvar, str) else ", ".join(map(str, envvar))
        items.append(Text("[" + t("chrome.env_var", lang).format(names) + "]", style="dim yellow"))
    default = default_label(param, ctx)
    if default:
        items.append(Text("[" + t("chrome.default", lang).format(default) + "]", style="dim"))
    if param.required:
        items.append(Text("[" + t("chrome.required", lang) + "]", style="dim red"))
    return Columns(items)


def _params_panel(title: str, params: list[Any], ctx: Any, lang: str) -> Panel | None:
    if not params:
        return None
    rows: list[list[RenderableType]] = []
    for param in params:
        long = [o for o in param.opts if "--" in o]
        if param.param_type_name == "argument":
            name = str(param.metavar or param.name)
            short = [name + ("…" if param.metavar is None and param.nargs != 1 else "")]
        else:
            short = [o for o in param.opts if "--" not in o]
        negative = [o for o in param.secondary_opts if "--" in o]
        negative_short = [o for o in param.secondary_opts if "--" not in o]
        rows.append(
            [
                Text("*", style="red") if param.required else Text(""),
                _options(",".join(long)),
                _options(",".join(short)),
                Text(",".join(negative), style="bold magenta"),
                Text(",".join(negative_short), style="bold red"),
                _types(Text(type_label(param, ctx), style="bold yellow", overflow="fold")),
                _param_help(param, ctx, lang),
            ]
        )
    if not any(p.required for p in params):
        rows = [row[1:] for row in rows]
    table = Table(highlight=True, show_header=False, expand=True, box=None, pad_edge=False, padding=(0, 1))
    for row in rows:
        table.add_row(*row)
    return Panel(table, border_style="dim", title=title, title_align="left")


def _commands_panel(title: str, commands: list[Any]) -> Panel | None:
    if not commands:
        return None
    table = Table(highlight=False, show_header=False, expand=True, box=None, pad_edge=False, padding=(0, 1))
    table.add_column(style="bold cyan", no_wrap=True, width=max(len(c.name or "") for c in commands))
    table.add_column(justify="left", no_wrap=False, ratio=10)
    for command in commands:
        summary = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]
        table.add_row(Text(command.name or ""), _text(summary.strip()))
    return Panel(table, border_style="dim", title=title, title_align="left")


def render_help(command: Any, ctx: Any, lang: str | None = None) -> list[RenderableType]:
    """The help page of ``command`` (a Click command or group) as Rich renderables."""
    lang = lang or ui_lang()
    out: list[RenderableType | None] = [Padding(_options(Text(command.get_usage(ctx))), 1, style="bold")]
    if command.help:
        out.append(Padding(Align(_description(command.help), pad=False), (0, 1, 1, 1)))
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [p for p in params if p.param_type_name == "argument"]
    options = [p for p in params if p.param_type_name == "option"]
    out.append(_params_panel(t("chrome.Arguments", lang), arguments, ctx, lang))
    out.append(_params_panel(t("chrome.Options", lang), options, ctx, lang))
    if hasattr(command, "list_commands"):
        subs = [command.get_command(ctx, name) for name in command.list_commands(ctx)]
        out.append(_commands_panel(t("chrome.Commands", lang), [c for c in subs if c is not None and not c.hidden]))
    if command.epilog:
        out.append(Padding(Align(_text(command.epilog), pad=False), 1))
    return [r for r in out if r is not None]


def help_text(command: Any, ctx: Any, lang: str | None = None) -> str:
    """The help page as the text to print: with colour codes only when stdout is a terminal
    (or CI asks for colour)."""
    con = console()
    with con.capture() as captured:
        for part in render_help(command, ctx, lang):
            con.print(part)
    return captured.get()


def print_error(error: Any, lang: str | None = None) -> None:
    """A usage error (any Click exception) on stderr: the usage line, how to get help, and the
    message in a red panel."""
    lang = lang or ui_lang()
    con = console(stderr=True)
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        con.print(_options(Text(ctx.get_usage())), style="bold")
        if ctx.command.get_help_option(ctx) is not None:
            hint = t("chrome.try_help", lang).format(
                command_path=escape(ctx.command_path), help_option=ctx.help_option_names[0]
            )
            con.print(hint, style="dim")
    con.print(
        Panel(
            _options(Text(error.format_message())),
            border_style="red",
            title=t("chrome.Error", lang),
            title_align="left",
        )
    )


def print_aborted(lang: str | None = None) -> None:
    console(stderr=True).print(t("chrome.Aborted.", lang or ui_lang()), style="red")
