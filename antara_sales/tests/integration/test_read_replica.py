"""Reports, number cards and charts on a MariaDB read replica (issue 13: "where one machine is
outgrown, Frappe's own scale-out works").

A primary with a binary log and its replica, both private mariadbd of the test's own
(tests/replica.py; the bench's server is never touched), hold a copy of the test site's database,
loaded into the primary and carried to the replica by replication. A web server of the test's own
serves the site with `read_from_replica` on, and the desk's calls are made over HTTP as the users
who make them: the Manager opens the pipeline report (6.3-6.7), a number card and a chart; the AE
saves a Media Order (F/KOM/003). Each server's general query log shows where each read went.

While the replica lags (its SQL thread stopped), the save still succeeds (it goes to the primary)
and the report still answers, from the replica: stale by what the replica has not applied yet, which
is acceptable for a meeting's figures (6.1); once the replica catches up the report shows it.

The records the test makes on the test site (an organisation, its users and a draft order) are
committed, since the copy is made from them, and removed by name at the end (tests/cleanup.py);
what the web server saves lands on the private primary only, removed with it."""

import json
import shutil
import tempfile
from pathlib import Path

import frappe
import requests

from antara_sales.doctypes import MEDIA_ORDER
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.cleanup import purge_org
from antara_sales.tests.processes import PrivateRedis, ProcessStack, WebServer, report
from antara_sales.tests.replica import ReplicaPair
from antara_sales.tests.web_server import api_token

PIPELINE = "ANTARA Sales Pipeline"
CARD = "ANTARA Sales This Month"  # a Custom card: antara_sales.api.dashboard.sales_this_month
CHART = "ANTARA Verification Outcomes"  # a Report chart: ANTARA Verification Turnaround
# What Frappe itself runs for a Document Type card and a Count/Sum chart (CARD_METHOD, CHART_METHOD).
DOCTYPE_CARD = "ANTARA Orders Awaiting Verification"
SUM_CHART = "ANTARA Contracts Signed"
CARD_METHOD = "frappe.desk.doctype.number_card.number_card.get_result"
CHART_METHOD = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
DESK_UNSET = dict.fromkeys(("time_interval", "timespan", "from_date", "to_date", "heatmap_year"), "")
DATA = "tabANTARA"  # the app's tables: what a report, a card or a chart reads


class TestReadReplica(AntaraTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.tmp = Path(tempfile.mkdtemp(prefix="antara-replica-"))
		cls.stack = ProcessStack()
		try:
			cls.set_up_site()
			cls.set_up_servers()
		except BaseException:
			cls.tearDownClass()
			raise

	@classmethod
	def set_up_site(cls):
		cls.org = f.make_org()
		cls.product = f.make_product(cls.org)
		cls.customer = f.make_customer(cls.org)
		cls.draft = f.make_order(cls.org, cls.customer, [cls.product], complete=False).name
		cls.tokens = {user: api_token(user) for user in (cls.org.manager, cls.org.ae)}
		cls.card = frappe.get_doc("Number Card", CARD)
		cls.chart = frappe.get_doc("Dashboard Chart", CHART)
		frappe.db.commit()  # the copy is made from what is committed

	@classmethod
	def set_up_servers(cls):
		cls.pair = ReplicaPair(cls.tmp / "mariadb", cls.stack)
		cls.timings = {"started": cls.pair.start()}
		cls.timings["copied"] = cls.pair.load_site(frappe.conf)
		cls.timings["replicated"] = cls.pair.wait_caught_up()
		redis = cls.stack.add(PrivateRedis(cls.tmp / "redis")).start()  # the copy's own cache
		cls.sites = cls.pair.sites_dir(
			cls.tmp / "sites",
			Path(".").resolve(),
			frappe.local.site,
			common={
				"redis_cache": redis.url,
				"redis_queue": redis.url,
				"bench_id": f"antara-replica-{frappe.generate_hash(length=8)}",
			},
		)
		cls.server = cls.stack.add(WebServer(cls.sites)).start()
		cls.server.wait_ready()

	@classmethod
	def tearDownClass(cls):
		cls.stack.stop_all()
		if getattr(cls, "pair", None):
			cls.pair.remove()
		shutil.rmtree(cls.tmp, ignore_errors=True)
		frappe.db.rollback()
		frappe.set_user("Administrator")
		if getattr(cls, "org", None):
			purge_org(cls.org)  # its users, departments, customer, product and order
			frappe.db.commit()
		super().tearDownClass()

	# Helpers.

	def call(self, user: str, method: str, **args) -> requests.Response:
		"""POST to a whitelisted method, as the desk's frappe.call does."""
		return requests.post(
			f"{self.server.url}/api/method/{method}",
			data={k: v if isinstance(v, str) else json.dumps(v) for k, v in args.items()},
			headers={"Authorization": self.tokens[user]},
			timeout=120,
		)

	def pipeline(self) -> list[str]:
		"""The Manager's pipeline of orders (the report as the desk runs it): the documents listed."""
		response = self.call(
			self.org.manager,
			"frappe.desk.query_report.run",
			report_name=PIPELINE,
			filters={"document_type": MEDIA_ORDER},
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		return [row["document"] for row in response.json()["message"]["result"]]

	def where_it_read(self, user: str, method: str, **args) -> dict:
		"""Call `method` with both query logs on: the app's data read on each server, and writes
		on the replica (none may go there)."""
		with self.pair.query_log() as log:
			response = self.call(user, method, **args)
		self.assertEqual(response.status_code, 200, response.text[:500])
		return {
			"replica": len(log.selects("replica", DATA)),
			"primary": len(log.selects("primary", DATA)),
			"replica_all": len(log.statements("replica")),
			"primary_all": len(log.statements("primary")),
			"replica_writes": log.writes("replica"),
		}

	# 1. Where the reads go.

	def test_reports_cards_and_charts_read_the_replica_not_the_primary(self):
		desk_calls = {  # each as the desk's widget calls it (frappe/public/js/frappe/widgets)
			f"report {PIPELINE}": ("frappe.desk.query_report.run", {"report_name": PIPELINE, "filters": {}}),
			f"card {CARD}": (self.card.method, {"filters": self.card.filters_json or "[]"}),
			f"chart {CHART}": (
				"frappe.desk.query_report.run",
				{"report_name": self.chart.report_name, "filters": self.chart.filters_json or "{}"},
			),
		}
		seen = {}
		for label, (method, args) in desk_calls.items():
			seen[label] = counts = self.where_it_read(self.org.manager, method, **args)
			self.assertGreater(counts["replica"], 0, f"{label}: nothing read on the replica")
			self.assertEqual(counts["primary"], 0, f"{label}: the app's data read on the primary")
			self.assertEqual(counts["replica_writes"], [], f"{label}: wrote on the replica")
		# Frappe's own endpoints for a Document Type card and a Count/Sum chart: v15 does not route
		# them to the replica; hooks.py overrides them (api/read_replica.py).
		card = frappe.get_doc("Number Card", DOCTYPE_CARD)
		frappe_own = {
			f"card {DOCTYPE_CARD}": (CARD_METHOD, {"doc": card.as_json(), "filters": card.filters_json}),
			# As the workspace's chart widget sends it: the unset range as empty strings.
			f"chart {SUM_CHART}": (CHART_METHOD, {"chart_name": SUM_CHART, "refresh": 1, **DESK_UNSET}),
		}
		overridden = frappe.get_hooks("override_whitelisted_methods") or {}
		for label, (method, args) in list(frappe_own.items()):
			frappe_own[label] = counts = self.where_it_read(self.org.manager, method, **args)
			self.assertIn(method, overridden)
			self.assertGreater(counts["replica"], 0, f"{label}: nothing read on the replica")
			self.assertEqual(counts["primary"], 0, f"{label}: the app's data read on the primary")
			self.assertEqual(counts["replica_writes"], [], f"{label}: wrote on the replica")
		report(
			"REPLICA: "
			+ "; ".join(
				f"{label}: {c['replica']} reads of the app's tables on the replica, {c['primary']} on the "
				f"primary ({c['replica_all']}/{c['primary_all']} statements in all)"
				for label, c in seen.items()
			)
			+ "; Frappe's own: "
			+ "; ".join(
				f"{label}: {'replica' if c['replica'] and not c['primary'] else 'primary'} "
				f"({c['replica']} replica / {c['primary']} primary)"
				for label, c in frappe_own.items()
			)
			+ f" (servers up {self.timings['started']:.1f} s, database copied {self.timings['copied']:.1f} s, "
			f"replicated {self.timings['replicated']:.1f} s)"
		)

	# 2. The replica lags.

	def test_the_desk_keeps_working_while_the_replica_lags(self):
		before = self.pipeline()
		self.assertIn(self.draft, before)
		with self.pair.lagging():
			saved = requests.post(  # the AE saves a new order, as the desk's form does
				f"{self.server.url}/api/resource/{MEDIA_ORDER}",
				json={
					"customer": self.customer,
					"account_executive": self.org.ae,
					"department": self.org.department,
					"bureau": self.org.bureau,
					"items": [
						{
							"product": self.product,
							"quantity": 1,
							"start_date": "2026-01-01",
							"end_date": "2026-12-31",
						}
					],
				},
				headers={"Authorization": self.tokens[self.org.ae]},
				timeout=120,
			)
			self.assertEqual(saved.status_code, 200, saved.text[:500])
			new = saved.json()["data"]["name"]
			behind = self.pair.behind()
			self.assertGreater(behind, 0)
			# The form opens what was saved: documents are read from the primary.
			opened = self.call(self.org.ae, "frappe.desk.form.load.getdoc", doctype=MEDIA_ORDER, name=new)
			self.assertEqual(opened.status_code, 200, opened.text[:500])
			stale = self.pipeline()  # answers, from the replica, without the new order
			self.assertNotIn(new, stale)
			self.assertEqual(sorted(stale), sorted(before))
			on_primary = self.pair.primary.sql(
				f"SELECT COUNT(*) FROM `tab{MEDIA_ORDER}` WHERE name = '{new}'", self.pair.db_name
			).strip()
			self.assertEqual(on_primary, "1")
		caught_up = self.pair.wait_caught_up()
		after = self.pipeline()
		self.assertEqual(sorted(after), sorted([*before, new]))
		report(
			f"REPLICA: lagging ({behind} transactions behind, SQL thread stopped): the AE's save HTTP "
			f"{saved.status_code} on the primary, the form opened it (HTTP {opened.status_code}), the "
			f"pipeline answered with {len(stale)} orders (stale: without {new}); caught up in "
			f"{caught_up:.1f} s, then {len(after)} orders"
		)
