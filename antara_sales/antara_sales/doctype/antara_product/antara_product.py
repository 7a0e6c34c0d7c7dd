# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from antara_sales.services.ordering.departments import check_product_owning


class ANTARAProduct(Document):
	def validate(self):
		self.check_price()
		self.check_department()
		self.check_partner()

	def check_price(self):
		if (self.price or 0) < 0:
			frappe.throw(_("{0} must not be negative.").format(frappe.bold(_("Price per Period (IDR)"))))

	def check_department(self):
		check_product_owning(self.department, _("Owning Department"), "6.1")

	def check_partner(self):
		# 5.7: a cooperation product is made with a third party; 5.6: an internal one is not.
		if self.product_type == "Cooperation" and not self.cooperation_partner:
			frappe.throw(
				_("{0} is required for a cooperation product (5.7).").format(
					frappe.bold(_("Cooperation Partner"))
				)
			)
		if self.product_type == "Internal":
			self.cooperation_partner = None
