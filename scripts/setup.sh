#!/usr/bin/env bash
# Prepare a working copy: virtualenv with the package and its test tools, and Debian's Chromium.
# Idempotent: run it as often as you like.
#
#   scripts/setup.sh                 venv + packages + Chromium (needed by the browser tests)
#   scripts/setup.sh --no-browser    venv + packages only (enough to build the site)
#   NGOSITE_NO_BROWSER=1 scripts/setup.sh   same as --no-browser
#
# Downloads only from PyPI and Debian's package mirrors (never `playwright install`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

want_browser=1
[[ "${NGOSITE_NO_BROWSER:-0}" == "1" ]] && want_browser=0
for arg in "$@"; do
    case "$arg" in
        --no-browser) want_browser=0 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "setup.sh: unknown option: $arg" >&2; exit 2 ;;
    esac
done

PYTHON="${PYTHON:-python3}"
CHROMIUM=/usr/bin/chromium

is_root() { [[ "$(id -u)" == "0" ]]; }

apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    if [[ -z "${apt_updated:-}" ]]; then
        apt-get update
        apt_updated=1
    fi
    apt-get install -y "$@"
}

if [[ ! -x .venv/bin/python ]]; then
    echo "setup: creating .venv with $($PYTHON --version)"
    if ! "$PYTHON" -m venv .venv; then
        # Debian ships venv (ensurepip) separately.
        if is_root && command -v apt-get >/dev/null; then
            rm -rf .venv
            apt_install python3-venv
            "$PYTHON" -m venv .venv
        else
            echo "setup: '$PYTHON -m venv' failed; on Debian: sudo apt-get install python3-venv" >&2
            exit 1
        fi
    fi
fi

# Reinstall only when pyproject.toml changed since the last successful install.
stamp=.venv/.ngosite-installed
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]] || ! .venv/bin/python -c "import ngosite" 2>/dev/null; then
    echo "setup: installing the package with its test extras"
    .venv/bin/python -m pip install --disable-pip-version-check --quiet -e '.[test]'
    touch "$stamp"
else
    echo "setup: .venv is up to date"
fi

# Our own modules as bytecode: pip compiles the installed packages, not an editable one, and
# where PYTHONDONTWRITEBYTECODE is set (CI images often set it) every build would compile our
# 170 modules again (0.5 s a build). Python checks each file's date, so a stale file is only
# slower, never wrong.
.venv/bin/python -m compileall -q -j 0 ngosite hooks >/dev/null

if [[ "$want_browser" == "1" && ! -x "$CHROMIUM" ]]; then
    if is_root; then
        echo "setup: installing Debian's chromium"
        # Fonts named explicitly: layout and contrast checks need real fonts.
        apt_install chromium fonts-liberation fonts-dejavu-core
    else
        cat >&2 <<MSG
setup: $CHROMIUM is missing; the browser tests need Debian's Chromium.
Install it as root:
    sudo apt-get update && sudo apt-get install -y chromium fonts-liberation fonts-dejavu-core
(or run 'scripts/setup.sh --no-browser' if you only want to build the site)
MSG
        exit 1
    fi
    if [[ ! -x "$CHROMIUM" ]]; then
        echo "setup: apt-get finished but $CHROMIUM is still missing" >&2
        exit 1
    fi
fi

# Test tools for the open data and the built pages: GDAL's ogrinfo reads the GeoJSON and CSV
# exports (Debian's gdal-bin); the Nu Html Checker (npm package vnu-jar, run with Java) checks
# every built page. Missing tools make those tests fail, never skip.
if [[ ! -x /usr/bin/ogrinfo ]]; then
    if is_root; then
        echo "setup: installing Debian's gdal-bin (ogrinfo)"
        apt_install gdal-bin
    else
        echo "setup: ogrinfo is missing; as root: apt-get install -y gdal-bin" >&2
    fi
fi
VNU_JAR_VERSION=26.9.27
# Only for the tests (with the browser): building the site downloads nothing from npm.
if [[ "$want_browser" == "1" ]] && { [[ ! -f .tools/node_modules/vnu-jar/build/dist/vnu.jar ]] \
        || ! grep -q "\"version\": \"$VNU_JAR_VERSION\"" .tools/node_modules/vnu-jar/package.json; }; then
    if command -v npm >/dev/null; then
        echo "setup: installing vnu-jar $VNU_JAR_VERSION from npm into .tools/"
        npm install --prefix .tools --no-audit --no-fund --silent "vnu-jar@$VNU_JAR_VERSION"
    else
        echo "setup: npm is missing; the HTML validity test needs vnu-jar from npm" >&2
    fi
fi

if [[ -z "${VIRTUAL_ENV:-}" ]]; then
    echo "setup: gotowe. Aby polecenia ngosite działały w tym terminalu: source $ROOT/.venv/bin/activate"
fi
