"""Stand-ins for absent approvers (ANTARA Approval Delegation), for a date range."""

import frappe
from frappe.utils import today


def stand_in(user: str, on: str | None = None) -> str:
	"""The delegate standing in for `user` on a day (today by default), or `user`."""
	delegate = frappe.db.get_value(
		"ANTARA Approval Delegation",
		{"user": user, "from_date": ("<=", on or today()), "to_date": (">=", on or today())},
		"delegate",
		order_by="from_date desc",
	)
	return delegate or user


def acting_for(user: str, on: str | None = None) -> list[str]:
	"""`user` and everyone `user` stands in for on a day (today by default)."""
	absent = frappe.get_all(
		"ANTARA Approval Delegation",
		filters={"delegate": user, "from_date": ("<=", on or today()), "to_date": (">=", on or today())},
		pluck="user",
	)
	return [user, *absent]
