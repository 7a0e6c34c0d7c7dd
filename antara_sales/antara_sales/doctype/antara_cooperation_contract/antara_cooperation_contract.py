# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.contracting import contract
from antara_sales.services.workflow.workflow_guard import WorkflowGuarded


class ANTARACooperationContract(WorkflowGuarded, Document):
	def before_insert(self):
		contract.check_made_from_order(self)

	def validate(self):
		super().validate()
		contract.validate(self)

	def before_update_after_submit(self):
		contract.validate_after_submit(self)

	def before_submit(self):
		contract.check_signed(self)

	def on_submit(self):
		contract.on_signed(self)

	def on_cancel(self):
		super().on_cancel()
		contract.on_cancel(self)
