"""Route each workflow step to the people who take it, not to everyone with the role (6.5-6.7):
the Assistant Manager(s) the department's Manager assigned, that department's Manager, the
division's GM, or the AE who owns the sale, or whoever stands in for them (ANTARA Approval
Delegation). Each gets a ToDo (so the step is in "Assigned to me" and notified to them only);
the assignments of the previous step are closed. The Workflows send no role-wide email."""

import frappe
from frappe import _
from frappe.desk.form import assign_to

from antara_sales.services import inbox
from antara_sales.services.delegation import stand_in
from antara_sales.services.verification import assigned_verifiers


def department_manager(doc) -> list[str]:
	return [frappe.get_cached_value("ANTARA Department", doc.department, "manager")]


def division_gm(doc) -> list[str]:
	return [doc.general_manager]


def account_executive(doc) -> list[str]:
	return [doc.account_executive]


def verifiers(doc) -> list[str]:
	return assigned_verifiers(doc.department)


# Who takes the next step in each state; a state not listed needs no one.
RESPONSIBLE = {
	"ANTARA Media Order": {
		"Submitted for Verification": verifiers,  # 6.5
		"Needs Clarification": account_executive,  # 6.5.3.1
		"Verified": account_executive,  # 6.6: draw up the contract
	},
	"ANTARA Subscription Change": {
		"Submitted for Verification": verifiers,
		"Needs Clarification": account_executive,
		"Verified": department_manager,  # approval
	},
	"ANTARA Cooperation Contract": {
		"Draft": account_executive,
		"Manager Review": department_manager,
		"Awaiting GM Signature": division_gm,  # 6.7
		"Awaiting Customer Signature": account_executive,  # 6.7: taken to the customer
	},
}


def responsible(doc) -> list[str]:
	resolver = RESPONSIBLE.get(doc.doctype, {}).get(doc.status)
	people = resolver(doc) if resolver else []
	return sorted({stand_in(u) for u in people if u})


def route(doc):
	"""Call after a workflow step: assign the next step, close the previous one's assignments, and
	keep each person's Workflow Action inbox in step (services/inbox.py). A DocType not routed here
	keeps its ToDos: the weekly meeting's are its action items (6.2), which the GM's acknowledgement
	must not close."""
	if doc.doctype not in RESPONSIBLE:
		return
	people = responsible(doc)
	inbox.sync(doc, people)
	open_todos = frappe.get_all(
		"ToDo",
		filters={"reference_type": doc.doctype, "reference_name": doc.name, "status": "Open"},
		fields=["name", "allocated_to"],
	)
	for todo in open_todos:
		if todo.allocated_to not in people:
			assign_to.set_status(
				doc.doctype, doc.name, todo=todo.name, status="Closed", ignore_permissions=True
			)
	new = [p for p in people if p not in {t.allocated_to for t in open_todos}]
	if new:
		assign_to.add(
			{
				"assign_to": new,
				"doctype": doc.doctype,
				"name": doc.name,
				"description": _("{0}: {1} is waiting for you ({2}).").format(
					_(doc.doctype), doc.name, _(doc.status)
				),
			},
			ignore_permissions=True,
		)
