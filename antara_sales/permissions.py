"""Row-level scope (P/SMM/KOM/001 clause 3: managers and bureau heads answer for their own products):
- an Account Executive or Assistant Manager sees the records of the departments they belong to,
- a Manager those of the departments they manage or belong to,
- a General Manager those of the departments of the divisions they lead,
- downstream staff (technical, editorial, finance) read signed contracts (6.8),
- a ticket (6.8) is seen by the downstream department that works it and by the sales department
  whose contract asks for it; invoices by Finance and by the sales department of their contract,
- the app's admin role and System Manager see everything.
Customers are scoped by the bureaus of those departments. Used by the permission_query_conditions
(lists, reports, link search) and has_permission (get, save, print) hooks."""

import frappe

from antara_sales import roles
from antara_sales.services.delegation import acting_for

UNRESTRICTED = {roles.SALES_ADMIN, "System Manager"}
DOWNSTREAM = {roles.TECHNICAL, roles.EDITORIAL, roles.FINANCE}
DEPARTMENT_SCOPED = (
	"ANTARA Media Order",
	"ANTARA Order Verification",
	"ANTARA Cooperation Contract",
	"ANTARA Subscription Change",
	"ANTARA Project",
)


def departments_in_scope(user: str) -> set[str] | None:
	"""None means every department."""
	user_roles = set(frappe.get_roles(user))
	if user == "Administrator" or user_roles & UNRESTRICTED:
		return None
	# A delegate stands in for an absent approver, and sees what they see (ANTARA Approval Delegation).
	people = acting_for(user)
	departments = set(
		frappe.get_all(
			"ANTARA Department Member",
			filters={"user": ("in", people), "parenttype": "ANTARA Department"},
			pluck="parent",
		)
	)
	departments |= set(frappe.get_all("ANTARA Department", filters={"manager": ("in", people)}, pluck="name"))
	if roles.GENERAL_MANAGER in user_roles:
		divisions = frappe.get_all(
			"ANTARA Division", filters={"general_manager": ("in", people)}, pluck="name"
		)
		if divisions:
			departments |= set(
				frappe.get_all("ANTARA Department", filters={"division": ("in", divisions)}, pluck="name")
			)
	return departments


def bureaus_in_scope(user: str) -> set[str] | None:
	"""Customers are shared within a bureau; Head Office sells across the country (clause 2), so
	its departments' people see every bureau's customers."""
	departments = departments_in_scope(user)
	if departments is None:
		return None
	if not departments:
		return set()
	bureaus = set(
		frappe.get_all("ANTARA Department", filters={"name": ("in", list(departments))}, pluck="bureau")
	)
	if frappe.db.exists("ANTARA Bureau", {"name": ("in", list(bureaus)), "bureau_type": "Head Office"}):
		return None
	return bureaus


def sql_in(column: str, values: set[str]) -> str:
	if not values:
		return "1=0"
	return f"{column} in ({', '.join(frappe.db.escape(v) for v in sorted(values))})"


def department_condition(doctype: str, user: str | None) -> str:
	user = user or frappe.session.user
	departments = departments_in_scope(user)
	if departments is None:
		return ""
	condition = sql_in(f"`tab{doctype}`.`department`", departments)
	if doctype == "ANTARA Cooperation Contract" and set(frappe.get_roles(user)) & DOWNSTREAM:
		condition = f"({condition} or `tab{doctype}`.`docstatus` = 1)"
	return condition


def customer_condition(user: str | None) -> str:
	bureaus = bureaus_in_scope(user or frappe.session.user)
	return "" if bureaus is None else sql_in("`tabANTARA Customer`.`bureau`", bureaus)


def has_permission(doc, ptype=None, user=None, debug=False):
	"""Deny a record outside the user's scope; otherwise leave the decision to the role permissions."""
	user = user or frappe.session.user
	if doc.doctype == "ANTARA Customer":
		bureaus = bureaus_in_scope(user)
		if bureaus is None or not doc.get("bureau") or doc.bureau in bureaus:
			return None
		return False
	departments = departments_in_scope(user)
	if departments is None or not doc.get("department") or doc.department in departments:
		return None
	if (
		doc.doctype == "ANTARA Cooperation Contract"
		and doc.docstatus == 1
		and ptype in ("read", "print", None)
	):
		if set(frappe.get_roles(user)) & DOWNSTREAM:
			return None
	return False


# --- the work of 6.8: tickets and invoices ---------------------------------------------------
# A ticket belongs to two departments: the downstream department that does the work (its
# `department`) and the sales department whose contract asks for it. Each sees it; no one else does
# (Technical and Editorial do not see each other's tickets). Invoices are Finance's work (6.8):
# Finance sees them all; the sales roles see those of their departments' contracts.
TICKET = "ANTARA Ticket"
INVOICE = "ANTARA Invoice"
CONTRACT = "ANTARA Cooperation Contract"


def contracts_of(departments: set[str]) -> str:
	"""SQL: the names of the contracts of `departments`."""
	return f"select `name` from `tab{CONTRACT}` where {sql_in('`department`', departments)}"


def contract_in_scope(contract: str | None, departments: set[str]) -> bool:
	if not contract or not departments:
		return False
	return frappe.db.get_value(CONTRACT, contract, "department") in departments


def sees_every_invoice(user: str) -> bool:
	return roles.FINANCE in frappe.get_roles(user)


def ticket_query(user=None):
	user = user or frappe.session.user
	departments = departments_in_scope(user)
	if departments is None:
		return ""
	own = sql_in(f"`tab{TICKET}`.`department`", departments)
	return f"({own} or `tab{TICKET}`.`contract` in ({contracts_of(departments)}))"


def invoice_query(user=None):
	user = user or frappe.session.user
	departments = departments_in_scope(user)
	if departments is None or sees_every_invoice(user):
		return ""
	return f"`tab{INVOICE}`.`contract` in ({contracts_of(departments)})"


def fulfilment_has_permission(doc, ptype=None, user=None, debug=False):
	"""has_permission of tickets and invoices: the same scope as their list (above)."""
	user = user or frappe.session.user
	departments = departments_in_scope(user)
	if departments is None:
		return None
	if doc.doctype == INVOICE and sees_every_invoice(user):
		return None
	if doc.doctype == TICKET and doc.get("department") in departments:
		return None
	return None if contract_in_scope(doc.get("contract"), departments) else False


# permission_query_conditions hooks take (user) and need one function per DocType.
def media_order_query(user=None):
	return department_condition("ANTARA Media Order", user)


def order_verification_query(user=None):
	return department_condition("ANTARA Order Verification", user)


def contract_query(user=None):
	return department_condition("ANTARA Cooperation Contract", user)


def subscription_change_query(user=None):
	return department_condition("ANTARA Subscription Change", user)


def project_query(user=None):
	return department_condition("ANTARA Project", user)


def customer_query(user=None):
	return customer_condition(user)
