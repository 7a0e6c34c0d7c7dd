"""Issue 12: the workflows already on a site get their procedure-step keys (services/workflow/steps.py), so
the code finds each step whatever an admin later calls it. A row keeps the key of the shipped row
with its name; a row an admin renamed or added before this patch gets none (the admin sets it in
the Workflow form, column Procedure Step)."""

import frappe

from antara_sales.services.workflow.steps import KEY_FIELD
from antara_sales.setup.install import ensure_workflow_fields
from antara_sales.setup.shipped_records import definitions


def execute():
	ensure_workflow_fields()
	for definition in definitions("Workflow"):
		if not frappe.db.exists("Workflow", definition["name"]):
			continue
		states = {row["state"]: row[KEY_FIELD] for row in definition["states"]}
		transitions = {
			(row["state"], row["action"], row["next_state"]): row[KEY_FIELD]
			for row in definition["transitions"]
		}
		for row in frappe.get_all(
			"Workflow Document State", filters={"parent": definition["name"]}, fields=["name", "state"]
		):
			if row.state in states:
				frappe.db.set_value("Workflow Document State", row.name, KEY_FIELD, states[row.state])
		for row in frappe.get_all(
			"Workflow Transition",
			filters={"parent": definition["name"]},
			fields=["name", "state", "action", "next_state"],
		):
			key = transitions.get((row.state, row.action, row.next_state))
			if key:
				frappe.db.set_value("Workflow Transition", row.name, KEY_FIELD, key)
		frappe.clear_document_cache("Workflow", definition["name"])
