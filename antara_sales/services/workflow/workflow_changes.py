"""What follows when an admin edits one of the procedure's Workflows in the desk (issue 12).

Frappe lets an admin rename a state or add one, but what names the state elsewhere is left behind:
the status field's fixed Select options refuse the new name, documents stay in a state that no
longer exists, and filters name the old one. Frappe's Workflow has no rename, so these hooks carry
it: a state keeps its procedure-step key (services/workflow/steps.py), so a renamed row is recognised."""

import json

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.query_builder import DocType

from antara_sales.doctypes import MODULE
from antara_sales.services.workflow.steps import KEY_FIELD


def is_procedure_workflow(workflow) -> bool:
	return frappe.db.get_value("DocType", workflow.document_type, "module") == MODULE


def renamed_states(workflow) -> dict[str, str]:
	"""old name -> new name, for each keyed state whose name changed since the last save."""
	before = workflow.get_doc_before_save() if not workflow.is_new() else None
	if not before:
		return {}
	old = {row.get(KEY_FIELD): row.state for row in before.states if row.get(KEY_FIELD)}
	return {
		old[row.get(KEY_FIELD)]: row.state
		for row in workflow.states
		if row.get(KEY_FIELD) in old and old[row.get(KEY_FIELD)] != row.state
	}


def before_validate(workflow, method=None):
	"""A renamed state is renamed in the transitions too, before Frappe checks them."""
	if not is_procedure_workflow(workflow):
		return
	renames = renamed_states(workflow)
	for row in workflow.transitions:
		row.state = renames.get(row.state, row.state)
		row.next_state = renames.get(row.next_state, row.next_state)


def on_update(workflow, method=None):
	if not is_procedure_workflow(workflow):
		return
	sync_state_options(workflow)
	for old, new in renamed_states(workflow).items():
		carry_rename(workflow, old, new)


def sync_state_options(workflow):
	"""The status field offers exactly the workflow's states."""
	field = frappe.get_meta(workflow.document_type).get_field(workflow.workflow_state_field)
	options = "\n".join(row.state for row in workflow.states)
	if field and field.fieldtype == "Select" and (field.options or "") != options:
		make_property_setter(
			workflow.document_type,
			field.fieldname,
			"options",
			options,
			"Text",
			validate_fields_for_doctype=False,
		)


def carry_rename(workflow, old: str, new: str):
	"""Documents waiting in the old state, their inbox rows, the Number Cards and workspace shortcuts
	that count it and the Assignment Rules whose condition names it follow the new name."""
	doctype, field = workflow.document_type, workflow.workflow_state_field
	table = DocType(doctype)
	frappe.qb.update(table).set(table[field], new).where(table[field] == old).run()
	action = DocType("Workflow Action")
	(
		frappe.qb.update(action)
		.set(action.workflow_state, new)
		.where((action.reference_doctype == doctype) & (action.workflow_state == old))
		.run()
	)
	for card in frappe.get_all(
		"Number Card", filters={"document_type": doctype}, fields=["name", "filters_json"]
	):
		filters = json.loads(card.filters_json or "[]")
		changed = False
		for row in filters:
			if len(row) > 3 and row[1] == field:
				value = row[3]
				row[3] = [new if v == old else v for v in value] if isinstance(value, list) else value
				row[3] = new if row[3] == old else row[3]
				changed = changed or row[3] != value
		if changed:
			frappe.db.set_value("Number Card", card.name, "filters_json", json.dumps(filters))
	shortcut = DocType("Workspace Shortcut")  # its count filter is text, not always JSON
	for row in (
		frappe.qb.from_(shortcut)
		.select(shortcut.name, shortcut.stats_filter)
		.where((shortcut.link_to == doctype) & (shortcut.stats_filter.like(f'%"{old}"%')))
		.run(as_dict=True)
	):
		frappe.db.set_value(
			"Workspace Shortcut", row.name, "stats_filter", row.stats_filter.replace(f'"{old}"', f'"{new}"')
		)
	for rule in frappe.get_all(
		"Assignment Rule",
		filters={"document_type": doctype},
		fields=["name", "assign_condition", "unassign_condition", "close_condition"],
	):
		for condition in ("assign_condition", "unassign_condition", "close_condition"):
			text = rule.get(condition) or ""
			updated = text.replace(f'"{old}"', f'"{new}"').replace(f"'{old}'", f"'{new}'")
			if updated != text:
				frappe.db.set_value("Assignment Rule", rule.name, condition, updated)
		frappe.clear_document_cache("Assignment Rule", rule.name)
	frappe.cache_manager.clear_doctype_map("Assignment Rule", doctype)
