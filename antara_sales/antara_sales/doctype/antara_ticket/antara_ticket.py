# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.fulfilling import fulfilment, ticket


class ANTARATicket(Document):
	def autoname(self):
		self.name = ticket.name_of(self)

	def validate(self):
		ticket.check_status_change(self)
		ticket.require_resolution(self)
		ticket.record_resolution(self)

	def on_update(self):
		ticket.close_assignments(self)
		if ticket.refreshes_contract(self):
			fulfilment.refresh(self.contract)
