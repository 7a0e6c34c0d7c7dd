"""Issue 12: an admin customises the procedure in the desk, without a release, and the app follows.

The site's own Workflows are changed as an admin would in the Workflow form: a state renamed (the
contract's "Manager Review" becomes "Review by Manager", the order's "Submitted for Verification"
becomes "Awaiting Verification") and a step added ("Legal Review" between the Manager's approval and
the GM's signature, 6.6-6.7), with an Assignment Rule for it. Then the procedure runs through the
changed workflows: the status field takes the new names, routing assigns each step, the pipeline
report and the number cards count the renamed and the added states, and the guard still refuses a
skipped step. Everything is rolled back, and the caches holding the changed records are cleared."""

import frappe
from frappe.cache_manager import clear_doctype_map
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.model.workflow import WorkflowTransitionError

from antara_sales import roles
from antara_sales.services.reporting import pipeline_reports
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.integration.test_workflow import open_todos

CONTRACT, ORDER = "ANTARA Cooperation Contract", "ANTARA Media Order"
REVIEW, AWAITING, LEGAL = "Review by Manager", "Awaiting Verification", "Legal Review"


def rename_state(workflow, key: str, new: str):
	"""What an admin does in the Workflow form: a new Workflow State, typed into the row."""
	if not frappe.db.exists("Workflow State", new):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": new}).insert()
	next(row for row in workflow.states if row.antara_key == key).state = new


class TestAdminCustomisesTheWorkflow(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org(verifiers=2)
		self.product = f.make_product(self.org)
		self.customer = f.make_customer(self.org)
		self.lawyer = f.make_user(roles.MANAGER)  # the department's legal reviewer
		department = frappe.get_doc("ANTARA Department", self.org.department)
		department.append("members", {"user": self.lawyer})
		department.save()

	def tearDown(self):
		super().tearDown()  # rolls back; the caches of what changed are rebuilt from the database
		for doctype in (CONTRACT, ORDER):
			frappe.clear_cache(doctype=doctype)
			frappe.clear_document_cache("Workflow", doctype)
			clear_doctype_map("Assignment Rule", doctype)
		for rule in frappe.get_all("Assignment Rule", pluck="name"):
			frappe.clear_document_cache("Assignment Rule", rule)

	def customise(self):
		contract_flow = frappe.get_doc("Workflow", CONTRACT)
		rename_state(contract_flow, "review", REVIEW)
		if not frappe.db.exists("Workflow State", LEGAL):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": LEGAL}).insert()
		if not frappe.db.exists("Workflow Action Master", "Clear Legally"):
			frappe.get_doc(
				{"doctype": "Workflow Action Master", "workflow_action_name": "Clear Legally"}
			).insert()
		contract_flow.append("states", {"state": LEGAL, "doc_status": "0", "allow_edit": roles.MANAGER})
		approve = next(t for t in contract_flow.transitions if t.antara_key == "approve")
		gm_signature = approve.next_state
		approve.next_state = LEGAL
		contract_flow.append(
			"transitions",
			{"state": LEGAL, "action": "Clear Legally", "next_state": gm_signature, "allowed": roles.MANAGER},
		)
		contract_flow.save()
		frappe.get_doc(
			{
				"doctype": "Assignment Rule",
				"__newname": "Contract: Legal Review",
				"document_type": CONTRACT,
				"description": "Legal review of {{ name }}",
				"assign_condition": f'status == "{LEGAL}"',
				"rule": "Round Robin",
				"users": [{"user": self.lawyer}],
				"assignment_days": [
					{"day": d}
					for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
				],
			}
		).insert()
		order_flow = frappe.get_doc("Workflow", ORDER)
		rename_state(order_flow, "verification", AWAITING)
		order_flow.save()
		return gm_signature

	def test_a_renamed_state_and_an_added_step_run_through_the_procedure(self):
		waiting = f.make_order(self.org, self.customer, [self.product])
		f.request_verification(self.org, waiting)  # waits in the state about to be renamed
		gm_signature = self.customise()

		# The document already waiting follows the rename; so do its inbox and the number card.
		self.assertEqual(frappe.db.get_value(ORDER, waiting.name, "status"), AWAITING)
		card = frappe.get_doc("Number Card", "ANTARA Orders Awaiting Verification")
		self.assertIn(AWAITING, card.filters_json)
		self.assertGreaterEqual(get_result(card, card.filters_json), 1)
		shortcuts = frappe.get_all("Workspace Shortcut", filters={"link_to": ORDER}, pluck="stats_filter")
		self.assertTrue(any(f'"{AWAITING}"' in (f or "") for f in shortcuts))
		self.assertFalse(any('"Submitted for Verification"' in (f or "") for f in shortcuts))

		order = f.make_order(self.org, self.customer, [self.product])
		order = f.request_verification(self.org, order)
		self.assertEqual(order.status, AWAITING)  # the status field takes the new name
		self.assertEqual(open_todos(order), set(self.org.verifiers))  # routing followed the rename
		f.verify(self.org, order)
		self.assertEqual(frappe.db.get_value(ORDER, order.name, "status"), "Verified")

		contract = f.make_contract(self.org, order.name)
		contract = f.act(self.org.ae, contract, "Send for Review")
		self.assertEqual(contract.status, REVIEW)
		self.assertEqual(open_todos(contract), {self.org.manager})
		# The guard: the GM's signature can no longer be reached by skipping the added step.
		with self.assertRaises((frappe.PermissionError, WorkflowTransitionError)):
			f.edit(self.org.manager, contract, status=gm_signature)
		contract = f.act(self.org.manager, contract, "Approve")
		self.assertEqual(contract.status, LEGAL)  # the added step
		self.assertEqual(open_todos(contract), {self.lawyer})  # by the admin's Assignment Rule

		# The pipeline counts the renamed and the added state.
		_columns, rows, *_rest = pipeline_reports.pipeline(frappe._dict(document_type=CONTRACT))
		self.assertIn((contract.name, LEGAL), {(r["document"], r["state"]) for r in rows})

		contract = f.act(self.lawyer, contract, "Clear Legally")
		self.assertEqual((contract.status, open_todos(contract)), (gm_signature, {self.org.gm}))
		f.edit(self.org.gm, contract, gm_signature=f.SIGNATURE, gm_signed_on="2026-01-01")
		contract = f.act(self.org.gm, contract, "Sign as GM")
		f.edit(
			self.org.ae,
			contract,
			customer_signature=f.SIGNATURE,
			customer_signed_on="2026-01-02",
			**f.meterai(contract.name),
		)
		contract = f.act(self.org.ae, contract, "Record Customer Signature")
		self.assertEqual((contract.status, contract.docstatus), ("Signed", 1))

	def test_an_edited_assignment_rule_routes_the_next_order(self):
		"""Who verifies is the admin's to change: the rule now names one verifier by hand."""
		rule = frappe.get_doc("Assignment Rule", "ANTARA Media Order: Verification (6.5)")
		rule.antara_department_people = ""
		rule.rule = "Round Robin"
		rule.set("users", [{"user": self.org.verifiers[1]}])
		rule.description = "Periksa {{ name }}"
		rule.save()
		order = f.make_order(self.org, self.customer, [self.product])
		order = f.request_verification(self.org, order)
		self.assertEqual(open_todos(order), {self.org.verifiers[1]})
		[text] = frappe.get_all(
			"ToDo",
			filters={"reference_type": ORDER, "reference_name": order.name, "status": "Open"},
			pluck="description",
		)
		self.assertIn(f"Periksa {order.name}", text)
