#!/usr/bin/env bash
# Preview the site with live reload on http://127.0.0.1:8000/ (extra arguments go to `mkdocs serve`).
# After editing a hook, stop and restart: mkdocs serve caches hook modules.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/setup.sh" --no-browser
# --no-strict: a broken data file is reported, and every valid entry stays on the preview.
NO_MKDOCS_2_WARNING=1 exec .venv/bin/mkdocs serve --no-strict -a 127.0.0.1:8000 "$@"
