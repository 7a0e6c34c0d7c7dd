# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.contracting import signing_invitation


class ANTARASigningInvitation(Document):
	def validate(self):
		signing_invitation.check_made_by_service(self)
