# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.common import tax_rules


class ANTARABuyerCategory(Document):
	def validate(self):
		tax_rules.check_buyer_category(self)
