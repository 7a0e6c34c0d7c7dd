"""The customer signs the contract online (6.7; issue 15): over HTTP as Guest, with nothing but the
emailed link, against the test site's own web server (ANTARA_TEST_URL). The AE may send the link
only once the GM has signed and both copies' e-Meterai are recorded (UU 10/2020); expired, revoked,
reused, guessed (and rate-limited) links and another contract's name beside the token are refused
with a 4xx and write nothing; hostile values in the form are refused (417) with nothing saved; a
valid link records the signature through the desk's own workflow step, and 6.8 starts. The class
commits (the server is another connection) and removes what it made by name (tests/cleanup.py)."""

import email
import hashlib
import json
import re

import frappe
import requests
from frappe.utils import add_days, now_datetime, today

from antara_sales.doctypes import CONTRACT
from antara_sales.services.contracting import online_signing
from antara_sales.services.contracting import signing_invitation as invitations
from antara_sales.services.printing import print_log
from antara_sales.services.workflow import steps
from antara_sales.setup.print_setup import ensure_print_setup
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.cleanup import purge, purge_org
from antara_sales.tests.integration.test_portal_invitation import org_users, purge_mail_to
from antara_sales.tests.web_server import site_url

INVITATION = invitations.INVITATION
PAGE = "/tanda-tangan-kontrak"
SIGN = "/api/method/antara_sales.api.signing.sign_contract"
LOCAL = "127.0.0.1"  # the address the test server sees


def token_in(raw: str) -> str | None:
	"""The link's token as the customer reads it in the queued email."""
	for part in email.message_from_string(raw).walk():
		if part.get_content_type() in ("text/html", "text/plain"):
			text = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
			if match := re.search(r"tanda-tangan-kontrak\?token=([A-Za-z0-9_-]+)", text):
				return match.group(1)
	return None


def e_meterai(seed: str) -> dict:
	"""Both copies stamped with an e-Meterai (22-character serials of their own, UU 10/2020)."""
	serial = hashlib.sha1(seed.encode()).hexdigest().upper()
	return {
		"customer_copy_stamp": "e-Meterai",
		"customer_copy_stamp_serial": serial[:22],
		"archive_copy_stamp": "e-Meterai",
		"archive_copy_stamp_serial": serial[18:40],
	}


def gm_signed(org, customer, product, *, stamped=True) -> str:
	"""A contract the GM has signed (6.7), waiting for the customer; with `stamped`, its e-Meterai."""
	order = f.verified_order(org, customer, [product])
	contract = f.make_contract(org, order.name)
	f.act(org.ae, contract, "Send for Review")
	f.act(org.manager, contract, "Approve")
	f.edit(org.gm, contract, gm_signature=f.SIGNATURE, gm_signed_on=today())
	f.act(org.gm, contract, "Sign as GM")
	if stamped:
		f.edit(org.ae, frappe.get_doc(CONTRACT, contract.name), **e_meterai(contract.name))
	return contract.name


def purge_invitations(org):
	contracts = frappe.get_all(CONTRACT, {"department": org.department}, pluck="name")
	for name in frappe.get_all(INVITATION, {"contract": ("in", contracts or [""])}, pluck="name"):
		purge(INVITATION, name)


class TestSendingTheSigningLink(AntaraTestCase):
	"""The desk side: when the AE may send, and what a link is made of. Each test rolls back, but
	Frappe sends a notification's email at once in tests and that commits: the class removes its
	organisations by name at the end."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.made_account = not frappe.db.exists("Email Account", "ANTARA Test Outbox")
		f.outgoing_email_account()
		cls.org, cls.outsider = f.make_org(), f.make_org()
		cls.customer = f.make_customer(cls.org)
		cls.product = f.make_product(cls.org)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		for org in (cls.org, cls.outsider):
			purge_invitations(org)
			purge_mail_to(org_users(org))
			purge_org(org)
		if cls.made_account:
			purge("Email Account", "ANTARA Test Outbox")
		frappe.db.commit()
		super().tearDownClass()

	def test_refused_before_the_gm_signs(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		contract = f.make_contract(self.org, order.name)
		with f.as_user(self.org.ae), self.assertRaisesRegex(frappe.ValidationError, "General Manager"):
			invitations.send(contract.name)
		f.act(self.org.ae, contract, "Send for Review")
		with f.as_user(self.org.ae), self.assertRaisesRegex(frappe.ValidationError, "General Manager"):
			invitations.send(contract.name)
		self.assertFalse(frappe.db.exists(INVITATION, {"contract": contract.name}))

	def test_refused_without_the_e_meterai_of_both_copies(self):
		name = gm_signed(self.org, self.customer, self.product, stamped=False)
		with f.as_user(self.org.ae), self.assertRaisesRegex(frappe.ValidationError, "UU 10/2020"):
			invitations.send(name)
		paper = {**e_meterai(name), "archive_copy_stamp": "Paper", "archive_copy_stamp_serial": "A" * 17}
		f.edit(self.org.ae, frappe.get_doc(CONTRACT, name), **paper)
		with f.as_user(self.org.ae), self.assertRaisesRegex(frappe.ValidationError, "e-Meterai"):
			invitations.send(name)
		self.assertFalse(frappe.db.exists(INVITATION, {"contract": name}))

	def test_the_desk_cannot_claim_an_online_signature(self):
		"""Signed online, when and from where: the signing page records them, not a save (6.7)."""
		name = gm_signed(self.org, self.customer, self.product)
		for field, value in (
			("customer_signed_online", 1),
			("customer_signing_ip", "203.0.113.7"),
			("customer_signing_time", "2026-01-01 10:00:00"),
		):
			with self.subTest(field=field), self.assertRaisesRegex(frappe.ValidationError, "signing page"):
				f.edit(self.org.ae, frappe.get_doc(CONTRACT, name), **{field: value})
			self.assertFalse(frappe.db.get_value(CONTRACT, name, field))

	def test_only_who_may_edit_the_contract_sends_and_a_link_is_made_only_by_send(self):
		name = gm_signed(self.org, self.customer, self.product)
		with f.as_user(self.outsider.ae), self.assertRaises(frappe.PermissionError):
			invitations.send(name)
		with self.assertRaisesRegex(frappe.ValidationError, "Send Signing Link"):
			frappe.get_doc({"doctype": INVITATION, "contract": name, "sent_to": "x@example.id"}).insert(
				ignore_permissions=True
			)
		with f.as_user(self.org.ae):
			sent = invitations.send(name)
		self.assertEqual(
			frappe.utils.getdate(sent.expires_on),
			frappe.utils.getdate(add_days(now_datetime(), invitations.DEFAULT_VALID_DAYS)),
		)
		mail = frappe.get_last_doc(
			"Email Queue", filters={"reference_doctype": INVITATION, "reference_name": sent.name}
		)
		token = token_in(mail.message)
		self.assertEqual(len(token), 43)  # 256 bits
		self.assertNotIn(token, json.dumps(frappe.get_doc(INVITATION, sent.name).as_dict(), default=str))
		self.assertEqual(invitations.resolve(token).contract, name)
		frappe.db.set_value(INVITATION, sent.name, "expires_on", add_days(now_datetime(), -1))
		self.assertEqual(invitations.expire_stale(), 1)
		with self.assertRaisesRegex(frappe.PermissionError, "expired"):
			invitations.resolve(token)


class TestSigningOnline(AntaraTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.url = site_url()
		frappe.set_user("Administrator")
		ensure_print_setup()
		cls.made_account = not frappe.db.exists("Email Account", "ANTARA Test Outbox")
		f.outgoing_email_account()
		cls.org = f.make_org()
		cls.product = f.make_product(cls.org, price=2_000_000)
		cls.customer = f.make_customer(cls.org)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		purge_invitations(cls.org)
		purge_mail_to(org_users(cls.org))
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
		for cmd in (None, "antara_sales.api.signing.sign_contract"):
			frappe.cache.delete(frappe.cache.make_key(f"rl:{cmd}:{LOCAL}"))

	# --- helpers ----------------------------------------------------------------------------

	def invite(self):
		name = gm_signed(self.org, self.customer, self.product)
		with f.as_user(self.org.ae):
			sent = invitations.send(name)
		mail = frappe.get_last_doc(
			"Email Queue", filters={"reference_doctype": INVITATION, "reference_name": sent.name}
		)
		frappe.db.commit()
		return name, token_in(mail.message)

	def get(self, token, **params):
		response = requests.get(
			self.url + PAGE, params={"token": token, "_lang": "en", **params}, timeout=120
		)
		frappe.db.rollback()  # a fresh snapshot, to read what the server committed
		return response

	def post(self, token, data, **extra):
		body = {"token": token, "data": json.dumps(data), "_lang": "en", **extra}
		response = requests.post(self.url + SIGN, data=body, timeout=120)
		frappe.db.rollback()
		return response

	def answers(self, **overrides):
		return {
			"signatory_name": "Sri Wahyuni",
			"signatory_title": "Direktur Utama",
			"signed_on": today(),
			"terms_agreed": 1,
			"signature": f.SIGNATURE,
			**overrides,
		}

	def snapshot(self, contract):
		"""What a refusal must leave as it was: the contract and its link."""
		return (
			frappe.db.get_value(
				CONTRACT, contract, ["modified", "status", "docstatus", "customer_signature"]
			),
			frappe.db.get_value(INVITATION, {"contract": contract}, ["status", "modified"]),
		)

	# --- the valid flow ---------------------------------------------------------------------

	def test_a_valid_link_signs_through_the_workflow_and_6_8_starts(self):
		name, token = self.invite()
		other, _ = self.invite()
		page = self.get(token)
		self.assertEqual(page.status_code, 200, page.text[:500])
		self.assertIn(name, page.text)
		self.assertNotIn(other, page.text)  # the link shows its own contract only
		self.assertIn('id="ts-form"', page.text)
		self.assertEqual(page.text.count('class="ts-copy" sandbox'), 2)  # both copies (6.7)
		self.assertEqual(frappe.db.get_value(INVITATION, {"contract": name}, "status"), "Opened")

		signed = self.post(token, self.answers())
		self.assertEqual(signed.status_code, 200, signed.text[:800])
		contract = frappe.get_doc(CONTRACT, name)
		self.assertEqual((contract.status, contract.docstatus), (steps.state(CONTRACT, "signed"), 1))
		self.assertEqual(
			(
				contract.customer_signatory_name,
				contract.customer_signatory_title,
				str(contract.customer_signed_on),
			),
			("Sri Wahyuni", "Direktur Utama", today()),
		)
		self.assertEqual((contract.customer_signed_online, contract.customer_signing_ip), (1, LOCAL))
		self.assertTrue(contract.customer_signing_time and contract.customer_signature == f.SIGNATURE)
		self.assertEqual(contract.fulfilment_status, "Queued")  # 6.8 starts as after paper
		step = frappe.get_all(
			"Comment",
			filters={"reference_doctype": CONTRACT, "reference_name": name, "comment_type": "Info"},
			fields=["content", "owner"],
		)
		self.assertTrue(any("→" in c.content and c.owner == self.org.ae for c in step), step)  # as the AE
		self.assertEqual(frappe.db.get_value(INVITATION, {"contract": name}, "status"), "Signed")

		before = self.snapshot(name)
		again = self.post(token, self.answers(signatory_name="Orang Lain"))  # reused
		self.assertEqual(again.status_code, 403, again.text[:500])
		self.assertEqual(self.snapshot(name), before)
		read_only = self.get(token)
		self.assertEqual(read_only.status_code, 200)
		self.assertIn('id="ts-done"', read_only.text)
		self.assertNotIn('id="ts-form"', read_only.text)

	# --- refusals: 4xx and nothing written --------------------------------------------------

	def test_an_expired_link_is_refused(self):
		name, token = self.invite()
		frappe.db.set_value(INVITATION, {"contract": name}, "expires_on", add_days(now_datetime(), -1))
		frappe.db.commit()
		before = self.snapshot(name)
		page = self.get(token)
		self.assertEqual(page.status_code, 403)
		self.assertIn("expired", page.text)
		self.assertEqual(self.post(token, self.answers()).status_code, 403)
		self.assertEqual(self.snapshot(name), before)

	def test_a_revoked_link_and_a_replaced_link_are_refused(self):
		name, token = self.invite()
		with f.as_user(self.org.ae):
			invitations.revoke(name)
		frappe.db.commit()
		before = self.snapshot(name)
		page = self.get(token)
		self.assertEqual(page.status_code, 403)
		self.assertIn("withdrawn", page.text)
		self.assertEqual(self.post(token, self.answers()).status_code, 403)
		self.assertEqual(self.snapshot(name), before)
		with f.as_user(self.org.ae):
			invitations.send(name)  # a new link; the old token stays dead
		frappe.db.commit()
		self.assertEqual(frappe.db.count(INVITATION, {"contract": name}), 1)
		self.assertEqual(self.post(token, self.answers()).status_code, 403)

	def test_guessed_tokens_are_refused_and_rate_limited(self):
		name, token = self.invite()
		before = self.snapshot(name)
		guesses = [token[:-1] + ("A" if token[-1] != "A" else "B"), "x" * 43, token[:20], ""]
		for guess in guesses:
			self.assertEqual(self.get(guess).status_code, 403, guess)
			self.assertIn(self.post(guess, self.answers()).status_code, (403, 417), guess)
		codes = [
			self.post("y" * 43, self.answers()).status_code for _ in range(invitations.CHECKS_PER_WINDOW)
		]
		self.assertEqual(codes[-1], 429)  # the address is stopped, valid token or not
		self.assertEqual(self.post(token, self.answers()).status_code, 429)
		self.assertEqual(self.snapshot(name), before)

	def test_another_contracts_name_beside_the_token_is_refused(self):
		name, token = self.invite()
		other, _ = self.invite()
		before, other_before = self.snapshot(name), self.snapshot(other)
		self.assertEqual(self.get(token, name=other).status_code, 403)
		self.assertEqual(self.get(token, contract=other).status_code, 403)
		self.assertEqual(self.post(token, self.answers(), contract=other).status_code, 403)
		self.assertEqual(self.post(token, self.answers(), name=other).status_code, 403)
		self.assertEqual((self.snapshot(name), self.snapshot(other)), (before, other_before))

	def test_hostile_values_are_refused_and_nothing_is_saved(self):
		name, token = self.invite()
		before = self.snapshot(name)
		svg = "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"
		html_as_png = "data:image/png;base64," + "PGh0bWw+PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
		cases = {
			"script in the name": self.answers(signatory_name="<script>alert(1)</script>"),
			"quote in the title": self.answers(signatory_title='Direktur" onmouseover="alert(1)'),
			"long name": self.answers(signatory_name="A" * 141),
			"no name": self.answers(signatory_name="  "),
			"svg signature": self.answers(signature=svg),
			"html as png": self.answers(signature=html_as_png),
			"huge signature": self.answers(signature="data:image/png;base64," + "A" * 800_000),
			"attribute break": self.answers(signature='data:image/png;base64,x" onerror="alert(8)'),
			"future date": self.answers(signed_on=str(add_days(today(), 1))),
			"not a date": self.answers(signed_on="2026-02-30"),
			"terms not agreed": self.answers(terms_agreed=0),
			"smuggled field": self.answers(status="Signed"),
			"smuggled docstatus": self.answers(docstatus=1),
			"not a dict": ["Sri Wahyuni"],
		}
		for label, answers in cases.items():
			response = self.post(token, answers)
			self.assertEqual(response.status_code, 417, (label, response.text[:500]))
		self.assertEqual(self.snapshot(name), before)

	def test_the_print_log_says_the_guest_read_the_contract_not_the_ae(self):
		"""The signing page prints both copies in the AE's name (a guest may print nothing); the
		print log's reader is the guest who opened the link."""
		name = gm_signed(self.org, self.customer, self.product)
		contract = frappe.get_doc(CONTRACT, name)
		frappe.set_user("Guest")
		try:
			copies = online_signing.printed_copies(contract, self.org.ae)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(len(copies), 2)
		logs = print_log.logs_for(CONTRACT, name)
		self.assertEqual(len(logs), 2)
		self.assertEqual({(log.first_printed_by, log.last_printed_by) for log in logs}, {("Guest", "Guest")})
		self.assertIsNone(frappe.flags.for_guest)  # and the flag is gone afterwards
