# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services import media_order, workflow_guard


class ANTARAMediaOrder(Document):
	def validate(self):
		workflow_guard.check(self, extra_editors=media_order.extra_editors(self))
		media_order.validate(self)

	def before_update_after_submit(self):
		workflow_guard.check(self)

	def before_cancel(self):
		workflow_guard.check(self)

	def on_update(self):
		workflow_guard.log_transition(self)

	def on_update_after_submit(self):
		workflow_guard.log_transition(self)
