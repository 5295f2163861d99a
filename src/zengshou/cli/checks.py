"""``zengshou schema`` and ``zengshou rules``: what the checks accept, and why each rule exists.

The JSON Schema lets an editor (VS Code's YAML extension) and generic tools (check-jsonschema)
check a submission's *structure* while it is typed. It is generated from the same Pydantic
models the loader uses, then widened to what the loader accepts: our loader keeps every scalar
as typed text, while an ordinary YAML parser turns ``task: 1`` into a number and
``contact: 2848638`` into one too. So a row number may be an integer or a digit string, a date
a ``YYYY-MM-DD`` string, and free text any scalar. The schema therefore agrees with rule S108
(structure); the content rules (unknown unit, wrong quarter, missing rows…) stay with
``zengshou validate``.

The rules text is built here from the registry in :mod:`zengshou.rules`, and
``scripts/gen_rules_doc.py`` writes the same text to ``docs/rules.md``.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer

from zengshou.cli.app import command
from zengshou.cli.common import H, LangOpt, fail, lang_of, width
from zengshou.i18n import join, t


class SchemaKind(str, Enum):
    progress = "progress"
    tasks = "tasks"
    units = "units"


@command("schema")
def schema_cmd(
    kind: Annotated[SchemaKind, typer.Argument(help=H("opt.schema.kind"), metavar=H("meta.kind"))],
) -> None:
    """Print the JSON Schema of a file kind (for editors and check-jsonschema)."""
    from zengshou.schema_export import schema_text

    sys.stdout.write(schema_text(kind.value))


class RulesFmt(str, Enum):
    text = "text"
    json = "json"


@command("rules")
def rules_cmd(
    code: Annotated[str | None, typer.Argument(help=H("opt.rules.code"), metavar=H("meta.code"))] = None,
    fmt: Annotated[RulesFmt, typer.Option("--format", "-f", help=H("opt.rules.format"))] = RulesFmt.text,
    lang: LangOpt = None,
) -> None:
    """List every rule, or explain one: what it checks, why, a failing and a fixed example."""
    from zengshou.ruledocs import explain_text, rule_dict, rule_list_text
    from zengshou.rules import RULES, by_name

    lang = lang_of(lang)
    if code is None:
        if fmt is RulesFmt.json:
            body = [rule_dict(r, lang) for r in RULES.values()]
            sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(rule_list_text(lang, width()))
        return
    r = by_name(code)
    if r is None:
        import difflib

        near = difflib.get_close_matches(code, [*RULES, *(x.name for x in RULES.values())], n=3)
        hint = t("cli.unit_near", lang, near=join(near, lang)) if near else t("cli.rule_see_all", lang)
        fail("cli.no_such_rule", lang, code=code, hint=hint)
    if fmt is RulesFmt.json:
        sys.stdout.write(json.dumps(rule_dict(r, lang), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(explain_text(r, lang))
