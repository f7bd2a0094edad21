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

# Test files are shared out to NGOSITE_TEST_WORKERS processes (default: one per core, at most
# 4); each file runs whole on one of them, so its module fixtures (a built site) are made once.
# NGOSITE_TEST_WORKERS=0 runs everything in this process.
workers="${NGOSITE_TEST_WORKERS:-$(nproc 2>/dev/null || echo 2)}"
(( workers > 4 )) && workers=4
echo "test: pytest -n $workers $*"
status=0
NO_MKDOCS_2_WARNING=1 .venv/bin/python -m pytest -n "$workers" --dist loadfile "$@" || status=$?
if [[ "$status" == "5" ]]; then
    echo "test: pytest collected no tests; that is a failure" >&2
    exit 1
fi
exit "$status"
