#!/usr/bin/env bash
# Idempotent machine and bench set-up for antara_sales. Each step checks before it acts, so a
# second run only verifies. Handles the points in platform-notes.md (no GitHub, root, yarn
# registry, air-datepicker, setuptools, wkhtmltopdf host name).
#   scripts/setup.sh system   # apt packages, MariaDB (utf8mb4) and its root password, node tools
#   scripts/setup.sh bench    # system + a Frappe bench at $BENCH_DIR
#   scripts/setup.sh services # start MariaDB and the bench's Redis servers if they are not up
#   scripts/setup.sh browser [python] # Chromium, fonts and playwright for the browser walk
set -euo pipefail
source "$(dirname "$0")/env.sh"

apt_install() {
	local missing=()
	for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
	[ ${#missing[@]} -eq 0 ] && return 0
	log "apt-get install ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

system_packages() {
	apt_install mariadb-server mariadb-client redis-server wkhtmltopdf xfonts-75dpi fonts-dejavu-core \
		git curl pkg-config libmariadb-dev poppler-utils
	have node || apt_install nodejs npm
}

mariadb_config() {
	local cnf=/etc/mysql/mariadb.conf.d/99-frappe.cnf
	[ -f "$cnf" ] && return 0
	log "MariaDB: Frappe's utf8mb4 settings ($cnf)"
	cat >"$cnf" <<CNF
[mysqld]
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
innodb_file_per_table = 1

[mysql]
default-character-set = utf8mb4
CNF
	if mysqladmin ping >/dev/null 2>&1; then mariadb_stop; fi
}

mariadb_stop() { mysqladmin shutdown >/dev/null 2>&1 || mysqladmin -uroot -p"$DB_ROOT_PASSWORD" shutdown || true; sleep 1; }

mariadb_start() {
	mysqladmin ping >/dev/null 2>&1 && return 0
	log "starting MariaDB"
	service mariadb start >/dev/null 2>&1 || (mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld &&
		nohup mysqld_safe >/dev/null 2>&1 &)
	for _ in $(seq 60); do mysqladmin ping >/dev/null 2>&1 && break; sleep 0.5; done
	mysqladmin ping >/dev/null 2>&1 || { echo "MariaDB did not start" >&2; return 1; }
}

mariadb_root_password() {
	mysql -uroot -p"$DB_ROOT_PASSWORD" -h127.0.0.1 -e 'select 1' >/dev/null 2>&1 && return 0
	log "MariaDB: root password for Frappe (socket login for the OS root stays)"
	mysql -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD'); FLUSH PRIVILEGES;"
}

node_tools() {
	have yarn || { log "npm install -g yarn"; npm install -g yarn >/dev/null; }
	# yarn v1 keeps its registry in ~/.yarnrc; `yarn config set` did not persist here (note 4).
	local registry
	registry=$(npm config get registry)
	grep -qs "^registry \"$registry\"" ~/.yarnrc || echo "registry \"$registry\"" >>~/.yarnrc
}

python_tools() {
	# bench 5.x calls uv and honcho by name (note 3).
	local missing=()
	have bench || missing+=(frappe-bench)
	have uv || missing+=(uv)
	have honcho || missing+=(honcho)
	[ ${#missing[@]} -eq 0 ] && return 0
	log "pip install ${missing[*]}"
	"$PYTHON" -m pip install -q "${missing[@]}"
}

# A local clone of Frappe with air-datepicker taken from the npm registry (note 4): bench clones
# the committed tree, so the change is committed on a local branch.
frappe_source() {
	local src="$CACHE_DIR/frappe-$FRAPPE_BRANCH"
	if [ ! -d "$src/.git" ]; then
		log "cloning Frappe $FRAPPE_BRANCH from $FRAPPE_PATH"
		mkdir -p "$CACHE_DIR"
		git clone -q --depth 1 --branch "$FRAPPE_BRANCH" "file://$(realpath -m "$FRAPPE_PATH" 2>/dev/null)" "$src" 2>/dev/null ||
			git clone -q --depth 1 --branch "$FRAPPE_BRANCH" "$FRAPPE_PATH" "$src"
	fi
	if grep -q '"air-datepicker": "github:' "$src/package.json"; then
		sed -i 's#"air-datepicker": "github:[^"]*"#"air-datepicker": "2.2.3"#' "$src/package.json"
		git -C "$src" -c user.name=antara -c user.email=antara@localhost commit -qam "air-datepicker from npm"
	fi
	echo "$src"
}

bench_init() {
	bench_ready && return 0
	local src parent
	src=$(frappe_source)
	parent=$(dirname "$BENCH_DIR")
	mkdir -p "$parent/sites"
	# bench reads frappe_user from ./sites/common_site_config.json of the folder it runs in (note 2).
	[ -f "$parent/sites/common_site_config.json" ] || echo "{\"frappe_user\": \"$(whoami)\"}" >"$parent/sites/common_site_config.json"
	log "bench init $BENCH_DIR from $src ($FRAPPE_BRANCH)"
	(cd "$parent" && bench init "$BENCH_DIR" --frappe-path "$src" --frappe-branch "$FRAPPE_BRANCH" \
		--no-backups --python "$(command -v "$PYTHON")")
	rm -rf "$parent/sites"
	bench_cmd set-config -g frappe_user "$(whoami)" >/dev/null
	bench_cmd set-config -g root_password "$DB_ROOT_PASSWORD" >/dev/null
}

bench_env_pins() {
	# Frappe's pinned googleapiclient imports pkg_resources, gone from setuptools 81 (note 6).
	"$BENCH_DIR/env/bin/python" -c 'import pkg_resources' >/dev/null 2>&1 && return 0
	log "setuptools<81 in the bench env"
	uv pip install -q --python "$BENCH_DIR/env/bin/python" 'setuptools<81'
}

redis_start() {
	local conf port
	for conf in redis_cache redis_queue; do
		[ -f "$BENCH_DIR/config/$conf.conf" ] || continue
		port=$(awk '/^port/{print $2}' "$BENCH_DIR/config/$conf.conf")
		redis-cli -p "$port" ping >/dev/null 2>&1 && continue
		log "starting Redis $conf on port $port"
		(cd "$BENCH_DIR/config" && redis-server "$conf.conf" --daemonize yes >/dev/null)
	done
}

# The browser walk (antara_sales/tests/browser): Debian's Chromium, driven by the playwright package
# from PyPI in the given Python ($2, the bench's env). `playwright install` cannot download browsers
# here (platform note 17), so the suite launches /usr/bin/chromium. Prints why, and fails, when
# either cannot be installed.
browser_tools() {
	local py=${1:-$BENCH_DIR/env/bin/python}
	if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-liberation >/dev/null 2>&1; then
		apt_install chromium fonts-liberation >&2 || { echo "apt-get install chromium fonts-liberation failed"; return 1; }
	fi
	[ -x /usr/bin/chromium ] || { echo "no /usr/bin/chromium after apt-get install chromium"; return 1; }
	if ! "$py" -c 'import playwright.sync_api' >/dev/null 2>&1; then
		log "pip install playwright into $py"
		uv pip install -q --python "$py" playwright >&2 || "$py" -m pip install -q playwright >&2 ||
			{ echo "pip install playwright into $py failed"; return 1; }
	fi
	# Chromium starts (it needs its libraries, and --no-sandbox as root).
	timeout 60 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --dump-dom about:blank >/dev/null 2>&1 ||
		{ echo "/usr/bin/chromium does not start headless"; return 1; }
}

case "${1:-bench}" in
system) system_packages; mariadb_config; mariadb_start; mariadb_root_password; node_tools; python_tools ;;
bench) "$0" system; bench_init; bench_env_pins; redis_start ;;
services) mariadb_start; bench_ready && redis_start || true ;;
browser) browser_tools "${2:-}" ;;
*) echo "usage: $0 system|bench|services|browser [python]" >&2; exit 2 ;;
esac
