#!/usr/bin/env bash
# Build the site into site/ (-d DIR builds it elsewhere, e.g. -d /tmp/site).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/setup.sh" --no-browser
# `ngosite build` is `mkdocs build --strict` with every line on the screen in Polish.
exec .venv/bin/ngosite build "$@"
