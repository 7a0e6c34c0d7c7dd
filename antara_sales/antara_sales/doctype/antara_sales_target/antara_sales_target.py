# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.reporting import sales_target


class ANTARASalesTarget(Document):
	def validate(self):
		sales_target.validate(self)

	def on_trash(self):
		sales_target.check_who_sets_it(self)
