"""Customer satisfaction through the web form, one answer per link (clause 1, 6.1.1)."""

import frappe
from frappe.utils import add_days, today

from antara_sales.services.reporting import customer_feedback
from antara_sales.tests import factories as f
from antara_sales.tests import sales_factories as sf
from antara_sales.tests.base import AntaraTestCase

REQUEST, FEEDBACK = "ANTARA Feedback Request", "ANTARA Customer Feedback"
# (order date, verified on, signed on) of a sale
MARCH = ("2026-03-02", "2026-03-03", "2026-03-05")
SEPTEMBER = ("2026-09-01", "2026-09-02", "2026-09-03")


class TestCustomerFeedback(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org, price=2_000_000)
		self.customer = f.make_customer(self.org)
		self.contract = self.sale(customer=self.customer)

	def sale(self, dates=MARCH, customer=None, **kw):
		"""A signed contract for the product, to a new customer unless one is named."""
		order_date, verified_on, signed_on = dates
		return sf.sale(
			self.org,
			customer or f.make_customer(self.org),
			[self.product],
			order_date=order_date,
			verified_on=verified_on,
			signed_on=signed_on,
			**kw,
		)

	def test_the_answer_lands_on_the_contract_of_the_link_and_a_link_answers_once(self):
		other = self.sale()
		f.outgoing_email_account()
		request = customer_feedback.request_feedback(self.contract.name, reason="test")
		customer_feedback.request_feedback(other.name, reason="test")
		self.assertEqual(len(request.feedback_key), 32)
		self.assertIn(
			f"/customer-feedback/new?feedback_key={request.feedback_key}",
			customer_feedback.feedback_link(request.feedback_key),
		)
		mail = frappe.get_last_doc(
			"Email Queue", filters={"reference_doctype": REQUEST, "reference_name": request.name}
		)
		self.assertIn(request.feedback_key, mail.message)

		answer = sf.answer_feedback(request.feedback_key, 4, "Berita cepat, tetapi tagihan terlambat.")

		answer = frappe.get_doc(FEEDBACK, answer.name)
		self.assertEqual(
			(answer.contract, answer.customer, answer.department, answer.score, answer.feedback_request),
			(self.contract.name, self.customer, self.org.department, 4, request.name),
		)
		self.assertEqual(answer.owner, "Guest")
		self.assertFalse(answer.feedback_key)  # the secret stays on the request
		self.assertEqual(
			frappe.db.get_value(REQUEST, request.name, ["status", "feedback"]), ("Answered", answer.name)
		)
		with self.assertRaisesRegex(frappe.PermissionError, "already been used"):
			sf.answer_feedback(request.feedback_key, 1, "Jawaban kedua")
		with self.assertRaisesRegex(frappe.PermissionError, "not valid"):
			sf.answer_feedback("x" * 32, 5)
		with self.assertRaisesRegex(frappe.PermissionError, "link in our email"):
			sf.answer_feedback("", 5)
		self.assertEqual(frappe.db.count(FEEDBACK, {"contract": self.contract.name}), 1)

	def test_a_guest_sets_only_the_score_and_comment(self):
		import json

		from frappe.website.doctype.web_form.web_form import accept

		request = customer_feedback.request_feedback(self.contract.name, reason="test")
		with f.as_user("Guest"):
			answer = accept(
				web_form="customer-feedback",
				data=json.dumps(
					{
						"feedback_key": request.feedback_key,
						"rating": 0.6,
						"contract": "KKS-LAIN",
						"score": 5,
						"department": "X",
					}
				),
			)
		self.assertEqual(
			(answer.contract, answer.score, answer.department), (self.contract.name, 3, self.org.department)
		)
		with self.assertRaises(frappe.ValidationError):  # no stars, no score
			sf.answer_feedback(
				customer_feedback.request_feedback(self.sale().name, reason="test").feedback_key,
				0,
			)

	def test_a_fulfilled_contract_is_asked_once(self):
		ended = self.sale(SEPTEMBER, start=add_days(today(), -40), end=add_days(today(), -3))
		running, delivered = (
			self.sale(SEPTEMBER, start=add_days(today(), -10), end=add_days(today(), 300)) for _ in range(2)
		)
		# 6.8 done: the fulfilment (issue 5) marks the contract Fulfilled when every ticket is Done.
		frappe.db.set_value(
			"ANTARA Cooperation Contract",
			delivered.name,
			{"fulfilment_status": "Fulfilled", "fulfilled_on": today()},
		)
		asked = customer_feedback.request_due_feedback()
		self.assertIn(ended.name, asked)
		self.assertIn(delivered.name, asked)
		self.assertNotIn(running.name, asked)
		self.assertEqual(
			frappe.db.get_value(REQUEST, {"contract": delivered.name}, "reason"), "Follow-up work done (6.8)"
		)
		self.assertEqual(
			frappe.db.get_value(REQUEST, {"contract": ended.name}, "reason"), "Contract period ended"
		)
		self.assertNotIn(ended.name, customer_feedback.request_due_feedback())
		self.assertEqual(frappe.db.count(REQUEST, {"contract": ended.name}), 1)

	def test_a_spent_link_is_refused_on_the_page_too(self):
		request = customer_feedback.request_feedback(self.contract.name, reason="test")
		context = frappe._dict()
		frappe.form_dict[customer_feedback.KEY_FIELD] = request.feedback_key
		try:
			customer_feedback.web_form_context(context)
			self.assertIn(self.contract.name, context.feedback_about)
			sf.answer_feedback(request.feedback_key, 5)
			frappe.form_dict[customer_feedback.KEY_FIELD] = request.feedback_key  # set_user cleared it
			with self.assertRaisesRegex(frappe.PermissionError, "already been used"):
				customer_feedback.web_form_context(frappe._dict())
		finally:
			frappe.form_dict.pop(customer_feedback.KEY_FIELD, None)
