"""Route each workflow step to the people who take it (6.5-6.7), as the site's Assignment Rules say.

Who is assigned at each step, and the ToDo's text, are Frappe Assignment Rule records (shipped in
antara_sales/antara_sales/assignment_rule/, editable in the desk; a step an admin adds gets its own
rule). Frappe's rule engine assigns one user and reopens closed ToDos, so this hook applies the
rules and adds what the engine lacks:
- every verifier the department's Manager assigned, or the department's Manager, as the rule's
  "Department's People" says (a Frappe rule's users are one fixed list for all departments);
- the stand-in of an absent person (ANTARA Approval Delegation);
- the previous step's ToDos are cancelled, as Frappe's own unassign does, so the engine (which also
  runs on these rules) has nothing to reopen, and each person's Workflow Action inbox is kept in
  step (services/workflow/inbox.py)."""

import frappe
from frappe.cache_manager import get_doctype_map
from frappe.desk.form import assign_to

from antara_sales.services.verifying.delegation import stand_in
from antara_sales.services.verifying.people import assigned_verifiers, department_manager
from antara_sales.services.workflow import inbox

PEOPLE_FIELD = "antara_department_people"
VERIFIERS, MANAGER = "Department's Verifiers", "Department's Manager"


def rules_for(doc) -> list:
	"""The enabled Assignment Rules of the document's DocType, highest priority first (cached as
	Frappe's engine caches them)."""
	names = get_doctype_map(
		"Assignment Rule",
		doc.doctype,
		filters={"document_type": doc.doctype, "disabled": 0},
		order_by="priority desc",
	)
	return [frappe.get_cached_doc("Assignment Rule", row.get("name")) for row in names]


def people_of(rule, doc) -> list[str]:
	kind = rule.get(PEOPLE_FIELD)
	if kind == VERIFIERS:
		return assigned_verifiers(doc.department)
	if kind == MANAGER:
		return [department_manager(doc.department)]
	if rule.rule == "Based on Field":
		return [doc.get(rule.field)]
	user = rule.get_user(doc)  # Round Robin / Load Balancing, as Frappe picks
	if user:
		rule.db_set("last_user", user)
	return [user]


def assignments(doc, values: dict | None = None) -> list[tuple]:
	"""[(rule, person)] for the step the document waits in; `values`: the document as a dict."""
	values = doc.as_dict() if values is None else values
	out = []
	for rule in rules_for(doc):
		if rule.is_rule_not_applicable_today() or not rule.safe_eval("assign_condition", values):
			continue
		out += [(rule, stand_in(u)) for u in dict.fromkeys(people_of(rule, doc)) if u]
	return out


def responsible(doc) -> list[str]:
	return sorted({person for _rule, person in assignments(doc)})


def may_have_open_todos(doc) -> bool:
	"""False when the document surely has no open ToDo (issue 13: no query to find none): it is being
	inserted, or Frappe's own list of its open assignees (`_assign`, which every ToDo's save and
	deletion rewrites, todo.py update_in_reference) is empty. Once routed, this copy's `_assign` is
	older than the database's: it is not trusted again."""
	if doc.flags.antara_routed:
		return True
	if doc.flags.in_insert:
		return False
	return bool(frappe.parse_json(doc.get("_assign") or "[]"))


def route(doc):
	"""Call after a workflow step (and on insert): assign the step, cancel the previous step's
	ToDos, keep the inbox in step."""
	if doc.doctype not in inbox.ROUTED:
		return
	values = doc.as_dict()  # once: the rules' conditions and the ToDos' text read it (issue 13)
	wanted = assignments(doc, values)
	people = sorted({person for _rule, person in wanted})
	inbox.sync(doc, people)
	has_open_todos = may_have_open_todos(doc)
	doc.flags.antara_routed = True
	open_todos = (
		frappe.get_all(
			"ToDo",
			filters={"reference_type": doc.doctype, "reference_name": doc.name, "status": "Open"},
			fields=["name", "allocated_to"],
		)
		if has_open_todos
		else []
	)
	for todo in open_todos:
		if todo.allocated_to not in people:
			assign_to.set_status(doc.doctype, doc.name, todo=todo.name, ignore_permissions=True)
	already = {t.allocated_to for t in open_todos}
	for rule in dict.fromkeys(rule for rule, _person in wanted):
		new = [p for r, p in wanted if r is rule and p not in already]
		if new:
			assign_to.add(
				{
					"assign_to": new,
					"doctype": doc.doctype,
					"name": doc.name,
					"description": frappe.render_template(rule.description, values),
					"assignment_rule": rule.name,
				},
				ignore_permissions=True,
			)
			already.update(new)
