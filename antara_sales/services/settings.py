import frappe

SETTINGS = "ANTARA Sales Settings"


def get_settings():
	return frappe.get_cached_doc(SETTINGS)


def user_has_role(role: str | None, user: str | None = None) -> bool:
	return bool(role) and role in frappe.get_roles(user or frappe.session.user)


def is_admin(user: str | None = None) -> bool:
	"""Administrator and the app's admin role may act for any department."""
	from antara_sales.roles import SALES_ADMIN

	user = user or frappe.session.user
	return user == "Administrator" or user_has_role(SALES_ADMIN, user)
