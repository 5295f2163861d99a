"""Write docs/rules.md and docs/schema/progress.schema.json from the code.

The rules page is the text of ``zengshou rules`` / ``zengshou rules CODE`` for every rule in the
registry, and the schema is ``zengshou schema progress``; tests fail when the committed files
differ from what this script writes, so run it after changing a rule or the models::

    python scripts/gen_rules_doc.py          # rewrite both files
    python scripts/gen_rules_doc.py --check  # exit 1 if either is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zengshou.atomic import write_text  # noqa: E402
from zengshou.ruledocs import rules_markdown  # noqa: E402
from zengshou.schema_export import schema_text  # noqa: E402

OUTPUTS = {
    ROOT / "docs" / "rules.md": rules_markdown,
    ROOT / "docs" / "schema" / "progress.schema.json": lambda: schema_text("progress"),
}


def main(argv: list[str]) -> int:
    stale = []
    for path, make in OUTPUTS.items():
        text = make()
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(path)
        if "--check" not in argv:
            write_text(path, text)
    for path in stale:
        print(("out of date: " if "--check" in argv else "wrote ") + str(path.relative_to(ROOT)))
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
