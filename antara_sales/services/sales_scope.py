"""Whose numbers a user sees in the sales reports and number cards.

The records a user may read are decided once, in antara_sales/permissions.py (clause 3: Managers
and Bureau Heads answer "each for their own products"; 6.1: the GM supervises the division's
departments); the reports read through frappe.get_list, so those rules apply. On top of them, an
Account Executive who holds no managing role sees the numbers of their own sales only: the orders,
contracts and feedback they handed over (6.5), not their colleagues', and no targets (targets are
the department's).

The meeting, the targets and the feedback are department records like the others: their
permission_query_conditions below reuse the same department condition."""

from dataclasses import dataclass

import frappe

from antara_sales import permissions, roles

MANAGING_ROLES = {
	roles.MANAGER,
	roles.GENERAL_MANAGER,
	roles.ASSISTANT_MANAGER,
	roles.SALES_ADMIN,
	"System Manager",
}


@dataclass(frozen=True)
class Scope:
	user: str
	everything: bool = False
	departments: frozenset[str] = frozenset()
	own_sales_only: bool = False  # an AE: the records they are the Account Executive of

	@property
	def sees_targets(self) -> bool:
		return not self.own_sales_only

	def or_filters(self, doctype: str) -> list | None:
		"""or_filters for frappe.get_list; None when nothing narrows further."""
		if self.own_sales_only:
			if frappe.get_meta(doctype).has_field("account_executive"):
				return [[doctype, "account_executive", "=", self.user]]
			return [[doctype, "name", "=", ""]]
		if self.everything:
			return None
		return [[doctype, "department", "in", sorted(self.departments) or [""]]]

	def allows(self, *, department=None, account_executive=None, **_ignored) -> bool:
		if self.own_sales_only:
			return account_executive == self.user
		return self.everything or department in self.departments

	def target_filters(self) -> list | None:
		return (
			self.or_filters("ANTARA Sales Target")
			if not self.own_sales_only
			else [["ANTARA Sales Target", "name", "=", ""]]
		)


def scope_for(user: str | None = None) -> Scope:
	user = user or frappe.session.user
	user_roles = set(frappe.get_roles(user))
	departments = permissions.departments_in_scope(user)
	own_only = (
		roles.ACCOUNT_EXECUTIVE in user_roles
		and not (user_roles & MANAGING_ROLES)
		and user != "Administrator"
	)
	return Scope(
		user,
		everything=departments is None,
		departments=frozenset(departments or ()),
		own_sales_only=own_only,
	)


# permission_query_conditions hooks take (user) and need one function per DocType.
def meeting_query(user=None):
	return permissions.department_condition("ANTARA Weekly Sales Meeting", user)


def sales_target_query(user=None):
	return permissions.department_condition("ANTARA Sales Target", user)


def customer_feedback_query(user=None):
	return permissions.department_condition("ANTARA Customer Feedback", user)


def feedback_request_query(user=None):
	return permissions.department_condition("ANTARA Feedback Request", user)
