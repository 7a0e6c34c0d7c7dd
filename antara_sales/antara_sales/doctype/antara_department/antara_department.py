# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from antara_sales.roles import ASSISTANT_MANAGER
from antara_sales.services.ordering.departments import PRODUCT_OWNING


class ANTARADepartment(Document):
	def validate(self):
		self.check_unique_members()
		self.check_verifiers()

	def check_unique_members(self):
		users = [m.user for m in self.members]
		if duplicates := {u for u in users if users.count(u) > 1}:
			frappe.throw(
				_("{0} is listed more than once under Members.").format(", ".join(sorted(duplicates)))
			)

	def check_verifiers(self):
		"""6.5: the Manager assigns Assistant Managers to verify orders."""
		if self.department_kind != PRODUCT_OWNING and any(m.is_verifier for m in self.members):
			frappe.throw(_("Only a product-owning department verifies orders (6.5)."))
		for member in self.members:
			if member.is_verifier and ASSISTANT_MANAGER not in frappe.get_roles(member.user):
				frappe.throw(
					_("Row #{0}: {1} verifies orders but does not have the role {2} (6.5).").format(
						member.idx, frappe.bold(member.user), _(ASSISTANT_MANAGER)
					)
				)
