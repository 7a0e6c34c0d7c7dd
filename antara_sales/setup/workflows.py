"""The workflows declared in antara_sales/antara_sales/workflow/*.json (their one readable source of
truth), installed without overwriting what an admin customised by the mechanism every shipped
record shares (setup/shipped_records.py). What is particular to a Workflow is here: the states and
actions it links to, and the states' messages."""

import frappe

from antara_sales.setup import shipped_records

WORKFLOW = "Workflow"


def shipped_definitions() -> list[dict]:
	return shipped_records.definitions(WORKFLOW)


def sync_all():
	for definition in shipped_definitions():
		shipped_records.sync(definition)
		fill_state_messages(definition)


def sync(definition: dict) -> str:
	return shipped_records.sync(definition)


def reset(name: str):
	"""Replace a site's workflow with the shipped definition (discards customisations)."""
	shipped_records.reset(name, WORKFLOW)


def install(definition: dict):
	shipped_records.install(definition)


def fill_state_messages(definition: dict):
	"""Each state's message is the hint the form shows to the person whose turn it is (issue 10).
	Admins word them in the Workflow form: only an empty message takes the shipped text."""
	shipped = {s["state"]: s["message"] for s in definition["states"] if s.get("message")}
	rows = frappe.get_all(
		"Workflow Document State",
		filters={"parent": definition["name"], "parenttype": "Workflow"},
		fields=["name", "state", "message"],
	)
	for row in rows:
		if not row.message and shipped.get(row.state):
			frappe.db.set_value("Workflow Document State", row.name, "message", shipped[row.state])


def ensure_masters(definition: dict):
	"""Workflow states and actions are link targets and must exist first."""
	for state in {s["state"] for s in definition["states"]}:
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert(
				ignore_permissions=True
			)
	for action in {t["action"] for t in definition["transitions"]}:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
