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

from antara_sales.services.common import guest_pages
from antara_sales.services.contracting import online_signing
from antara_sales.services.contracting import signing_invitation as invitations

no_cache = 1
sitemap = 0


def get_context(context):
	guest_pages.start(context)
	context.title = _("Sign the Cooperation Contract")
	found = guest_pages.open_link(
		context, invitations.resolve, invitations.check_same_contract, "name", "contract"
	)
	if not found:
		return context
	invitations.mark_opened(found)
	frappe.db.commit()  # a GET is not committed by Frappe: the AE sees that the link was opened
	context.update(online_signing.page_context(found))
	contract = context.contract
	context.today_text = format_date(context.today, "d MMMM yyyy")  # 5 Desember 2026, in the page's language
	context.terms_html = sanitize_html(contract.administrative_terms or "")
	context.signed_text = (
		format_datetime(contract.customer_signing_time, "dd-MM-yyyy HH:mm")
		if contract.customer_signing_time
		else format_date(contract.customer_signed_on)
	)
	return context
