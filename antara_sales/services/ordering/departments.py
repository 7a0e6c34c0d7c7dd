"""The departments of P/SMM/KOM/001 (ANTARA Department). The product-owning department (6.1, 6.3)
is the one that sells: it owns the products and their targets, holds the weekly sales meeting,
receives the Media Orders and verifies them (6.5); technical, editorial and finance follow up (6.8)."""

import frappe
from frappe import _

from antara_sales.doctypes import DEPARTMENT

PRODUCT_OWNING = "Product-Owning"  # ANTARA Department.department_kind


def check_product_owning(department: str | None, label: str, clause: str) -> None:
	"""Refuse a department that is not product-owning where the procedure needs one. `label` is the
	field's (translated) label, `clause` the clause that asks for it."""
	if not department:
		return  # Frappe's mandatory check names the empty field
	kind = frappe.get_cached_value(DEPARTMENT, department, "department_kind")
	if kind != PRODUCT_OWNING:
		frappe.throw(
			_("{0} must be a product-owning department, not {1} ({2}).").format(
				frappe.bold(label), _(kind), clause
			)
		)
