#!/usr/bin/env python3
"""Re-derive data/tasks.yaml from the plan text (docs/plan/) and data/units.yaml.

python scripts/derive_tasks.py           # rewrite data/tasks.yaml
python scripts/derive_tasks.py --check   # exit 1 if the committed file differs
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zengshou.atomic import write_text  # noqa: E402
from zengshou.plantext import PLAN_FILE, derive_file  # noqa: E402


def main() -> int:
    text, problems = derive_file(ROOT / "docs" / "plan" / PLAN_FILE, ROOT / "data" / "units.yaml")
    for p in problems:
        print("problem:", p, file=sys.stderr)
    if problems:
        return 1
    target = ROOT / "data" / "tasks.yaml"
    if "--check" in sys.argv:
        same = target.is_file() and target.read_text(encoding="utf-8") == text
        print("data/tasks.yaml is up to date" if same else "data/tasks.yaml differs from the plan text")
        return 0 if same else 1
    write_text(target, text)
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
