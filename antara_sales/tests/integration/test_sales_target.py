"""Sales targets per department and month (6.1.1)."""

import frappe

from antara_sales import roles
from antara_sales.tests import factories as f
from antara_sales.tests import sales_factories as sf
from antara_sales.tests.base import AntaraTestCase

TARGET = "ANTARA Sales Target"


class TestSalesTarget(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.p1 = f.make_product(self.org)
		self.p2 = f.make_product(self.org)

	def test_a_month_and_its_weekly_figure(self):
		target = frappe.get_doc(
			TARGET, sf.make_target(self.org, year=2026, month="April", amount=60_000_000, new_customers=6)
		)
		self.assertEqual(str(target.month_start), "2026-04-01")
		self.assertEqual(target.weekly_amount, 14_000_000)  # 60 000 000 / 30 days x 7
		self.assertEqual(target.weekly_new_customers, 2)  # 6 / 30 x 7 = 1.4 customers: a whole 2 (people)
		self.assertIn("2026-04", target.title)

	def test_targets_of_a_month_must_not_overlap(self):
		sf.make_target(self.org, year=2026, month="April", amount=30_000_000, product=self.p1)
		sf.make_target(self.org, year=2026, month="April", amount=30_000_000, product=self.p2)
		with self.assertRaisesRegex(frappe.DuplicateEntryError, "overlaps"):
			sf.make_target(self.org, year=2026, month="April", amount=60_000_000)  # the whole department
		with self.assertRaisesRegex(frappe.DuplicateEntryError, "overlaps"):
			sf.make_target(self.org, year=2026, month="April", amount=10_000_000, bureau=self.org.bureau)
		with self.assertRaises(frappe.DuplicateEntryError):
			sf.make_target(self.org, year=2026, month="April", amount=1, product=self.p1)
		sf.make_target(self.org, year=2026, month="May", amount=60_000_000)  # another month

	def test_the_departments_own_products_and_people(self):
		other = f.make_org()
		with self.assertRaisesRegex(frappe.ValidationError, "belongs to"):
			sf.make_target(self.org, year=2026, month="April", amount=1, product=f.make_product(other))
		with self.assertRaises(frappe.PermissionError):
			sf.make_target(self.org, year=2026, month="April", amount=1, user=other.manager)
		sf.make_target(self.org, year=2026, month="June", amount=1, user=self.org.gm)
		with f.as_user(f.make_user(roles.SALES_ADMIN)):
			frappe.get_doc(
				{
					"doctype": TARGET,
					"department": self.org.department,
					"year": 2026,
					"month": "July",
					"target_amount": 5,
				}
			).insert()
