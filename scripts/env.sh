# Shared settings for the setup, demo and test scripts. Every knob can be overridden from the
# environment (see README.md, "Knobs").
BENCH_DIR=${BENCH_DIR:-$HOME/frappe-bench}
FRAPPE_PATH=${FRAPPE_PATH:-https://github.com/frappe/frappe}
FRAPPE_BRANCH=${FRAPPE_BRANCH:-version-15}
SITE=${SITE:-antara.localhost}
WEB_PORT=${WEB_PORT:-8000}
DB_ROOT_PASSWORD=${DB_ROOT_PASSWORD:-antara-root}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin}
PYTHON=${PYTHON:-python3}
APP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE_DIR=${CACHE_DIR:-$HOME/.cache/antara_sales}
# This machine's shell sets PYTHONDONTWRITEBYTECODE: every new Python process (bench commands, web
# servers, each RQ job's forked work horse) then recompiled Frappe's sources on import, and a cold
# fulfilment job took 15 s instead of 1.5 s. Bytecode lives in __pycache__ (ignored by git).
unset PYTHONDONTWRITEBYTECODE

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
bench_ready() { [ -x "$BENCH_DIR/env/bin/python" ] && [ -d "$BENCH_DIR/apps/frappe" ]; }
# bench refuses to run as root unless the bench's own config names the user (platform note 2).
bench_cmd() { (cd "$BENCH_DIR" && bench "$@"); }
