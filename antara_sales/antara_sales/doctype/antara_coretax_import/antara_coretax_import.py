# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.fulfilling import coretax


class ANTARACoretaxImport(Document):
	"""DJP's approved numbers brought back (issue 11); the rules are in services/fulfilling/coretax.py."""

	def validate(self):
		if self.docstatus == 0 and self.file:
			coretax.read_import(self)  # what submitting would do, shown on save

	def before_submit(self):
		coretax.check_file(self)
		coretax.read_import(self)  # again, on the invoices as they are now

	def on_submit(self):
		coretax.apply_import(self)

	def on_cancel(self):
		coretax.cancel_import(self)
