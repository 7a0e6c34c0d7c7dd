import frappe

from antara_sales import roles
from antara_sales.tests.base import AntaraTestCase


class TestInstall(AntaraTestCase):
	def test_roles_and_settings_are_installed(self):
		for role in roles.ALL:
			self.assertTrue(frappe.db.exists("Role", role), role)
		settings = frappe.get_single("ANTARA Sales Settings")
		# The PPN rules of UU HPP and PMK 131/2024 (issue 11), and the shipped buyer categories.
		self.assertEqual(
			[(str(r.effective_from), r.rate, r.dpp_numerator, r.dpp_denominator) for r in settings.ppn_rules],
			[("2022-04-01", 11, 1, 1), ("2025-01-01", 12, 11, 12)],
		)
		self.assertEqual(
			frappe.db.get_value(
				"ANTARA Buyer Category", "BUMN", ["transaction_code", "collection_threshold"]
			),
			("03", 10_000_000),
		)
		self.assertEqual(settings.existing_customer_min_periods, 3)
		self.assertEqual(settings.f003_code, "F/KOM/003")

	def test_doctypes_do_not_clash_with_erpnext(self):
		# ERPNext owns these names; ours carry the ANTARA prefix (issue 3).
		ours = frappe.get_all("DocType", filters={"module": "ANTARA Sales"}, pluck="name")
		self.assertGreaterEqual(len(ours), 15)
		for name in ours:
			self.assertTrue(name.startswith("ANTARA "), name)

	def test_workspace_and_indonesian_translation_ship(self):
		self.assertTrue(frappe.db.exists("Workspace", "ANTARA Sales"))
		from frappe.translate import get_translations_from_csv

		translations = get_translations_from_csv("id", "antara_sales")
		self.assertEqual(translations["Prospect"], "Calon Pelanggan")
		self.assertIn("{0}", translations["{0} is required for an institution."])

	def test_a_link_to_a_user_shows_the_persons_name(self):
		"""The AE, the verifier, Assigned To: a name, not a login email (Frappe's "Show Title in Link
		Fields" on User, which the desk reads from the boot's link_title_doctypes)."""
		from frappe.boot import get_link_title_doctypes
		from frappe.desk.search import get_link_title

		from antara_sales.tests import factories as f

		user = f.make_user(roles.ACCOUNT_EXECUTIVE)
		self.assertIn("User", get_link_title_doctypes())
		self.assertEqual(get_link_title("User", user), frappe.db.get_value("User", user, "full_name"))

	def test_lists_keep_their_columns_on_a_laptop_and_an_admins_own_settings_stay(self):
		"""Frappe's List View Settings hold 6 columns for the app's lists and the approvers' inbox
		(setup/install.py ensure_list_columns); one an admin changed is not put back."""
		from antara_sales.doctypes import INVOICE, MEDIA_ORDER
		from antara_sales.services.workflow.inbox import WORKFLOW_ACTION
		from antara_sales.setup.install import LIST_COLUMNS, ensure_list_columns

		for doctype in (INVOICE, MEDIA_ORDER, WORKFLOW_ACTION):
			self.assertEqual(frappe.db.get_value("List View Settings", doctype, "total_fields"), LIST_COLUMNS)
		frappe.db.set_value("List View Settings", INVOICE, "total_fields", "8")
		ensure_list_columns()
		self.assertEqual(frappe.db.get_value("List View Settings", INVOICE, "total_fields"), "8")
