# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ANTARAFeedbackRequest(Document):
	"""One per contract; made and answered by services/reporting/customer_feedback.py."""

	pass
