"""The documented permission matrix (docs/permissions.md) is what the site enforces (issue 4)."""

from pathlib import Path

import frappe

from antara_sales.tests.base import AntaraTestCase

MATRIX = Path(__file__).resolve().parents[3] / "docs" / "permissions.md"


def documented() -> dict[str, dict[str, set[str]]]:
	"""{doctype: {role: {rights}}} parsed from the markdown tables."""
	table: dict[str, dict[str, set[str]]] = {}
	doctype, rights = None, []
	for line in MATRIX.read_text().splitlines():
		if line.startswith("## "):
			doctype = line[3:].strip()
			table[doctype] = {}
		elif line.startswith("| Role |"):
			rights = [c.strip() for c in line.strip("|").split("|")][1:]
		elif doctype and line.startswith("| ") and not line.startswith("|---"):
			cells = [c.strip() for c in line.strip("|").split("|")]
			table[doctype][cells[0]] = {r for r, mark in zip(rights, cells[1:], strict=True) if mark == "✓"}
	return table


class TestPermissionMatrix(AntaraTestCase):
	def test_every_doctype_is_documented_and_matches_the_site(self):
		table = documented()
		doctypes = frappe.get_all("DocType", filters={"module": "ANTARA Sales", "istable": 0}, pluck="name")
		self.assertEqual(
			sorted(table), sorted(doctypes), "run `make permissions` and commit docs/permissions.md"
		)
		for doctype in doctypes:
			on_site = {}
			for perm in frappe.get_meta(doctype).permissions:
				if perm.permlevel == 0:
					on_site[perm.role] = {r for r in table_rights() if perm.get(r)}
			self.assertEqual(on_site, table[doctype], doctype)

	def test_roles_act_as_the_matrix_says(self):
		"""Spot checks through frappe.has_permission as real users, not only the metadata."""
		from antara_sales import roles
		from antara_sales.tests.factories import make_user

		ae, finance = make_user(roles.ACCOUNT_EXECUTIVE), make_user(roles.FINANCE)
		self.assertTrue(frappe.has_permission("ANTARA Media Order", "create", user=ae))
		self.assertFalse(frappe.has_permission("ANTARA Media Order", "create", user=finance))
		self.assertFalse(frappe.has_permission("ANTARA Order Verification", "create", user=ae))
		self.assertFalse(frappe.has_permission("ANTARA Cooperation Contract", "cancel", user=ae))


def table_rights():
	return (
		"read",
		"write",
		"create",
		"submit",
		"cancel",
		"amend",
		"delete",
		"report",
		"export",
		"print",
		"email",
		"share",
	)
