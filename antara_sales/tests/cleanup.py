"""Removing what a committing test made, by name: the record, its child rows and what Frappe left
beside it (never by time window or by table). Used by the tests that must commit because a web
server, another connection, reads their data (the REST bypass tests, the browser walk)."""

import frappe

# What Frappe leaves beside a document (its reference columns).
TRACES = {
	"File": "attached_to_name",  # first: deleting a file comments on the document it was attached to
	"ToDo": "reference_name",
	"Comment": "reference_name",
	"Version": "docname",
	"Workflow Action": "reference_name",
	"Notification Log": "document_name",
	"Communication": "reference_name",
	"Email Queue": "reference_name",
	"Activity Log": "reference_name",
	"Error Log": "reference_name",
	"ANTARA Print Log": "reference_name",
	"Document Follow": "ref_docname",
}


def purge(doctype: str, name: str):
	"""Delete one record, its child rows and Frappe's traces of it, whatever its docstatus (a
	submitted contract cannot be deleted through the ORM, and is not to be cancelled here)."""
	if not frappe.db.exists(doctype, name):
		return
	meta = frappe.get_meta(doctype)
	for table in meta.get_table_fields():
		frappe.db.delete(table.options, {"parent": name, "parenttype": doctype})
	if doctype not in TRACES:
		for trace, field in TRACES.items():
			if not frappe.db.table_exists(trace):
				continue
			filters = {field: name}
			if frappe.get_meta(trace).has_field("reference_doctype"):
				filters["reference_doctype"] = doctype
			elif frappe.get_meta(trace).has_field("reference_type"):
				filters["reference_type"] = doctype
			elif frappe.get_meta(trace).has_field("ref_doctype"):
				filters["ref_doctype"] = doctype
			elif frappe.get_meta(trace).has_field("document_type"):
				filters["document_type"] = doctype
			elif frappe.get_meta(trace).has_field("attached_to_doctype"):
				filters["attached_to_doctype"] = doctype
			for row in frappe.get_all(trace, filters=filters, pluck="name"):
				purge(trace, row)
	if doctype == "User":
		frappe.db.delete("Has Role", {"parent": name})
	if doctype == "File":  # also removes the file from the disk
		frappe.delete_doc("File", name, force=True, ignore_permissions=True, delete_permanently=True)
		return
	frappe.db.delete(doctype, {"name": name})


def purge_users(users):
	"""Test users and what Frappe keeps for them."""
	for user in users:
		for doctype, field in (
			("ToDo", "allocated_to"),
			("Notification Log", "for_user"),
			("Contact", "user"),
		):
			for row in frappe.get_all(doctype, filters={field: user}, pluck="name"):
				purge(doctype, row)
		frappe.db.delete("__Auth", {"doctype": "User", "name": user})
		for doctype in ("DefaultValue", "User Settings"):
			if frappe.db.table_exists(doctype):
				frappe.db.delete(doctype, {"parent": user} if doctype == "DefaultValue" else {"user": user})
		frappe.db.delete("Sessions", {"user": user})
		purge("User", user)
