"""Stand-ins for absent approvers (ANTARA Approval Delegation), for a date range."""

import frappe
from frappe.utils import today
from frappe.utils.caching import request_cache


def stand_in(user: str, on: str | None = None) -> str:
	"""The delegate standing in for `user` on a day (today by default), or `user`."""
	delegate = next((row.delegate for row in in_force(str(on or today())) if row.user == user), None)
	return delegate or user


def acting_for(user: str, on: str | None = None) -> list[str]:
	"""`user` and everyone `user` stands in for on a day (today by default)."""
	return [user, *(row.user for row in in_force(str(on or today())) if row.delegate == user)]


@request_cache
def in_force(day: str) -> tuple:
	"""Every delegation in force on a day, the latest begun first: read once per request (issue 13),
	where a step asked once for each person it routes and each scope it works out. Forgotten with the
	scopes when a delegation is saved or deleted (permissions.forget_scopes)."""
	return tuple(
		frappe.get_all(
			"ANTARA Approval Delegation",
			filters={"from_date": ("<=", day), "to_date": (">=", day)},
			fields=["user", "delegate"],
			order_by="from_date desc",
		)
	)
