"""What the guest pages share (www/formulir-pesanan, tanda-tangan-kontrak and verify-contract;
issue 15): Indonesian first, English by the page's own switch, no desk chrome, and a link that is
refused shown as a page with its HTTP status (403, or 429 for an address that checked too many),
never a traceback. The pages' common look is templates/guest_page.html."""

import json

import frappe
from frappe import _
from frappe.utils import escape_html


def start(context):
	"""Indonesian unless the guest chose otherwise (the page's switch sends `_lang`)."""
	if not (frappe.form_dict.get("_lang") or frappe.request.cookies.get("preferred_language")):
		frappe.local.lang = "id"
	context.no_breadcrumbs = 1
	context.show_sidebar = 0
	context.lang = frappe.local.lang
	context.query = {}  # what the language switch keeps of the address (templates/guest_page.html)


def open_link(context, resolve, check_same, *fields):
	"""The record behind the address's token (resolve), checked against any other record's name the
	address carries in `fields` (check_same); or None, with the refusal set on the page."""
	context.token = frappe.form_dict.get("token") or ""
	context.query = {"token": context.token}
	try:
		found = resolve(context.token)
		check_same(found, *(frappe.form_dict.get(field) for field in fields))
	except frappe.RateLimitExceededError:
		refuse(context, _("Too many attempts from your address. Please try again in an hour."), 429)
		return None
	except frappe.PermissionError as e:
		refuse(context, str(e), 403)
		return None
	return found


def refuse(context, message: str, status: int):
	frappe.clear_messages()
	context.refusal = message
	context.http_status_code = status


def invalid(message: str):
	frappe.throw(message, frappe.ValidationError, title=_("Please check the form"))


def answers(data, accepted) -> dict:
	"""What a page sent (a JSON object), holding only the fields it may send: anything else is
	refused, never ignored."""
	if isinstance(data, str):
		try:
			data = json.loads(data)
		except ValueError:
			data = None
	if not isinstance(data, dict):
		invalid(_("The form's answers could not be read. Please reload the page and try again."))
	unknown = sorted(str(k) for k in data if k not in accepted)
	if unknown:
		invalid(_("The form cannot change: {0}.").format(", ".join(escape_html(k) for k in unknown)))
	return data
