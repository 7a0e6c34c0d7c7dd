"""Real processes for the tests that break what production breaks (issue 14; issue 13 reuses them):
RQ workers (`bench worker`), web servers (`bench serve`), a private redis-server and a private
mariadbd, each started by the test and stopped by it, and a sites folder of their own that points
the workers at them. Nothing here stops, flushes or reconfigures the bench's own Redis (11000,
13000) or MariaDB: what a test kills is its own.

    stack = ProcessStack()                              # stops everything it started, in reverse
    redis = stack.add(PrivateRedis(tmp))                # a redis-server on a free port
    sites = SitesDir(tmp, site, common={"redis_queue": redis.url, "bench_id": bench_id})
    workers = [stack.add(Worker(sites)) for _ in range(2)]
    with enqueues_to(redis.url, bench_id):             # this process's frappe.enqueue goes there too
        ...
    Queues(redis.url, bench_id).wait_until_idle(workers)
    stack.stop_all()

Timings: every wait returns the seconds it took, so a test can print them."""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

APP_DIR = Path(__file__).resolve().parents[2]  # the checkout: what the workers import (PYTHONPATH)
BENCH_HELPER = (sys.executable, "-m", "frappe.utils.bench_helper", "frappe")

# Lines a test reports (its counts and timings); conftest prints them in pytest's summary, which
# `pytest -q` shows in CI's log whatever the capture.
REPORT: list[str] = []
REPORT_DIR = "ANTARA_REPORT_DIR"  # where xdist workers leave their lines for the summary (conftest)


def report(line: str):
	if report_dir := os.environ.get(REPORT_DIR):
		worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
		with open(Path(report_dir) / f"{worker}.txt", "a") as out:
			out.write(line.replace("\n", " ") + "\n")
	else:
		REPORT.append(line)
	print(line)


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def wait_until(predicate, timeout: float, what: str, interval: float = 0.1) -> float:
	"""Poll `predicate` until it is true; the seconds it took. Raises TimeoutError naming `what`."""
	began = time.monotonic()
	while True:
		if predicate():
			return time.monotonic() - began
		if time.monotonic() - began > timeout:
			raise TimeoutError(f"{what}: not within {timeout:.0f} s")
		time.sleep(interval)


class Process:
	"""A child process in a session of its own, so that stop() and kill() reach its children too
	(an RQ worker runs each job in a forked work horse: killing the worker alone would leave the
	horse running the job)."""

	def __init__(self, name: str, argv, cwd, env: dict | None = None, log: Path | None = None):
		self.name, self.argv, self.cwd = name, [str(a) for a in argv], str(cwd)
		self.env = {**os.environ, **(env or {})}
		self.log = Path(log) if log else None
		self.popen: subprocess.Popen | None = None
		self.started_at = None

	def start(self):
		with open(self.log or os.devnull, "ab") as out:  # the child keeps its own copy
			self.popen = subprocess.Popen(
				self.argv,
				cwd=self.cwd,
				env=self.env,
				stdout=out,
				stderr=subprocess.STDOUT,
				start_new_session=True,
			)
		self.started_at = time.monotonic()
		return self

	@property
	def pid(self) -> int | None:
		return self.popen.pid if self.popen else None

	def alive(self) -> bool:
		return bool(self.popen) and self.popen.poll() is None

	def signal_group(self, sig):
		with contextlib.suppress(ProcessLookupError, PermissionError):
			os.killpg(self.popen.pid, sig)

	def stop(self, timeout: float = 30) -> float:
		"""SIGTERM (an RQ worker finishes its job first), then SIGKILL after `timeout`."""
		if not self.alive():
			return 0.0
		began = time.monotonic()
		others = self.descendants()
		self.signal_group(signal.SIGTERM)
		try:
			self.popen.wait(timeout)
		except subprocess.TimeoutExpired:
			self.kill()
		for child in others:  # a work horse outliving its worker
			with contextlib.suppress(Exception):
				child.kill()
		self.signal_group(signal.SIGKILL)  # whatever of the group outlived its leader
		return time.monotonic() - began

	def descendants(self) -> list:
		"""Its children and theirs (an RQ work horse calls setsid, so its group is its own)."""
		import psutil

		try:
			return psutil.Process(self.popen.pid).children(recursive=True)
		except psutil.NoSuchProcess:
			return []

	def kill(self) -> int:
		"""kill -9 of the process and all its descendants: what the OOM killer or a lost machine
		does. Returns how many processes were killed."""
		if not self.popen:
			return 0
		import psutil

		others = self.descendants()
		self.signal_group(signal.SIGKILL)
		for child in others:
			with contextlib.suppress(psutil.NoSuchProcess):
				child.kill()
		with contextlib.suppress(subprocess.TimeoutExpired):
			self.popen.wait(10)
		psutil.wait_procs(others, timeout=10)
		return 1 + len(others)

	def log_tail(self, lines: int = 30) -> str:
		if not self.log or not self.log.exists():
			return ""
		return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


class ProcessStack:
	"""Everything a test started, stopped in reverse order at the end, even when the test failed."""

	def __init__(self):
		self.items: list = []

	def add(self, item):
		self.items.append(item)
		return item

	def stop_all(self):
		for item in reversed(self.items):
			with contextlib.suppress(Exception):
				item.stop()
		self.items.clear()


class PrivateRedis(Process):
	"""A redis-server of the test's own on a free port, no persistence: stopping it is the
	"queue is down" of production without touching the bench's Redis."""

	def __init__(self, root: Path, port: int | None = None):
		self.port = port or free_port()
		root = Path(root)
		root.mkdir(parents=True, exist_ok=True)
		argv = [
			"redis-server",
			"--port",
			self.port,
			"--bind",
			"127.0.0.1",
			"--save",
			"",
			"--appendonly",
			"no",
		]
		super().__init__(f"redis:{self.port}", [*argv, "--dir", root], root, log=root / "redis.log")

	@property
	def url(self) -> str:
		return f"redis://127.0.0.1:{self.port}"

	def connection(self):
		import redis

		return redis.Redis.from_url(self.url, socket_connect_timeout=1)

	def ping(self) -> bool:
		try:
			return bool(self.connection().ping())
		except Exception:
			return False

	def start(self):
		super().start()
		wait_until(self.ping, 20, f"redis-server on {self.port}")
		return self


class PrivateMariaDB(Process):
	"""A mariadbd of the test's own: its own datadir (mariadb-install-db), port and socket, so that
	it can be restarted or killed mid-run. load_database copies a database into it."""

	def __init__(self, root: Path, port: int | None = None, root_password: str = "private-root"):
		self.root = Path(root)
		self.datadir, self.socket = self.root / "data", self.root / "mysqld.sock"
		self.port, self.root_password = port or free_port(), root_password
		argv = [
			"mariadbd",
			"--no-defaults",
			f"--datadir={self.datadir}",
			f"--port={self.port}",
			f"--socket={self.socket}",
			"--bind-address=127.0.0.1",
			f"--pid-file={self.root / 'mysqld.pid'}",
			"--user=root",
			"--skip-log-bin",
			"--innodb-buffer-pool-size=128M",
			"--innodb-log-file-size=48M",
			"--innodb-flush-log-at-trx-commit=2",  # a test's data; crash safety is not what is tested
			"--character-set-server=utf8mb4",
			"--collation-server=utf8mb4_unicode_ci",
			"--skip-name-resolve",
		]
		super().__init__(f"mariadbd:{self.port}", argv, self.root, log=self.root / "mariadbd.log")

	def install(self):
		self.root.mkdir(parents=True, exist_ok=True)
		subprocess.run(
			[
				"mariadb-install-db",
				"--no-defaults",
				f"--datadir={self.datadir}",
				"--user=root",
				"--auth-root-authentication-method=normal",
				"--skip-test-db",
			],
			check=True,
			capture_output=True,
		)
		return self

	def ping(self) -> bool:
		result = subprocess.run(
			["mariadb-admin", f"--socket={self.socket}", "-uroot", *self.password_args(), "ping"],
			capture_output=True,
		)
		return result.returncode == 0

	def password_args(self) -> list[str]:
		return [f"-p{self.root_password}"] if getattr(self, "password_set", False) else []

	def start(self):
		if not self.datadir.exists():
			self.install()
		super().start()
		wait_until(self.ping, 60, f"mariadbd on {self.port}", interval=0.2)
		if not getattr(self, "password_set", False):
			self.sql(f"ALTER USER 'root'@'localhost' IDENTIFIED BY '{self.root_password}'")
			self.password_set = True
		return self

	def restart(self, hard: bool = False) -> float:
		"""Stop (or kill -9, `hard`) and start again; the seconds it was away."""
		began = time.monotonic()
		self.kill() if hard else self.stop(60)
		self.start()
		return time.monotonic() - began

	def client(self, *args) -> list[str]:
		return ["mariadb", f"--socket={self.socket}", "-uroot", *self.password_args(), *args]

	def sql(self, statement: str, database: str | None = None) -> str:
		result = subprocess.run(
			[*self.client(*([database] if database else []), "-N", "-e", statement)],
			check=True,
			capture_output=True,
			text=True,
		)
		return result.stdout

	def load_database(self, name: str, user: str, password: str, source: dict) -> float:
		"""Copy database `name` from the `source` server (host, port, user, password) and give
		`user` the access the site's config expects; the seconds it took."""
		began = time.monotonic()
		self.sql(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
		for host in ("localhost", "%"):
			self.sql(f"CREATE USER '{user}'@'{host}' IDENTIFIED BY '{password}'")
			self.sql(f"GRANT ALL PRIVILEGES ON `{name}`.* TO '{user}'@'{host}'")
		dump = subprocess.Popen(
			[
				"mariadb-dump",
				f"-h{source['host']}",
				f"-P{source.get('port', 3306)}",
				f"-u{source['user']}",
				f"-p{source['password']}",
				"--single-transaction",
				"--quick",
				"--skip-lock-tables",
				"--no-tablespaces",
				name,
			],
			stdout=subprocess.PIPE,
			stderr=subprocess.PIPE,
		)
		load = subprocess.run(
			self.client("--init-command=SET unique_checks=0, foreign_key_checks=0", name),
			stdin=dump.stdout,
			capture_output=True,
		)
		dump.stdout.close()
		dump.wait()
		if dump.returncode or load.returncode:
			raise RuntimeError(f"copying {name}: {dump.stderr.read()[-500:]} {load.stderr[-500:]}")
		return time.monotonic() - began

	def remove(self):
		self.stop(60)
		shutil.rmtree(self.root, ignore_errors=True)


class SitesDir:
	"""A sites folder of its own for workers and web servers: the site (its folder linked, or, with
	`site_config`, a folder of links with its own site_config.json), apps.txt, the assets, and
	common_site_config.json copied from `source` with `common` laid over it (redis_queue, bench_id,
	redis_cache ...). The bench's own folder is not changed."""

	def __init__(self, root: Path, source: Path, site: str, common: dict, site_config: dict | None = None):
		self.path, self.site = Path(root), site
		source = Path(source).resolve()
		self.path.mkdir(parents=True, exist_ok=True)
		(self.path.parent / "logs").mkdir(exist_ok=True)  # Frappe's logger writes to ../logs
		config = json.loads((source / "common_site_config.json").read_text())
		(self.path / "common_site_config.json").write_text(json.dumps({**config, **common}, indent=1))
		(self.path / "apps.txt").write_text((source / "apps.txt").read_text())
		assets = (source / "assets").resolve()
		if assets.exists():
			(self.path / "assets").symlink_to(assets)
		original = (source / site).resolve()
		if site_config is None:
			(self.path / site).symlink_to(original)
		else:
			folder = self.path / site
			folder.mkdir()
			for entry in original.iterdir():
				if entry.name != "site_config.json":
					(folder / entry.name).symlink_to(entry)
			own = {**json.loads((original / "site_config.json").read_text()), **site_config}
			(folder / "site_config.json").write_text(json.dumps(own, indent=1))

	def env(self) -> dict:
		return {"PYTHONPATH": os.pathsep.join(filter(None, (str(APP_DIR), os.environ.get("PYTHONPATH"))))}

	def remove(self):
		shutil.rmtree(self.path, ignore_errors=True)


class Worker(Process):
	"""`bench worker --queue short,default`, run from `sites` as scripts/test.sh runs it."""

	count = 0

	def __init__(self, sites: SitesDir, queues: str = "short,default"):
		Worker.count += 1
		name = f"worker-{Worker.count}"
		super().__init__(
			name,
			[*BENCH_HELPER, "worker", "--queue", queues],
			sites.path,
			sites.env(),
			sites.path / f"{name}.log",
		)


class WebServer(Process):
	"""`bench serve` of the site from `sites` on a free port (Frappe's dev server, one request at a
	time with --nothreading: run two for two requests at once)."""

	def __init__(self, sites: SitesDir, port: int | None = None):
		self.port = port or free_port()
		argv = [
			*BENCH_HELPER,
			"--site",
			sites.site,
			"serve",
			"--port",
			self.port,
			"--noreload",
			"--nothreading",
		]
		super().__init__(
			f"serve:{self.port}", argv, sites.path, sites.env(), sites.path / f"serve-{self.port}.log"
		)

	@property
	def url(self) -> str:
		return f"http://127.0.0.1:{self.port}"

	def start(self):
		super().start()
		return self

	def wait_ready(self, timeout: float = 90) -> float:
		import requests

		def answers():
			try:
				return requests.get(self.url + "/api/method/ping", timeout=5).ok
			except requests.RequestException:
				return False

		return wait_until(answers, timeout, f"web server on {self.port}", interval=0.3)


class Queues:
	"""The RQ queues of one bench_id on one Redis: lengths, running and failed jobs, idle."""

	NAMES = ("short", "default", "long")

	def __init__(self, redis_url: str, bench_id: str):
		import redis

		self.connection = redis.Redis.from_url(redis_url, socket_connect_timeout=2)
		self.bench_id = bench_id

	def queue(self, name: str):
		from rq import Queue

		return Queue(f"{self.bench_id}:{name}", connection=self.connection)

	def length(self, name: str | None = None) -> int:
		return sum(self.queue(n).count for n in ([name] if name else self.NAMES))

	def failed(self) -> list[str]:
		return [job for n in self.NAMES for job in self.queue(n).failed_job_registry.get_job_ids()]

	def finished(self) -> int:
		return sum(self.queue(n).finished_job_registry.count for n in self.NAMES)

	def busy(self, workers) -> int:
		"""How many of `workers` (live ones) are running a job now."""
		from rq import Worker as RQWorker

		pids = {w.pid for w in workers if w.alive()}
		return sum(1 for w in RQWorker.all(connection=self.connection) if w.pid in pids and w.state == "busy")

	def registered(self, workers) -> int:
		from rq import Worker as RQWorker

		pids = {w.pid for w in workers if w.alive()}
		return sum(1 for w in RQWorker.all(connection=self.connection) if w.pid in pids)

	def wait_for_workers(self, workers, timeout: float = 90) -> float:
		"""Until each live worker has registered with the queue (it takes jobs from then on)."""
		return wait_until(
			lambda: self.registered(workers) >= len([w for w in workers if w.alive()]),
			timeout,
			"workers registering",
			interval=0.2,
		)

	def wait_until_idle(self, workers, timeout: float = 180) -> float:
		"""Until the queues are empty and no live worker is running a job (twice in a row: a
		worker takes the next job between two looks)."""
		calm = []

		def idle():
			now = self.length() == 0 and self.busy(workers) == 0
			calm.append(now)
			return now and len(calm) > 1 and calm[-2]

		return wait_until(idle, timeout, "queues to drain", interval=0.25)


@contextlib.contextmanager
def enqueues_to(redis_url: str, bench_id: str):
	"""This process's frappe.enqueue goes to `redis_url` under `bench_id` while the block runs (the
	site's config in frappe.local.conf and Frappe's cached queue connection), then back."""
	import frappe
	from frappe.utils import background_jobs

	conf = frappe.local.conf
	saved = {key: conf.get(key) for key in ("redis_queue", "bench_id")}
	saved_connection = background_jobs._redis_queue_conn
	conf.redis_queue, conf.bench_id = redis_url, bench_id
	background_jobs._redis_queue_conn = None
	try:
		yield
	finally:
		for key, value in saved.items():
			if value is None:
				conf.pop(key, None)
			else:
				conf[key] = value
		background_jobs._redis_queue_conn = saved_connection


@contextlib.contextmanager
def database(host: str, port: int, user: str, password: str, name: str):
	"""frappe.db is a connection to another MariaDB server (a private copy, a replica) while the
	block runs; the site's own connection is kept aside and put back."""
	import frappe
	from frappe.database import get_db

	own = frappe.local.db
	frappe.local.db = get_db(host=host, port=port, user=user, password=password, cur_db_name=name)
	frappe.local.db.connect()
	try:
		yield frappe.local.db
	finally:
		with contextlib.suppress(Exception):
			frappe.local.db.close()
		frappe.local.db = own
