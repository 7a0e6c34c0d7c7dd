"""The procedure's roles (P/SMM/KOM/001 clauses 3, 6.1, 6.5, 6.7, 6.8), named once for the code,
and the one notion of "admin"."""

import frappe

ACCOUNT_EXECUTIVE = "ANTARA Account Executive"  # hands the documents over (6.5)
ASSISTANT_MANAGER = "ANTARA Assistant Manager"  # verifies orders when assigned (6.5)
MANAGER = "ANTARA Manager"  # chairs the weekly meeting (6.1), reviews contracts
GENERAL_MANAGER = "ANTARA General Manager"  # supervises (6.1), signs contracts first (6.7)
TECHNICAL = "ANTARA Technical"  # downstream (6.8)
EDITORIAL = "ANTARA Editorial"  # downstream (6.8)
FINANCE = "ANTARA Finance"  # downstream (6.8)
SALES_ADMIN = "ANTARA Sales Admin"  # the app's settings and master data
SYSTEM_MANAGER = "System Manager"  # Frappe's own; the setup wizard's first user holds it

ALL = (
	ACCOUNT_EXECUTIVE,
	ASSISTANT_MANAGER,
	MANAGER,
	GENERAL_MANAGER,
	TECHNICAL,
	EDITORIAL,
	FINANCE,
	SALES_ADMIN,
)
# The roles that answer for a department's numbers, not only their own sales (clause 3, 6.1, 6.5).
MANAGING = (ASSISTANT_MANAGER, MANAGER, GENERAL_MANAGER)
DOWNSTREAM = (TECHNICAL, EDITORIAL, FINANCE)


def is_admin(user: str | None = None) -> bool:
	"""The one notion of "admin": Administrator, the app's Sales Admin and Frappe's System Manager.
	The procedure gives them no step of their own: they keep the app (settings, master data) and
	mend what went wrong. So an admin sees every department's records (no row-level scope,
	antara_sales/permissions.py) and may act where the procedure names a person (sign as the GM,
	set a target, record or acknowledge a meeting, verify for a department, move a ticket, edit in
	any workflow state). Rules that are not about who still hold for them (segregation of duties:
	nobody verifies an order they sell, 6.5)."""
	user = user or frappe.session.user
	return user == "Administrator" or bool({SALES_ADMIN, SYSTEM_MANAGER} & set(frappe.get_roles(user)))
