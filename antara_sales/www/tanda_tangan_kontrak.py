"""The customer signs the cooperation contract online (6.7; issue 15).

A www page, as the online F/KOM/003 is (www/formulir_pesanan.py): it opens from a token alone (the
contract's name is never the key), shows the contract as both its copies print, and takes a drawn
signature without a desk account; Confirm goes to antara_sales.api.signing.sign_contract, which
records it through the desk's own workflow step (services/contracting/online_signing.py).
Indonesian first; `?_lang=en` for English."""

import frappe
from frappe import _
from frappe.utils import format_date, format_datetime
from frappe.utils.html_utils import sanitize_html

from antara_sales.services.contracting import online_signing
from antara_sales.services.contracting import signing_invitation as invitations

no_cache = 1
sitemap = 0


def get_context(context):
	set_language()
	context.no_breadcrumbs = 1
	context.show_sidebar = 0
	context.title = _("Sign the Cooperation Contract")
	context.token = frappe.form_dict.get("token") or ""
	context.lang = frappe.local.lang
	try:
		found = invitations.resolve(context.token)
		invitations.check_same_contract(found, frappe.form_dict.get("name"), frappe.form_dict.get("contract"))
	except frappe.RateLimitExceededError:
		refused(context, _("Too many attempts from your address. Please try again in an hour."), 429)
		return context
	except frappe.PermissionError as e:
		refused(context, str(e), 403)
		return context
	invitations.mark_opened(found)
	frappe.db.commit()  # a GET is not committed by Frappe: the AE sees that the link was opened
	context.update(online_signing.page_context(found))
	contract = context.contract
	context.terms_html = sanitize_html(contract.administrative_terms or "")
	context.signed_text = (
		format_datetime(contract.customer_signing_time, "dd-MM-yyyy HH:mm")
		if contract.customer_signing_time
		else format_date(contract.customer_signed_on)
	)
	return context


def refused(context, message: str, status: int):
	frappe.clear_messages()
	context.refusal = message
	context.http_status_code = status


def set_language():
	"""Indonesian unless the customer chose otherwise (the page's switch sends `_lang`)."""
	if not (frappe.form_dict.get("_lang") or frappe.request.cookies.get("preferred_language")):
		frappe.local.lang = "id"
