# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.contracting import subscription_change
from antara_sales.services.workflow.workflow_guard import WorkflowGuarded


class ANTARASubscriptionChange(WorkflowGuarded, Document):
	def validate(self):
		super().validate()
		subscription_change.validate(self)

	def on_submit(self):
		subscription_change.apply_to_contract(self)
