#!/usr/bin/env bash
# Preview the site with live reload on http://127.0.0.1:8000/ (-a HOST:PORT for another address).
# After editing a hook, stop and restart: mkdocs serve caches hook modules.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/setup.sh" --no-browser
# Not strict: a broken data file is reported, and every valid entry stays on the preview.
exec .venv/bin/ngosite serve "$@"
