"""Customer satisfaction through the web form, one answer per link (clause 1, 6.1.1)."""

import frappe
from frappe.utils import add_days, today

from antara_sales.services.common import guest_links
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

	def test_the_satisfaction_card_says_there_are_no_answers_rather_than_a_score_of_0(self):
		from antara_sales.api.dashboard import NO_ANSWERS, average_satisfaction

		with f.as_user(self.org.manager):
			self.assertEqual(average_satisfaction(), NO_ANSWERS)  # a score of 0 on a 1-5 scale
		sf.feedback(self.contract.name, 4)
		with f.as_user(self.org.manager):
			self.assertEqual(average_satisfaction()["value"], 4)

	def test_the_answer_lands_on_the_contract_of_the_link_and_a_link_answers_once(self):
		other = self.sale()
		f.outgoing_email_account()
		request = customer_feedback.request_feedback(self.contract.name, reason="test")
		customer_feedback.request_feedback(other.name, reason="test")
		self.assertGreaterEqual(len(request.feedback_key), 43)  # secrets.token_urlsafe(32): 256 bits
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


class TestFeedbackLinks(AntaraTestCase):
	"""Issue 14: a guest link is not guessed, not replayed and not kept for ever: a key of at least
	128 bits, looked up by its hash and compared in constant time, expiring, answered once, and
	every check of a key rate-limited per address."""

	ADDRESS = "203.0.113.14"  # TEST-NET-3: no real client

	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org, price=2_000_000)
		self.contract = self.sale()
		self.request = customer_feedback.request_feedback(self.contract.name, reason="test")
		self.clear_counters()

	def sale(self):
		order_date, verified_on, signed_on = MARCH
		return sf.sale(
			self.org,
			f.make_customer(self.org),
			[self.product],
			order_date=order_date,
			verified_on=verified_on,
			signed_on=signed_on,
		)

	def tearDown(self):
		self.leave_web_request()
		self.clear_counters()
		super().tearDown()

	# --- a web request as the rate limiter sees it: frappe.request, the caller's address, the cmd

	def enter_web_request(self, cmd=None):
		frappe.local.request = frappe._dict(method="POST", headers={}, path="/", environ={})
		frappe.local.request_ip = self.ADDRESS
		if cmd:
			frappe.form_dict.cmd = cmd

	def leave_web_request(self):
		for attribute in ("request", "request_ip"):
			if hasattr(frappe.local, attribute):
				delattr(frappe.local, attribute)

	def counter(self, cmd=None) -> int:
		return int(frappe.cache.get(frappe.cache.make_key(f"rl:{cmd}:{self.ADDRESS}")) or 0)

	def clear_counters(self):
		for cmd in (None, ACCEPT):
			frappe.cache.delete(frappe.cache.make_key(f"rl:{cmd}:{self.ADDRESS}"))

	def open_page(self, key):
		with f.as_user("Guest"):
			frappe.form_dict[customer_feedback.KEY_FIELD] = key
			context = frappe._dict()
			customer_feedback.web_form_context(context)
			return context

	def submit(self, key, stars=4):
		"""Frappe's web form submit, as the guest's browser calls it."""
		import json

		from frappe.website.doctype.web_form.web_form import accept

		with f.as_user("Guest"):
			self.enter_web_request(ACCEPT)
			frappe.form_dict.web_form = "customer-feedback"
			return accept(
				web_form="customer-feedback",
				data=json.dumps({"feedback_key": key, "rating": stars / 5, "comment": "Baik"}),
			)

	# --- the tests

	def test_keys_are_long_random_and_kept_as_a_hash_to_look_up(self):
		import hashlib

		key = self.request.feedback_key
		self.assertGreaterEqual(len(key), 43)  # secrets.token_urlsafe(32): 256 bits
		self.assertRegex(key, r"^[A-Za-z0-9_-]+$")  # safe in a URL as it is
		stored = frappe.db.get_value(REQUEST, self.request.name, "feedback_key_hash")
		self.assertEqual(stored, hashlib.sha256(key.encode()).hexdigest())
		other = customer_feedback.request_feedback(self.sale().name, reason="test")
		self.assertNotEqual(other.feedback_key, key)

	def test_the_key_is_compared_in_constant_time_and_never_in_sql(self):
		import hmac
		from unittest import mock

		sql_values = []
		real_get_value = frappe.db.get_value

		def spy(doctype, filters=None, *args, **kw):
			if doctype == REQUEST:
				sql_values.append(json_text(filters))
			return real_get_value(doctype, filters, *args, **kw)

		with (
			mock.patch.object(guest_links.hmac, "compare_digest", wraps=hmac.compare_digest) as compare,
			mock.patch.object(frappe.db, "get_value", side_effect=spy),
		):
			self.open_page(self.request.feedback_key)
		compare.assert_called_once_with(
			customer_feedback.key_hash(self.request.feedback_key),
			customer_feedback.key_hash(self.request.feedback_key),
		)
		self.assertTrue(sql_values)
		self.assertFalse([v for v in sql_values if self.request.feedback_key in v])

	def test_guessing_is_refused_and_rate_limited(self):
		self.enter_web_request()
		for _guess in range(customer_feedback.CHECKS_PER_WINDOW):
			with self.assertRaisesRegex(frappe.PermissionError, "not valid"):
				self.open_page(frappe.generate_hash(length=43))
		self.assertEqual(self.counter(), customer_feedback.CHECKS_PER_WINDOW)
		# the next check is refused before the key is even looked at, the right key too
		with self.assertRaises(frappe.RateLimitExceededError):
			self.open_page(self.request.feedback_key)
		# too short to be a key: refused without a lookup
		self.clear_counters()
		with self.assertRaisesRegex(frappe.PermissionError, "not valid"):
			self.open_page(self.request.feedback_key[:20])

	def test_the_web_form_submit_is_rate_limited_too(self):
		for _ in range(3):
			with self.assertRaisesRegex(frappe.PermissionError, "not valid"):
				self.submit("g" * 43)
		self.assertEqual(self.counter(ACCEPT), 3)  # ours, beside Frappe's own limit on accept
		frappe.cache.set(frappe.cache.make_key(f"rl:{ACCEPT}:{self.ADDRESS}"), 10)
		with self.assertRaises(frappe.RateLimitExceededError):
			self.submit(self.request.feedback_key)
		self.assertFalse(frappe.db.exists(FEEDBACK, {"feedback_request": self.request.name}))

	def test_an_expired_link_is_refused_and_sending_it_again_makes_a_new_one(self):
		from frappe.utils import add_to_date, now_datetime

		old_key = self.request.feedback_key
		expiry = frappe.db.get_value(REQUEST, self.request.name, "expires_on")
		days = (expiry - now_datetime()).days
		self.assertIn(days, (29, 30))  # the settings' default validity
		frappe.db.set_value(REQUEST, self.request.name, "expires_on", add_to_date(now_datetime(), hours=-1))
		with self.assertRaisesRegex(frappe.PermissionError, "expired"):
			self.open_page(old_key)
		with self.assertRaisesRegex(frappe.PermissionError, "expired"):
			self.submit(old_key)
		# a request from before links expired, not stamped: its request date plus the settings' days
		frappe.db.set_value(
			REQUEST,
			self.request.name,
			{"expires_on": None, "requested_on": add_to_date(now_datetime(), days=-31)},
		)
		with self.assertRaisesRegex(frappe.PermissionError, "expired"):
			self.open_page(old_key)

		f.outgoing_email_account()
		customer_feedback.send_request(frappe.get_doc(REQUEST, self.request.name))
		renewed = frappe.get_doc(REQUEST, self.request.name)
		self.assertNotEqual(renewed.feedback_key, old_key)
		self.assertGreater(renewed.expires_on, now_datetime())
		mail = frappe.get_last_doc(
			"Email Queue", filters={"reference_doctype": REQUEST, "reference_name": renewed.name}
		)
		self.assertIn(renewed.feedback_key, mail.message)
		with self.assertRaisesRegex(frappe.PermissionError, "not valid"):
			self.open_page(old_key)
		self.assertEqual(self.submit(renewed.feedback_key).contract, self.contract.name)

	def test_a_link_answers_once(self):
		key = self.request.feedback_key
		self.submit(key)
		with self.assertRaisesRegex(frappe.PermissionError, "already been used"):
			self.submit(key)
		# even if the request were not yet marked (two answers at once), the answer on file refuses it
		frappe.db.set_value(REQUEST, self.request.name, "status", "Requested")
		with self.assertRaisesRegex(frappe.PermissionError, "already been used"):
			self.submit(key)
		# and the database has the last word: one answer per request
		unique = frappe.db.sql(
			f"show index from `tab{FEEDBACK}` where Column_name = 'feedback_request' and Non_unique = 0"
		)
		self.assertTrue(unique)
		self.assertEqual(frappe.db.count(FEEDBACK, {"feedback_request": self.request.name}), 1)

	def test_links_of_the_first_release_stay_valid_and_short_keys_are_replaced(self):
		from antara_sales.patches import secure_feedback_links

		first_release = frappe.generate_hash(length=32)  # 128 bits, as the first release made them
		frappe.db.set_value(
			REQUEST,
			self.request.name,
			{"feedback_key": first_release, "feedback_key_hash": None, "expires_on": None},
		)
		short = customer_feedback.request_feedback(self.sale().name, reason="test")
		frappe.db.set_value(
			REQUEST, short.name, {"feedback_key": "abc123", "feedback_key_hash": None, "expires_on": None}
		)
		secure_feedback_links.execute()
		kept = frappe.get_doc(REQUEST, self.request.name)
		self.assertEqual(kept.feedback_key, first_release)
		self.assertEqual(kept.feedback_key_hash, customer_feedback.key_hash(first_release))
		self.assertTrue(kept.expires_on)
		self.assertEqual(self.submit(first_release).contract, self.contract.name)
		replaced = frappe.get_doc(REQUEST, short.name)
		self.assertGreaterEqual(len(replaced.feedback_key), 43)
		with self.assertRaisesRegex(frappe.PermissionError, "not valid"):
			self.submit("abc123")


ACCEPT = "frappe.website.doctype.web_form.web_form.accept"


def json_text(value) -> str:
	return frappe.as_json(value) if not isinstance(value, str) else value
