"""The cooperation contract (6.6, 6.7)."""

import frappe

from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase


class TestContract(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org, price=2_000_000)
		self.customer = f.make_customer(self.org)

	def test_contract_carries_everything_over_from_the_verified_order(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		from antara_sales.api.sales import make_contract

		with f.as_user(self.org.ae):
			contract = frappe.get_doc("ANTARA Cooperation Contract", make_contract(order.name))
		for field in (
			"customer",
			"customer_name",
			"npwp",
			"address",
			"department",
			"bureau",
			"account_executive",
			"grand_total",
		):
			self.assertEqual(contract.get(field), order.get(field), field)
		self.assertEqual(
			[(i.product, i.amount) for i in contract.items], [(i.product, i.amount) for i in order.items]
		)
		self.assertEqual(contract.general_manager, self.org.gm)
		self.assertEqual((str(contract.start_date), str(contract.end_date)), ("2026-01-01", "2026-12-31"))
		self.assertEqual(
			frappe.db.get_value(order.doctype, order.name, ["status", "contract"]),
			("Contract Drafted", contract.name),
		)
		self.assertTrue(contract.name.startswith("KKS-"))

	def test_refused_for_an_unverified_order_and_made_only_once(self):
		order = f.make_order(self.org, self.customer, [self.product])
		with self.assertRaisesRegex(frappe.ValidationError, "only from a verified order"):
			f.make_contract(self.org, order.name)
		order = f.verified_order(self.org, self.customer, [self.product])
		f.make_contract(self.org, order.name)
		with self.assertRaises(frappe.ValidationError):
			f.make_contract(self.org, order.name)

	def test_only_the_drawing_up_role_makes_a_contract(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		from antara_sales.services.contracting.contract import make_from_order

		with f.as_user(self.org.verifier), self.assertRaises(frappe.PermissionError):
			make_from_order(order.name)

	def test_a_contract_cannot_be_typed_in_past_the_order(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		with (
			f.as_user(self.org.ae),
			self.assertRaisesRegex(frappe.PermissionError, "drawn up from a verified"),
		):
			frappe.get_doc(
				{
					"doctype": "ANTARA Cooperation Contract",
					"media_order": order.name,
					"customer": self.customer,
					"department": self.org.department,
					"general_manager": self.org.gm,
					"items": [
						{"product": self.product, "start_date": "2026-01-01", "end_date": "2026-01-31"}
					],
				}
			).insert()
		self.assertFalse(frappe.db.exists("ANTARA Cooperation Contract", {"media_order": order.name}))

	def test_gm_signs_first_then_the_customer(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		contract = f.make_contract(self.org, order.name)
		with self.assertRaisesRegex(frappe.ValidationError, "General Manager signs first"):
			f.edit(self.org.ae, contract, customer_signature=f.SIGNATURE, customer_signed_on="2026-01-02")
		f.act(self.org.ae, contract, "Send for Review")
		f.act(self.org.manager, contract, "Approve")
		with self.assertRaises(frappe.PermissionError):  # only the contract's GM signs as GM
			f.edit(self.org.manager, contract, gm_signature=f.SIGNATURE)
		with self.assertRaises(frappe.ValidationError):  # no signature yet: the action is not offered
			f.act(self.org.gm, contract, "Sign as GM")
		contract = f.edit(self.org.gm, contract, gm_signature=f.SIGNATURE, gm_signed_on="2026-01-05")
		self.assertEqual(contract.gm_signed_by, self.org.gm)
		contract = f.act(self.org.gm, contract, "Sign as GM")
		self.assertEqual(contract.status, "Awaiting Customer Signature")
		with self.assertRaises(frappe.ValidationError):  # no customer signature and date yet
			f.act(self.org.ae, contract, "Record Customer Signature")
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be before"):
			f.edit(self.org.ae, contract, customer_signature=f.SIGNATURE, customer_signed_on="2026-01-02")
		f.edit(self.org.ae, contract, customer_signature=f.SIGNATURE, customer_signed_on="2026-01-06")
		contract = f.act(self.org.ae, contract, "Record Customer Signature")
		self.assertEqual((contract.status, contract.docstatus), ("Signed", 1))
		self.assertEqual(frappe.db.get_value("ANTARA Customer", self.customer, "customer_status"), "New")

	def test_copies_are_recorded_after_signing(self):
		contract = f.signed_contract(self.org, self.customer, [self.product])
		f.edit(
			self.org.manager,
			contract,
			customer_copy_given_on="2026-01-07",
			customer_copy_given_to="Sri Wahyuni",
		)
		self.assertEqual(
			frappe.db.get_value(contract.doctype, contract.name, "customer_copy_given_to"), "Sri Wahyuni"
		)

	def test_expired_contracts_are_marked_daily(self):
		from antara_sales.services.contracting.contract import expire_ended_contracts

		contract = f.signed_contract(
			self.org, self.customer, [self.product], start="2024-01-01", end="2024-12-31"
		)
		expire_ended_contracts()
		self.assertEqual(frappe.db.get_value(contract.doctype, contract.name, "status"), "Expired")
