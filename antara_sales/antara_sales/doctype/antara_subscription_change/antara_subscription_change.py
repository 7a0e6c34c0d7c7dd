# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services import subscription_change, workflow_guard


class ANTARASubscriptionChange(Document):
	def validate(self):
		workflow_guard.check(self)
		subscription_change.validate(self)

	def before_update_after_submit(self):
		workflow_guard.check(self)

	def before_cancel(self):
		workflow_guard.check(self)

	def on_update(self):
		workflow_guard.log_transition(self)

	def on_submit(self):
		subscription_change.apply_to_contract(self)

	def on_update_after_submit(self):
		workflow_guard.log_transition(self)
