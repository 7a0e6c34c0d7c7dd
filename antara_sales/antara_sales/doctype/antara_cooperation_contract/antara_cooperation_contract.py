# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services import contract, status


class ANTARACooperationContract(Document):
	def validate(self):
		if self.docstatus == 1:
			status.guard(self)
		contract.validate(self)

	def before_submit(self):
		contract.check_signing_order(self, final=True)

	def on_submit(self):
		contract.on_signed(self)

	def on_cancel(self):
		contract.on_cancel(self)
