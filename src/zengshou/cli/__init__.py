"""The command line: thin Typer wrappers over the library.

Commands live in their own modules and import heavy libraries (openpyxl, jinja2) inside the
command body, so ``zengshou --help`` and ``zengshou --version`` stay fast.
"""

from __future__ import annotations

import os
import sys

from zengshou.cli import commands
from zengshou.cli.commands import COMMAND_MODULES  # noqa: F401  (the map, for tests and docs)


def main() -> None:
    # The version check runs on every pre-commit hook start-up; answer it before importing Typer.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from zengshou import __version__

        print(f"zengshou {__version__}")
        return
    # A console or pipe in a legacy code page (cp936 cannot print an emoji a clerk typed) must
    # degrade a character, not end in a traceback.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    # zengshou's models need no Pydantic plugins; skip scanning every installed package for them
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Typer reads the help texts when the command modules are imported: choose their language first
    from zengshou.i18n import lang_in_argv, set_ui_lang

    set_ui_lang(lang_in_argv(sys.argv[1:]))
    args = [a for i, a in enumerate(sys.argv[1:]) if not a.startswith("-") and sys.argv[i] != "--lang"]
    first = args[0] if args else None
    rest = sys.argv[1:]
    if not rest or (len(rest) == 2 and rest[0] == "--lang") or (len(rest) == 1 and rest[0].startswith("--lang=")):
        # bare `zengshou` (perhaps with --lang): the quick start, without building the app
        from zengshou.i18n import t, ui_lang

        sys.stdout.write(t("help.quickstart", ui_lang()) + "\n")
        return
    if first in commands.COMMAND_MODULES and not any(k.endswith("_COMPLETE") for k in os.environ):
        commands.ONLY = commands.COMMAND_MODULES[first]
    from zengshou.cli.app import app

    app()
