"""The rule families, in one list.

Each module in this package defines one family: its rules (registered in
:mod:`zengshou.registry` when the module is imported) and, where the family inspects a loaded
submission, a ``check(ctx, sub)`` function. :data:`FAMILIES` is the only list of families:
the linter's submission checks, ``zengshou rules`` and the tests' tables all follow from it,
so adding a family means adding one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from zengshou.registry import RULES, Rule, by_name, rule
from zengshou.rules import completeness, content, definitions, forms, identity, indicators, syntax, timing


@dataclass(frozen=True)
class Family:
    name: str  # the ``family`` its rules carry
    module: ModuleType
    check: Callable | None  # runs on every loaded submission; None for findings made elsewhere
    examples_run_by_validate: bool  # its documented examples are submissions `validate` can check


# Order is the order of the docs and of the checks.
FAMILIES: tuple[Family, ...] = (
    Family("syntax", syntax, None, True),  # findings made by the loader and the schema check
    Family("definitions", definitions, None, False),  # tasks.yaml / units.yaml, checked by the linter core
    Family("identity", identity, identity.check, True),
    Family("content", content, content.check, True),
    Family("completeness", completeness, completeness.check, True),
    Family("timing", timing, timing.check, True),
    Family("figures", indicators, indicators.check, True),
    Family("import", forms, None, False),  # findings of `zengshou import`
)

SUBMISSION_CHECKS: tuple[Callable, ...] = tuple(f.check for f in FAMILIES if f.check is not None)


def _in_family_order() -> None:
    """The registry lists rules family by family in the order above, codes ascending within a
    family, whatever order the modules happened to be imported in (docs/rules.md follows it)."""
    rank = {f.name: i for i, f in enumerate(FAMILIES)}
    ordered = sorted(RULES.values(), key=lambda r: (rank.get(r.family, len(rank)), r.code))
    RULES.clear()
    RULES.update((r.code, r) for r in ordered)


_in_family_order()

__all__ = ["FAMILIES", "RULES", "SUBMISSION_CHECKS", "Family", "Rule", "by_name", "rule"]
