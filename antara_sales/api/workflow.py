"""Whose turn it is on a workflow form (issue 10): the person the document waits for sees their step
and how to take it (the state's message in the Workflow, which admins word); the others see whom
the document waits for."""

import frappe
from frappe import _
from frappe.desk.form.load import get_assignments
from frappe.model.workflow import get_workflow_name
from frappe.utils import add_user_info, get_fullname

from antara_sales.services.workflow import inbox, routing, steps


@frappe.whitelist()
def states(doctype: str, keys) -> list[str]:
	"""The names of the procedure's steps (services/workflow/steps.py), for a form's filters. Only
	the routed DocTypes have such steps; anything else is refused, not a server error (issue 14)."""
	if doctype not in inbox.ROUTED:
		frappe.throw(_("{0} has no procedure steps.").format(frappe.bold(doctype)), frappe.ValidationError)
	frappe.has_permission(doctype, "read", throw=True)
	try:
		keys = frappe.parse_json(keys)
	except ValueError:
		keys = None
	if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
		frappe.throw(_("{0} must be a list of procedure step keys.").format(frappe.bold("keys")))
	return list(steps.states(doctype, *keys))


@frappe.whitelist()
def turn(doctype: str, name: str) -> dict:
	"""`step` is the procedure-step key of the state (None for a step an admin added); `mine` and
	`message` say whether it waits for the reader; `assignments` are the document's open ToDos as
	the form's sidebar shows them (Frappe's docinfo), which a workflow action changes and Frappe's
	form does not reload."""
	if doctype not in inbox.ROUTED:
		return {}
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	workflow = get_workflow_name(doctype)
	if not workflow:
		return {}
	assignments = get_assignments(doctype, name)
	user_info = {}  # the avatars' names, as Frappe's docinfo sends them
	add_user_info({a.owner for a in assignments}, user_info)
	return {"assignments": assignments, "user_info": user_info, **whose_turn(doc, workflow)}


def whose_turn(doc, workflow: str) -> dict:
	state = inbox.state_of(doc)
	step = steps.key_of(doc.doctype, state)
	people = routing.responsible(doc)
	if not people:
		return {"step": step}
	user = frappe.session.user
	if user not in people:
		return {
			"step": step,
			"mine": False,
			"message": _("Waiting for {0} ({1}).").format(
				", ".join(get_fullname(p) for p in people), _(state)
			),
		}
	hint = frappe.db.get_value(
		"Workflow Document State", {"parent": workflow, "parenttype": "Workflow", "state": state}, "message"
	)
	actions = list(dict.fromkeys(_(t.action) for t in inbox.transitions_for(doc, user)))
	return {
		"step": step,
		"mine": True,
		"message": _(hint) if hint else _("Your step: Actions → {0}.").format(" / ".join(actions)),
	}
