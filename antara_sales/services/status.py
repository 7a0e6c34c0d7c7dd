"""Document status is moved by the procedure's services only, never typed in through the form or
the API: a read-only field is still writable over REST, so the server checks who moved it."""

import frappe
from frappe import _


def move(doc, status: str):
	doc.status = status
	doc.flags.status_moved_by_service = True


def guard(doc, initial: str = "Draft"):
	if doc.flags.status_moved_by_service:
		return
	before = doc.get_doc_before_save()
	expected = before.status if before else initial
	if doc.status != expected:
		frappe.throw(
			_("{0} cannot be set to {1} by hand; it follows the procedure's steps.").format(
				frappe.bold(_("Status")), frappe.bold(_(doc.status or ""))
			),
			frappe.PermissionError,
		)
