"""The procedure's workflows cannot be bypassed (6.5-6.7).

Frappe checks a state change on save against the user's transitions, but not three other paths,
which this guard closes for every DocType with a workflow:
- a direct submit or cancel (REST, frappe.client.submit, run_doc_method) leaves the state as it was
  and lets Frappe pick the first submitted state: the docstatus must match the state's;
- self-approval is checked only by apply_workflow: here it is checked on every path;
- a state's "Only Allow Edit For" role is enforced only in the browser: here on the server.
Every change of state leaves one audit line (who, when, from -> to, the remark); Frappe's bare
"Workflow" comment and the step's Version, copies of it, are not written, and the document keeps
when it entered its state (status_since) for the pipeline's ageing."""

import frappe
from frappe import _
from frappe.model.workflow import get_transitions, get_workflow, get_workflow_name, has_approval_access
from frappe.utils import cint, now_datetime

from antara_sales.roles import is_admin
from antara_sales.services.workflow import routing

SINCE_FIELD = "status_since"  # when the document entered its state (the pipeline's ageing)


class WorkflowGuarded:
	"""The guard's hooks for the controller of a DocType with a workflow; mix in before Document.
	A controller that needs more in a hook calls super() first. On submit Frappe runs on_update
	before on_submit, so each step is logged once, from on_update, on_update_after_submit or
	on_cancel."""

	def guard_extra_editors(self) -> tuple[str, ...]:
		return ()

	def validate(self):
		check(self, self.guard_extra_editors())

	def before_update_after_submit(self):
		check(self)

	def before_cancel(self):
		check(self)

	def on_update(self):
		log_transition(self)

	def on_update_after_submit(self):
		log_transition(self)

	def on_cancel(self):
		log_transition(self)

	def add_comment(self, comment_type="Comment", text=None, *args, **kwargs):
		# Frappe's apply_workflow adds a bare "Workflow" comment (the state's name) after each step:
		# a copy of the step's audit line, which log_transition writes with who, from -> to and why.
		if comment_type == "Workflow":
			return None
		return super().add_comment(comment_type, text, *args, **kwargs)


def workflow_of(doc):
	return get_workflow(doc.doctype) if get_workflow_name(doc.doctype) else None


def check(doc, extra_editors=()):
	"""Call from validate, before_cancel and before_update_after_submit."""
	workflow = workflow_of(doc)
	before = doc.get_doc_before_save()
	if workflow and doc.is_new() and doc.meta.has_field(SINCE_FIELD):
		doc.set(SINCE_FIELD, now_datetime())
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
		if doc.meta.has_field(SINCE_FIELD):
			doc.set(SINCE_FIELD, now_datetime())
		doc.flags.ignore_version = True  # the step's one audit line is log_transition's
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


def state_change(doc) -> tuple | None:
	"""(old, new) when this save moved the document to another state."""
	workflow = workflow_of(doc)
	before = doc.get_doc_before_save()
	if not workflow or not before:
		return None
	field = workflow.workflow_state_field
	old, new = before.get(field), doc.get(field)
	return (old, new) if old != new else None


def log_transition(doc):
	"""After a save (see WorkflowGuarded): one audit line per step, and the next step routed. A new
	document waits in its first state too (a contract drawn up from its order, 6.6)."""
	change = state_change(doc)
	if not change:
		if doc.flags.in_insert:
			routing.route(doc)
		return
	old, new = change
	remark = (doc.get("workflow_remark") or "").strip()
	user = frappe.session.user
	# The timeline puts the comment's owner (the actor) before it: the line itself names the states.
	line = _("{0} → {1}").format(_(old), _(new))
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
