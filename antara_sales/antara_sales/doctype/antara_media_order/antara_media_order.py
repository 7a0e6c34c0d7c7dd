# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services import media_order, status


class ANTARAMediaOrder(Document):
	def validate(self):
		status.guard(self)
		media_order.validate(self)

	def before_submit(self):
		status.guard(self)
