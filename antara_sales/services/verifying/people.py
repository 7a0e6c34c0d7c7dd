"""Who holds a post in a department: its Manager and the verifiers the Manager assigned (6.5)."""

import frappe


def department_manager(department: str) -> str | None:
	return frappe.get_cached_value("ANTARA Department", department, "manager")


def assigned_verifiers(department: str) -> list[str]:
	return frappe.get_all(
		"ANTARA Department Member",
		filters={"parent": department, "parenttype": "ANTARA Department", "is_verifier": 1},
		pluck="user",
	)
