# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services import status, subscription_change


class ANTARASubscriptionChange(Document):
	def validate(self):
		status.guard(self)
		subscription_change.validate(self)

	def before_submit(self):
		subscription_change.before_submit(self)

	def on_submit(self):
		subscription_change.apply_to_contract(self)
