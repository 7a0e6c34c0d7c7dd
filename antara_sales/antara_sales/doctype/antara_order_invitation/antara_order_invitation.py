# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.ordering import invitation


class ANTARAOrderInvitation(Document):
	def validate(self):
		invitation.check_made_by_service(self)
