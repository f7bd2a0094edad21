#!/usr/bin/env bash
# Lint and run every test, browser tests included (extra arguments go to pytest).
#   scripts/test.sh                 everything
#   scripts/test.sh -m 'not browser'   skip the browser tests
#   scripts/test.sh tests/browser -x   only the browser tests
# A run that collects no tests (pytest exit code 5) counts as a failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/setup.sh"

echo "test: ruff check"
.venv/bin/ruff check .

echo "test: lint-imports (the import rules in pyproject.toml)"
.venv/bin/lint-imports --no-cache

echo "test: pytest $*"
status=0
NO_MKDOCS_2_WARNING=1 .venv/bin/python -m pytest "$@" || status=$?
if [[ "$status" == "5" ]]; then
    echo "test: pytest collected no tests; that is a failure" >&2
    exit 1
fi
exit "$status"
