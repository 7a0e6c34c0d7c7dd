#!/usr/bin/env bash
# make test: lint, unit tests (no site), then integration tests and the browser walk on a throwaway
# site that this run creates beside the bench's own sites and drops at the end. The checkout's code
# is what runs (PYTHONPATH), whatever copy of antara_sales the bench itself has installed.
# Knobs: PYTEST_ARGS (integration), BROWSER_PYTEST_ARGS (browser), ANTARA_INTEGRATION_TESTS=0 or
# ANTARA_BROWSER_TESTS=0 to leave either out, ANTARA_BROWSER_SHOTS (the screenshots' folder).
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
	"$PY" -c 'import stdnum, pytest, xdist' 2>/dev/null || uv pip install -q --python "$PY" -r pyproject.toml pytest pytest-xdist
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
	echo "BROWSER TESTS SKIPPED: $SKIP_REASON"
	exit 0
fi

scripts/setup.sh services
SITES_TMP=$(mktemp -d "$BENCH_DIR/.antara-test-sites.XXXXXX")
# The integration suite runs in ANTARA_TEST_WORKERS pytest-xdist workers (2: one per core; a single
# pytest process kept one core busy), each on a throwaway site of its own; the first site also
# serves the browser walk.
WORKERS=${ANTARA_TEST_WORKERS:-2}
TEST_SITES=()
for n in $(seq "$WORKERS"); do TEST_SITES+=("antara-test-$(date +%s)-$$-$n.localhost"); done
TEST_SITE=${TEST_SITES[0]}
SERVE_PIDS=()
drop_test_site() {
	local cfg db pid site
	for pid in ${WORKER_PID:-} ${SERVE_PIDS[@]+"${SERVE_PIDS[@]}"}; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
	# The run's own RQ queues and jobs (its bench_id names them).
	redis-cli -p 11000 --scan --pattern "*$BENCH_ID*" 2>/dev/null | xargs -r redis-cli -p 11000 del >/dev/null || true
	for site in "${TEST_SITES[@]}"; do
		cfg="$SITES_TMP/$site/site_config.json"
		[ -f "$cfg" ] || continue
		db=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["db_name"])' "$cfg")
		mysql -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -e \
			"DROP DATABASE IF EXISTS \`$db\`; DROP USER IF EXISTS '$db'@'localhost'; DROP USER IF EXISTS '$db'@'%';" || true
		redis-cli -p 13000 --scan --pattern "$db|*" 2>/dev/null | xargs -r redis-cli -p 13000 del >/dev/null || true
	done
	rm -rf "$SITES_TMP"
}
trap drop_test_site EXIT

cp "$BENCH_DIR/sites/common_site_config.json" "$SITES_TMP/"
# Its own bench_id, so that its background jobs go to queues of its own: the bench's workers
# (make demo) serve only the bench's sites and would fail this site's jobs.
BENCH_ID="antara-test-$$-$(date +%s)"
"$PY" -c 'import json,sys; p=sys.argv[1]; c=json.load(open(p)); c["bench_id"]=sys.argv[2]; json.dump(c, open(p, "w"), indent=1)' \
	"$SITES_TMP/common_site_config.json" "$BENCH_ID"
printf 'frappe\nantara_sales\n' >"$SITES_TMP/apps.txt"
ln -s "$BENCH_DIR/sites/assets" "$SITES_TMP/assets"
frappe_cli() { (cd "$SITES_TMP" && PYTHONPATH="$APP_DIR" "$PY" -m frappe.utils.bench_helper frappe "$@"); }
make_site() {
	frappe_cli new-site "$1" --db-root-password "$DB_ROOT_PASSWORD" --admin-password "$ADMIN_PASSWORD" \
		--install-app antara_sales >/dev/null
	frappe_cli --site "$1" set-config allow_tests True -p >/dev/null
	# Frappe refuses a 61st user created within the hour ("Throttled"); the suite creates far more,
	# and the two workers finish within the hour.
	frappe_cli --site "$1" set-config throttle_user_limit 100000 -p >/dev/null
}
MAKERS=()
for site in "${TEST_SITES[@]}"; do make_site "$site" & MAKERS+=($!); done
for pid in "${MAKERS[@]}"; do wait "$pid"; done
# A web server per site for the tests that go over HTTP (REST bypass attempts): Frappe's dev server
# for that site alone, on a free port, stopped with the site. Worker gw<N> is told its site's.
XDIST_ENV=()
TEST_PORTS=()
for n in "${!TEST_SITES[@]}"; do
	site=${TEST_SITES[$n]}
	port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	(cd "$SITES_TMP" && PYTHONPATH="$APP_DIR" exec "$PY" -m frappe.utils.bench_helper frappe --site "$site" \
		serve --port "$port" --noreload --nothreading >"$SITES_TMP/serve-$n.log" 2>&1) &
	SERVE_PIDS+=($!)
	TEST_PORTS+=("$port")
	XDIST_ENV+=("ANTARA_TEST_SITE_GW$n=$site" "ANTARA_TEST_URL_GW$n=http://127.0.0.1:$port")
done
TEST_PORT=${TEST_PORTS[0]}
mkdir -p "$SITES_TMP/reported"
phase_done "throwaway sites"

run_pytest() { # junit-file path...
	local junit=$1
	shift
	(cd "$SITES_TMP" && env "${XDIST_ENV[@]}" CI=1 ANTARA_TEST_SITE="$TEST_SITE" ANTARA_SITES_PATH="$SITES_TMP" \
		PYTHONPATH="$APP_DIR" ANTARA_TEST_URL="http://127.0.0.1:$TEST_PORT" ANTARA_REPORT_DIR="${REPORTED:-$SITES_TMP/reported}" \
		"$PY" -m pytest "$@" -q -p no:cacheprovider --rootdir "$APP_DIR" --durations=30 --junitxml="$junit")
}
ran() { "$PY" -c 'import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); s=r if r.tag=="testsuite" else r[0]; print(int(s.get("tests"))-int(s.get("skipped")))' "$1" 2>/dev/null || echo 0; }

STATUS=0
if [ "${ANTARA_INTEGRATION_TESTS:-1}" = 0 ]; then
	echo "INTEGRATION TESTS SKIPPED: ANTARA_INTEGRATION_TESTS=0"
else
	set +e
	# Whole files per worker (their classes set up once); the longest file first, so that it does not
	# start last.
	XDIST_ARGS=()
	[ "$WORKERS" -gt 1 ] && XDIST_ARGS=(-n "$WORKERS" --dist loadfile)
	# Issue 13's 1-vs-2 worker speed-up is measured after the suite, alone on the cores (beside the
	# other xdist worker it measured the other worker's load as much as its own). It is printed;
	# ANTARA_WORKER_SPEED_UP=1.7 makes it a gate (1.6-1.9x seen here, so not by default).
	SPEED_UP_TEST=antara_sales/tests/integration/test_workers.py::TestWorkers::test_two_workers_fulfil_a_backlog_faster_than_one
	run_pytest "$SITES_TMP/integration.xml" "${XDIST_ARGS[@]}" "$APP_DIR/antara_sales/tests/integration/test_workers.py" \
		"$APP_DIR/antara_sales/tests/integration" --deselect "$SPEED_UP_TEST" ${PYTEST_ARGS:-}
	STATUS=$?
	phase_done integration
	mkdir -p "$SITES_TMP/reported-alone"
	REPORTED="$SITES_TMP/reported-alone" ANTARA_WORKER_BACKLOG=${ANTARA_WORKER_BACKLOG:-40} \
		run_pytest "$SITES_TMP/workers-alone.xml" "$APP_DIR/$SPEED_UP_TEST" ${PYTEST_ARGS:-}
	SPEED_UP_STATUS=$?
	set -e
	phase_done "worker speed-up"
	echo "INTEGRATION TESTS RAN: $(($(ran "$SITES_TMP/integration.xml") + $(ran "$SITES_TMP/workers-alone.xml")))" \
		"(pytest exit $STATUS, then $SPEED_UP_STATUS for the worker speed-up alone)"
	[ "$STATUS" = 0 ] && STATUS=$SPEED_UP_STATUS
fi

# The browser walk (antara_sales/tests/browser): the procedure clicked through in Chromium as each
# role. It needs the setup wizard done (the desk sends /app to it until then) and a worker for the
# signing's fulfilment job (6.8). frappe serve has no socket.io: the suite keeps the desk's realtime
# client off the network (tests/browser/desk.py).
BROWSER_STATUS=0
if [ "${ANTARA_BROWSER_TESTS:-1}" = 0 ]; then
	echo "BROWSER TESTS SKIPPED: ANTARA_BROWSER_TESTS=0"
elif ! BROWSER_REASON=$(scripts/setup.sh browser "$PY"); then
	echo "BROWSER TESTS SKIPPED: ${BROWSER_REASON:-the browser could not be installed}"
else
	frappe_cli --site "$TEST_SITE" execute antara_sales.setup.demo.complete_setup_wizard >/dev/null
	(cd "$SITES_TMP" && PYTHONPATH="$APP_DIR" exec "$PY" -m frappe.utils.bench_helper frappe worker \
		--queue short,default >"$SITES_TMP/worker.log" 2>&1) &
	WORKER_PID=$!
	SHOTS=${ANTARA_BROWSER_SHOTS:-$(mktemp -d "${TMPDIR:-/tmp}/antara-browser-XXXXXX")}
	echo "Browser walk screenshots: $SHOTS"
	phase_done "browser set-up"
	set +e
	ANTARA_BROWSER_SHOTS="$SHOTS" run_pytest "$SITES_TMP/browser.xml" "$APP_DIR/antara_sales/tests/browser" \
		${BROWSER_PYTEST_ARGS:-}
	BROWSER_STATUS=$?
	set -e
	phase_done browser
	echo "BROWSER TESTS RAN: $(ran "$SITES_TMP/browser.xml") (pytest exit $BROWSER_STATUS)"
	[ "$BROWSER_STATUS" = 0 ] || tail -n 20 "$SITES_TMP/serve-0.log" "$SITES_TMP/worker.log" >&2 || true
fi
echo "TOTAL: $(($(date +%s) - T0))s"
[ "$STATUS" = 0 ] || exit "$STATUS"
exit "$BROWSER_STATUS"
