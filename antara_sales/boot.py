"""What the app adds to the desk's boot (hooks.py: boot_session)."""

import frappe


def own_workspace_first(bootinfo):
	"""A form's breadcrumb leads to the person's own workspace. Frappe takes the first workspace of
	the DocType's module by creation (frappe.breadcrumbs.set_workspace), the same for everyone, so
	a ticket's or an invoice's breadcrumb led 6.8's people, who land on ANTARA Fulfilment, to ANTARA
	Sales. The app's modules list their workspaces in the order of the person's sidebar instead."""
	by_module = bootinfo.get("module_wise_workspaces")
	if not by_module:  # a boot without them (not seen on v15; v16 is unchecked, docs/v16.md)
		return
	sidebar = [page["name"] for page in bootinfo.get("allowed_workspaces") or []]
	for module in frappe.get_module_list("antara_sales"):
		if module in by_module:
			by_module[module] = sorted(
				by_module[module], key=lambda name: sidebar.index(name) if name in sidebar else len(sidebar)
			)
