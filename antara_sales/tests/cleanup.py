"""Removing what a committing test made, by name: the record, its child rows and what Frappe left
beside it (never by time window or by table). Used by the tests that must commit because another
connection reads their data: a web server (the REST bypass tests, the browser walk), or racing
workers (the fulfilment race)."""

import frappe

# What Frappe leaves beside a document (its reference columns).
TRACES = {
	"File": "attached_to_name",  # first: deleting a file comments on the document it was attached to
	"ANTARA Signed Copy": "contract",  # a contract's signed PDFs and their hashes (6.7)
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
	"DocShare": "share_name",
}
# Traces of a trace: its history, and the Error Log of a notification email that could not go out.
TRACES_OF_TRACES = {"Version": "docname", "Error Log": "reference_name"}


# The column beside the reference that names the referenced document's DocType.
DOCTYPE_FIELDS = (
	"reference_doctype",
	"reference_type",
	"ref_doctype",
	"document_type",
	"attached_to_doctype",
	"share_doctype",
)


def purge(doctype: str, name: str):
	"""Delete one record, its child rows and Frappe's traces of it, whatever its docstatus (a
	submitted contract cannot be deleted through the ORM, and is not to be cancelled here)."""
	if not frappe.db.exists(doctype, name):
		return
	meta = frappe.get_meta(doctype)
	for table in meta.get_table_fields():
		frappe.db.delete(table.options, {"parent": name, "parenttype": doctype})
	for trace, field in (TRACES_OF_TRACES if doctype in TRACES else TRACES).items():
		if not frappe.db.table_exists(trace):
			continue
		filters = {field: name}
		trace_meta = frappe.get_meta(trace)
		for doctype_field in DOCTYPE_FIELDS:
			if trace_meta.has_field(doctype_field):
				filters[doctype_field] = doctype
				break
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
			("DocShare", "user"),
		):
			for row in frappe.get_all(doctype, filters={field: user}, pluck="name"):
				purge(doctype, row)
		frappe.db.delete("__Auth", {"doctype": "User", "name": user})
		for doctype in ("DefaultValue", "User Settings"):
			if frappe.db.table_exists(doctype):
				frappe.db.delete(doctype, {"parent": user} if doctype == "DefaultValue" else {"user": user})
		frappe.db.delete("Sessions", {"user": user})
		purge("Notification Settings", user)  # made with the user (User.after_insert)
		purge("User", user)


# The procedure's records, dependants first: a test finds its own by the departments and the
# customers it made (a site's own departments hold the site's own work).
PROCEDURE_DOCTYPES = (
	"ANTARA Weekly Sales Meeting",
	"ANTARA Invoice",
	"ANTARA Ticket",
	"ANTARA Subscription Change",
	"ANTARA Signing Invitation",
	"ANTARA Cooperation Contract",
	"ANTARA Order Verification",
	"ANTARA Order Invitation",
	"ANTARA Media Order",
	"ANTARA Customer Feedback",
	"ANTARA Feedback Request",
	"ANTARA Sales Target",
	"ANTARA Project",
	"ANTARA Product",
)


def records_of(departments, customers=()) -> list[tuple[str, str]]:
	"""(doctype, name) of the procedure's records that name one of these departments or customers."""
	found = []
	for doctype in PROCEDURE_DOCTYPES:
		meta = frappe.get_meta(doctype)
		names = set()
		for field, values in (("department", departments), ("customer", customers)):
			if values and meta.has_field(field):
				names |= set(frappe.get_all(doctype, filters={field: ("in", values)}, pluck="name"))
		found += [(doctype, name) for name in sorted(names)]
	return found


def purge_org(org):
	"""An organisation from factories.make_org, with everything the procedure made for it: its
	customers (by its bureau), their orders, contracts, tickets and invoices, its departments,
	division, bureau and users."""
	departments = [org.department, org.technical, org.editorial, org.finance]
	customers = frappe.get_all("ANTARA Customer", filters={"bureau": org.bureau}, pluck="name")
	for doctype, name in records_of(departments, customers):
		purge(doctype, name)
	for name in customers:
		purge("ANTARA Customer", name)
	for name in departments:
		purge("ANTARA Department", name)
	purge("ANTARA Division", org.division)
	purge("ANTARA Bureau", org.bureau)
	purge_users([org.ae, org.manager, org.gm, *org.verifiers, org.other_am])
