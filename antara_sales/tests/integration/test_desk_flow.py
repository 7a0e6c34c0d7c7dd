"""The desk as ANTARA's staff use it (issue 10): the approvers' Workflow Action inbox holds each
person's own waiting work (6.5-6.7), each form says whose turn it is, and what the system already
knows fills the form (6.4, 6.5.3) before anything is saved."""

import frappe

from antara_sales import roles
from antara_sales.api import sales as sales_api
from antara_sales.api import workflow as workflow_api
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase


def inbox(user: str, doc) -> list[frappe._dict]:
	"""The user's Workflow Action list for `doc`, as the desk's list view asks for it."""
	with f.as_user(user):
		return frappe.get_list(
			"Workflow Action",
			filters={"reference_doctype": doc.doctype, "reference_name": doc.name},
			fields=["name", "workflow_state", "antara_next_action", "antara_reference_title", "user"],
		)


def turn(user: str, doc) -> dict:
	with f.as_user(user):
		return workflow_api.turn(doc.doctype, doc.name)


class TestApproversInbox(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org(verifiers=2)
		self.product = f.make_product(self.org)
		self.customer = f.make_customer(self.org)

	def test_order_waiting_for_verification_is_in_each_assigned_verifiers_inbox_only(self):
		order = f.make_order(self.org, self.customer, [self.product])
		f.request_verification(self.org, order)
		# 6.5: no verification round exists yet, so Frappe's own inbox would be empty.
		for verifier in self.org.verifiers:
			rows = inbox(verifier, order)
			self.assertEqual(len(rows), 1, verifier)
			self.assertEqual(rows[0].workflow_state, "Submitted for Verification")
			self.assertIn(frappe._("Verify"), rows[0].antara_next_action)
			self.assertEqual(rows[0].antara_reference_title, order.customer_name)  # whose order
		# An Assistant Manager the Manager did not assign, and the AE, see nothing of it.
		self.assertEqual(inbox(self.org.other_am, order), [])
		self.assertEqual(inbox(self.org.ae, order), [])

	def test_the_inbox_shows_what_differs_between_its_entries(self):
		"""The state an entry waits in and the action beside it; not its status, which is Open on
		every entry an approver sees (Frappe's permission query)."""
		columns = [df.fieldname for df in frappe.get_meta("Workflow Action").fields if df.in_list_view]
		self.assertIn("workflow_state", columns)
		self.assertNotIn("status", columns)

	def test_the_entry_leaves_every_inbox_when_the_step_is_taken(self):
		order = f.make_order(self.org, self.customer, [self.product])
		f.request_verification(self.org, order)
		f.verify(self.org, order, "Clarify", remark="Alamat penagihan belum lengkap")
		for verifier in self.org.verifiers:
			self.assertEqual(inbox(verifier, order), [], verifier)
		rows = inbox(self.org.ae, order)  # 6.5.3.1: back to the AE
		self.assertEqual([r.workflow_state for r in rows], ["Needs Clarification"])
		f.request_verification(self.org, order)
		self.assertEqual(inbox(self.org.ae, order), [])
		self.assertEqual(len(inbox(self.org.verifier, order)), 1)

	def test_gm_sees_the_contract_to_sign_before_any_signature_is_drawn(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		contract = f.make_contract(self.org, order.name)
		self.assertEqual(len(inbox(self.org.ae, contract)), 1)  # its first state waits for the AE
		f.act(self.org.ae, contract, "Send for Review")
		self.assertEqual([r.workflow_state for r in inbox(self.org.manager, contract)], ["Manager Review"])
		f.act(self.org.manager, contract, "Approve")
		rows = inbox(self.org.gm, contract)
		self.assertEqual([r.workflow_state for r in rows], ["Awaiting GM Signature"])
		self.assertIn(frappe._("Sign as GM"), rows[0].antara_next_action)
		self.assertEqual(rows[0].antara_reference_title, contract.customer_name)
		self.assertEqual(inbox(self.org.manager, contract), [])

	def test_a_stand_in_gets_the_absent_verifiers_entry(self):
		delegate = f.make_user("ANTARA Assistant Manager")
		frappe.get_doc(
			{
				"doctype": "ANTARA Approval Delegation",
				"user": self.org.verifiers[1],
				"delegate": delegate,
				"from_date": frappe.utils.add_days(frappe.utils.today(), -1),
				"to_date": frappe.utils.add_days(frappe.utils.today(), 1),
			}
		).insert()
		order = f.make_order(self.org, self.customer, [self.product])
		f.request_verification(self.org, order)
		self.assertEqual(len(inbox(delegate, order)), 1)
		self.assertEqual(inbox(self.org.verifiers[1], order), [])


class TestWhoseTurn(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org)
		self.customer = f.make_customer(self.org)

	def test_the_gm_is_told_how_to_sign_and_the_others_whom_it_waits_for(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		contract = f.make_contract(self.org, order.name)
		f.act(self.org.ae, contract, "Send for Review")
		f.act(self.org.manager, contract, "Approve")
		mine = turn(self.org.gm, contract)
		self.assertTrue(mine["mine"])
		self.assertIn(frappe._("Sign as GM"), mine["message"])  # the state's message in the Workflow
		theirs = turn(self.org.ae, contract)
		self.assertFalse(theirs["mine"])
		self.assertIn(frappe.utils.get_fullname(self.org.gm), theirs["message"])
		# The sidebar's "Assigned To" after the Manager's Approve: the GM, not the Manager.
		self.assertEqual([a["owner"] for a in turn(self.org.manager, contract)["assignments"]], [self.org.gm])

	def test_a_signed_contract_shows_nobody_assigned(self):
		contract = f.signed_contract(self.org, self.customer, [self.product])
		self.assertEqual(turn(self.org.ae, contract)["assignments"], [])

	def test_an_admin_worded_message_is_what_the_form_shows(self):
		order = f.make_order(self.org, self.customer, [self.product])
		f.request_verification(self.org, order)
		frappe.db.set_value(
			"Workflow Document State",
			{"parent": "ANTARA Media Order", "state": "Submitted for Verification"},
			"message",
			"Periksa dokumen ini sebelum Jumat.",
		)
		self.assertEqual(turn(self.org.verifier, order)["message"], "Periksa dokumen ini sebelum Jumat.")

	def test_step_names_are_refused_for_bad_arguments_not_a_server_error(self):
		# Issue 14: a DocType without procedure steps, keys that are not a list, or not JSON at all.
		self.assertEqual(
			workflow_api.states("ANTARA Cooperation Contract", '["signed"]'),
			[
				frappe.db.get_value(
					"Workflow Document State",
					{"parent": "ANTARA Cooperation Contract", "antara_key": "signed"},
					"state",
				)
			],
		)
		for doctype, keys in (
			("ANTARA Bureau", '["signed"]'),
			("ANTARA Cooperation Contract", '{"a": 1}'),
			("ANTARA Cooperation Contract", "not json"),
		):
			with self.subTest(doctype=doctype, keys=keys), self.assertRaises(frappe.ValidationError):
				workflow_api.states(doctype, keys)

	def test_turn_needs_read_permission(self):
		order = f.make_order(self.org, self.customer, [self.product])
		outsider = f.make_user("ANTARA Account Executive")
		with self.assertRaises(frappe.PermissionError):
			turn(outsider, order)


class TestNothingRetyped(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org)
		self.customer = f.make_customer(self.org)

	def test_choosing_the_customer_gives_the_form_its_data(self):
		customer = frappe.get_doc("ANTARA Customer", self.customer)
		terms = "<p>Pembayaran 14 hari setelah faktur diterima.</p>"
		frappe.db.set_single_value("ANTARA Sales Settings", "default_administrative_terms", terms)
		frappe.clear_document_cache("ANTARA Sales Settings", "ANTARA Sales Settings")
		# after tearDown's rollback: the cached settings must not keep this test's terms
		self.addCleanup(frappe.clear_document_cache, "ANTARA Sales Settings", "ANTARA Sales Settings")
		with f.as_user(self.org.ae):
			values = sales_api.customer_snapshot(self.customer)
			defaults = sales_api.new_order_defaults()
		self.assertEqual(values["customer_name"], customer.customer_name)
		self.assertEqual(values["email"], customer.email)
		self.assertEqual(values["npwp"], customer.npwp)
		self.assertEqual(values["bureau"], customer.bureau)
		self.assertEqual(defaults["administrative_terms"], terms)  # ANTARA Sales Settings
		self.assertEqual(defaults["department"], self.org.department)  # the AE's own (6.3)
		# The server's own snapshot on save is the same data.
		order = f.make_order(self.org, self.customer, [self.product])
		for field in ("customer_name", "email", "phone", "address", "npwp"):
			self.assertEqual(order.get(field), values[field], field)

	def test_a_new_order_asks_for_the_department_only_where_the_ae_sits_in_several(self):
		# 6.3: an AE in two product-owning departments chooses; one in none is not guessed for.
		second = f.make_department(self.org, "Product-Owning", members=[{"user": self.org.ae}])
		with f.as_user(self.org.ae):
			self.assertNotIn("department", sales_api.new_order_defaults())
		frappe.db.set_value("ANTARA Department", second, "is_active", 0)
		with f.as_user(self.org.ae):
			self.assertEqual(sales_api.new_order_defaults()["department"], self.org.department)
		with f.as_user(f.make_user(roles.ACCOUNT_EXECUTIVE)):  # an AE in no department yet
			self.assertNotIn("department", sales_api.new_order_defaults())

	def test_a_new_verification_shows_what_it_verifies_before_saving(self):
		order = f.make_order(self.org, self.customer, [self.product])
		f.request_verification(self.org, order)
		with f.as_user(self.org.verifier):
			values = sales_api.verification_prefill(media_order=order.name)
		self.assertEqual(values["customer"], self.customer)
		self.assertEqual(values["department"], self.org.department)
		self.assertEqual(values["round_no"], 1)
		self.assertEqual(values["computed_customer_status"], "Prospect")  # 6.5.3, no history yet
		self.assertEqual(values["computed_periods"], 0)
		self.assertIn("status_evidence", values)

	def test_prefill_is_refused_without_read_permission_on_the_order(self):
		order = f.make_order(self.org, self.customer, [self.product])
		outsider = f.make_user("ANTARA Assistant Manager")
		with f.as_user(outsider), self.assertRaises(frappe.PermissionError):
			sales_api.verification_prefill(media_order=order.name)


class TestJobLanguage(AntaraTestCase):
	"""The fulfilment job after a signing writes tickets and invoices in the signer's language."""

	def setUp(self):
		super().setUp()
		self.lang = frappe.local.lang
		self.user = f.make_user("ANTARA Account Executive")
		frappe.db.set_value("User", self.user, "language", "id")

	def tearDown(self):
		frappe.local.lang = self.lang
		super().tearDown()

	def test_the_apps_jobs_take_their_users_language_and_others_are_left_alone(self):
		from antara_sales.services.common.job_language import set_job_language

		frappe.local.lang = "en"
		with f.as_user(self.user):
			set_job_language(method="frappe.desk.notifications.clear_notifications", kwargs={})
			self.assertEqual(frappe.local.lang, "en")
			set_job_language(method="antara_sales.services.fulfilling.fulfilment.fulfil_contract", kwargs={})
			self.assertEqual(frappe.local.lang, "id")
			self.assertEqual(frappe._("Open", context="ANTARA Ticket"), "Terbuka")
		frappe.local.lang = "en"
		set_job_language(
			method="frappe.core.doctype.scheduled_job_type.scheduled_job_type.run_scheduled_job",
			kwargs={"job_type": "antara_sales.services.fulfilling.fulfilment.bill_due_contracts"},
		)
		self.assertEqual(frappe.local.lang, frappe.db.get_default("lang") or "en")
