"""The departments of P/SMM/KOM/001 (ANTARA Department). The product-owning department (6.1, 6.3)
is the one that sells: it owns the products and their targets, holds the weekly sales meeting,
receives the Media Orders and verifies them (6.5); technical, editorial and finance follow up (6.8)."""

import frappe
from frappe import _
from frappe.query_builder import DocType

from antara_sales.doctypes import DEPARTMENT, DEPARTMENT_MEMBER

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


def own_product_department(user: str) -> str | None:
	"""The product-owning department `user` sells for, where they sit in exactly one (6.3: the AE
	takes orders for their own department's products), so a new Media Order need not ask; None where
	they sit in none or several (the Manager of two, a stand-in), who then choose."""
	member, department = DocType(DEPARTMENT_MEMBER), DocType(DEPARTMENT)
	query = (
		frappe.qb.from_(member)
		.join(department)
		.on(department.name == member.parent)
		.where((member.parenttype == DEPARTMENT) & (member.user == user))
	)
	return _the_only_one(query, department)


def managed_product_department(user: str) -> str | None:
	"""The product-owning department `user` manages, where they manage exactly one: the weekly
	meeting they chair (6.1) need not ask for it."""
	department = DocType(DEPARTMENT)
	return _the_only_one(frappe.qb.from_(department).where(department.manager == user), department)


def _the_only_one(query, department) -> str | None:
	rows = (
		query.select(department.name)
		.distinct()
		.where((department.department_kind == PRODUCT_OWNING) & (department.is_active == 1))
		.limit(2)
	).run(pluck=True)
	return rows[0] if len(rows) == 1 else None
