"""Two workers racing on one contract create one set of tickets and one invoice (6.8, exactly once).

The job function runs at the same moment in two threads, each with its own database connection, as
two RQ workers would. That needs committed data, so this test commits, and then deletes every row
it created (every table with a `creation` column, from the moment the test began) and restores the
settings it changed."""

import threading

import frappe
from frappe.utils import now_datetime

from antara_sales.services import fulfilment
from antara_sales.services.settings import SETTINGS
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.integration.fulfilment_case import CONTRACT, INVOICE, TICKET, staff_downstream

# Never touched by the clean-up, whatever their timestamps (the app's JSON carries fixed ones).
METADATA = {
	f"tab{doctype}"
	for doctype in (
		"DocType",
		"DocField",
		"DocPerm",
		"Custom DocPerm",
		"DocType Link",
		"DocType Action",
		"DocType State",
		"Custom Field",
		"Property Setter",
		"Print Format",
		"Report",
		"Page",
		"Workspace",
		"Workflow",
		"Workflow Document State",
		"Workflow Transition",
		"Workflow State",
		"Workflow Action Master",
		"Role",
		"Module Def",
		"Notification",
		"Web Form",
		"Web Form Field",
		"Installed Application",
	)
}
SETTINGS_FIELDS = (
	"default_technical_department",
	"default_editorial_department",
	"default_finance_department",
)


class TestRacingWorkers(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.began = now_datetime()
		self.saved_settings = {
			field: frappe.db.get_single_value(SETTINGS, field) for field in SETTINGS_FIELDS
		}
		self.org = f.make_org()
		self.people = staff_downstream(self.org)
		product = f.make_product(self.org, price=2_000_000)
		customer = f.make_customer(self.org)
		self.contract = f.signed_contract(self.org, customer, [product], start="2026-01-01", end="2026-12-31")
		# The workers of this test run the job; nothing goes to the bench's real queue.
		frappe.db.after_commit.reset()
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		ended = now_datetime()
		tables = frappe.db.sql_list(
			"select table_name from information_schema.columns "
			"where table_schema = database() and column_name = 'creation' and table_name like 'tab%%'"
		)
		for table in set(tables) - METADATA:
			frappe.db.sql(f"delete from `{table}` where creation between %s and %s", (self.began, ended))
		for field, value in self.saved_settings.items():
			frappe.db.set_single_value(SETTINGS, field, value)
		frappe.db.commit()
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		super().tearDown()

	def test_two_workers_create_one_set(self):
		site, user, name = frappe.local.site, self.org.ae, self.contract.name
		start = threading.Barrier(2)
		results = []

		def worker():
			frappe.init(site, sites_path=".")
			frappe.connect()
			frappe.flags.in_test = True
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

		threads = [threading.Thread(target=worker) for _ in range(2)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(timeout=120)

		self.assertEqual(len(results), 2, results)
		self.assertTrue(all(r in (fulfilment.DONE, fulfilment.RACED) for r in results), results)
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
				"Error Log", filters={"reference_name": name, "creation": (">=", self.began)}, pluck="error"
			),
			[],
		)

	def ticket_names(self, contract):
		return frappe.get_all(TICKET, filters={"contract": contract}, pluck="name")
