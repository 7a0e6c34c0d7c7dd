"""The prospect fills in F/KOM/003 online (6.3, 6.4; issue 15): over HTTP as Guest, with nothing but
the emailed link, against the test site's own web server (ANTARA_TEST_URL). Expired, revoked,
reused-after-submission, guessed (and rate-limited) links and another order's name beside the token
are refused with a 4xx and write nothing; a valid link fills the order through the desk's services
and gives the AE one ToDo. The class commits (the server is another connection) and removes what it
made by name (tests/cleanup.py)."""

import base64
import email
import json
import re

import frappe
import requests
from frappe.utils import add_days, now_datetime

from antara_sales.services.ordering import invitation as invitations
from antara_sales.services.ordering import media_order, portal_form
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.cleanup import purge, purge_org
from antara_sales.tests.web_server import site_url

ORDER, INVITATION, CUSTOMER = "ANTARA Media Order", invitations.INVITATION, "ANTARA Customer"
PAGE = "/formulir-pesanan"
SAVE = "/api/method/antara_sales.api.portal.save_form"
LOCAL = "127.0.0.1"  # the address the test server sees


def org_users(org) -> list[str]:
	return [org.ae, org.manager, org.gm, *org.verifiers, org.other_am]


def purge_mail_to(users):
	"""The queued emails to these users (the assignment notices carry no reference document)."""
	for name in frappe.get_all("Email Queue Recipient", {"recipient": ("in", users)}, pluck="parent"):
		purge("Email Queue", name)


def token_in(raw: str) -> str | None:
	"""The link's token as the prospect reads it in the queued email."""
	for part in email.message_from_string(raw).walk():
		if part.get_content_type() in ("text/html", "text/plain"):
			text = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
			if match := re.search(r"formulir-pesanan\?token=([A-Za-z0-9_-]+)", text):
				return match.group(1)
	return None


class TestPortalInvitation(AntaraTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.url = site_url()
		frappe.set_user("Administrator")
		cls.made_account = not frappe.db.exists("Email Account", "ANTARA Test Outbox")
		f.outgoing_email_account()
		cls.org = f.make_org()
		cls.product = f.make_product(cls.org, price=1_500_000)
		cls.existing = f.make_customer(cls.org)  # a customer with an NPWP, to be matched
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		orders = frappe.get_all(ORDER, {"department": cls.org.department}, pluck="name")
		for name in frappe.get_all(INVITATION, {"media_order": ("in", orders or [""])}, pluck="name"):
			purge(INVITATION, name)
		purge_mail_to(org_users(cls.org))  # Frappe's assignment emails name no document
		purge_org(cls.org)
		if cls.made_account:
			purge("Email Account", "ANTARA Test Outbox")
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		self.clear_counters()

	def tearDown(self):
		self.clear_counters()
		super().tearDown()

	def clear_counters(self):
		for cmd in (None, "antara_sales.api.portal.save_form"):
			frappe.cache.delete(frappe.cache.make_key(f"rl:{cmd}:{LOCAL}"))

	# --- helpers ----------------------------------------------------------------------------

	def invite(self):
		"""A Draft Media Order for a prospect (no NPWP yet) and the token emailed for it."""
		prospect = f.make_customer(
			self.org, customer_type="Individual", npwp=None, customer_name=f.unique("Calon"), contacts=[]
		)
		order = f.make_order(
			self.org,
			prospect,
			[self.product],
			complete=False,
			administrative_terms="<p>Pembayaran 14 hari setelah invoice.</p>",
		)
		with f.as_user(self.org.ae):
			sent = invitations.send(order.name)
		mail = frappe.get_last_doc(
			"Email Queue", filters={"reference_doctype": INVITATION, "reference_name": sent.name}
		)
		token = token_in(mail.message)
		self.assertEqual(len(token), 43)  # secrets.token_urlsafe(32): 256 bits
		self.assertNotIn(token, json.dumps(frappe.get_doc(INVITATION, sent.name).as_dict(), default=str))
		frappe.db.commit()
		return order.name, token

	def get(self, token, **params):
		params = {"token": token, "_lang": "en", **params}  # English, for the assertions' words
		response = requests.get(self.url + PAGE, params=params, timeout=60)
		frappe.db.rollback()  # a fresh snapshot, to read what the server committed
		return response

	def post(self, token, data, submit=0, **extra):
		body = {"token": token, "data": json.dumps(data), "submit": submit, "_lang": "en", **extra}
		response = requests.post(self.url + SAVE, data=body, timeout=60)
		frappe.db.rollback()
		return response

	def answers(self, **overrides):
		values = {
			"customer_type": "Institution",
			"customer_name": "PT Kabar Daring Sejahtera",
			"npwp": f.valid_npwp(),
			"email": "redaksi@kabardaring.example.id",
			"phone": "021 3802383",
			"address": "Jl. Medan Merdeka Selatan No. 17, Jakarta Pusat",
			"city": "Jakarta",
			"province": "DKI Jakarta",
			"contact_person": "Sri Wahyuni",
			"items": [
				{"product": self.product, "quantity": 2, "start_date": "2027-01-01", "end_date": "2027-12-31"}
			],
			"terms_agreed": 1,
			"signatory_name": "Sri Wahyuni",
			"signatory_title": "Direktur",
			"customer_signature": f.SIGNATURE,
			"company_stamp": {"filename": "cap.png", "data": base64.b64encode(f.PNG).decode()},
		}
		values.update(overrides)
		return values

	def snapshot(self, order):
		"""What a refusal must leave as it was: the order, its files, the invitation."""
		return (
			frappe.db.get_value(ORDER, order, "modified"),
			frappe.db.count("File", {"attached_to_doctype": ORDER, "attached_to_name": order}),
			frappe.db.get_value(INVITATION, {"media_order": order}, ["status", "modified"]),
		)

	def todos(self, order):
		return frappe.db.count(
			"ToDo",
			{
				"reference_type": ORDER,
				"reference_name": order,
				"allocated_to": self.org.ae,
				"status": "Open",
				"description": ("like", "%online%"),
			},
		)

	# --- the valid flow ---------------------------------------------------------------------

	def test_a_valid_link_fills_the_order_and_assigns_the_ae_once(self):
		order, token = self.invite()
		other, _ = self.invite()
		page = self.get(token)
		self.assertEqual(page.status_code, 200, page.text[:500])
		self.assertIn(order, page.text)
		self.assertNotIn(other, page.text)  # the link shows its own order only
		self.assertEqual(frappe.db.get_value(INVITATION, {"media_order": order}, "status"), "Opened")

		saved = self.post(token, self.answers(company_stamp=None))  # save and come back later
		self.assertEqual(saved.status_code, 200, saved.text[:800])
		self.assertEqual(frappe.db.get_value(ORDER, order, "customer_name"), "PT Kabar Daring Sejahtera")
		self.assertEqual(self.todos(order), 0)

		answers = self.answers()
		submitted = self.post(token, answers, submit=1)
		self.assertEqual(submitted.status_code, 200, submitted.text[:800])
		doc = frappe.get_doc(ORDER, order)
		self.assertEqual(doc.status, "Draft")  # the AE reviews it and submits it for verification (6.5)
		self.assertEqual(doc.customer_type, "Institution")
		self.assertTrue(doc.npwp.endswith(answers["npwp"]))  # stored in the 16-digit form
		self.assertEqual(doc.phone, "+62 21 3802383")  # normalised as the desk normalises it
		self.assertEqual([(r.product, r.quantity) for r in doc.items], [(self.product, 2)])
		self.assertEqual(doc.items[0].unit_price, 1_500_000)  # the product's price, not the page's
		self.assertTrue(doc.terms_agreed and doc.signed_on and doc.company_stamp.startswith("/private/"))
		self.assertEqual(doc.grand_total, frappe.db.get_value(ORDER, order, "grand_total"))
		self.assertEqual(frappe.db.get_value(INVITATION, {"media_order": order}, "status"), "Submitted")
		self.assertEqual(self.todos(order), 1)
		invitation = frappe.db.get_value(INVITATION, {"media_order": order})
		mails = {"reference_doctype": INVITATION, "reference_name": invitation}
		self.assertEqual(frappe.db.count("Email Queue", mails), 2)  # the link, then the confirmation

		before = self.snapshot(order)
		again = self.post(token, answers, submit=1)  # reused after submission
		self.assertEqual(again.status_code, 403, again.text[:500])
		self.assertEqual(self.snapshot(order), before)
		self.assertEqual(self.todos(order), 1)
		read_only = self.get(token)
		self.assertEqual(read_only.status_code, 200)
		self.assertIn('id="fp-done"', read_only.text)
		self.assertNotIn('id="fp-form"', read_only.text)

		# The AE's placeholder customer takes what the prospect filled in, once the AE has read the
		# differences and confirms: nothing is typed again (6.4).
		with f.as_user(self.org.ae):
			listed = media_order.customer_updates(order)
			self.assertEqual(frappe.db.get_value(CUSTOMER, doc.customer, "npwp"), None)  # only listed
			media_order.customer_updates(order, apply=True)
			self.assertEqual(media_order.customer_updates(order), [])
		self.assertIn("Sri Wahyuni", [change["order"] for change in listed])
		record = frappe.get_doc(CUSTOMER, doc.customer)
		self.assertEqual(
			(record.customer_name, record.customer_type, record.npwp, record.phone, record.city),
			(doc.customer_name, "Institution", doc.npwp, doc.phone, "Jakarta"),
		)
		self.assertEqual([(c.contact_name, c.is_primary) for c in record.contacts], [("Sri Wahyuni", 1)])

	def test_clarification_reopens_the_same_link_then_verification_locks_it(self):
		"""6.5.3.1: the verifier asks for clarification; the prospect corrects the form through the
		same link; while the order waits for verification the link is read-only."""
		order, token = self.invite()
		self.assertEqual(self.post(token, self.answers(), submit=1).status_code, 200)
		doc = frappe.get_doc(ORDER, order)
		f.request_verification(self.org, doc)
		frappe.db.commit()
		waiting = self.get(token)
		self.assertIn('id="fp-done"', waiting.text)
		self.assertEqual(self.post(token, self.answers()).status_code, 403)
		f.verify(self.org, doc, "Clarify", remark="Alamat penagihan belum jelas")
		frappe.db.commit()
		reopened = self.get(token)
		self.assertEqual(reopened.status_code, 200)
		self.assertIn('id="fp-form"', reopened.text)
		self.assertIn("Alamat penagihan belum jelas", reopened.text)
		corrected = self.post(token, self.answers(address="Jl. Kebon Sirih No. 1, Jakarta Pusat"), submit=1)
		self.assertEqual(corrected.status_code, 200, corrected.text[:800])
		self.assertEqual(
			frappe.db.get_value(ORDER, order, ["status", "address"]),
			("Needs Clarification", "Jl. Kebon Sirih No. 1, Jakarta Pusat"),
		)
		self.assertEqual(self.todos(order), 1)

	def test_the_npwp_of_an_existing_customer_is_matched_not_duplicated(self):
		order, token = self.invite()
		npwp = frappe.db.get_value(CUSTOMER, self.existing, "npwp")
		customers = frappe.db.count(CUSTOMER)
		response = self.post(token, self.answers(npwp=npwp), submit=1)
		self.assertEqual(response.status_code, 200, response.text[:800])
		self.assertEqual(frappe.db.get_value(ORDER, order, "customer"), self.existing)
		self.assertEqual(frappe.db.count(CUSTOMER), customers)

	# --- refusals: 4xx and nothing written --------------------------------------------------

	def test_an_expired_link_is_refused(self):
		order, token = self.invite()
		frappe.db.set_value(INVITATION, {"media_order": order}, "expires_on", add_days(now_datetime(), -1))
		frappe.db.commit()
		before = self.snapshot(order)
		page = self.get(token)
		self.assertEqual(page.status_code, 403)
		self.assertIn("expired", page.text)
		self.assertEqual(self.post(token, self.answers(), submit=1).status_code, 403)
		self.assertEqual(self.snapshot(order), before)

	def test_a_revoked_link_is_refused(self):
		order, token = self.invite()
		with f.as_user(self.org.ae):
			invitations.revoke(order)
		frappe.db.commit()
		before = self.snapshot(order)
		page = self.get(token)
		self.assertEqual(page.status_code, 403)
		self.assertIn("withdrawn", page.text)
		self.assertEqual(self.post(token, self.answers()).status_code, 403)
		self.assertEqual(self.snapshot(order), before)

	def test_sending_again_replaces_the_link(self):
		order, old = self.invite()
		with f.as_user(self.org.ae):
			invitations.send(order)
		frappe.db.commit()
		self.assertEqual(frappe.db.count(INVITATION, {"media_order": order}), 1)  # one per order
		self.assertEqual(self.get(old).status_code, 403)

	def test_guessed_tokens_are_refused_and_rate_limited(self):
		order, token = self.invite()
		before = self.snapshot(order)
		guesses = [token[:-1] + ("A" if token[-1] != "A" else "B"), "x" * 43, token[:20], ""]
		for guess in guesses:
			self.assertEqual(self.get(guess).status_code, 403, guess)
			self.assertIn(self.post(guess, self.answers()).status_code, (403, 417), guess)
		codes = [self.get("y" * 43).status_code for _ in range(invitations.CHECKS_PER_WINDOW)]
		self.assertEqual(codes[-1], 429)  # the address is stopped, valid token or not
		self.assertEqual(self.get(token).status_code, 429)
		self.assertEqual(self.snapshot(order), before)

	def test_another_orders_name_beside_the_token_is_refused(self):
		order, token = self.invite()
		other, _ = self.invite()
		before, other_before = self.snapshot(order), self.snapshot(other)
		self.assertEqual(self.get(token, name=other).status_code, 403)
		self.assertEqual(self.get(token, media_order=other).status_code, 403)
		self.assertEqual(self.post(token, self.answers(), submit=1, media_order=other).status_code, 403)
		for smuggled in ({"name": other}, {"customer": self.existing}, {"status": "Verified"}):
			response = self.post(token, self.answers(**smuggled), submit=1)
			self.assertEqual(response.status_code, 417, smuggled)
		priced = self.answers()
		priced["items"][0]["unit_price"] = 1
		self.assertEqual(self.post(token, priced, submit=1).status_code, 417)
		self.assertEqual((self.snapshot(order), self.snapshot(other)), (before, other_before))

	def test_bad_answers_are_refused_naming_the_field_and_nothing_is_saved(self):
		order, token = self.invite()
		before = self.snapshot(order)
		cases = {
			"NPWP": self.answers(npwp="12.345.678.9-012.000"),
			"Company Stamp": self.answers(
				company_stamp={"filename": "cap.png", "data": base64.b64encode(b"<html><script>").decode()}
			),
			"Row #1": self.answers(
				items=[
					{
						"product": "NOT-A-PRODUCT",
						"quantity": 1,
						"start_date": "2027-01-01",
						"end_date": "2027-02-01",
					}
				]
			),
			"incomplete": self.answers(signatory_name="", customer_signature=None, company_stamp=None),
		}
		for label, answers in cases.items():
			response = self.post(token, answers, submit=1)
			self.assertEqual(response.status_code, 417, (label, response.text[:500]))
			if label != "incomplete":
				self.assertIn(label, response.text)
		self.assertEqual(self.snapshot(order), before)
		self.assertEqual(self.todos(order), 0)

	def test_the_catalogue_is_the_owning_departments_active_products(self):
		inactive = f.make_product(self.org, is_active=0)
		names = [p.name for p in portal_form.catalogue(self.org.department)]
		self.assertIn(self.product, names)
		self.assertNotIn(inactive, names)


class TestInvitationService(AntaraTestCase):
	"""The desk side, in one rolled-back transaction: who may send, what a link is made of, expiry."""

	def setUp(self):
		super().setUp()
		f.outgoing_email_account()
		self.org = f.make_org()
		prospect = f.make_customer(self.org, customer_type="Individual", npwp=None, contacts=[])
		self.product = f.make_product(self.org)
		self.order = f.make_order(
			self.org,
			prospect,
			[self.product],
			complete=False,
			administrative_terms="<p>Pembayaran 14 hari setelah invoice.</p>",
		)

	def test_only_who_may_edit_the_order_sends_it_and_only_as_a_draft(self):
		outsider = f.make_org()
		with f.as_user(outsider.ae), self.assertRaises(frappe.PermissionError):
			invitations.send(self.order.name)
		handed_over = f.make_order(self.org, f.make_customer(self.org), [self.product])
		f.request_verification(self.org, handed_over)  # waits for the verifier (6.5)
		with f.as_user(self.org.ae), self.assertRaisesRegex(frappe.ValidationError, "Draft"):
			invitations.send(handed_over.name)
		self.assertFalse(
			frappe.db.exists(INVITATION, {"media_order": ("in", [self.order.name, handed_over.name])})
		)

	def test_an_invitation_is_made_only_by_send(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Send Online Form"):
			frappe.get_doc(
				{"doctype": INVITATION, "media_order": self.order.name, "email": "x@example.id"}
			).insert(ignore_permissions=True)

	def test_a_link_past_its_date_reads_expired_and_is_refused(self):
		with f.as_user(self.org.ae):
			sent = invitations.send(self.order.name)
		self.assertEqual(
			frappe.utils.getdate(sent.expires_on),
			frappe.utils.getdate(add_days(now_datetime(), invitations.DEFAULT_VALID_DAYS)),
		)
		mail = frappe.get_last_doc(
			"Email Queue", filters={"reference_doctype": INVITATION, "reference_name": sent.name}
		)
		token = token_in(mail.message)
		self.assertEqual(invitations.resolve(token).media_order, self.order.name)
		frappe.db.set_value(INVITATION, sent.name, "expires_on", add_days(now_datetime(), -1))
		self.assertEqual(invitations.expire_stale(), 1)
		self.assertEqual(frappe.db.get_value(INVITATION, sent.name, "status"), "Expired")
		with self.assertRaisesRegex(frappe.PermissionError, "expired"):
			invitations.resolve(token)
