"""Issue 10: documents already waiting for someone get their Workflow Action in that person's inbox
(services/workflow/inbox.py); later steps keep it in step."""

import frappe

from antara_sales.services.workflow import inbox, routing


def execute():
	for doctype in inbox.ROUTED:
		for name in frappe.get_all(doctype, filters={"docstatus": 0}, pluck="name"):
			doc = frappe.get_doc(doctype, name)
			inbox.sync(doc, routing.responsible(doc))
