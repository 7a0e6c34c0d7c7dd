"""The approvers' inbox names what each entry is about (services/workflow/inbox.py TITLE_FIELD):
the entries already open get their document's title. The field itself is made in after_migrate,
which runs after the patches, so it is made here first (idempotent)."""

import frappe
from frappe.query_builder import DocType, Table

from antara_sales.services.workflow import inbox
from antara_sales.setup.install import ensure_inbox_field


def execute():
	ensure_inbox_field()
	action = DocType(inbox.WORKFLOW_ACTION)
	for doctype in inbox.ROUTED:
		document = Table(f"tab{doctype}")
		title = frappe.get_meta(doctype).get_title_field()
		(  # one statement per DocType: the open entries joined to their documents
			frappe.qb.update(action)
			.join(document)
			.on(document.name == action.reference_name)
			.set(action[inbox.TITLE_FIELD], document[title])
			.where((action.reference_doctype == doctype) & (action.status == "Open"))
		).run()
