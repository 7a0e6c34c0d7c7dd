# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from antara_sales.doctypes import INVOICE
from antara_sales.services.fulfilling import coretax


class ANTARACoretaxExport(Document):
	"""A Coretax import file of chosen invoices (issue 11); the rules are in services/fulfilling/coretax.py."""

	def validate(self):
		coretax.refresh_rows(self)

	def before_submit(self):
		coretax.check_export(self)

	def on_submit(self):
		coretax.submit_export(self)

	def on_cancel(self):
		coretax.cancel_export(self)

	@frappe.whitelist()
	def get_invoices(self) -> int:
		"""Get Invoices: the period's submitted invoices that are not exported yet."""
		self.check_permission("write")
		return coretax.get_invoices(self)


@frappe.whitelist(methods=["POST"])
def from_invoices(invoices: list[str] | str) -> str:
	"""Export to Coretax (the invoice list's action): a draft export of the selected invoices."""
	try:
		invoices = frappe.parse_json(invoices) if isinstance(invoices, str) else invoices
	except ValueError:
		invoices = None
	if not isinstance(invoices, list) or not all(isinstance(name, str) for name in invoices):
		frappe.throw(_("{0} must be a list of invoice names.").format(frappe.bold(_("Invoices"))))
	if unknown := [name for name in invoices if not frappe.db.exists(INVOICE, name)]:
		frappe.throw(
			_("{0}: no such invoice: {1}").format(frappe.bold(_("Invoices")), ", ".join(unknown[:5]))
		)
	return coretax.new_export(invoices)
