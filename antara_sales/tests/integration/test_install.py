import frappe

from antara_sales import roles
from antara_sales.tests.base import AntaraTestCase


class TestInstall(AntaraTestCase):
	def test_roles_and_settings_are_installed(self):
		for role in roles.ALL:
			self.assertTrue(frappe.db.exists("Role", role), role)
		settings = frappe.get_single("ANTARA Sales Settings")
		self.assertEqual(settings.ppn_rate, 11)
		self.assertEqual(settings.existing_customer_min_periods, 3)
		self.assertEqual(settings.f003_code, "F/KOM/003")

	def test_doctypes_do_not_clash_with_erpnext(self):
		# ERPNext owns these names; ours carry the ANTARA prefix (issue 3).
		ours = frappe.get_all("DocType", filters={"module": "ANTARA Sales"}, pluck="name")
		self.assertGreaterEqual(len(ours), 15)
		for name in ours:
			self.assertTrue(name.startswith("ANTARA "), name)
