"""The Workflows of 6.5-6.7 as the real users meet them: who may take each step, the conditions,
segregation of duties, routing to people, audit lines, and the sync that respects admins' edits."""

import frappe
from frappe.model.workflow import WorkflowTransitionError

from antara_sales import roles
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase


def open_todos(doc) -> set[str]:
	return set(
		frappe.get_all(
			"ToDo",
			filters={"reference_type": doc.doctype, "reference_name": doc.name, "status": "Open"},
			pluck="allocated_to",
		)
	)


class TestWorkflowSteps(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org(verifiers=2)
		self.product = f.make_product(self.org)
		self.customer = f.make_customer(self.org)
		self.everyone = {
			"ae": self.org.ae,
			"verifier": self.org.verifier,
			"manager": self.org.manager,
			"gm": self.org.gm,
		}

	def assert_only(self, allowed: str, doc, action: str):
		"""Every other role's user is refused the action; then the allowed one takes it."""
		for who, user in self.everyone.items():
			if who == allowed:
				continue
			with self.assertRaises(
				(WorkflowTransitionError, frappe.PermissionError), msg=f"{who} took {action}"
			):
				f.act(user, doc, action)
		return f.act(self.everyone[allowed], doc, action)

	def test_each_step_belongs_to_its_role(self):
		order = f.make_order(self.org, self.customer, [self.product])
		self.assert_only("ae", order, "Submit for Verification")
		f.verify(self.org, order)
		contract = f.make_contract(self.org, order.name)
		self.assert_only("ae", contract, "Send for Review")
		self.assert_only("manager", contract, "Approve")
		f.edit(self.org.gm, contract, gm_signature=f.SIGNATURE, gm_signed_on="2026-01-01")
		self.assert_only("gm", contract, "Sign as GM")
		f.edit(
			self.org.ae,
			contract,
			customer_signature=f.SIGNATURE,
			customer_signed_on="2026-01-02",
			**f.meterai(contract.name),
		)
		contract = self.assert_only("ae", contract, "Record Customer Signature")
		self.assertEqual((contract.status, contract.docstatus), ("Signed", 1))

	def test_verification_actions_need_a_verification_round(self):
		order = f.make_order(self.org, self.customer, [self.product])
		f.request_verification(self.org, order)
		for action in ("Verify", "Ask for Clarification", "Reject"):
			with self.assertRaises(WorkflowTransitionError):
				f.act(self.org.verifier, order, action)

	def test_clarification_twice_then_pass(self):
		order = f.make_order(self.org, self.customer, [self.product])
		for round_no in (1, 2):
			f.request_verification(self.org, order)
			f.verify(self.org, order, "Clarify", remark=f"Klarifikasi {round_no}")
			self.assertEqual(frappe.db.get_value(order.doctype, order.name, "status"), "Needs Clarification")
		f.request_verification(self.org, order)
		third = f.verify(self.org, order)
		self.assertEqual(third.round_no, 3)
		self.assertEqual(
			frappe.db.get_value(order.doctype, order.name, ["status", "docstatus"]), ("Verified", 1)
		)
		audit = frappe.get_all(
			"Comment", filters={"reference_name": order.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertEqual(sum("Needs Clarification" in line and "Klarifikasi" in line for line in audit), 2)
		self.assertTrue(any("Draft → Submitted for Verification" in line for line in audit))

	def test_send_back_needs_a_remark(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		contract = f.make_contract(self.org, order.name)
		f.act(self.org.ae, contract, "Send for Review")
		with self.assertRaises(WorkflowTransitionError):
			f.act(self.org.manager, contract, "Send Back")
		f.edit(self.org.manager, contract, workflow_remark="Nilai kontrak perlu dicek")
		contract = f.act(self.org.manager, contract, "Send Back")
		self.assertEqual(contract.status, "Draft")
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{"reference_name": contract.name, "content": ("like", "%Nilai kontrak perlu dicek%")},
			)
		)

	def test_state_locks_edits(self):
		order = f.make_order(self.org, self.customer, [self.product])
		f.request_verification(self.org, order)
		with self.assertRaises(frappe.PermissionError):
			f.edit(self.org.ae, order, signatory_name="Orang Lain")

	def test_self_approval_is_refused(self):
		"""A Manager who also sells (and so owns the contract) cannot approve their own contract."""
		seller = f.make_user(roles.ACCOUNT_EXECUTIVE)
		frappe.get_doc("User", seller).add_roles(roles.MANAGER)
		department = frappe.get_doc("ANTARA Department", self.org.department)
		department.append("members", {"user": seller})
		department.save()
		order = f.verified_order(frappe._dict(self.org, ae=seller), self.customer, [self.product])
		contract = f.make_contract(frappe._dict(self.org, ae=seller), order.name)
		f.act(seller, contract, "Send for Review")
		with self.assertRaisesRegex(frappe.ValidationError, "Self approval"):
			f.act(seller, contract, "Approve")

	def test_the_verifier_cannot_sign_as_gm(self):
		gm_verifier = f.make_user(roles.ASSISTANT_MANAGER)
		frappe.get_doc("User", gm_verifier).add_roles(roles.GENERAL_MANAGER)
		frappe.db.set_value("ANTARA Division", self.org.division, "general_manager", gm_verifier)
		department = frappe.get_doc("ANTARA Department", self.org.department)
		department.append("members", {"user": gm_verifier, "is_verifier": 1})
		department.save()
		order = f.make_order(self.org, self.customer, [self.product])
		f.request_verification(self.org, order)
		f.verify(self.org, order, verifier=gm_verifier)
		contract = f.make_contract(self.org, order.name)
		f.act(self.org.ae, contract, "Send for Review")
		f.act(self.org.manager, contract, "Approve")
		with self.assertRaisesRegex(frappe.PermissionError, "verified this order"):
			f.edit(gm_verifier, contract, gm_signature=f.SIGNATURE)


class TestRouting(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org(verifiers=2)
		self.product = f.make_product(self.org)
		self.customer = f.make_customer(self.org)

	def test_each_step_goes_to_its_people_only(self):
		order = f.make_order(self.org, self.customer, [self.product])
		f.request_verification(self.org, order)
		self.assertEqual(open_todos(order), set(self.org.verifiers))  # not other_am
		f.verify(self.org, order)
		self.assertEqual(open_todos(order), {self.org.ae})  # draw up the contract
		contract = f.make_contract(self.org, order.name)
		self.assertEqual(open_todos(order), set())
		f.act(self.org.ae, contract, "Send for Review")
		self.assertEqual(open_todos(contract), {self.org.manager})
		f.act(self.org.manager, contract, "Approve")
		self.assertEqual(open_todos(contract), {self.org.gm})
		notified = frappe.get_all(
			"Notification Log",
			filters={"document_name": contract.name, "type": "Assignment"},
			pluck="for_user",
		)
		self.assertEqual(set(notified), {self.org.manager, self.org.gm})

	def test_a_delegate_stands_in_for_an_absent_verifier(self):
		org = f.make_org(verifiers=1)
		product, customer = f.make_product(org), f.make_customer(org)
		delegate = f.make_user(roles.ASSISTANT_MANAGER)
		with f.as_user(org.manager):
			frappe.get_doc(
				{
					"doctype": "ANTARA Approval Delegation",
					"user": org.verifier,
					"delegate": delegate,
					"from_date": frappe.utils.add_days(frappe.utils.today(), -1),
					"to_date": frappe.utils.add_days(frappe.utils.today(), 7),
				}
			).insert()
		order = f.make_order(org, customer, [product])
		f.request_verification(org, order)
		self.assertEqual(open_todos(order), {delegate})
		f.verify(org, order, verifier=delegate)
		self.assertEqual(frappe.db.get_value(order.doctype, order.name, "status"), "Verified")


class TestRowLevelScope(AntaraTestCase):
	def test_an_ae_of_another_bureau_cannot_see_the_order(self):
		from frappe.desk.reportview import execute as report_view
		from frappe.desk.search import search_link

		ours, theirs = f.make_org(), f.make_org()
		order = f.make_order(ours, f.make_customer(ours), [f.make_product(ours)])
		with f.as_user(theirs.ae):
			self.assertFalse(frappe.has_permission("ANTARA Media Order", doc=order.name))
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc(order.doctype, order.name).check_permission("read")
			self.assertNotIn(order.name, frappe.get_list("ANTARA Media Order", pluck="name"))
			report = report_view("ANTARA Media Order", fields=["name"], filters=[])
			self.assertNotIn(order.name, str(report))
			search_link("ANTARA Media Order", order.name)
			self.assertNotIn(
				order.name, str(frappe.response.get("results") or frappe.response.get("message"))
			)
		with f.as_user(ours.ae):
			self.assertIn(order.name, frappe.get_list("ANTARA Media Order", pluck="name"))
		with f.as_user(ours.gm):  # the division's GM sees the department's orders
			self.assertTrue(frappe.has_permission("ANTARA Media Order", doc=order.name))


class TestWorkflowSync(AntaraTestCase):
	def test_admin_edits_survive_migrate_and_updates_reach_uncustomised_sites(self):
		from antara_sales.domain import shipped_sync as workflow_sync
		from antara_sales.setup import shipped_records

		definition = shipped_records.definition("Workflow", "ANTARA Media Order")
		self.assertEqual(shipped_records.sync(definition), workflow_sync.NOTHING)
		# An admin relabels an action in the Workflow form...
		wf = frappe.get_doc("Workflow", "ANTARA Media Order")
		wf.transitions[0].action = "Verify"
		wf.save()
		self.assertEqual(shipped_records.sync(definition), workflow_sync.NOTHING)  # ...and migrate keeps it
		# The app ships a change: the customised copy is kept and the admin told.
		changed = dict(
			definition, transitions=[dict(definition["transitions"][0], condition="doc.terms_agreed")]
		)
		self.assertEqual(shipped_records.sync(changed), workflow_sync.KEEP_CUSTOMISED)
		self.assertEqual(frappe.get_doc("Workflow", "ANTARA Media Order").transitions[0].action, "Verify")
		# After a reset to the shipped definition, the next update installs itself.
		shipped_records.reset("ANTARA Media Order", "Workflow")
		self.assertEqual(shipped_records.sync(changed), workflow_sync.INSTALL)
		self.assertEqual(
			frappe.get_doc("Workflow", "ANTARA Media Order").transitions[0].condition, "doc.terms_agreed"
		)


class TestCustomerScope(AntaraTestCase):
	def test_customers_are_shared_within_a_bureau_and_head_office_sees_all(self):
		ours, theirs, head_office = f.make_org(), f.make_org(), f.make_org()
		frappe.db.set_value("ANTARA Bureau", head_office.bureau, "bureau_type", "Head Office")
		customer = f.make_customer(ours)
		with f.as_user(theirs.ae):
			self.assertFalse(frappe.has_permission("ANTARA Customer", doc=customer))
			self.assertNotIn(customer, frappe.get_list("ANTARA Customer", pluck="name"))
		with f.as_user(head_office.ae):  # Kantor Pusat sells across the country (clause 2)
			self.assertTrue(frappe.has_permission("ANTARA Customer", doc=customer))
