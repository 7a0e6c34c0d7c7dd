"""Where each of the procedure's people land in the desk, and what the workspaces' shortcuts count.

Sales staff land on ANTARA Sales (6.1-6.7); the technical, editorial and finance people whom a signed
contract sets to work (6.8) land on ANTARA Fulfilment, which the sales roles do not see."""

import json
import re
from pathlib import Path

import frappe
from frappe.boot import load_desktop_data
from frappe.desk.desktop import get_workspace_sidebar_items
from frappe.utils import today

from antara_sales import roles
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase

WORKSPACES = Path(__file__).parents[2] / "antara_sales" / "workspace"
SALES, FULFILMENT = "ANTARA Sales", "ANTARA Fulfilment"


def sidebar(role: str) -> list[str]:
	"""The workspaces in the sidebar of a person holding only `role`, in the order Frappe lands on them."""
	frappe.set_user(f.make_user(role))
	try:
		return [page.name for page in get_workspace_sidebar_items()["pages"]]
	finally:
		frappe.set_user("Administrator")


def breadcrumb_workspace(role: str, module: str = "ANTARA Sales") -> str:
	"""The workspace a form's breadcrumb leads a person holding only `role` to (the first of the
	module's in the boot, frappe.breadcrumbs.set_workspace), with the boot hooks applied."""
	frappe.set_user(f.make_user(role))
	try:
		bootinfo = frappe._dict()
		load_desktop_data(bootinfo)
		for method in frappe.get_hooks("boot_session"):
			frappe.get_attr(method)(bootinfo)
		return bootinfo.module_wise_workspaces[module][0]
	finally:
		frappe.set_user("Administrator")


def count_filters(stats_filter: str, user: str) -> list:
	"""A shortcut's count filter (a JavaScript expression the desk evaluates) with the desk's two
	values filled in, as the list it opens receives it."""
	text = stats_filter.replace("frappe.session.user", json.dumps(user))
	text = text.replace("frappe.datetime.get_today()", json.dumps(today()))
	return json.loads(re.sub(r'"\s*\+\s*"', "", text))  # "%" + "a@b" + "%" -> "%a@b%"


class TestWorkspaces(AntaraTestCase):
	def test_the_sales_roles_land_on_sales_and_do_not_see_fulfilment(self):
		for role in (
			roles.ACCOUNT_EXECUTIVE,
			roles.ASSISTANT_MANAGER,
			roles.MANAGER,
			roles.GENERAL_MANAGER,
			roles.SALES_ADMIN,
		):
			pages = sidebar(role)
			self.assertEqual(pages[0], SALES, role)
			self.assertNotIn(FULFILMENT, pages, role)

	def test_the_people_of_6_8_land_on_fulfilment(self):
		for role in (roles.TECHNICAL, roles.EDITORIAL, roles.FINANCE):
			pages = sidebar(role)
			self.assertEqual(pages[0], FULFILMENT, role)
			self.assertIn(SALES, pages, role)  # the contracts and customers they follow up stay at hand

	def test_a_forms_breadcrumb_leads_to_the_persons_own_workspace(self):
		self.assertEqual(breadcrumb_workspace(roles.ACCOUNT_EXECUTIVE), SALES)
		self.assertEqual(breadcrumb_workspace(roles.MANAGER), SALES)
		for role in (roles.TECHNICAL, roles.EDITORIAL, roles.FINANCE):
			self.assertEqual(breadcrumb_workspace(role), FULFILMENT, role)

	def test_every_shortcut_count_is_a_filter_its_list_accepts(self):
		"""A wrong field name in a count filter shows no count and opens an empty list, silently."""
		for path in sorted(WORKSPACES.glob("*/*.json")):
			for shortcut in json.loads(path.read_text())["shortcuts"]:
				if not shortcut.get("stats_filter"):
					continue
				with self.subTest(workspace=path.stem, shortcut=shortcut["label"]):
					filters = count_filters(shortcut["stats_filter"], "Administrator")
					self.assertTrue(filters)
					for condition in filters:  # [doctype, field, op, value] or [field, op, value]
						doctype, fieldname = (
							condition[:2] if len(condition) == 4 else (shortcut["link_to"], condition[0])
						)
						self.assertEqual(doctype, shortcut["link_to"])
						meta = frappe.get_meta(doctype)
						self.assertTrue(
							meta.has_field(fieldname)
							or fieldname in (*frappe.model.default_fields, *frappe.model.optional_fields),
							f"{shortcut['label']}: {doctype} has no field {fieldname}",
						)
					frappe.get_list(shortcut["link_to"], filters=filters, limit=1)
