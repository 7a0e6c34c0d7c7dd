"""Install and migrate steps: small, named and idempotent, so a fresh install and a migrated site
reach the same state (patches are marked done on a fresh install)."""

import frappe

from antara_sales import roles
from antara_sales.patches import list_sort_indexes, report_indexes
from antara_sales.services.common.settings import SETTINGS

# Roles that only read or only work downstream still use the desk (6.8).
ROLE_DESK_ACCESS = dict.fromkeys(roles.ALL, 1)


def after_install():
	ensure_roles()
	ensure_settings_defaults()
	ensure_currency()
	ensure_workflow_fields()
	ensure_workflows()
	ensure_shipped_records()
	ensure_print_setup()
	ensure_inbox_field()
	ensure_user_names()
	ensure_list_columns()
	list_sort_indexes.execute()  # issue 13; on a site that migrates, its patch adds them
	report_indexes.execute()  # issue 13: the Script Reports' covering indexes, likewise


def after_migrate():
	ensure_roles()
	ensure_settings_defaults()
	ensure_workflow_fields()
	ensure_workflows()
	ensure_shipped_records()
	ensure_print_setup()
	ensure_inbox_field()


def ensure_workflow_fields():
	"""Before the workflows and their Assignment Rules: the procedure-step key of each state and
	transition (services/workflow/steps.py), and the rule's department people (services/workflow/routing.py)."""
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	from antara_sales.services.workflow.routing import MANAGER, PEOPLE_FIELD, VERIFIERS
	from antara_sales.services.workflow.steps import KEY_FIELD

	field = {
		"fieldname": KEY_FIELD,
		"fieldtype": "Data",
		"label": "Procedure Step",
		"in_list_view": 1,
		"columns": 1,
		"description": "The step of P/SMM/KOM/001 this row is; the app finds it by this key. Keep it when you "
		"rename; leave it empty on a step you add.",
	}
	create_custom_fields(
		{
			"Workflow Document State": [{**field, "insert_after": "state"}],
			"Workflow Transition": [{**field, "insert_after": "action"}],
			"Assignment Rule": [
				{
					"fieldname": PEOPLE_FIELD,
					"fieldtype": "Select",
					"label": "Department's People",
					"options": "\n".join(("", VERIFIERS, MANAGER)),
					"insert_after": "rule",
					"description": "On ANTARA's documents: assign every verifier the department's Manager "
					"assigned (6.5), or the department's Manager, instead of the users or field above.",
				}
			],
		},
		update=True,
	)


def ensure_inbox_field():
	"""The approvers' inbox shows what each entry is about and the action each person will take
	(services/workflow/inbox.py)."""
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	from antara_sales.services.workflow.inbox import NEXT_ACTION_FIELD, TITLE_FIELD, WORKFLOW_ACTION

	create_custom_fields(
		{
			WORKFLOW_ACTION: [
				{
					# Shown with the reference in the list (public/js/workflow_action_list.js).
					"fieldname": TITLE_FIELD,
					"fieldtype": "Data",
					"label": "Regarding",
					"insert_after": "reference_name",
					"read_only": 1,
				},
				{
					"fieldname": NEXT_ACTION_FIELD,
					"fieldtype": "Data",
					"label": "Next Action",
					"insert_after": "workflow_state",
					"read_only": 1,
					"in_list_view": 1,
				},
			]
		},
		update=True,
	)
	# The state the document waits in, beside the action (Frappe hides it).
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	for prop, value in (("hidden", 0), ("in_list_view", 1), ("label", "Waiting In")):
		make_property_setter(
			WORKFLOW_ACTION,
			"workflow_state",
			prop,
			value,
			"Data" if prop == "label" else "Check",
			validate_fields_for_doctype=False,
		)
	# An approver sees only open entries (Frappe's permission query), so the status column read
	# "Open" on every row and cut the columns that differ.
	make_property_setter(
		WORKFLOW_ACTION, "status", "in_list_view", 0, "Check", validate_fields_for_doctype=False
	)


def ensure_user_names():
	"""Link fields to a User (the AE, the verifier, Assigned To) show the person's name, not the login
	email: Frappe's own Customize Form setting "Show Title in Link Fields" on User. Set at install
	and by a patch (patches/show_user_names.py), not on every migrate: an admin may unset it."""
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	make_property_setter(
		"User",
		None,
		"show_title_field_in_link",
		1,
		"Check",
		for_doctype=True,
		validate_fields_for_doctype=False,
	)


# The lists people work from: the app's, and the approvers' inbox (services/workflow/inbox.py).
LIST_COLUMNS = "6"


def ensure_list_columns():
	"""A 1366-pixel laptop shows a list's columns as a 1440-pixel screen does. Frappe keeps 4
	columns up to 1366 pixels (list_view.js, total_fields), its subject, tags and indicator among
	them, so the invoice list showed the due date and not the amount. Frappe's own List View
	Settings (the list's List Settings, which an admin can change) hold 6 for each list; made where
	missing, at install and by a patch (patches/list_columns.py), so an admin's own stay."""
	from antara_sales.services.workflow.inbox import WORKFLOW_ACTION

	doctypes = frappe.get_all(
		"DocType",
		filters={"module": ("in", frappe.get_module_list("antara_sales")), "istable": 0, "issingle": 0},
		pluck="name",
	)
	for doctype in [*doctypes, WORKFLOW_ACTION]:
		if frappe.db.exists("List View Settings", doctype):
			continue
		settings = frappe.new_doc("List View Settings")
		settings.name = doctype  # as Frappe's list settings dialog names it (save_listview_settings)
		settings.total_fields = LIST_COLUMNS
		settings.insert(ignore_permissions=True)


def ensure_print_setup():
	"""The ANTARA Letter Head the controlled forms print under (issue 6)."""
	from antara_sales.setup.print_setup import ensure_print_setup as ensure

	ensure()


def ensure_workflows():
	"""After the roles: workflow transitions link to them."""
	from antara_sales.setup.shipped_records import sync_all

	sync_all(("Workflow",))


def ensure_shipped_records():
	"""After the workflows: the Email Templates, then the Assignment Rules, whose conditions name
	workflow states (setup/shipped_records.py keeps what an admin edited)."""
	from antara_sales.setup.shipped_records import sync_all

	sync_all(("Email Template", "Assignment Rule", "ANTARA Buyer Category"))


def ensure_roles():
	for role_name, desk_access in ROLE_DESK_ACCESS.items():
		if frappe.db.exists("Role", role_name):
			continue
		frappe.get_doc({"doctype": "Role", "role_name": role_name, "desk_access": desk_access}).insert(
			ignore_permissions=True
		)


def ensure_settings_defaults():
	"""Give unset settings their field defaults (a Single has no row until it is first saved)."""
	settings = frappe.get_single(SETTINGS)
	changed = False
	for df in settings.meta.fields:
		if df.default and settings.get(df.fieldname) in (None, ""):
			settings.set(df.fieldname, df.default)
			changed = True
	if not settings.ppn_rules:
		from antara_sales.services.common.tax_rules import SHIPPED_PPN_RULES

		for rule in SHIPPED_PPN_RULES:
			settings.append("ppn_rules", rule)
		changed = True
	if changed:
		settings.flags.ignore_permissions = True
		settings.save()


def ensure_currency():
	"""Money is in rupiah: IDR is the default currency unless the site already chose one."""
	if frappe.db.exists("Currency", "IDR") and not frappe.db.get_default("currency"):
		frappe.db.set_default("currency", "IDR")
		frappe.db.set_value("Currency", "IDR", "enabled", 1)


def before_uninstall():
	"""Roles are shared records: remove ours only where no user still holds them."""
	for role_name in roles.ALL:
		if frappe.db.exists("Role", role_name) and not frappe.db.exists(
			"Has Role", {"role": role_name, "parenttype": "User"}
		):
			frappe.delete_doc("Role", role_name, ignore_permissions=True, force=True)
