"""The procedure's workflows cannot be bypassed (6.5-6.7).

Frappe checks a state change on save against the user's transitions, but not three other paths,
which this guard closes for every DocType with a workflow:
- a direct submit or cancel (REST, frappe.client.submit, run_doc_method) leaves the state as it was
  and lets Frappe pick the first submitted state: the docstatus must match the state's;
- self-approval is checked only by apply_workflow: here it is checked on every path;
- a state's "Only Allow Edit For" role is enforced only in the browser: here on the server.
Every change of state also leaves an audit line (who, when, from -> to, the remark)."""

import frappe
from frappe import _
from frappe.model.workflow import get_transitions, get_workflow, get_workflow_name, has_approval_access
from frappe.utils import cint

from antara_sales.services.settings import is_admin


def workflow_of(doc):
	return get_workflow(doc.doctype) if get_workflow_name(doc.doctype) else None


def check(doc, extra_editors=()):
	"""Call from validate, before_cancel and before_update_after_submit."""
	workflow = workflow_of(doc)
	before = doc.get_doc_before_save()
	if not workflow or not before:
		return  # a new document: Frappe allows only the first state
	field = workflow.workflow_state_field
	old, new = before.get(field), doc.get(field)
	state = next((s for s in workflow.states if s.state == new), None)
	if not state:
		frappe.throw(_("{0} is not a state of the workflow {1}.").format(frappe.bold(new), workflow.name))
	if doc.docstatus != cint(state.doc_status):
		frappe.throw(
			_("{0} cannot be submitted or cancelled directly; use the workflow action.").format(doc.name),
			frappe.PermissionError,
			title=_("Use the Workflow"),
		)
	user = frappe.session.user
	if old != new:
		transitions = [t for t in get_transitions(before, workflow) if t.next_state == new]
		if not transitions:
			frappe.throw(
				_("Workflow State transition not allowed from {0} to {1}").format(
					frappe.bold(old), frappe.bold(new)
				),
				frappe.PermissionError,
			)
		if not any(has_approval_access(user, before, t) for t in transitions):
			frappe.throw(
				_("Self approval is not allowed"), frappe.PermissionError, title=_("Segregation of Duties")
			)
		doc.flags.workflow_transition = (old, new)
	elif doc.docstatus == 0 and not can_edit_in_state(user, state, extra_editors):
		frappe.throw(
			_("In the state {0} only {1} may change this document.").format(
				frappe.bold(_(new)), _(state.allow_edit)
			),
			frappe.PermissionError,
		)


def can_edit_in_state(user, state, extra_editors) -> bool:
	roles = frappe.get_roles(user)
	return is_admin(user) or state.allow_edit in roles or any(r in roles for r in extra_editors if r)


def log_transition(doc):
	"""Call from on_update, on_submit, on_cancel, on_update_after_submit: one audit line per step.
	A new document waits in its first state too (a contract drawn up from its order, 6.6)."""
	from antara_sales.services import routing

	if not doc.flags.workflow_transition:
		if doc.flags.in_insert:
			routing.route(doc)
		return
	old, new = doc.flags.workflow_transition
	doc.flags.workflow_transition = None
	remark = (doc.get("workflow_remark") or "").strip()
	user = frappe.session.user
	line = _("{0}: {1} → {2}").format(frappe.utils.get_fullname(user), _(old), _(new))
	if remark:
		line += " — " + _("Remark: {0}").format(frappe.utils.escape_html(remark))
	if user == "Administrator":
		line += " " + _("(done by Administrator)")
	doc.add_comment("Info", line)
	if remark:
		doc.db_set("workflow_remark", None, update_modified=False)
	routing.route(doc)


def apply(doc, action: str):
	"""Take a workflow action in the current user's name (the same path as the desk's button)."""
	from frappe.model.workflow import apply_workflow

	return apply_workflow(doc, action)
