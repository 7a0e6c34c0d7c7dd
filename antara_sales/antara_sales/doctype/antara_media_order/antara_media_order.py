# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.ordering import media_order
from antara_sales.services.workflow.workflow_guard import WorkflowGuarded


class ANTARAMediaOrder(WorkflowGuarded, Document):
	def guard_extra_editors(self):
		return media_order.extra_editors(self)

	def validate(self):
		super().validate()
		media_order.validate(self)
