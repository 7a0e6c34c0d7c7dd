"""The approvers' inbox (6.5-6.7): Frappe's Workflow Action list, kept by routing.

Frappe makes a Workflow Action only for transitions whose condition already holds and shows it to
everyone holding the role. Every step out of "Submitted for Verification" needs a verification
round, and "Sign as GM" a saved signature, so the Assistant Manager's and the GM's inboxes stayed
empty while work waited. Here each step waiting for a person gets one Workflow Action for that
person alone (the same people routing gives a ToDo), whatever the step's data holds yet, with the
action they will take; it is completed when the step is taken. Frappe's own role-wide entries for
these DocTypes are hidden by `query_conditions`, so "Assigned to me" and the inbox agree."""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow, get_workflow_name
from frappe.query_builder import DocType
from frappe.translate import get_user_lang

from antara_sales.doctypes import CONTRACT, MEDIA_ORDER, SUBSCRIPTION_CHANGE

WORKFLOW_ACTION = "Workflow Action"
NEXT_ACTION_FIELD = "antara_next_action"
# What the document is about (its title: the customer, for the procedure's documents), so that the
# inbox says whose order or contract waits, not only its number.
TITLE_FIELD = "antara_reference_title"


# The procedure's DocTypes whose steps are routed to people (services/workflow/routing.py); the weekly
# meeting's ToDos are its action items (6.2), not steps.
ROUTED = (MEDIA_ORDER, SUBSCRIPTION_CHANGE, CONTRACT)


def state_of(doc) -> str | None:
	if not get_workflow_name(doc.doctype):
		return None
	return doc.get(get_workflow(doc.doctype).workflow_state_field)


def transitions_for(doc, user: str) -> list:
	"""The transitions out of the document's state that `user`'s roles allow, conditions aside: what
	the person will do once the step's data is in. Read from Frappe's cached Workflow."""
	if not get_workflow_name(doc.doctype):
		return []
	workflow = get_workflow(doc.doctype)
	state, roles = doc.get(workflow.workflow_state_field), set(frappe.get_roles(user))
	return [t for t in workflow.transitions if t.state == state and t.allowed in roles]


def sync(doc, people: list[str]):
	"""Give each person the document waits for one open Workflow Action; complete the others."""
	state = state_of(doc)
	open_actions = []
	if not doc.flags.in_insert:  # a document being inserted has none yet (issue 13: no query for none)
		open_actions = frappe.get_all(
			WORKFLOW_ACTION,
			filters={"reference_doctype": doc.doctype, "reference_name": doc.name, "status": "Open"},
			fields=["name", "user", "workflow_state"],
		)
	current = {row.user for row in open_actions if row.workflow_state == state and row.user in people}
	stale = [row.name for row in open_actions if not (row.user in current and row.workflow_state == state)]
	if stale:
		action = DocType(WORKFLOW_ACTION)
		(
			frappe.qb.update(action)
			.set(action.status, "Completed")
			.set(action.completed_by, frappe.session.user)
			.where(action.name.isin(stale))
		).run()
	for user in people:
		if user not in current:
			create(doc, state, user)


def create(doc, state: str, user: str):
	transitions = transitions_for(doc, user)
	if not transitions:
		return  # the person cannot act on this state (a misconfigured role): the ToDo still tells them
	lang = get_user_lang(user)  # the list shows the stored text: in its reader's language
	action = frappe.get_doc(
		{
			"doctype": WORKFLOW_ACTION,
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
			"workflow_state": state,
			"status": "Open",
			"user": user,
			TITLE_FIELD: doc.get_title(),
			NEXT_ACTION_FIELD: " / ".join(dict.fromkeys(_(t.action, lang=lang) for t in transitions)),
		}
	)
	for role in dict.fromkeys(t.allowed for t in transitions):
		action.append("permitted_roles", {"role": role})
	action.insert(ignore_permissions=True)


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Hook (hooks.py permission_query_conditions, ANDed with Frappe's own): on the procedure's
	DocTypes a Workflow Action is its person's alone."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	ours = ", ".join(frappe.db.escape(d) for d in ROUTED)
	return (
		f"(`tabWorkflow Action`.`reference_doctype` not in ({ours})"
		f" or `tabWorkflow Action`.`user` = {frappe.db.escape(user)})"
	)
