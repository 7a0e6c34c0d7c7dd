"""Records the app ships as JSON, one file each, that admins may edit in the desk (issue 12):
- Workflow:        antara_sales/antara_sales/workflow/*.json (the state machines, 6.3-6.8);
- Email Template:  antara_sales/antara_sales/email_template/*.json (the letters and notices);
- Assignment Rule: antara_sales/antara_sales/assignment_rule/*.json (who gets the work);
- ANTARA Buyer Category: antara_sales/antara_sales/buyer_category/*.json (buyers for PPN and PPh 23).

None of these has a module, so Frappe's migrate does not sync them, and fixtures would overwrite
an admin's edits. after_install and after_migrate (setup/install.py) call sync_all instead: a
missing record is installed, one still as the app installed it is updated, a customised one is
kept and logged; domain/shipped_sync.py decides. What the app installed last is remembered per
record as a site default."""

import json
from pathlib import Path

import frappe

from antara_sales.domain import shipped_sync
from antara_sales.setup import workflows

MODULE_DIR = Path(__file__).resolve().parent.parent / "antara_sales"
FOLDERS = {
	"Workflow": "workflow",
	"Email Template": "email_template",
	"Assignment Rule": "assignment_rule",
	"ANTARA Buyer Category": "buyer_category",
}
# Workflows after the roles (their transitions link to them); Assignment Rules after the
# workflows (their conditions name workflow states).
ORDER = ("Workflow", "Email Template", "Assignment Rule", "ANTARA Buyer Category")
INSTALLED_KEY = "antara_sales_shipped:{0}:{1}"
LEGACY_KEYS = {"Workflow": "antara_sales_workflow_fingerprint:{0}"}  # before issue 12


def definitions(doctype: str) -> list[dict]:
	"""The shipped JSON of `doctype`, in file order; a folder not there ships nothing."""
	folder = MODULE_DIR / FOLDERS[doctype]
	found = []
	for path in sorted(folder.glob("*.json")):
		definition = json.loads(path.read_text(encoding="utf-8"))
		if definition.get("doctype") != doctype:
			frappe.throw(f"{path}: expected a {doctype}, found {definition.get('doctype')!r}")
		found.append(definition)
	return found


def definition(doctype: str, name: str) -> dict | None:
	return next((d for d in definitions(doctype) if d["name"] == name), None)


def sync_all(doctypes=ORDER) -> dict[tuple[str, str], str]:
	"""Install or update every shipped record of `doctypes`; returns each one's decision."""
	decisions = {}
	for doctype in doctypes:
		for shipped in definitions(doctype):
			decisions[(doctype, shipped["name"])] = sync(shipped)
	return decisions


def sync(shipped: dict) -> str:
	doctype, name = shipped["doctype"], shipped["name"]
	spec = shipped_sync.SPECS[doctype]
	shipped_print = shipped_sync.fingerprint(shipped, spec)
	record = on_site(doctype, name)
	site_print = shipped_sync.fingerprint(record, spec) if record else None
	last = last_installed(shipped, record, shipped_print, site_print)
	decision = shipped_sync.decide(shipped_print, site_print, last)
	if decision == shipped_sync.INSTALL:
		install(shipped)
	elif decision == shipped_sync.KEEP_CUSTOMISED:
		log_customised(doctype, name)
	elif site_print == shipped_print:
		remember(doctype, name, shipped_sync.Installed(shipped_print, site_print))
	elif last:
		remember(doctype, name, last)  # carries a legacy fingerprint over
	if doctype == "Workflow":
		workflows.fill_state_messages(shipped)
	return decision


def reset(name: str, doctype: str | None = None):
	"""Replace a site's record with the shipped one (discards customisations):
	`bench --site SITE execute antara_sales.setup.shipped_records.reset --args "['NAME']"`."""
	for candidate in (doctype,) if doctype else ORDER:
		shipped = definition(candidate, name)
		if shipped:
			install(shipped)
			return
	frappe.throw(f"antara_sales ships no {doctype or 'record'} named {name!r}")


def install(shipped: dict):
	"""Create or update the record from its JSON (child tables replaced), and remember it."""
	doctype, name = shipped["doctype"], shipped["name"]
	prepare(shipped)
	values = {k: v for k, v in shipped.items() if not k.startswith("_")}
	if frappe.db.exists(doctype, name):
		doc = frappe.get_doc(doctype, name)
		doc.update(values)
		doc.save(ignore_permissions=True)
	else:
		frappe.get_doc(values).insert(ignore_permissions=True)
	spec = shipped_sync.SPECS[doctype]
	landed = shipped_sync.fingerprint(on_site(doctype, name), spec)
	remember(doctype, name, shipped_sync.Installed(shipped_sync.fingerprint(shipped, spec), landed))


def prepare(shipped: dict):
	"""What a record links to and must exist first."""
	if shipped["doctype"] == "Workflow":
		workflows.ensure_masters(shipped)


def on_site(doctype: str, name: str) -> dict | None:
	if not frappe.db.exists(doctype, name):
		return None
	return frappe.get_doc(doctype, name).as_dict()


# What the app installed last (site defaults).


def last_installed(shipped: dict, record, shipped_print: str, site_print) -> shipped_sync.Installed | None:
	doctype, name = shipped["doctype"], shipped["name"]
	stored = frappe.db.get_default(INSTALLED_KEY.format(doctype, name))
	if stored:
		return shipped_sync.Installed(*json.loads(stored))
	legacy_key = LEGACY_KEYS.get(doctype)
	legacy = legacy_key and frappe.db.get_default(legacy_key.format(name))
	if not legacy or not record:
		return None
	return shipped_sync.from_legacy(
		legacy,
		legacy_shipped=shipped_sync.legacy_fingerprint(shipped),
		legacy_on_site=shipped_sync.legacy_fingerprint(record),
		shipped=shipped_print,
		on_site=site_print,
	)


def remember(doctype: str, name: str, installed: shipped_sync.Installed):
	key, value = INSTALLED_KEY.format(doctype, name), json.dumps(list(installed))
	if frappe.db.get_default(key) != value:
		frappe.db.set_default(key, value)
	legacy_key = LEGACY_KEYS.get(doctype)
	if legacy_key and frappe.db.get_default(legacy_key.format(name)):
		frappe.defaults.clear_default(legacy_key.format(name), parent="__default")


def log_customised(doctype: str, name: str):
	frappe.log_error(
		title=f"{doctype} {name}: customised copy kept",
		message=(
			f"antara_sales ships a new version of the {doctype} {name}, but this site's copy was "
			f"customised, so it was kept. Merge the change by hand in the {doctype} form, or run "
			f"`bench --site SITE execute antara_sales.setup.shipped_records.reset --args \"['{name}']\"` "
			"to take the shipped one."
		),
	)
