# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services import contract, workflow_guard


class ANTARACooperationContract(Document):
	def before_insert(self):
		contract.check_made_from_order(self)

	def validate(self):
		workflow_guard.check(self)
		contract.validate(self)

	def before_submit(self):
		contract.check_signing_order(self, final=True)

	def before_update_after_submit(self):
		workflow_guard.check(self)

	def before_cancel(self):
		workflow_guard.check(self)

	def on_update(self):
		workflow_guard.log_transition(self)

	def on_submit(self):
		contract.on_signed(self)

	def on_update_after_submit(self):
		workflow_guard.log_transition(self)

	def on_cancel(self):
		workflow_guard.log_transition(self)
		contract.on_cancel(self)
