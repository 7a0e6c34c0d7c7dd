"""Row-level scope: which departments and records a user sees. The one place for it: the
permission_query_conditions hooks (lists, reports, link search), the has_permission hooks (get,
save, print) and the sales reports and number cards (scope_for) all read it here. The reports read
through frappe.get_list, so a list and a report show a user the same records.

The rule (P/SMM/KOM/001 clause 3: Managers and Bureau Heads answer "each for their own products";
6.1: the GM supervises the division's departments; 6.5: the AE hands over their own documents):
- an admin (roles.is_admin) sees everything;
- an Account Executive who holds no managing role (roles.MANAGING) sees their own sales: the Media
  Orders, contracts, subscription changes and feedback they are the Account Executive of (or of
  whoever they stand in for), the verification rounds of those orders and changes, and the tickets
  and invoices of those contracts. In the list as in the reports: not their colleagues' sales;
- an Assistant Manager sees the records of the departments they belong to, a Manager those of the
  departments they manage or belong to, a General Manager those of the departments of the
  divisions they lead;
- a department's records that are nobody's sale (the weekly meeting, its targets, projects) are
  seen by the department's people, the AE included: the AE sits in the weekly meeting (6.1);
- downstream staff (technical, editorial, finance) read signed contracts (6.8); a ticket is seen by
  the downstream department that works it and by whoever sees its contract; Finance sees every
  invoice, the others the invoices of the contracts they see (Technical and Editorial do not see
  each other's tickets);
- customers are shared within a bureau; Head Office sells across the country (clause 2), so its
  people see every bureau's customers."""

from dataclasses import dataclass

import frappe
from frappe.query_builder import DocType
from frappe.utils.caching import request_cache

from antara_sales import roles
from antara_sales.doctypes import (
	BUREAU,
	CONTRACT,
	CUSTOMER,
	DEPARTMENT,
	DEPARTMENT_MEMBER,
	DIVISION,
	FEEDBACK,
	FEEDBACK_REQUEST,
	INVOICE,
	MEDIA_ORDER,
	MEETING,
	ORDER_INVITATION,
	PROJECT,
	SALES_TARGET,
	SIGNED_COPY,
	SIGNING_INVITATION,
	SUBSCRIPTION_CHANGE,
	TICKET,
	VERIFICATION,
)
from antara_sales.services.verifying import delegation
from antara_sales.services.verifying.delegation import acting_for

SALES = (
	MEDIA_ORDER,
	VERIFICATION,  # carries its order's (or change's) AE: prefilled_values, services/verifying
	CONTRACT,
	SUBSCRIPTION_CHANGE,
	FEEDBACK,
	FEEDBACK_REQUEST,
	ORDER_INVITATION,
	SIGNING_INVITATION,
)  # an AE's own
DEPARTMENT_RECORDS = (PROJECT, MEETING, SALES_TARGET)  # the whole department's
READ = ("read", "print", None)


@dataclass(frozen=True)
class Scope:
	user: str
	everything: bool = False
	departments: frozenset[str] = frozenset()
	# An AE's own sales: the Account Executives whose records they see (themselves and whoever they
	# stand in for); None when the user sees the departments' records.
	sellers: frozenset[str] | None = None
	downstream: bool = False  # reads signed contracts (6.8)
	finance: bool = False  # sees every invoice (6.8)

	@property
	def own_sales_only(self) -> bool:
		return self.sellers is not None

	@property
	def sees_targets(self) -> bool:
		"""The reports set an AE's own sales against no target: targets are the department's (6.1.1)."""
		return not self.own_sales_only

	# --- lists: SQL conditions for permission_query_conditions --------------------------------

	def condition(self, doctype: str) -> str:
		"""SQL narrowing `doctype` to this scope; "" when nothing narrows."""
		if self.everything:
			return ""
		table = f"`tab{doctype}`"
		# A ticket or invoice carries its contract's department and AE (set when fulfilment makes it):
		# indexed columns of its own, where reaching through the contract cost a lookup per row
		# (issue 13: 0.2-1 s for a scoped list at 30,000 contracts).
		if doctype == TICKET:
			return f"({self._in(table, 'department')} or {self._sales(table, 'owning_department')})"
		if doctype == INVOICE:
			return "" if self.finance else self._sales(table, "owning_department")
		if doctype == SIGNED_COPY:  # as its contract; a signed copy's contract is signed (6.7, 6.8)
			return "" if self.downstream else self._refers(table, "contract", CONTRACT)
		condition = self._sales(table) if doctype in SALES else self._in(table, "department")
		if doctype == CONTRACT and self.downstream:
			condition = f"({condition} or {table}.`docstatus` = 1)"
		return condition

	def _in(self, table: str, column: str) -> str:
		return sql_in(f"{table}.`{column}`", self.departments)

	def _sales(self, table: str, department: str = "department") -> str:
		if self.own_sales_only:
			return sql_in(f"{table}.`account_executive`", self.sellers)
		return self._in(table, department)

	def _refers(self, table: str, column: str, doctype: str) -> str:
		"""SQL: `table`.`column` names a `doctype` record (a sale) in scope. A correlated EXISTS, one
		primary-key lookup per row: MariaDB runs an IN (subquery) under OR again for every row
		(issue 13: 3 s for a Manager's ticket list at 100,000 orders)."""
		other = f"`tab{doctype}`"
		return (
			f"exists (select 1 from {other} where {other}.`name` = {table}.`{column}`"
			f" and {self._sales(other)})"
		)

	# --- one record: has_permission, the same rule as the list ----------------------------------

	def allows(self, doc, ptype=None) -> bool:
		if self.everything:
			return True
		doctype = doc.doctype
		if doctype == TICKET:
			return doc.get("department") in self.departments or self._sees_own(doc, "owning_department")
		if doctype == INVOICE:
			return self.finance or self._sees_own(doc, "owning_department")
		if doctype == SIGNED_COPY:
			return (self.downstream and ptype in READ) or self._sees_contract(doc.get("contract"))
		if doctype == CONTRACT and self.downstream and doc.docstatus == 1 and ptype in READ:
			return True
		if doctype in SALES and self.own_sales_only and doc.get("account_executive"):
			return doc.account_executive in self.sellers
		# A record not yet given its department (a new one) is left to the role permissions.
		return not doc.get("department") or doc.department in self.departments

	def _sees_sale(self, doctype: str, name: str | None) -> bool:
		if not name:
			return False
		values = frappe.db.get_value(doctype, name, ["department", "account_executive"], as_dict=True)
		if not values:
			return False
		if self.own_sales_only:
			return values.account_executive in self.sellers
		return values.department in self.departments

	def _sees_own(self, doc, department: str) -> bool:
		"""The record's own copy of its sale's department and AE, as the list's condition reads it."""
		if self.own_sales_only:
			return doc.get("account_executive") in self.sellers
		return doc.get(department) in self.departments

	def _sees_contract(self, contract: str | None) -> bool:
		return self._sees_sale(CONTRACT, contract)


def scope_for(user: str | None = None) -> Scope:
	"""Worked out once per request and user: a transition checks it many times (issue 13)."""
	return _scope_of(user or frappe.session.user)


@request_cache
def _scope_of(user: str) -> Scope:
	if roles.is_admin(user):
		return Scope(user, everything=True)
	user_roles = set(frappe.get_roles(user))
	# A delegate stands in for an absent approver, and sees what they see (ANTARA Approval Delegation).
	people = acting_for(user)
	own_sales_only = roles.ACCOUNT_EXECUTIVE in user_roles and not user_roles & set(roles.MANAGING)
	return Scope(
		user,
		departments=frozenset(departments_of(people, general_manager=roles.GENERAL_MANAGER in user_roles)),
		sellers=frozenset(people) if own_sales_only else None,
		downstream=bool(user_roles & set(roles.DOWNSTREAM)),
		finance=roles.FINANCE in user_roles,
	)


def departments_of(people: list[str], *, general_manager: bool) -> set[str]:
	"""The departments `people` belong to or manage, and, for a GM, those of the divisions they lead:
	one statement (issue 13: a step works out the scope of its actor and of each person it assigns)."""
	member, department, division = DocType(DEPARTMENT_MEMBER), DocType(DEPARTMENT), DocType(DIVISION)
	query = frappe.qb.from_(member).select(member.parent).where(
		member.user.isin(people) & (member.parenttype == DEPARTMENT)
	) + frappe.qb.from_(department).select(department.name).where(department.manager.isin(people))
	if general_manager:
		led = frappe.qb.from_(division).select(division.name).where(division.general_manager.isin(people))
		query += frappe.qb.from_(department).select(department.name).where(department.division.isin(led))
	return {row[0] for row in query.run()}


@request_cache
def bureaus_in_scope(user: str) -> set[str] | None:
	"""The bureaus whose customers `user` sees; None means every bureau. Customers are shared within
	a bureau; Head Office sells across the country (clause 2), so its people see every bureau's."""
	scope = scope_for(user)
	if scope.everything:
		return None
	if not scope.departments:
		return set()
	bureaus = set(
		frappe.get_all(DEPARTMENT, filters={"name": ("in", list(scope.departments))}, pluck="bureau")
	)
	if frappe.db.exists(BUREAU, {"name": ("in", list(bureaus)), "bureau_type": "Head Office"}):
		return None
	return bureaus


def forget_scopes(doc=None, method=None):
	"""A record a scope is worked out from changed (hooks.py doc_events): the next check in the same
	request (a setup script, a test) works it out again, with the delegations in force read again."""
	cache = getattr(frappe.local, "request_cache", None)
	if cache:
		for fn in (_scope_of, bureaus_in_scope, delegation.in_force):
			cache.pop(fn.__wrapped__, None)


def sql_in(column: str, values) -> str:
	if not values:
		return "1=0"
	return f"{column} in ({', '.join(frappe.db.escape(v) for v in sorted(values))})"


# --- the hooks ---------------------------------------------------------------------------------


def has_permission(doc, ptype=None, user=None, debug=False):
	"""Deny a record outside the user's scope; otherwise leave the decision to the role permissions."""
	user = user or frappe.session.user
	if doc.doctype == CUSTOMER:
		bureaus = bureaus_in_scope(user)
		allowed = bureaus is None or not doc.get("bureau") or doc.bureau in bureaus
	else:
		allowed = scope_for(user).allows(doc, ptype)
	return None if allowed else False


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of every scoped DocType: Frappe passes the doctype."""
	user = user or frappe.session.user
	if doctype == CUSTOMER:
		bureaus = bureaus_in_scope(user)
		return "" if bureaus is None else sql_in(f"`tab{CUSTOMER}`.`bureau`", bureaus)
	return scope_for(user).condition(doctype)
