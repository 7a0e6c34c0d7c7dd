"""A MariaDB primary and its read replica of the test's own (issue 13: "where one machine is
outgrown, Frappe's own scale-out works"), built from the servers in tests/processes.py.

The bench's own MariaDB (port 3306) has no binary log and is never restarted or reconfigured, so
the pair is two private mariadbd: a primary with binary logging (server-id 1) and a replica
(server-id 2, read_only, so that a write sent to it by mistake fails loudly). The replica follows
the primary by GTID from the moment the pair starts; the site's database is then loaded into the
primary and reaches the replica through replication itself, which is the proof that it works.

    pair = ReplicaPair(tmp, stack)                    # stack: processes.ProcessStack
    pair.start()
    pair.load_site(frappe.conf)                       # the test site's database, via the primary
    pair.wait_caught_up()
    sites = pair.sites_dir(tmp / "sites", Path("."), site, common={...})
    with pair.query_log() as log:                     # what each server was asked, by the site's user
        ...
    log.selects("replica", "tabANTARA"), log.selects("primary", "tabANTARA"), log.writes("replica")
    with pair.lagging():                              # STOP SLAVE SQL_THREAD ... START SLAVE
        ...
    pair.remove()

Frappe reads the replica from the site's config: `read_from_replica`, `replica_host`,
`replica_db_port` (v15 and v16 alike; the replica's user is the site's db_name on v15, db_user on
v16); `@frappe.read_only()` switches `frappe.db` to it for the decorated call (frappe/__init__.py:
read_only, connect_replica). Only the first such call in one `frappe.local` switches: it leaves
`local.replica_db` and `local.primary_db` behind, and connect_replica then declines, so the later
calls of a script or a background job read the primary. A web request starts afresh each time, which
is why the test goes through a web server."""

import contextlib
import subprocess
import time
from pathlib import Path

from antara_sales.tests.processes import PrivateMariaDB, ProcessStack, SitesDir, wait_until

REPLICATION_USER, REPLICATION_PASSWORD = "antara_repl", "antara-repl-secret"


class BinlogPrimary(PrivateMariaDB):
	"""A private mariadbd writing a binary log (row based) for its replica to follow."""

	def __init__(self, root: Path, port: int | None = None):
		super().__init__(root, port)
		self.argv = [a for a in self.argv if a != "--skip-log-bin"] + [
			"--server-id=1",
			f"--log-bin={self.root / 'binlog'}",
			"--binlog-format=ROW",
		]


class ReadReplica(PrivateMariaDB):
	"""A private mariadbd replicating from a primary: read_only (the replication thread and root
	may write, the site's user may not) and no replication until it is told where to start."""

	def __init__(self, root: Path, port: int | None = None):
		super().__init__(root, port)
		self.argv += [
			"--server-id=2",
			"--read-only",
			"--skip-slave-start",
			f"--relay-log={self.root / 'relay'}",
		]

	def status(self) -> dict:
		"""SHOW SLAVE STATUS as a dict (empty before CHANGE MASTER)."""
		return self.sql_vertical("SHOW SLAVE STATUS")

	def sql_vertical(self, statement: str) -> dict:
		result = subprocess.run(
			[*self.client("-E", "-e", statement)], check=True, capture_output=True, text=True
		)
		values = {}
		for line in result.stdout.splitlines():
			key, sep, value = line.partition(":")
			if sep and not key.startswith("*"):
				values[key.strip()] = value.strip()
		return values


class ReplicaPair:
	"""A primary and its replica, started and stopped together (through `stack`)."""

	def __init__(self, root: Path, stack: ProcessStack):
		self.root = Path(root)
		self.stack = stack
		self.primary = BinlogPrimary(self.root / "primary")
		self.replica = ReadReplica(self.root / "replica")
		self.servers = {"primary": self.primary, "replica": self.replica}
		self.db_name = None

	def start(self) -> float:
		"""Both servers up and the replica following the primary from its current position; the
		seconds it took."""
		began = time.monotonic()
		for server in (self.primary, self.replica):
			self.stack.add(server).start()
		# Only replication reads with this user: it is not itself replicated (sql_log_bin=0).
		self.primary.sql(
			"SET SESSION sql_log_bin=0; "
			f"CREATE USER '{REPLICATION_USER}'@'127.0.0.1' IDENTIFIED BY '{REPLICATION_PASSWORD}'; "
			f"GRANT REPLICATION SLAVE ON *.* TO '{REPLICATION_USER}'@'127.0.0.1'"
		)
		position = self.primary.sql("SELECT @@GLOBAL.gtid_binlog_pos").strip()
		self.replica.sql(
			f"SET GLOBAL gtid_slave_pos = '{position}'; "
			f"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT={self.primary.port}, "
			f"MASTER_USER='{REPLICATION_USER}', MASTER_PASSWORD='{REPLICATION_PASSWORD}', "
			"MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; "
			"START SLAVE"
		)
		wait_until(self.replicating, 60, "the replica connecting to the primary", interval=0.2)
		return time.monotonic() - began

	def replicating(self) -> bool:
		status = self.replica.status()
		return status.get("Slave_IO_Running") == "Yes" and status.get("Slave_SQL_Running") == "Yes"

	def load_site(self, conf) -> float:
		"""The site's database (and its user) copied into the primary, from the bench's server;
		the replica gets it by replication. The seconds the copy took."""
		self.db_name = conf.db_name
		return self.primary.load_database(
			conf.db_name,
			conf.db_user or conf.db_name,  # v16 names the user apart (db_user); v15 uses db_name
			conf.db_password,
			source={
				"host": conf.db_host or "127.0.0.1",
				"port": int(conf.db_port or 3306),
				"user": "root",
				"password": conf.root_password,
			},
		)

	def behind(self) -> int:
		"""How many of the primary's transactions the replica has not applied yet (one GTID
		domain, 0: sequence numbers)."""

		def seq(pos: str) -> int:
			return int(pos.rsplit("-", 1)[-1]) if pos else 0

		primary = seq(self.primary.sql("SELECT @@GLOBAL.gtid_binlog_pos").strip())
		replica = seq(self.replica.sql("SELECT @@GLOBAL.gtid_slave_pos").strip())
		return primary - replica

	def wait_caught_up(self, timeout: float = 120) -> float:
		"""Until the replica has applied every transaction of the primary and says it is 0
		seconds behind; the seconds it took."""

		def caught_up():
			status = self.replica.status()
			if status.get("Last_SQL_Error") or status.get("Last_IO_Error"):
				raise RuntimeError(
					f"replication broke: {status.get('Last_SQL_Error') or status.get('Last_IO_Error')}"
				)
			return self.behind() == 0 and status.get("Seconds_Behind_Master") == "0"

		return wait_until(caught_up, timeout, "the replica catching up", interval=0.2)

	@contextlib.contextmanager
	def lagging(self):
		"""The replica stops applying what it receives (STOP SLAVE SQL_THREAD): it lags while the
		block runs, then applies the backlog."""
		self.replica.sql("STOP SLAVE SQL_THREAD")
		try:
			yield self
		finally:
			self.replica.sql("START SLAVE SQL_THREAD")

	def sites_dir(self, root: Path, source: Path, site: str, common: dict) -> SitesDir:
		"""A sites folder whose site writes to the primary and reads from the replica where
		Frappe (or the app, with @frappe.read_only()) asks for it."""
		return SitesDir(
			root,
			source,
			site,
			common=common,
			site_config={
				"db_host": "127.0.0.1",
				"db_port": self.primary.port,
				"read_from_replica": 1,
				"replica_host": "127.0.0.1",
				"replica_db_port": self.replica.port,
			},
		)

	def query_log(self, user: str | None = None) -> "QueryLog":
		return QueryLog(self, user or self.db_name)

	def remove(self):
		for server in (self.replica, self.primary):
			server.remove()


class QueryLog:
	"""The general query log of both servers (to a table), kept only while the block runs, and the
	statements the site's user sent to each. Statements of root (the test's own looks) are left out."""

	def __init__(self, pair: ReplicaPair, user: str):
		self.pair, self.user = pair, user
		self.rows: dict[str, list[str]] = {}

	def __enter__(self):
		for server in self.pair.servers.values():
			server.sql(
				"SET SESSION sql_log_bin=0; SET GLOBAL log_output='TABLE'; "
				"TRUNCATE mysql.general_log; SET GLOBAL general_log=ON"
			)
		return self

	def __exit__(self, *exc):
		for name, server in self.pair.servers.items():
			server.sql("SET GLOBAL general_log=OFF")
			out = server.sql(
				"SELECT REPLACE(REPLACE(CONVERT(argument USING utf8mb4), '\\n', ' '), '\\t', ' ') "
				"FROM mysql.general_log WHERE command_type = 'Query' "
				f"AND user_host LIKE '{self.user}[%' ORDER BY event_time"
			)
			self.rows[name] = out.splitlines()
			server.sql("SET SESSION sql_log_bin=0; TRUNCATE mysql.general_log")

	def statements(self, server: str) -> list[str]:
		return self.rows.get(server, [])

	def selects(self, server: str, naming: str = "") -> list[str]:
		"""The SELECTs the site's user sent to `server` (those naming `naming`, when given)."""
		return [
			s
			for s in self.statements(server)
			if s.lstrip().lower().startswith(("select", "(select", "with")) and naming in s
		]

	def writes(self, server: str) -> list[str]:
		verbs = ("insert", "update", "delete", "replace")
		return [s for s in self.statements(server) if s.lstrip().lower().startswith(verbs)]
