# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.reporting import customer_feedback


class ANTARACustomerFeedback(Document):
	def before_insert(self):
		customer_feedback.take_answer(self)

	def validate(self):
		customer_feedback.set_score(self)

	def after_insert(self):
		customer_feedback.mark_answered(self)
