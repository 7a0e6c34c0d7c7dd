# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from antara_sales.services.common import tax_rules


class ANTARASalesSettings(Document):
	def validate(self):
		self.check_status_thresholds()
		self.check_rates()
		tax_rules.check_settings(self)

	def check_status_thresholds(self):
		# 5.3/5.4: a New customer must come before an Existing one.
		if not 0 < (self.new_customer_min_periods or 0) <= (self.existing_customer_min_periods or 0):
			frappe.throw(
				_("{0} must be at least 1 and not more than {1}.").format(
					frappe.bold(_("New Customer from Periods")),
					frappe.bold(_("Existing Customer from Periods")),
				)
			)
		if (self.period_gap_days or 0) < 0:
			frappe.throw(
				_("{0} must not be negative.").format(frappe.bold(_("Allowed Gap Between Periods (Days)")))
			)

	def check_rates(self):
		if (self.invoice_due_days or 0) < 0:
			frappe.throw(_("{0} must not be negative.").format(frappe.bold(_("Invoice Due (Days)"))))
