# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.ordering import customer


class ANTARACustomer(Document):
	def validate(self):
		customer.normalize_identifiers(self)
		customer.set_tax_identity(self)
		customer.refuse_duplicate(self)
