"""Exactly once where production breaks it (6.8, issue 14): real RQ workers (`bench worker`) as
separate processes, a Redis that stops, a worker killed with kill -9 in the middle of a job, a
deadlock, two Managers approving one F/KOM/004 at once over HTTP.

The processes are the test's own (tests/processes.py): a private redis-server as the job queue, a
sites folder of the test's own whose common_site_config points the workers (and this process's
frappe.enqueue) at it under a bench_id of its own, and web servers started from that folder. The
bench's Redis and MariaDB are never stopped. Because workers and servers are other connections,
these tests commit; at the end they remove what they made, by name (tests/cleanup.py). Each test
prints its counts in a line starting with WORKERS: (conftest shows them in the summary)."""

import json
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import frappe
import pymysql
import requests

from antara_sales import roles
from antara_sales.api import fulfilment as fulfilment_api
from antara_sales.doctypes import SUBSCRIPTION_CHANGE as CHANGE
from antara_sales.domain import fulfilment as rules
from antara_sales.services.common.settings import SETTINGS
from antara_sales.services.fulfilling import fulfilment
from antara_sales.services.workflow import steps
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.cleanup import purge_org, purge_users
from antara_sales.tests.integration.fulfilment_case import (
	CONTRACT,
	INVOICE,
	SETTINGS_FIELDS,
	TICKET,
	staff_downstream,
)
from antara_sales.tests.processes import (
	PrivateMariaDB,
	PrivateRedis,
	ProcessStack,
	Queues,
	SitesDir,
	WebServer,
	Worker,
	database,
	enqueues_to,
	report,
	wait_until,
)
from antara_sales.tests.web_server import api_token

SIGNED_ON = "2026-01-01"
SIGNINGS = int(os.environ.get("ANTARA_WORKER_SIGNINGS") or 200)
THROUGHPUT = int(os.environ.get("ANTARA_WORKER_BACKLOG") or 20)  # contracts per worker count
# Issue 13 asks 1.7x. It was 1.1-1.4x while each job held the tickets' naming series' row lock from
# its first ticket until it committed (information_schema.innodb_lock_waits: every wait was on
# tabSeries 'TKT-'); tickets are now named by their natural key and the invoices, whose number is
# still a series, come last in the job. In CI the other test worker shares the cores, so the ratio
# is printed; ANTARA_WORKER_SPEED_UP makes it a gate on a quiet machine.
TARGET_SPEED_UP = 1.7
SPEED_UP = float(os.environ.get("ANTARA_WORKER_SPEED_UP") or 0)
BILLED_ON, BILLED_PERIODS, BILLING_CONTRACTS = "2026-04-01", 4, 8  # January at the signing, then Feb-Apr
# Frappe lowers its workers' priority (niceness 10): on a machine shared with other work they would
# wait behind it, and the test would time the neighbours rather than the jobs.
WORKER_CONFIG = {"background_process_niceness": 0}
WORK = len(rules.WORK)  # tickets per signed contract whose product needs every department


class TestWorkers(AntaraTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.tmp = Path(tempfile.mkdtemp(prefix="antara-workers-"))
		cls.stack = ProcessStack()
		cls.saved_settings = {field: frappe.db.get_single_value(SETTINGS, field) for field in SETTINGS_FIELDS}
		cls.org = f.make_org()
		cls.people = staff_downstream(cls.org)
		cls.second_manager = f.make_user(roles.MANAGER)
		department = frappe.get_doc("ANTARA Department", cls.org.department)
		department.append("members", {"user": cls.second_manager})
		department.save()
		cls.users = [u for pair in cls.people.values() for u in pair] + [cls.second_manager]
		no_notification_emails([cls.org.ae, cls.org.manager, cls.org.gm, *cls.org.verifiers, *cls.users])
		cls.product = f.make_product(cls.org, price=2_000_000)
		cls.customer = f.make_customer(cls.org)
		cls.template = awaiting_customer_signature(cls.org, cls.customer, cls.product)
		frappe.db.after_commit.reset()  # nothing of the set-up goes to any queue
		frappe.db.commit()
		cls.redis = cls.stack.add(PrivateRedis(cls.tmp / "redis")).start()
		cls.bench_id = f"antara-workers-{frappe.generate_hash(length=8)}"
		cls.sites = SitesDir(
			cls.tmp / "sites",
			Path(".").resolve(),
			frappe.local.site,
			common={"redis_queue": cls.redis.url, "bench_id": cls.bench_id, **WORKER_CONFIG},
		)
		cls.queues = Queues(cls.redis.url, cls.bench_id)

	@classmethod
	def tearDownClass(cls):
		cls.stack.stop_all()
		frappe.db.rollback()
		frappe.set_user("Administrator")
		if getattr(cls, "org", None):
			purge_org(cls.org)
			purge_users(getattr(cls, "users", []))
			frappe.db.set_single_value(SETTINGS, cls.saved_settings, update_modified=False)
			frappe.db.commit()
			frappe.clear_document_cache(SETTINGS, SETTINGS)
		shutil.rmtree(cls.tmp, ignore_errors=True)  # the sites folder, logs and Redis's own
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		self.stack = ProcessStack()  # this test's workers and servers
		self.addCleanup(self.stack.stop_all)
		self.began = time.monotonic()

	# Helpers.

	def workers(self, count: int) -> list[Worker]:
		workers = [self.stack.add(Worker(self.sites)).start() for _ in range(count)]
		self.queues.wait_for_workers(workers)
		return workers

	def contracts(self, count: int) -> list[str]:
		names = [copy_contract(self.template) for _ in range(count)]
		frappe.db.commit()
		return names

	def sign(self, name: str):
		"""6.7: the AE records the customer's signature (submits); the job goes out at the commit."""
		with enqueues_to(self.redis.url, self.bench_id):
			f.act(self.org.ae, frappe.get_doc(CONTRACT, name), steps.action(CONTRACT, "sign_customer"))
			frappe.db.commit()

	def drain(self, workers, timeout=180) -> float:
		seconds = self.queues.wait_until_idle(workers, timeout)
		frappe.db.rollback()  # a fresh snapshot: read what the workers committed
		return seconds

	def made_for(self, names: list[str]) -> frappe._dict:
		"""Per contract: its tickets by work, its invoices by key, its ToDos; and the duplicates."""
		tickets = frappe.get_all(
			TICKET, filters={"contract": ("in", names)}, fields=["contract", "work_type", "name"]
		)
		invoices = frappe.get_all(
			INVOICE, filters={"contract": ("in", names), "docstatus": 1}, fields=["contract", "invoice_key"]
		)
		todos = frappe.db.count(
			"ToDo", {"reference_type": TICKET, "reference_name": ("in", [t.name for t in tickets] or [""])}
		)
		seen_tickets = [(t.contract, t.work_type) for t in tickets]
		seen_invoices = [(i.contract, i.invoice_key) for i in invoices]
		duplicates = len(seen_tickets) - len(set(seen_tickets)) + len(seen_invoices) - len(set(seen_invoices))
		return frappe._dict(
			tickets=len(tickets),
			invoices=len(invoices),
			todos=todos,
			duplicates=duplicates,
			per_contract={
				n: (sorted(w for c, w in seen_tickets if c == n), sum(1 for c, _k in seen_invoices if c == n))
				for n in names
			},
		)

	def status(self, name: str) -> tuple:
		return tuple(frappe.db.get_value(CONTRACT, name, ["fulfilment_status", "fulfilment_summary"]))

	def assert_fulfilled_once(self, names: list[str]) -> frappe._dict:
		made = self.made_for(names)
		for name, (work, invoices) in made.per_contract.items():
			self.assertEqual(work, sorted(rules.WORK), name)
			self.assertEqual(invoices, 1, name)
			self.assertEqual(self.status(name)[0], rules.IN_HAND, name)
		self.assertEqual(made.duplicates, 0)
		self.assertEqual(made.todos, 2 * WORK * len(names))  # each department's member and head
		return made

	# 1. Many signings, two workers.

	def test_many_contracts_signed_while_two_workers_run(self):
		"""The issue's 200 contracts (ANTARA_WORKER_SIGNINGS), signed one after another while two
		workers take their fulfilment jobs."""
		names = self.contracts(SIGNINGS)
		prepared = time.monotonic() - self.began
		workers = self.workers(2)
		began = time.monotonic()
		for name in names:
			self.sign(name)
		signed = time.monotonic() - began
		self.drain(workers, timeout=1200)
		took = time.monotonic() - began
		made = self.assert_fulfilled_once(names)
		self.assertEqual(self.queues.failed(), [])
		report(
			f"WORKERS: {len(names)} contracts, {made.tickets} tickets, {made.invoices} invoices, "
			f"{made.duplicates} duplicates, {took:.0f} s (prepared in {prepared:.0f} s, "
			f"signed in {signed:.0f} s, 2 workers)"
		)

	def test_two_workers_fulfil_a_backlog_faster_than_one(self):
		"""Issue 13: the same backlog of signed contracts drained by 1 worker, then by 2. Signed with
		no worker running, so that each count starts from a full queue; timed from the workers'
		start until the queue is empty and they are idle."""
		seconds = {}
		for count in (1, 2):
			names = self.contracts(THROUGHPUT)
			for name in names:
				self.sign(name)
			self.assertEqual(self.queues.length(), len(names))
			began = time.monotonic()
			workers = [self.stack.add(Worker(self.sites)).start() for _ in range(count)]
			self.drain(workers, timeout=1200)
			seconds[count] = time.monotonic() - began
			self.assert_fulfilled_once(names)
			for worker in workers:
				worker.stop()
		self.assertEqual(self.queues.failed(), [])
		ratio = seconds[1] / seconds[2]
		report(
			f"WORKERS: a backlog of {THROUGHPUT} signed contracts: 1 worker {seconds[1]:.1f} s, "
			f"2 workers {seconds[2]:.1f} s: {ratio:.2f}x faster (issue 13's target {TARGET_SPEED_UP}x)"
		)
		if SPEED_UP:
			self.assertGreaterEqual(ratio, SPEED_UP)

	# 2. A worker killed in the middle of a job.

	def test_a_worker_killed_mid_job_leaves_nothing_and_the_sweep_finishes_it(self):
		[name] = self.contracts(1)
		self.sign(name)  # no worker yet: the job waits in the queue
		self.assertEqual(self.queues.length(), 1)
		# The finance ticket's key is held by an uncommitted row of another connection: the job
		# opens the technical and editorial tickets, then waits there, mid-flight.
		with Blocker() as blocker:
			blocker.hold_ticket_key(rules.ticket_key(name, self.org.finance))
			[worker] = self.workers(1)
			blocker.wait_for_job_waiting_on("ticket_key")
			killed = worker.kill()  # the worker and its work horse
			self.assertGreaterEqual(killed, 2)
			self.assertEqual(worker.descendants(), [])
		frappe.db.rollback()
		half = self.made_for([name])
		self.assertEqual((half.tickets, half.invoices, half.todos), (0, 0, 0))  # nothing half-made
		self.assertEqual(self.status(name)[0], rules.QUEUED)  # it says it still waits
		with enqueues_to(self.redis.url, self.bench_id):
			self.assertIn(name, fulfilment.retry_unfinished())  # the daily sweep (hooks.py)
			frappe.db.commit()
		self.drain(self.workers(1))
		made = self.assert_fulfilled_once([name])
		report(
			f"WORKERS: kill -9 mid-job: {half.tickets} tickets and {half.invoices} invoices after the kill; "
			f"after the sweep {made.tickets} tickets, {made.invoices} invoice, {made.todos} ToDos, "
			f"{made.duplicates} duplicates, status {self.status(name)[0]}"
		)

	# 3. A deadlock: MariaDB rolls the job's whole transaction back, savepoint and all.

	def test_a_deadlocked_job_is_marked_failed_and_the_retry_button_finishes_it(self):
		[name] = self.contracts(1)
		self.sign(name)
		with Blocker() as blocker:
			blocker.hold_ticket_key(rules.ticket_key(name, self.org.technical), weight=300)
			[worker] = self.workers(1)
			blocker.wait_for_job_waiting_on("ticket_key")
			# The job holds the contract's row (latest_contract) and waits for the key; asking for
			# the contract's row closes the circle. The job, the lighter transaction, is the victim.
			blocker.lock_contract(name)
		self.drain([worker])
		failed = self.made_for([name])
		self.assertEqual((failed.tickets, failed.invoices), (0, 0))
		self.assertEqual(self.status(name), (rules.FAILED, "Failed: see the Error Log"))
		logs = frappe.get_all("Error Log", filters={"reference_name": name}, pluck="error")
		self.assertTrue(any("Deadlock" in (e or "") for e in logs), logs)
		with f.as_user(self.org.ae), enqueues_to(self.redis.url, self.bench_id):
			fulfilment_api.retry(name)  # the contract's Retry button
			frappe.db.commit()
		self.drain([worker])
		made = self.assert_fulfilled_once([name])
		report(
			f"WORKERS: deadlock: marked {rules.FAILED} with {len(logs)} Error Log, {failed.tickets} tickets; "
			f"after Retry {made.tickets} tickets, {made.invoices} invoice, {made.duplicates} duplicates"
		)

	# 4. Redis stopped while a contract is signed.

	def test_signing_with_the_queue_down_succeeds_and_the_sweep_picks_it_up(self):
		[name] = self.contracts(1)
		server = self.stack.add(WebServer(self.sites)).start()
		server.wait_ready()
		token = api_token(self.org.ae)
		frappe.db.commit()
		self.redis.stop()
		try:
			doc = frappe.get_doc(CONTRACT, name).as_dict(convert_dates_to_str=True)
			response = requests.post(
				server.url + "/api/method/frappe.model.workflow.apply_workflow",
				data={"doc": json.dumps(doc, default=str), "action": steps.action(CONTRACT, "sign_customer")},
				headers={"Authorization": token},
				timeout=120,
			)
		finally:
			self.redis.start()
		frappe.db.rollback()
		self.assertEqual(response.status_code, 200, response.text[:500])
		self.assertEqual(frappe.db.get_value(CONTRACT, name, "docstatus"), 1)  # signed
		waiting = self.status(name)
		self.assertEqual(waiting[0], rules.QUEUED)
		self.assertIn("could not be reached", waiting[1])
		self.assertEqual(self.made_for([name]).tickets, 0)
		workers = self.workers(1)
		with enqueues_to(self.redis.url, self.bench_id):
			self.assertIn(name, fulfilment.retry_unfinished())  # the daily sweep
			frappe.db.commit()
		self.drain(workers)
		made = self.assert_fulfilled_once([name])
		report(
			f"WORKERS: Redis down at the signing: HTTP {response.status_code}, contract {waiting[0]} "
			f"({waiting[1]}); after the sweep {made.tickets} tickets, {made.invoices} invoice, "
			f"{made.duplicates} duplicates"
		)

	# 5. One F/KOM/004 approved twice at once.

	def test_one_change_approved_by_two_managers_at_once_amends_once(self):
		[name] = self.contracts(1)
		self.sign(name)
		change = self.verified_change(name)
		servers = [self.stack.add(WebServer(self.sites)).start() for _ in range(2)]
		for server in servers:
			server.wait_ready()
		managers = [self.org.manager, self.second_manager]
		tokens = [api_token(user) for user in managers]
		frappe.db.commit()
		doc = json.dumps(frappe.get_doc(CHANGE, change).as_dict(convert_dates_to_str=True), default=str)
		start, answers, action = threading.Barrier(2), [None, None], steps.action(CHANGE, "approve")

		def approve(i):
			start.wait(30)
			answers[i] = requests.post(
				servers[i].url + "/api/method/frappe.model.workflow.apply_workflow",
				data={"doc": doc, "action": action},
				headers={"Authorization": tokens[i]},
				timeout=120,
			)

		threads = [threading.Thread(target=approve, args=(i,)) for i in range(2)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(150)
		frappe.db.rollback()
		codes = sorted(a.status_code for a in answers)
		self.assertEqual(codes[0], 200, [a.text[:300] for a in answers])
		self.assertTrue(400 <= codes[1] < 500, [a.text[:300] for a in answers])
		loser = next(a for a in answers if a.status_code != 200)
		message = loser.json().get("exception") or loser.json().get("_server_messages") or ""
		self.assertTrue(message, loser.text[:300])
		self.assertEqual(frappe.db.get_value(CONTRACT, name, "revision"), 1)
		amended = frappe.db.count("Comment", {"reference_name": name, "content": ("like", f"%{change}%")})
		self.assertEqual(amended, 1)
		report(
			f"WORKERS: F/KOM/004 approved twice at once: answers {codes}, 1 amendment "
			f"(revision 1, {amended} comment), loser told: {str(message)[:120]}"
		)

	# 6. MariaDB restarted in the middle of a billing run.

	def test_a_billing_run_survives_a_database_restart_without_a_second_invoice(self):
		"""The workers run against a private mariadbd holding a copy of the site's database (the
		bench's own server is never restarted): contracts signed in January, billed on 1 April for
		February to April; the server is killed (kill -9) and started again while the jobs run; the
		next daily run resumes. Each period is invoiced once."""
		names = self.contracts(BILLING_CONTRACTS)
		for name in names:  # signed, and the signing's job run here: tickets and January's invoice
			f.act(self.org.ae, frappe.get_doc(CONTRACT, name), steps.action(CONTRACT, "sign_customer"))
			frappe.db.after_commit.reset()
			with f.as_user(self.org.ae):
				fulfilment.fulfil_contract(name, on=SIGNED_ON)
		frappe.db.commit()
		server = self.stack.add(PrivateMariaDB(self.tmp / "mariadb"))
		server.start()
		self.addCleanup(server.remove)
		conf = frappe.conf
		copied = server.load_database(
			conf.db_name,
			conf.db_name,
			conf.db_password,
			source={
				"host": conf.db_host or "127.0.0.1",
				"port": int(conf.db_port or 3306),
				"user": "root",
				"password": conf.root_password,
			},
		)
		bench_id = f"{self.bench_id}-copy"
		sites = SitesDir(
			self.tmp / "sites-copy",
			Path(".").resolve(),
			frappe.local.site,
			# its own cache too: the copy's documents must not be cached for the site's own
			common={
				"redis_queue": self.redis.url,
				"redis_cache": self.redis.url,
				"bench_id": bench_id,
				**WORKER_CONFIG,
			},
			site_config={"db_host": "127.0.0.1", "db_port": server.port},
		)
		self.addCleanup(sites.remove)
		queues = Queues(self.redis.url, bench_id)
		workers = [self.stack.add(Worker(sites)).start() for _ in range(2)]
		queues.wait_for_workers(workers)
		copy = dict(
			host="127.0.0.1",
			port=server.port,
			user=conf.db_name,
			password=conf.db_password,
			name=conf.db_name,
		)

		def run_billing() -> list[str]:
			with database(**copy), enqueues_to(self.redis.url, bench_id):
				due = fulfilment.bill_due_contracts(on=BILLED_ON)
				frappe.db.commit()
			return [n for n in due if n in names]

		def invoices() -> list:
			with database(**copy):
				return frappe.get_all(
					INVOICE,
					filters={"contract": ("in", names), "docstatus": 1},
					fields=["contract", "period_start", "invoice_key"],
				)

		began = time.monotonic()
		first_run = run_billing()
		self.assertEqual(sorted(first_run), sorted(names))
		signing_invoices = len(names)
		wait_until(lambda: len(invoices()) >= signing_invoices + 3, 180, "the billing run under way", 0.3)
		before_restart = len(invoices())
		away = server.restart(hard=True)
		queues.wait_until_idle(workers, timeout=300)
		failed_jobs = len(queues.failed())
		after_restart = len(invoices())
		resumed = run_billing()  # the next daily run
		queues.wait_until_idle(workers, timeout=300)
		took = time.monotonic() - began
		rows = invoices()
		keys = [(r.contract, str(r.period_start)) for r in rows]
		self.assertEqual(len(keys), len(set(keys)), "a period invoiced twice")
		self.assertEqual(len(rows), len(names) * BILLED_PERIODS)
		self.assertLess(before_restart, len(rows), "the restart came after the run had finished")
		# The job the kill cut off committed nothing and left its contract due: the next run (6.8)
		# is what finished it, not a job that merely waited in the queue through the restart.
		self.assertTrue(resumed, "no contract was left for the next daily run to resume")
		with database(**copy):  # nothing of the run is left to do
			still_due = frappe.get_all(
				CONTRACT,
				filters={"name": ("in", names), "next_invoice_date": ("<=", BILLED_ON)},
				pluck="name",
			)
		self.assertEqual(still_due, [])
		report(
			f"WORKERS: MariaDB killed and restarted ({away:.0f} s away) during a billing run of "
			f"{len(names)} contracts: {before_restart} invoices before, {after_restart} after the restart, "
			f"{failed_jobs} jobs failed, {len(resumed)} contracts resumed by the next run, {len(rows)} invoices "
			f"= {len(names)} x {BILLED_PERIODS} periods, {len(keys) - len(set(keys))} duplicates, {took:.0f} s "
			f"(copy of the database {copied:.0f} s)"
		)

	def verified_change(self, contract: str) -> str:
		with f.as_user(self.org.ae):
			change = frappe.get_doc(
				{
					"doctype": CHANGE,
					"contract": contract,
					"change_type": "Change Quantity",
					"effective_date": "2026-07-01",
					"reason": "Permintaan pelanggan",
					"account_executive": self.org.ae,
				}
			).insert()
			change.items[0].quantity = 2
			change.save()
		f.request_verification(self.org, change)
		f.verify(self.org, change)
		frappe.db.commit()
		return change.name


# Set-up helpers.


def no_notification_emails(users):
	"""On a site without an outgoing account each notification email would leave an Error Log,
	written outside the transaction (MyISAM), that outlives the notification it names."""
	frappe.db.set_value("Notification Settings", {"name": ("in", users)}, "enable_email_notifications", 0)


def awaiting_customer_signature(org, customer, product):
	"""A contract through 6.3-6.7 as its users take each step, up to the customer's signature, which
	the AE has entered (the meterai of both copies included) but not yet recorded."""
	order = f.verified_order(org, customer, [product], start=SIGNED_ON, end="2026-12-31")
	contract = f.make_contract(org, order.name)
	f.act(org.ae, contract, steps.action(CONTRACT, "send_for_review"))
	f.act(org.manager, contract, steps.action(CONTRACT, "approve"))
	f.edit(org.gm, contract, gm_signature=f.SIGNATURE, gm_signed_on=SIGNED_ON)
	f.act(org.gm, contract, steps.action(CONTRACT, "sign_gm"))
	return f.edit(
		org.ae,
		frappe.get_doc(CONTRACT, contract.name),
		customer_signature=f.SIGNATURE,
		customer_signatory_name="Sri Wahyuni",
		customer_signed_on=SIGNED_ON,
		**f.meterai(contract.name),
	)


def copy_contract(template) -> str:
	"""Another contract where `template` stands, written as rows (no controller runs): the cheapest
	way to many contracts at the customer's signature, measured at about 10 ms against 3-4 s for
	the steps of 6.3-6.7. What is under test starts at the signing, which stays the real workflow
	action. Each copy has its own name and meterai serials (UU 10/2020)."""
	values = template.as_dict()
	for key in ("name", "creation", "modified"):
		values.pop(key, None)
	values["items"] = [
		{k: v for k, v in row.items() if k not in ("name", "parent")} for row in values["items"]
	]
	doc = frappe.get_doc(values)
	doc.set_new_name()
	doc.update(f.meterai(doc.name))
	doc.set_user_and_timestamp()
	doc.set_parent_in_children()
	doc.db_insert()
	for row in doc.items:
		row.db_insert()
	return doc.name


class Blocker:
	"""Another connection to the site's database that holds what a job needs, so that the job is
	reliably in the middle when the test acts; everything it did is rolled back at the end."""

	def __enter__(self):
		conf = frappe.conf
		self.connection = pymysql.connect(
			host=conf.db_host or "127.0.0.1",
			port=int(conf.db_port or 3306),
			user=conf.db_user or conf.db_name,
			password=conf.db_password,
			database=conf.db_name,
			autocommit=False,
		)
		self.cursor = self.connection.cursor()
		self.id = self.connection.thread_id()
		return self

	def __exit__(self, *exc):
		self.connection.rollback()
		self.connection.close()

	def hold_ticket_key(self, key: str, weight: int = 0):
		"""An uncommitted ticket row with this key: the job's locking read of the key waits for it.
		`weight` more updates make this transaction the heavier, so a deadlock picks the job."""
		name = "blocker-" + frappe.generate_hash(length=8)
		self.cursor.execute(
			f"insert into `tab{TICKET}` (name, ticket_key, creation, modified) values (%s, %s, now(6), now(6))",
			(name, key),
		)
		for _ in range(weight):
			self.cursor.execute(f"update `tab{TICKET}` set modified = now(6) where name = %s", name)

	def wait_for_job_waiting_on(self, needle: str, timeout: float = 120):
		"""Until another connection of the site has been waiting for a second on a query naming
		`needle` (the worker's job, blocked behind this connection)."""

		def waiting():
			self.cursor.execute(
				"select count(*) from information_schema.processlist where id != %s and time >= 1 "
				"and info like %s",
				(self.id, f"%{needle}%for update%"),
			)
			return self.cursor.fetchone()[0] > 0

		return wait_until(waiting, timeout, f"a job waiting on {needle}", interval=0.2)

	def lock_contract(self, name: str):
		self.cursor.execute(f"select name from `tab{CONTRACT}` where name = %s for update", name)
