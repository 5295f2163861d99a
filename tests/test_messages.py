"""The message catalogue: one place for every user-facing string, complete in both languages."""

from __future__ import annotations

import re
import string
from pathlib import Path

from zengshou.messages import MESSAGES

SRC = Path(__file__).resolve().parent.parent / "src" / "zengshou"


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_every_message_has_both_languages_with_the_same_blanks():
    for key, (zh, en) in MESSAGES.items():
        assert zh and en, key
        if key.startswith(("fmt.date", "fmt.quarter")):  # 2023年第二季度 / Q2 2023: each takes what it needs
            continue
        assert fields(zh) == fields(en), key


def test_every_id_the_code_looks_up_exists():
    used = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\b(?:t|msg|H|both|fail|note)\(\s*["']([a-z_]+\.[\w./:-]+)["']""", text))
    assert used, "the pattern finds the lookups"
    missing = sorted(k for k in used if k not in MESSAGES)
    assert missing == []


def test_no_language_branches_in_the_code():
    """Strings differ by language only in the catalogue (issue 11, item 5)."""
    pattern = re.compile(r"""lang\s*[!=]=\s*["'](zh|en)["']|["'](zh|en)["']\s*if\s+lang|if\s+zh\b""")
    offenders = [f"{p.relative_to(SRC)}:{n}" for p in SRC.rglob("*.py") if p.name != "i18n.py"  # it picks the language
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert offenders == []


def test_one_translation_mechanism():
    """say() is gone: the CLI uses zengshou.i18n like everything else."""
    import zengshou.cli.common as common

    assert not hasattr(common, "say")
