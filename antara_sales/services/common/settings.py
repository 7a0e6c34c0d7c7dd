import frappe

from antara_sales.doctypes import SETTINGS


def get_settings():
	return frappe.get_cached_doc(SETTINGS)


def user_has_role(role: str | None, user: str | None = None) -> bool:
	return bool(role) and role in frappe.get_roles(user or frappe.session.user)
