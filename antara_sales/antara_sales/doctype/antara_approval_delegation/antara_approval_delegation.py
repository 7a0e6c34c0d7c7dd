# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate


class ANTARAApprovalDelegation(Document):
	def validate(self):
		self.check_dates()
		self.check_delegate()

	def check_dates(self):
		if getdate(self.to_date) < getdate(self.from_date):
			frappe.throw(
				_("{0} must not be before {1}.").format(frappe.bold(_("To")), frappe.bold(_("From")))
			)

	def check_delegate(self):
		if self.delegate == self.user:
			frappe.throw(_("{0} cannot be the absent approver.").format(frappe.bold(_("Delegate"))))
		from antara_sales import roles

		missing = [
			r
			for r in frappe.get_roles(self.user)
			if r in roles.ALL and r not in frappe.get_roles(self.delegate)
		]
		if missing:
			frappe.throw(
				_("{0} must hold the roles that {1} approves with: {2}").format(
					frappe.bold(self.delegate), frappe.bold(self.user), ", ".join(_(r) for r in missing)
				)
			)
