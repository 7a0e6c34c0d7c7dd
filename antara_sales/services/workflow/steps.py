"""The procedure's steps, read from the Workflow records (issue 12).

The Workflow on the site (shipped from antara_sales/antara_sales/workflow/*.json, editable in the
desk) is the one source of state and action names. Code never writes a name: it asks for a step by
its key, the "Procedure Step" column (`antara_key`) of the Workflow's states and transitions. An
admin who renames a state keeps its key; a step an admin adds has no key, and what needs no key
(routing by Assignment Rule, the pipeline, the guard) follows it anyway."""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow, get_workflow_name

KEY_FIELD = "antara_key"


def workflow(doctype: str):
	"""The doctype's active Workflow, from Frappe's document cache (cleared when it is saved)."""
	return get_workflow(doctype) if get_workflow_name(doctype) else None


def state_field(doctype: str) -> str:
	return workflow(doctype).workflow_state_field


def state(doctype: str, key: str) -> str:
	return states(doctype, key)[0]


def states(doctype: str, *keys: str) -> tuple[str, ...]:
	"""The names of the states with these keys, in the order asked."""
	by_key = {row.get(KEY_FIELD): row.state for row in workflow(doctype).states if row.get(KEY_FIELD)}
	missing = [k for k in keys if k not in by_key]
	if missing:
		frappe.throw(
			_("The workflow {0} has no state for the procedure step {1}.").format(
				frappe.bold(workflow(doctype).name), ", ".join(missing)
			),
			title=_("Workflow Incomplete"),
		)
	return tuple(by_key[k] for k in keys)


def key_of(doctype: str, state_name: str | None) -> str | None:
	"""The key of a state (None for a state an admin added)."""
	return next((row.get(KEY_FIELD) for row in workflow(doctype).states if row.state == state_name), None)


def is_at(doc, *keys: str) -> bool:
	"""Whether the document waits in one of these steps."""
	return key_of(doc.doctype, doc.get(state_field(doc.doctype))) in keys


def action(doctype: str, key: str) -> str:
	found = next((t.action for t in workflow(doctype).transitions if t.get(KEY_FIELD) == key), None)
	if not found:
		frappe.throw(
			_("The workflow {0} has no action for the procedure step {1}.").format(
				frappe.bold(workflow(doctype).name), key
			),
			title=_("Workflow Incomplete"),
		)
	return found


def on_the_way_to(doctype: str, goal_key: str) -> tuple[str, ...]:
	"""The states from which the goal can still be reached (the pipeline, 6.3-6.7), read from the
	transitions, so a step an admin inserts on the way is counted without a code change."""
	goal = state(doctype, goal_key)
	sources: dict[str, set] = {}
	for t in workflow(doctype).transitions:
		sources.setdefault(t.next_state, set()).add(t.state)
	reached, todo = set(), [goal]
	while todo:
		for source in sources.get(todo.pop(), ()):
			if source not in reached and source != goal:
				reached.add(source)
				todo.append(source)
	return tuple(row.state for row in workflow(doctype).states if row.state in reached)
