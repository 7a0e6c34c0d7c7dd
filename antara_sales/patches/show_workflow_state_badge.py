"""Issue 10: the form's badge shows the workflow state ("Awaiting GM Signature", not "Draft"). The
workflows used to ship with "Don't Override Status" set; a fresh install takes the new JSON."""

import frappe

from antara_sales.setup.shipped_records import definitions


def execute():
	for definition in definitions("Workflow"):
		if frappe.db.exists("Workflow", definition["name"]):
			frappe.db.set_value(
				"Workflow", definition["name"], "override_status", definition.get("override_status", 0)
			)
