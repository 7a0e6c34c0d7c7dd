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

from antara_sales.services.common import guest_pages
from antara_sales.services.ordering import invitation as invitations
from antara_sales.services.ordering import portal_form

no_cache = 1
sitemap = 0


def get_context(context):
	guest_pages.start(context)
	context.title = _("Subscription Form / Media Order")
	found = guest_pages.open_link(
		context, invitations.resolve, invitations.check_same_order, "name", "media_order"
	)
	if not found:
		return context
	invitations.mark_opened(found)
	frappe.db.commit()  # a GET is not committed by Frappe: the AE sees that the link was opened
	context.update(portal_form.page_context(found))
	context.terms_html = sanitize_html(context.order.administrative_terms or "")
	context.lines = {row.product: row for row in context.order.items}
	submitted_on = frappe.db.get_value(invitations.INVITATION, found.name, "submitted_on")
	context.submitted_on_text = format_datetime(submitted_on, "dd-MM-yyyy HH:mm") if submitted_on else "-"
	return context
