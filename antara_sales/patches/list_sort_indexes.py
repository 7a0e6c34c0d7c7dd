"""Issue 13: the indexes the list views sort by. Each big DocType's list opens sorted by its
sort_field (creation for most; a ticket by due date), and without an index MariaDB sorts every
row the user may see to show the first 20. The filtered fields (status, department, account
executive, customer, contract, dates) are indexed in the DocType JSON (search_index); these are
the standard or sort columns the JSON cannot flag (Frappe adds `creation` only when it alters a
table, not when it creates one). Idempotent: also run on install."""

import frappe

from antara_sales.doctypes import (
	CONTRACT,
	FEEDBACK_REQUEST,
	INVOICE,
	MEDIA_ORDER,
	SUBSCRIPTION_CHANGE,
	TICKET,
	VERIFICATION,
)

# (status, status_since): the pipeline report (services/reporting/pipeline_reports.py) counts the
# open states by how long each document has been in its state, and lists the longest waiting.
INDEXES = {
	MEDIA_ORDER: (("creation",), ("status", "status_since")),
	VERIFICATION: (("creation",),),
	CONTRACT: (("creation",), ("status", "status_since")),
	SUBSCRIPTION_CHANGE: (("creation",), ("status", "status_since")),
	FEEDBACK_REQUEST: (("creation",),),
	# A scoped user's tickets: those their departments work or sold (permissions.py), read from the
	# index alone, not the table.
	TICKET: (("due_date",), ("department", "owning_department")),
	# A scoped user's invoices by status (the list's filter, the number cards): counted from the index.
	INVOICE: (("status", "owning_department"),),
}


def execute():
	for doctype, indexes in INDEXES.items():
		for columns in indexes:
			# Frappe adds `creation` itself when it alters a table sorted by it: not a second one.
			if len(columns) == 1 and frappe.db.get_column_index(f"tab{doctype}", columns[0], unique=False):
				continue
			frappe.db.add_index(doctype, list(columns))
