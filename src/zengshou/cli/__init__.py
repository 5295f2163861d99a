"""The command line: thin Typer wrappers over the library.

Commands live in their own modules and import heavy libraries (openpyxl, jinja2) inside the
command body, so ``zengshou --help`` and ``zengshou --version`` stay fast.
"""

from __future__ import annotations

import sys


def main() -> None:
    # The version check runs on every pre-commit hook start-up; answer it before importing Typer.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from zengshou import __version__

        print(f"zengshou {__version__}")
        return
    from zengshou.cli.app import app

    app()
