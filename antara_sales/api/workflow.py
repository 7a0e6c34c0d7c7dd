"""Whose turn it is on a workflow form (issue 10): the person the document waits for sees their step
and how to take it (the state's message in the Workflow, which admins word); the others see whom
the document waits for."""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name
from frappe.utils import get_fullname

from antara_sales.services import inbox, routing


@frappe.whitelist()
def turn(doctype: str, name: str) -> dict:
	if doctype not in routing.RESPONSIBLE:
		return {}
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	workflow = get_workflow_name(doctype)
	if not workflow:
		return {}
	state = inbox.state_of(doc)
	people = routing.responsible(doc)
	if not people:
		return {}
	user = frappe.session.user
	if user not in people:
		return {
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
		"mine": True,
		"message": _(hint) if hint else _("Your step: Actions → {0}.").format(" / ".join(actions)),
	}
