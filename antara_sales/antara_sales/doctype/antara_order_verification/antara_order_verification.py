# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.verifying import verification


class ANTARAOrderVerification(Document):
	def validate(self):
		verification.validate(self)

	def before_submit(self):
		verification.check_outcome(self)

	def on_submit(self):
		verification.apply_outcome(self)
