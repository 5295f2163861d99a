"""Which module defines each command, and which command modules this run registers.

Kept apart from ``zengshou.cli`` (which runs ``main``) and ``zengshou.cli.app`` (which builds the
Typer app) so that neither has to import the other to share this state.
"""

from __future__ import annotations

#: command → the module in this package that defines it. ``main()`` imports only that module,
#: so ``zengshou validate FILE`` (run by pre-commit on every commit) does not pay for the
#: report, forms and indicator modules. A test keeps this map in step with the commands.
COMMAND_MODULES = {
    "tasks": "plan",
    "units": "plan",
    "validate": "validate",
    "new": "submit",
    "status": "submit",
    "merge": "merge",
    "template": "forms",
    "import": "forms",
    "schema": "checks",
    "rules": "checks",
    "indicators": "indicators",
    "history": "indicators",
    "review": "review",
    "serve": "serve",
}

#: set by ``main()`` before ``zengshou.cli.app`` is imported; None registers every command
ONLY: str | None = None
