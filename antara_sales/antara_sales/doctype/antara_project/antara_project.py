# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate


class ANTARAProject(Document):
	def validate(self):
		# 5.8: a project has a clear start and end and a value it earns.
		if getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(
				_("{0} must not be before {1}.").format(
					frappe.bold(_("End Date")), frappe.bold(_("Start Date"))
				)
			)
		if (self.value or 0) < 0:
			frappe.throw(_("{0} must not be negative.").format(frappe.bold(_("Value (IDR)"))))
