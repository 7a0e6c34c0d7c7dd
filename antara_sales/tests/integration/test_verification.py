"""Document verification (6.5): checks, outcomes, clarification (6.5.3.1) and rejection (6.5.3.2)."""

import frappe

from antara_sales import roles
from antara_sales.doctypes import VERIFICATION
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase


class TestVerification(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org)
		self.customer = f.make_customer(self.org)
		self.order = f.make_order(self.org, self.customer, [self.product])
		f.request_verification(self.org, self.order)

	def order_status(self):
		return frappe.db.get_value("ANTARA Media Order", self.order.name, ["status", "docstatus"])

	def test_passed_verification_makes_the_order_final(self):
		verification = f.verify(self.org, self.order)
		self.assertEqual(verification.round_no, 1)
		self.assertEqual(verification.computed_customer_status, "Prospect")  # 6.5.3, pre-filled
		self.assertEqual(self.order_status(), ("Verified", 1))

	def test_what_the_ae_handed_over_is_what_is_verified(self):
		# 6.5: the verifier may save the order (the state's editor) but not change what it says
		order = f.edit(self.org.verifier, self.order, signed_on=str(self.order.signed_on))  # no change
		with self.assertRaisesRegex(frappe.ValidationError, "waits for verification"):
			f.edit(self.org.verifier, order, email="lain@example.id")
		with f.as_user(self.org.verifier), self.assertRaisesRegex(frappe.ValidationError, "Row #1"):
			doc = frappe.get_doc("ANTARA Media Order", order.name)
			doc.items[0].quantity += 1
			doc.save()
		# What needs correcting goes back to the AE (6.5.3.1), who corrects it and resubmits.
		f.verify(self.org, self.order, "Clarify", remark="Email pelanggan salah")
		f.edit(self.org.ae, self.order, email="benar@example.id")
		f.request_verification(self.org, self.order)
		f.verify(self.org, self.order)
		self.assertEqual(self.order_status(), ("Verified", 1))

	def test_clarify_goes_back_to_the_ae_and_a_second_round_is_kept(self):
		first = f.verify(self.org, self.order, "Clarify", remark="Alamat penagihan belum jelas")
		self.assertEqual(self.order_status(), ("Needs Clarification", 0))
		self.assertEqual(
			frappe.db.get_value("ANTARA Media Order", self.order.name, "last_verification_remark"),
			"Alamat penagihan belum jelas",
		)
		f.request_verification(self.org, self.order)
		second = f.verify(self.org, self.order)
		self.assertEqual((first.round_no, second.round_no), (1, 2))
		self.assertEqual(self.order_status(), ("Verified", 1))
		self.assertEqual(frappe.db.count("ANTARA Order Verification", {"media_order": self.order.name}), 2)

	def test_rejection_tells_the_customer_with_the_reason(self):
		f.outgoing_email_account()
		f.verify(self.org, self.order, "Rejected", remark="NPWP tidak terdaftar")
		self.assertEqual(self.order_status(), ("Rejected", 1))
		email = frappe.db.get_value("ANTARA Customer", self.customer, "email")
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "ANTARA Media Order", "reference_name": self.order.name},
			fields=["name", "message"],
		)
		self.assertEqual(len(queued), 1)
		self.assertIn("NPWP tidak terdaftar", queued[0].message)
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": queued[0].name}, pluck="recipient"
		)
		self.assertEqual(recipients, [email])

	def test_rejection_stands_without_an_email_account(self):
		f.verify(self.org, self.order, "Rejected", remark="NPWP tidak terdaftar")
		self.assertEqual(self.order_status(), ("Rejected", 1))
		self.assertTrue(
			frappe.db.exists(
				"Comment", {"reference_name": self.order.name, "content": ("like", "%No outgoing email%")}
			)
		)

	def test_clarify_and_reject_need_a_remark(self):
		for outcome in ("Clarify", "Rejected"):
			with self.assertRaisesRegex(
				frappe.ValidationError, "What to Clarify / Reason for Rejection.*required"
			):
				f.verify(self.org, self.order, outcome, remark=None, product_remark="salah")

	def test_every_check_must_be_answered(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Answer every check.*6.5.3"):
			f.verify(self.org, self.order, customer_status_check="")

	def test_passed_only_when_every_check_passes(self):
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be Passed"):
			f.verify(self.org, self.order, product_check="Fail", product_remark="produk tidak sesuai")

	def test_the_ae_cannot_verify_their_own_order(self):
		with self.assertRaises(frappe.PermissionError):
			f.verify(self.org, self.order, verifier=self.org.ae)

	def test_only_an_assigned_assistant_manager_verifies(self):
		with self.assertRaisesRegex(frappe.PermissionError, "not assigned to verify"):
			f.verify(self.org, self.order, verifier=self.org.other_am)

	def test_a_draft_order_cannot_be_verified(self):
		draft = f.make_order(self.org, self.customer, [self.product])
		with self.assertRaisesRegex(
			frappe.ValidationError, "Not Awaiting Verification|not Submitted for Verification"
		):
			f.verify(self.org, draft)

	def test_the_ae_sees_the_rounds_of_their_own_orders_only(self):
		"""A round carries its order's AE, which the AE's scoped list reads (issue 13); a colleague
		AE of the same department sees none of it (an AE's own sales)."""
		verification = f.verify(self.org, self.order)
		self.assertEqual(verification.account_executive, self.order.account_executive)
		colleague = f.make_user(roles.ACCOUNT_EXECUTIVE)
		department = frappe.get_doc("ANTARA Department", self.order.department)
		department.append("members", {"user": colleague})
		department.save()
		for user, seen in ((self.org.ae, [verification.name]), (colleague, [])):
			with f.as_user(user):
				listed = frappe.get_list(VERIFICATION, filters={"media_order": self.order.name}, pluck="name")
				self.assertEqual(listed, seen, user)
				self.assertEqual(
					frappe.has_permission(VERIFICATION, "read", verification.name, user=user), bool(seen)
				)
