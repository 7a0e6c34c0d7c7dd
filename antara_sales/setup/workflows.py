"""What is particular to installing a Workflow (setup/shipped_records.py installs every shipped
record): the states and actions it links to, and the states' messages."""

import frappe


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
