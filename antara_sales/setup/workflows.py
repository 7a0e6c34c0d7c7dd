"""Install the workflows declared in antara_sales/antara_sales/workflow/*.json (their one readable
source of truth) without overwriting what an admin customised: see domain/workflow_sync.py."""

import json
from pathlib import Path

import frappe

from antara_sales.domain import workflow_sync

WORKFLOW_DIR = Path(__file__).resolve().parent.parent / "antara_sales" / "workflow"
FINGERPRINT_KEY = "antara_sales_workflow_fingerprint:{0}"


def shipped_definitions() -> list[dict]:
	return [json.loads(path.read_text()) for path in sorted(WORKFLOW_DIR.glob("*.json"))]


def sync_all():
	for definition in shipped_definitions():
		sync(definition)
		fill_state_messages(definition)


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


def sync(definition: dict) -> str:
	name = definition["name"]
	shipped = workflow_sync.fingerprint(definition)
	on_site = (
		workflow_sync.fingerprint(frappe.get_doc("Workflow", name).as_dict())
		if frappe.db.exists("Workflow", name)
		else None
	)
	decision = workflow_sync.decide(shipped, on_site, frappe.db.get_default(FINGERPRINT_KEY.format(name)))
	if decision == workflow_sync.INSTALL:
		install(definition)
		frappe.db.set_default(FINGERPRINT_KEY.format(name), shipped)
	elif decision == workflow_sync.KEEP_CUSTOMISED:
		frappe.log_error(
			title=f"Workflow {name}: customised copy kept",
			message=(
				f"antara_sales ships a new definition of the workflow {name}, but this site's copy was "
				"customised, so it was kept. Merge the change by hand in the Workflow form, or run "
				f"`bench --site SITE execute antara_sales.setup.workflows.reset --args \"['{name}']\"` "
				"to take the shipped one."
			),
		)
	return decision


def reset(name: str):
	"""Replace a site's workflow with the shipped definition (discards customisations)."""
	definition = next(d for d in shipped_definitions() if d["name"] == name)
	install(definition)
	frappe.db.set_default(FINGERPRINT_KEY.format(name), workflow_sync.fingerprint(definition))


def install(definition: dict):
	ensure_masters(definition)
	values = {
		k: v for k, v in definition.items() if not k.startswith("_") and k not in ("states", "transitions")
	}
	if frappe.db.exists("Workflow", definition["name"]):
		workflow = frappe.get_doc("Workflow", definition["name"])
		workflow.update(values)
		workflow.set("states", [])
		workflow.set("transitions", [])
	else:
		workflow = frappe.get_doc(values)
	for row in definition["states"]:
		workflow.append("states", row)
	for row in definition["transitions"]:
		workflow.append("transitions", row)
	workflow.flags.ignore_permissions = True
	if workflow.get("__islocal") or not frappe.db.exists("Workflow", workflow.name):
		workflow.insert()
	else:
		workflow.save()


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
