# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.fulfilling import coretax, invoice


class ANTARAInvoice(Document):
	def validate(self):
		invoice.check_origin(self)
		invoice.set_key(self)
		invoice.set_totals(self)
		invoice.check_type(self)
		invoice.set_status(self)

	def before_update_after_submit(self):
		coretax.keep_coretax_fields(self)
		invoice.check_payment(self)
		invoice.set_status(self)

	def on_cancel(self):
		invoice.release_key(self)
