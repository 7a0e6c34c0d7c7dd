"""The names behind the links a save filled in, sent with the response of that save.

Frappe sends link titles (a user's full name for their login, a customer's name for its ID) with a
form it loads (frappe.desk.form.load.getdoc) but not with a form it saves or moves through the
workflow (savedocs, apply_workflow). A link the server filled in on save (the weekly meeting's chair
and supervisor, a verification round's verifier, who submitted or acknowledged) showed as the raw ID,
a login email, until the form was reloaded. Frappe's own `set_link_titles` adds them to the
response, which the desk caches before it draws the saved form."""

import frappe
from frappe.desk.form.load import set_link_titles

from antara_sales.doctypes import MODULE

# The desk's requests that return the saved form to draw (form_dict.cmd).
FORM_COMMANDS = ("frappe.desk.form.save.savedocs", "frappe.model.workflow.apply_workflow")


def send(doc, method=None):
	"""doc_events on_change (hooks.py): after any save of the form the desk sent, of the app's
	DocTypes. Not in jobs, imports or code paths without a form: no request, or another command."""
	if not getattr(frappe.local, "request", None) or frappe.form_dict.get("cmd") not in FORM_COMMANDS:
		return
	if doc.meta.module != MODULE:
		return
	sent = frappe.parse_json(frappe.form_dict.get("doc") or "{}")
	if isinstance(sent, dict) and sent.get("doctype") == doc.doctype:
		set_link_titles(doc)
