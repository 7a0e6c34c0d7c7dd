"""The prospect's online Subscription Form / Media Order, F/KOM/003 (6.3, 6.4; 6.5.3.1).

A www page rather than a Web Form: a Web Form edits one DocType's fields as they are and finds the
record by its name in the address; this page opens from a token alone (the order's name is never
the key), shows the department's catalogue beside the order's lines, takes a drawn signature and
uploads without a desk account, and saves through the desk's own services
(services/ordering/portal_form.py). Indonesian first; `?_lang=en` for English."""

import frappe
from frappe import _
from frappe.utils import format_datetime
from frappe.utils.html_utils import sanitize_html

from antara_sales.services.ordering import invitation as invitations
from antara_sales.services.ordering import portal_form

no_cache = 1
sitemap = 0


def get_context(context):
	set_language()
	context.no_breadcrumbs = 1
	context.show_sidebar = 0
	context.title = _("Subscription Form / Media Order")
	context.token = frappe.form_dict.get("token") or ""
	context.lang = frappe.local.lang
	try:
		found = invitations.resolve(context.token)
		invitations.check_same_order(found, frappe.form_dict.get("name"), frappe.form_dict.get("media_order"))
	except frappe.RateLimitExceededError:
		refused(context, _("Too many attempts from your address. Please try again in an hour."), 429)
		return context
	except frappe.PermissionError as e:
		refused(context, str(e), 403)
		return context
	invitations.mark_opened(found)
	frappe.db.commit()  # a GET is not committed by Frappe: the AE sees that the link was opened
	context.update(portal_form.page_context(found))
	context.terms_html = sanitize_html(context.order.administrative_terms or "")
	context.lines = {row.product: row for row in context.order.items}
	submitted_on = frappe.db.get_value(invitations.INVITATION, found.name, "submitted_on")
	context.submitted_on_text = format_datetime(submitted_on, "dd-MM-yyyy HH:mm") if submitted_on else "-"
	return context


def refused(context, message: str, status: int):
	frappe.clear_messages()
	context.refusal = message
	context.http_status_code = status


def set_language():
	"""Indonesian unless the prospect chose otherwise (the page's switch sends `_lang`)."""
	if not (frappe.form_dict.get("_lang") or frappe.request.cookies.get("preferred_language")):
		frappe.local.lang = "id"
