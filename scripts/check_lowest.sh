#!/usr/bin/env bash
# Install the LOWEST versions pyproject.toml allows for zengshou's own dependencies and run the
# fast test suite against them: the floors in pyproject.toml must be versions that work.
#
#   scripts/check_lowest.sh                 # fast suite (pytest -m "not slow")
#   scripts/check_lowest.sh tests/test_x.py # any pytest arguments instead
#
# uv's `--resolution lowest-direct` installs each of zengshou's direct dependencies at its floor;
# what those need in turn resolves as a user's install would, to the newest release. The test tools
# are added afterwards at their newest allowed versions, constrained not to move anything step 1
# installed: ruff's and mypy's verdicts are about our code, not about the floors.
# Needs `uv` (`python -m pip install uv`); the venv is .venv-lowest/ (ZENGSHOU_LOWEST_VENV).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${ZENGSHOU_LOWEST_VENV:-.venv-lowest}"
installed="$(mktemp)"
trap 'rm -f "$installed" "$installed.test"' EXIT
rm -rf "$venv"
uv venv -q --python python3 "$venv"
export VIRTUAL_ENV="$venv"
# 1. zengshou alone, its direct dependencies at the lowest versions pyproject.toml allows
uv pip install -q --resolution lowest-direct -e .
uv pip freeze --exclude-editable > "$installed"
# 2. the test tools (newest allowed), without moving any package step 1 installed. check-jsonschema
#    pins ruamel.yaml to its own releases, so it is left out here (its two tests skip without it).
python3 -c 'import tomllib; [print(d) for d in tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["test"] if not d.startswith("check-jsonschema")]' > "$installed.test"
uv pip install -q -c "$installed" -r "$installed.test"
echo "lowest allowed versions installed:"
grep -iE '^(typer|click|pydantic|pydantic-core|ruamel[-.]yaml[-.a-z]*|rich|openpyxl|defusedxml|python-docx|jinja2|regex|lxml|starlette|uvicorn)==' "$installed" | tr '\n' ' '
echo
unset VIRTUAL_ENV
if [ "$#" -eq 0 ]; then set -- -m "not slow" -p no:cacheprovider; fi
"$venv/bin/python" -m pytest "$@"
