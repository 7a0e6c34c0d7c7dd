#!/usr/bin/env bash
# make demo: a running ANTARA Sales desk with demo data, at http://$SITE:$WEB_PORT.
# Every step checks before it acts, so a second run only verifies (and is faster). The data comes
# from antara_sales/setup/demo.py, which runs real sales through P/SMM/KOM/001.
# Stop the server it started: kill -- -$(cat "$BENCH_DIR/logs/antara-demo.pid")
set -euo pipefail
source "$(dirname "$0")/env.sh"

PY="$BENCH_DIR/env/bin/python"
APP_LINK="$BENCH_DIR/apps/antara_sales"
DEMO_LOG="$BENCH_DIR/logs/antara-demo.log"
DEMO_PID="$BENCH_DIR/logs/antara-demo.pid"
PING_URL="http://localhost:$WEB_PORT/api/method/ping"

T0=$(date +%s%N)
TIMINGS=()
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
# step NAME FUNCTION: runs FUNCTION and records how long it took.
step() {
	local name=$1 t ms
	shift
	t=$(date +%s%N)
	"$@"
	ms=$(ms_since "$t")
	TIMINGS+=("$(printf '%-28s %7.1fs' "$name" "$(awk "BEGIN{print $ms/1000}")")")
	log "$name: done in $(awk "BEGIN{print $ms/1000}")s"
}

site_db() { "$PY" -c 'import json,sys; c=json.load(open(sys.argv[1])); print(c[sys.argv[2]])' \
	"$BENCH_DIR/sites/$SITE/site_config.json" "$1"; }
site_sql() { mysql -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -N -s "$(site_db db_name)" -e "$1"; }
redis_answers() { redis-cli -p "$1" ping >/dev/null 2>&1; }
redis_port() { awk '/^port/{print $2}' "$BENCH_DIR/config/$1.conf" 2>/dev/null; }
pinged() { curl -sf -m 5 "$PING_URL" 2>/dev/null | grep -q pong; }

do_bench() {
	"$APP_DIR/scripts/setup.sh" bench
}

do_app_link() {
	if [ ! -e "$APP_LINK" ]; then
		log "linking $APP_LINK -> $APP_DIR"
		ln -s "$APP_DIR" "$APP_LINK"
	fi
	# The bench's env must import this checkout's antara_sales (checked from a folder without it).
	local want
	want=$(realpath "$APP_LINK/antara_sales")
	if ! (cd "$BENCH_DIR" && "$PY" -c 'import antara_sales, os, sys; sys.exit(os.path.realpath(os.path.dirname(antara_sales.__file__)) != sys.argv[1])' "$want") 2>/dev/null; then
		log "pip install -e $APP_LINK into the bench env"
		local out
		if ! out=$(uv pip install -q --python "$PY" -e "$APP_LINK" 2>&1); then
			# e.g. flit_core refuses to build while the README named in pyproject.toml is missing:
			# put the app on the env's path by hand (what an editable install does) + its deps.
			log "editable install failed ($(grep -Eo '[A-Za-z]*Error: .*' <<<"$out" | tail -n1));" \
				"adding $APP_LINK to the bench env by a .pth file instead"
			local site_packages
			site_packages=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
			echo "$APP_LINK" >"$site_packages/antara_sales.pth"
			uv pip install -q --python "$PY" 'python-stdnum>=1.19'
		fi
		(cd "$BENCH_DIR" && "$PY" -c 'import antara_sales') || { echo "antara_sales is not importable in $PY" >&2; exit 1; }
	fi
	# Frappe's pinned googleapiclient needs pkg_resources (platform note 6).
	if ! "$PY" -W ignore -c 'import pkg_resources' >/dev/null 2>&1; then
		log "setuptools<81 in the bench env"
		uv pip install -q --python "$PY" 'setuptools<81'
	fi
	local apps="$BENCH_DIR/sites/apps.txt"
	if ! grep -qx antara_sales "$apps"; then
		log "adding antara_sales to $apps"
		[ -s "$apps" ] && [ -n "$(tail -c1 "$apps")" ] && echo >>"$apps"
		echo antara_sales >>"$apps"
	fi
	# No public assets today; the link lets /assets/antara_sales/ resolve once there are some.
	[ -e "$BENCH_DIR/sites/assets/antara_sales" ] || ln -s "$APP_LINK/antara_sales/public" "$BENCH_DIR/sites/assets/antara_sales"
}

# What a migrate depends on: the app's schema, hooks and patches, and Frappe's commit.
schema_stamp() {
	(
		cd "$APP_DIR"
		find antara_sales \( -name '*.json' -o -name hooks.py -o -name patches.txt \) -not -path '*/tests/*' -print0 |
			sort -z | xargs -0 sha1sum
		git -C "$BENCH_DIR/apps/frappe" rev-parse HEAD 2>/dev/null || true
	) | sha1sum | cut -d' ' -f1
}
STAMP_FILE() { echo "$BENCH_DIR/sites/$SITE/.antara-demo-schema"; }

do_site() {
	if [ ! -d "$BENCH_DIR/sites/$SITE" ]; then
		log "bench new-site $SITE"
		if ! bench_cmd new-site "$SITE" --db-root-password "$DB_ROOT_PASSWORD" \
			--admin-password "$ADMIN_PASSWORD" --install-app antara_sales; then
			# A half-made site would stop the next run (platform note 6): drop it.
			echo "bench new-site failed; dropping the half-made site" >&2
			bench_cmd drop-site "$SITE" --force --no-backup --db-root-password "$DB_ROOT_PASSWORD" || true
			rm -rf "$BENCH_DIR/sites/$SITE"
			exit 1
		fi
		schema_stamp >"$(STAMP_FILE)"
		return
	fi
	if ! bench_cmd --site "$SITE" list-apps 2>/dev/null | grep -qw antara_sales; then
		log "bench --site $SITE install-app antara_sales"
		bench_cmd --site "$SITE" install-app antara_sales
	fi
	local stamp
	stamp=$(schema_stamp)
	if [ "${ANTARA_DEMO_MIGRATE:-0}" = 1 ] || [ "$(cat "$(STAMP_FILE)" 2>/dev/null)" != "$stamp" ]; then
		log "bench --site $SITE migrate"
		bench_cmd --site "$SITE" migrate
		echo "$stamp" >"$(STAMP_FILE)"
	else
		log "schema unchanged since the last migrate (ANTARA_DEMO_MIGRATE=1 forces one)"
	fi
}

do_wizard() {
	# Read straight from the database: a bench execute costs seconds.
	if [ "$(site_sql "select value from tabSingles where doctype='System Settings' and field='setup_complete'" 2>/dev/null)" = 1 ]; then
		log "setup wizard already complete"
		return
	fi
	bench_cmd --site "$SITE" execute antara_sales.setup.demo.complete_setup_wizard
}

do_data() {
	bench_cmd --site "$SITE" execute antara_sales.setup.demo.load
}

do_use_site() {
	if ! "$PY" -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])).get("default_site") != sys.argv[2])' \
		"$BENCH_DIR/sites/common_site_config.json" "$SITE"; then
		bench_cmd use "$SITE"
	fi
	# wkhtmltopdf fetches the print CSS from the site's own host name (platform note 12).
	if ! grep -Eq "^127\.0\.0\.1([[:space:]]+[^[:space:]]+)*[[:space:]]+${SITE//./\\.}([[:space:]]|\$)" /etc/hosts; then
		if [ -w /etc/hosts ]; then
			log "adding 127.0.0.1 $SITE to /etc/hosts"
			echo "127.0.0.1 $SITE" >>/etc/hosts
		else
			log "WARNING: cannot write /etc/hosts; add '127.0.0.1 $SITE' for PDFs"
		fi
	fi
}

procfile_ok() {
	local procfile="$BENCH_DIR/Procfile" port
	[ -f "$procfile" ] || return 1
	grep -Eq "^web: .*--port $WEB_PORT\$" "$procfile" || return 1
	grep -q '^watch:' "$procfile" && return 1
	for conf in redis_cache redis_queue; do
		port=$(redis_port "$conf")
		[ -n "$port" ] && redis_answers "$port" && grep -q "^$conf:" "$procfile" && return 1
	done
	return 0
}

do_procfile() {
	local current
	current=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1])).get("webserver_port", ""))' \
		"$BENCH_DIR/sites/common_site_config.json")
	if [ "$current" != "$WEB_PORT" ]; then
		bench_cmd set-config -g webserver_port "$WEB_PORT"
	fi
	procfile_ok && return 0
	log "regenerating $BENCH_DIR/Procfile"
	rm -f "$BENCH_DIR/Procfile"
	bench_cmd setup procfile
	sed -i '/^watch:/d' "$BENCH_DIR/Procfile" # no asset watcher for a demo
	# Redis daemonised by setup.sh already holds the ports: bench start must not start its own
	# (platform note 8). Without them bench start owns Redis.
	local conf port
	for conf in redis_cache redis_queue; do
		port=$(redis_port "$conf")
		if [ -n "$port" ] && redis_answers "$port"; then
			sed -i "/^$conf:/d" "$BENCH_DIR/Procfile"
		fi
	done
	sed -i -e '/./,$!d' -e '/^$/N;/^\n$/D' "$BENCH_DIR/Procfile" # squeeze blank lines
}

do_server() {
	if pinged; then
		log "a server already answers on $PING_URL"
		return
	fi
	log "bench start (log: $DEMO_LOG)"
	mkdir -p "$(dirname "$DEMO_LOG")"
	(cd "$BENCH_DIR" && exec setsid nohup bench start >>"$DEMO_LOG" 2>&1 </dev/null) &
	echo $! >"$DEMO_PID"
	for _ in $(seq 90); do
		pinged && return 0
		kill -0 "$(cat "$DEMO_PID")" 2>/dev/null || break
		sleep 1
	done
	echo "the server did not answer on $PING_URL; last lines of $DEMO_LOG:" >&2
	tail -n 30 "$DEMO_LOG" >&2
	exit 1
}

step "setup.sh bench" do_bench
step "app in the bench" do_app_link
step "site $SITE" do_site
step "setup wizard" do_wizard
step "demo data" do_data
step "default site, /etc/hosts" do_use_site
step "Procfile" do_procfile
step "web server" do_server

echo
echo "Step timings:"
printf '  %s\n' "${TIMINGS[@]}"
printf '  %-28s %7.1fs\n' "total" "$(awk "BEGIN{print $(ms_since "$T0")/1000}")"
echo
echo "ANTARA Sales demo: http://$SITE:$WEB_PORT/app/antara-media-order  (also http://localhost:$WEB_PORT)"
[ -f "$DEMO_PID" ] && kill -0 "$(cat "$DEMO_PID")" 2>/dev/null &&
	echo "Server: bench start, pid $(cat "$DEMO_PID"), log $DEMO_LOG (stop: kill -- -$(cat "$DEMO_PID"))"
echo
(cd "$BENCH_DIR/sites" && "$PY" -W ignore -c 'import sys; from antara_sales.setup.demo import print_users; print_users(sys.argv[1])' "$ADMIN_PASSWORD")
