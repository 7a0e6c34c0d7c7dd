"""Who is shown ANTARA Sales as an app: Frappe's apps screen (/apps, v15 and v16) and the v16
desktop's app icon (hooks.py: add_to_apps_screen).

Frappe also sends a user who logs in to the route of the only app they are shown
(frappe.apps.get_default_path), Website Users included. So only the procedure's staff and its admins
see the app: a customer who logs in to the portal is not sent into the desk."""

import frappe

from antara_sales import roles


def has_app_permission() -> bool:
	user = frappe.session.user
	if user == "Guest" or frappe.get_cached_value("User", user, "user_type") != "System User":
		return False
	return roles.is_admin(user) or bool(set(roles.ALL) & set(frappe.get_roles(user)))
