"""Who sees the work of 6.8 (issue 10): each downstream department its own tickets, Finance the
invoices, the sales department the tickets and invoices of its contracts; no one else. Lists
(permission_query_conditions) and single records (has_permission) agree. Each check runs as the
real role's user."""

import frappe

from antara_sales import roles
from antara_sales.tests import factories as f
from antara_sales.tests.integration.fulfilment_case import INVOICE, TICKET, FulfilmentCase

YEAR = {"start": "2026-01-01", "end": "2026-12-31"}


class TestFulfilmentScope(FulfilmentCase):
	def setUp(self):
		super().setUp()
		self.contract = self.sign([self.text], **YEAR)  # needs technical, editorial and finance
		self.fulfil(self.contract)
		self.by_work = {
			t.work_type: t.name
			for t in frappe.get_all(TICKET, {"contract": self.contract.name}, ["name", "work_type"])
		}
		self.invoice = frappe.get_all(INVOICE, {"contract": self.contract.name}, pluck="name")
		self.assertEqual(sorted(self.by_work), ["Editorial", "Finance", "Technical"])
		self.assertEqual(len(self.invoice), 1)

	def listed(self, user, doctype):
		"""What the user's list shows of this test's records."""
		with f.as_user(user):
			return sorted(frappe.get_list(doctype, filters={"contract": self.contract.name}, pluck="name"))

	def can_read(self, user, doctype, name) -> bool:
		with f.as_user(user):
			return frappe.has_permission(doctype, "read", frappe.get_doc(doctype, name), user=user)

	def test_each_downstream_department_sees_its_own_tickets_only(self):
		for work, (staff, head) in (
			("Technical", self.people.technical),
			("Editorial", self.people.editorial),
			("Finance", self.people.finance),
		):
			for user in (staff, head):
				self.assertEqual(self.listed(user, TICKET), [self.by_work[work]], (work, user))
				for other, name in self.by_work.items():
					self.assertEqual(self.can_read(user, TICKET, name), other == work, (work, other, user))
		staff = self.people.technical[0]
		with f.as_user(staff), self.assertRaises(frappe.PermissionError):
			frappe.get_doc(TICKET, self.by_work["Editorial"]).check_permission("read")  # as the desk opens it

	def test_finance_sees_the_invoices(self):
		for user in self.people.finance:
			self.assertEqual(self.listed(user, INVOICE), self.invoice)
			self.assertTrue(self.can_read(user, INVOICE, self.invoice[0]))
		# Technical and Editorial have no invoices to see (no role permission at all).
		self.assertFalse(frappe.has_permission(INVOICE, "read", user=self.people.technical[0]))

	def test_the_sales_department_sees_the_work_of_its_contracts(self):
		for user in (self.org.ae, self.org.manager, self.org.gm):
			self.assertEqual(self.listed(user, TICKET), sorted(self.by_work.values()), user)
			self.assertEqual(self.listed(user, INVOICE), self.invoice, user)
			self.assertTrue(self.can_read(user, TICKET, self.by_work["Technical"]), user)
			self.assertTrue(self.can_read(user, INVOICE, self.invoice[0]), user)

	def test_another_department_sees_none_of_it(self):
		other = f.make_org()
		outsider_staff = f.make_user(roles.TECHNICAL)
		department = frappe.get_doc("ANTARA Department", other.technical)
		department.append("members", {"user": outsider_staff})
		department.save()
		for user in (other.ae, other.manager, outsider_staff):
			self.assertEqual(self.listed(user, TICKET), [], user)
			self.assertFalse(self.can_read(user, TICKET, self.by_work["Technical"]), user)
		for user in (other.ae, other.manager):
			self.assertEqual(self.listed(user, INVOICE), [], user)
			self.assertFalse(self.can_read(user, INVOICE, self.invoice[0]), user)

	def test_the_lists_read_the_contracts_department_and_ae_on_each_record(self):
		"""Issue 13: each ticket and invoice carries its contract's department and AE, which the
		scoped lists read instead of reaching through the contract; an AE sees their own sales only,
		not a colleague's in the same department."""
		for doctype, names in ((TICKET, self.by_work.values()), (INVOICE, self.invoice)):
			for name in names:
				self.assertEqual(
					frappe.db.get_value(doctype, name, ["owning_department", "account_executive"]),
					(self.contract.department, self.contract.account_executive),
					(doctype, name),
				)
		colleague = f.make_user(roles.ACCOUNT_EXECUTIVE)
		department = frappe.get_doc("ANTARA Department", self.contract.department)
		department.append("members", {"user": colleague})
		department.save()
		self.assertEqual(self.listed(colleague, TICKET), [])
		self.assertEqual(self.listed(colleague, INVOICE), [])
		self.assertFalse(self.can_read(colleague, INVOICE, self.invoice[0]))
