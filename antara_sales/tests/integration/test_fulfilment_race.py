"""Two workers racing on one contract create one set of tickets and one invoice (6.8, exactly once).

The job function runs at the same moment in two threads, each with its own database connection, as
two RQ workers would. That needs committed data, so this test commits; at the end it removes what it
made, by name (tests/cleanup.py): its organisation with everything the procedure made for it. It
writes the settings without a save and puts them back. Nothing goes to the bench's RQ queue: a
worker there would take the job at once and run it, as a third racer outside the test's control."""

import threading

import frappe
from frappe.utils import now_datetime

from antara_sales.services.common.settings import SETTINGS
from antara_sales.services.fulfilling import fulfilment
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
from antara_sales.tests.testmode import set_test_mode


class TestRacingWorkers(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.saved_settings = {
			field: frappe.db.get_single_value(SETTINGS, field) for field in SETTINGS_FIELDS
		}
		self.org = f.make_org()
		self.addCleanup(self.remove)
		self.people = staff_downstream(self.org)
		self.no_notification_emails()
		product = f.make_product(self.org, price=2_000_000)
		customer = f.make_customer(self.org)
		self.contract = f.signed_contract(self.org, customer, [product], start="2026-01-01", end="2026-12-31")
		# The threads of this test run the job: the signing's own job (and whatever else Frappe would
		# hand over after the commit) stays off the bench's real queue.
		frappe.db.after_commit.reset()
		frappe.db.commit()

	def remove(self):
		"""By name, never by time: the organisation with its customers, orders, contract, tickets,
		invoices and their traces, the users, and the settings as they were."""
		frappe.db.rollback()
		frappe.set_user("Administrator")
		purge_org(self.org)
		purge_users(u for pair in getattr(self, "people", {}).values() for u in pair)
		frappe.db.set_single_value(SETTINGS, self.saved_settings, update_modified=False)
		frappe.db.commit()
		# Another process may have cached the settings between the write and the commit.
		frappe.clear_document_cache(SETTINGS, SETTINGS)

	def no_notification_emails(self):
		"""On a site without an outgoing account, each notification email would leave an Error Log,
		written outside the transaction (MyISAM), that outlives the notification it names."""
		org = self.org
		users = [org.ae, org.manager, org.gm, *org.verifiers, org.other_am]
		users += [u for pair in self.people.values() for u in pair]
		frappe.db.set_value("Notification Settings", {"name": ("in", users)}, "enable_email_notifications", 0)

	def test_two_workers_create_one_set(self):
		# Error Log is MyISAM: a concurrent rolled-back test's contract of the same name (naming series
		# are rolled back too) may have left one; only the race's own time counts.
		began = now_datetime()
		results = self.race(2)
		self.assertEqual(len(results), 2, results)
		self.assertTrue(all(r in (fulfilment.DONE, fulfilment.RACED) for r in results), results)
		name = self.contract.name
		tickets = frappe.get_all(TICKET, filters={"contract": name}, pluck="work_type")
		self.assertEqual(sorted(tickets), ["Editorial", "Finance", "Technical"])
		self.assertEqual(frappe.db.count(INVOICE, {"contract": name}), 1)
		self.assertEqual(
			frappe.db.count(
				"ToDo", {"reference_type": TICKET, "reference_name": ("in", self.ticket_names(name))}
			),
			6,
		)
		self.assertEqual(frappe.db.get_value(CONTRACT, name, "fulfilment_status"), "In Progress")
		self.assertEqual(
			frappe.get_all(
				"Error Log", filters={"reference_name": name, "creation": (">=", began)}, pluck="error"
			),
			[],
		)

	def race(self, workers: int) -> list:
		"""The job function, started at the same moment in `workers` threads of their own connection."""
		site, user, name = frappe.local.site, self.org.ae, self.contract.name
		start = threading.Barrier(workers)
		results = []

		def worker():
			frappe.init(site, sites_path=".")
			frappe.connect()
			set_test_mode(True)  # frappe.init gave this thread fresh flags (v15); v16's frappe.in_test too
			try:
				frappe.set_user(user)
				start.wait(timeout=30)
				results.append(fulfilment.fulfil_contract(name, on="2026-01-01"))
				frappe.db.commit()
			except Exception as e:
				results.append(e)
				frappe.db.rollback()
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=worker) for _ in range(workers)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(timeout=120)
		frappe.db.rollback()  # a fresh snapshot, to read what the workers committed
		return results

	def ticket_names(self, contract):
		return sorted(frappe.get_all(TICKET, filters={"contract": contract}, pluck="name"))
