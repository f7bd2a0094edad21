#!/usr/bin/env bash
# Build the site into site/ (extra arguments go to `mkdocs build`, e.g. -d /tmp/site).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/setup.sh" --no-browser
NO_MKDOCS_2_WARNING=1 exec .venv/bin/mkdocs build --strict "$@"
