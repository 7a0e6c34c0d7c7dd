"""Subscription changes, F/KOM/004: verified like a new order, approved, amending the contract."""

import frappe

from antara_sales.api import sales as sales_api
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase


class TestSubscriptionChange(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.text = f.make_product(self.org, price=1_000_000)
		self.photo = f.make_product(self.org, product_name="Layanan Foto", media_type="Photo", price=500_000)
		self.customer = f.make_customer(self.org)
		self.contract = f.signed_contract(self.org, self.customer, [self.text])

	def make_change(self, change_type, items=None, effective="2026-07-01"):
		values = {
			"doctype": "ANTARA Subscription Change",
			"contract": self.contract.name,
			"change_type": change_type,
			"effective_date": effective,
			"reason": "Permintaan pelanggan",
			"account_executive": self.org.ae,
		}
		with f.as_user(self.org.ae):
			change = frappe.get_doc(values).insert()
			if items is not None:
				change.extend("items", items)
				change.save()
		return change

	def approve(self, change):
		f.request_verification(self.org, change)
		f.verify(self.org, change)
		return f.act(self.org.manager, change, "Approve")

	def test_adding_a_product_amends_the_contract_and_keeps_the_old_terms(self):
		change = self.make_change(
			"Add Product", [{"product": self.photo, "start_date": "2026-07-01", "end_date": "2026-12-31"}]
		)
		self.assertEqual([r.product for r in change.previous_items], [self.text])
		self.assertEqual(change.previous_grand_total, 13_320_000)
		self.approve(change)
		contract = frappe.get_doc("ANTARA Cooperation Contract", self.contract.name)
		self.assertEqual([r.product for r in contract.items], [self.text, self.photo])
		self.assertEqual(contract.total_amount, 12_000_000 + 3_000_000)
		self.assertEqual(contract.revision, 1)
		change.reload()
		self.assertEqual((change.status, change.contract_revision), ("Approved", 1))
		self.assertEqual([r.product for r in change.previous_items], [self.text])
		self.assertIn(
			change.name, frappe.db.get_value("Comment", {"reference_name": contract.name}, "content")
		)

	def test_a_new_change_has_made_no_revision_yet_not_an_unset_one(self):
		# The desk keeps the saved copy: with None where the database holds 0, its next save logged
		# "Contract Revision Made from 0 to null" in the change's activity.
		change = self.make_change("Terminate")
		self.assertEqual(change.contract_revision, 0)
		self.assertEqual(frappe.db.get_value(change.doctype, change.name, "contract_revision"), 0)

	def test_termination_ends_the_contract_and_recomputes_the_status(self):
		self.approve(self.make_change("Terminate"))
		contract = frappe.get_doc("ANTARA Cooperation Contract", self.contract.name)
		self.assertEqual((contract.status, str(contract.terminated_on)), ("Terminated", "2026-07-01"))
		self.assertIn("2026-07-01", frappe.db.get_value("ANTARA Customer", self.customer, "status_evidence"))

	def test_the_manager_approves_the_change_as_it_was_verified(self):
		change = self.make_change("Change Quantity", effective="2026-07-01")
		f.request_verification(self.org, change)
		f.verify(self.org, change)
		with self.assertRaisesRegex(frappe.ValidationError, "waits for verification"):
			f.edit(self.org.manager, change, effective_date="2026-08-01")
		change = f.act(self.org.manager, change, "Approve")
		self.assertEqual((change.docstatus, str(change.effective_date)), (1, "2026-07-01"))

	def test_a_change_is_approved_only_after_verification(self):
		change = self.make_change("Terminate")
		with self.assertRaisesRegex(frappe.ValidationError, "Not a valid Workflow Action"):
			f.act(self.org.manager, change, "Approve")
		with f.as_user(self.org.manager), self.assertRaises(frappe.PermissionError):
			frappe.get_doc(change.doctype, change.name).submit()  # straight past the workflow

	def test_choosing_the_contract_shows_its_products_before_the_first_save(self):
		"""Issue 10: the form asks for the contract's current lines as soon as it is chosen; they
		are what the server's own prefill takes on save."""
		with f.as_user(self.org.ae):
			values = sales_api.subscription_change_lines(self.contract.name)
		self.assertEqual([r["product"] for r in values["previous_items"]], [self.text])
		self.assertEqual(values["items"], values["previous_items"])
		self.assertEqual(values["previous_grand_total"], 13_320_000)
		self.assertEqual((values["grand_total"], values["tax_rate"]), (13_320_000, 12))
		saved = self.make_change("Change Quantity")
		self.assertEqual(
			[{k: r.get(k) for k in ("product", "quantity", "unit_price", "amount")} for r in saved.items],
			[{k: r[k] for k in ("product", "quantity", "unit_price", "amount")} for r in values["items"]],
		)
		outsider = f.make_org()
		with f.as_user(outsider.ae), self.assertRaises(frappe.PermissionError):
			sales_api.subscription_change_lines(self.contract.name)  # another department's contract
		with f.as_user(self.org.verifier), self.assertRaises(frappe.PermissionError):
			sales_api.subscription_change_lines(self.contract.name)  # only who writes F/KOM/004

	def test_only_an_active_contract_changes(self):
		order = f.verified_order(self.org, self.customer, [self.text])
		draft = f.make_contract(self.org, order.name)
		with (
			f.as_user(self.org.ae),
			self.assertRaisesRegex(frappe.ValidationError, "only a signed, active contract"),
		):
			frappe.get_doc(
				{
					"doctype": "ANTARA Subscription Change",
					"contract": draft.name,
					"change_type": "Terminate",
					"effective_date": "2026-07-01",
					"reason": "x",
				}
			).insert()

	def test_effective_date_within_the_contract(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Effective Date.*must fall within"):
			self.make_change("Terminate", effective="2027-03-01")
