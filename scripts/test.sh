#!/usr/bin/env bash
# make test: lint, unit tests (no site), then integration tests on a throwaway site that this run
# creates beside the bench's own sites and drops at the end. The checkout's code is what runs
# (PYTHONPATH), whatever copy of antara_sales the bench itself has installed.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$APP_DIR"

T0=$(date +%s)
PHASE_T=$T0
phase_done() { local now; now=$(date +%s); echo "PHASE $1: $((now - PHASE_T))s"; PHASE_T=$now; }

frappe_reachable() {
	[ -d "$FRAPPE_PATH" ] && return 0
	[ -d "$CACHE_DIR/frappe-$FRAPPE_BRANCH/.git" ] && return 0
	timeout 20 git ls-remote --heads "$FRAPPE_PATH" "$FRAPPE_BRANCH" >/dev/null 2>&1
}

SKIP_REASON=""
if ! bench_ready; then
	if frappe_reachable; then
		scripts/setup.sh bench
	else
		SKIP_REASON="no bench at $BENCH_DIR and Frappe source $FRAPPE_PATH is unreachable (set FRAPPE_PATH)"
	fi
fi

if bench_ready; then
	PY="$BENCH_DIR/env/bin/python"
	# The app's own dependencies and pytest, in the bench's env (nothing else of the bench changes).
	"$PY" -c 'import stdnum, pytest' 2>/dev/null || uv pip install -q --python "$PY" -r pyproject.toml pytest
else
	[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
	PY=.venv/bin/python
	"$PY" -c 'import stdnum, pytest, phonenumbers' 2>/dev/null || "$PY" -m pip install -q pytest python-stdnum phonenumbers
fi
phase_done setup

# Lint first (ruff, the Frappe boilerplate's settings in pyproject.toml).
scripts/lint.sh
phase_done lint

PYTHONPATH="$APP_DIR" "$PY" -m pytest antara_sales/tests/unit -q
phase_done unit

if [ -n "$SKIP_REASON" ]; then
	echo "INTEGRATION TESTS SKIPPED: $SKIP_REASON"
	exit 0
fi

scripts/setup.sh services
SITES_TMP=$(mktemp -d "$BENCH_DIR/.antara-test-sites.XXXXXX")
TEST_SITE="antara-test-$(date +%s)-$$.localhost"
drop_test_site() {
	local cfg="$SITES_TMP/$TEST_SITE/site_config.json" db
	if [ -n "${SERVE_PID:-}" ]; then kill "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true; fi
	if [ -f "$cfg" ]; then
		db=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["db_name"])' "$cfg")
		mysql -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -e \
			"DROP DATABASE IF EXISTS \`$db\`; DROP USER IF EXISTS '$db'@'localhost'; DROP USER IF EXISTS '$db'@'%';" || true
		redis-cli -p 13000 --scan --pattern "$db|*" 2>/dev/null | xargs -r redis-cli -p 13000 del >/dev/null || true
	fi
	rm -rf "$SITES_TMP"
}
trap drop_test_site EXIT

cp "$BENCH_DIR/sites/common_site_config.json" "$SITES_TMP/"
printf 'frappe\nantara_sales\n' >"$SITES_TMP/apps.txt"
ln -s "$BENCH_DIR/sites/assets" "$SITES_TMP/assets"
frappe_cli() { (cd "$SITES_TMP" && PYTHONPATH="$APP_DIR" "$PY" -m frappe.utils.bench_helper frappe "$@"); }
frappe_cli new-site "$TEST_SITE" --db-root-password "$DB_ROOT_PASSWORD" --admin-password "$ADMIN_PASSWORD" \
	--install-app antara_sales >/dev/null
frappe_cli --site "$TEST_SITE" set-config allow_tests True -p >/dev/null
# A web server for the tests that go over HTTP (REST bypass attempts): Frappe's dev server for
# this site alone, on a free port, stopped with the site.
TEST_PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$SITES_TMP" && PYTHONPATH="$APP_DIR" exec "$PY" -m frappe.utils.bench_helper frappe --site "$TEST_SITE" \
	serve --port "$TEST_PORT" --noreload --nothreading >"$SITES_TMP/serve.log" 2>&1) &
SERVE_PID=$!
phase_done "throwaway site"

set +e
(cd "$SITES_TMP" && CI=1 ANTARA_TEST_SITE="$TEST_SITE" ANTARA_SITES_PATH="$SITES_TMP" PYTHONPATH="$APP_DIR" \
	ANTARA_TEST_URL="http://127.0.0.1:$TEST_PORT" \
	"$PY" -m pytest "$APP_DIR/antara_sales/tests/integration" -q -p no:cacheprovider --rootdir "$APP_DIR" \
	--junitxml="$SITES_TMP/integration.xml" ${PYTEST_ARGS:-})
STATUS=$?
set -e
COUNT=$("$PY" -c 'import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); s=r if r.tag=="testsuite" else r[0]; print(int(s.get("tests"))-int(s.get("skipped")))' "$SITES_TMP/integration.xml" 2>/dev/null || echo 0)
phase_done integration
echo "INTEGRATION TESTS RAN: $COUNT (pytest exit $STATUS)"
echo "TOTAL: $(($(date +%s) - T0))s"
exit $STATUS
