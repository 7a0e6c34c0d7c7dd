"""The prospect fills in F/KOM/003 online (6.3, 6.4; 6.5.3.1 reopens it).

6.3: the department sends the Subscription Form / Media Order to the prospective customer, who fills
it in and sends it back. Online, the AE sends an invitation from a Draft Media Order: an email (the
Email Template ANTARA Undangan Formulir Pesanan, which admins edit) with a personal link to the
guest page /formulir-pesanan. The page shows and edits that order only (www/formulir-pesanan.py,
services/ordering/portal_form.py fills the order through the desk's own services).

The link is a guest's only credential, made as every guest link is (issue 14,
services/common/guest_links.py): a token of 256 random bits, stored only as its SHA-256,
looked up by the hash and compared in constant time, expiring after the days the settings give,
revocable, one invitation per order (a unique column: sending again replaces the token, so the old
link dies), and every check of a token rate-limited per address. After submission the page is
read-only, until a verifier asks for clarification (6.5.3.1): then the same link opens the form
again for the prospect to correct it."""

import frappe
from frappe import _
from frappe.utils import cint, now_datetime, strip_html

from antara_sales.doctypes import MEDIA_ORDER
from antara_sales.doctypes import ORDER_INVITATION as INVITATION
from antara_sales.services.common import guest_links, notify
from antara_sales.services.common.settings import get_settings
from antara_sales.services.workflow import steps

PAGE_ROUTE = "formulir-pesanan"
DEFAULT_VALID_DAYS = 14  # until ANTARA Sales Settings has "Order Invitation Valid for (Days)"
# Checks of a token per address (IP): a prospect opens the page, saves a few times and submits; a
# guesser is stopped long before 256 bits could matter.
CHECKS_PER_WINDOW, WINDOW_SECONDS = 60, 60 * 60
SENDABLE_STEPS = ("draft", "clarification")  # the order is still the customer's to fill in (6.3, 6.5.3.1)

SENT, OPENED, SUBMITTED, REVOKED, EXPIRED = "Sent", "Opened", "Submitted", "Revoked", "Expired"


token_hash = guest_links.token_hash  # the token's mechanics: services/common/guest_links.py


def valid_days() -> int:
	return cint(get_settings().get("order_invitation_valid_days")) or DEFAULT_VALID_DAYS


def form_link(token: str) -> str:
	return guest_links.link(PAGE_ROUTE, token)


def check_made_by_service(doc):
	"""The controller's one check: an invitation is made by send(), which alone knows the token."""
	if not doc.token_hash:
		frappe.throw(
			_("Send the invitation from the Media Order (Send Online Form): it makes the link."),
			title=_("Order Invitation"),
		)


# ------------------------------------------------------------------ the AE's side (desk)


def editable_order(media_order: str):
	"""The order, if the current user may edit it (its own row-level scope and the workflow's)."""
	if not isinstance(media_order, str) or not frappe.db.exists(MEDIA_ORDER, media_order):
		frappe.throw(_("{0} {1} not found").format(_(MEDIA_ORDER), media_order), frappe.DoesNotExistError)
	order = frappe.get_doc(MEDIA_ORDER, media_order)
	order.check_permission("write")
	return order


def send(media_order: str) -> frappe._dict:
	"""Email the prospect a new link to fill in the Draft Media Order (6.3). Returns the invitation's
	name, where the mail went, and (only when no mail could be queued) the link to pass on."""
	order = editable_order(media_order)
	frappe.has_permission(INVITATION, "create", throw=True)
	if not steps.is_at(order, *SENDABLE_STEPS):
		frappe.throw(
			_("{0} is {1}: only a Draft Media Order is sent to the customer to fill in (6.3).").format(
				order.name, _(order.status)
			),
			title=_("Order Invitation"),
		)
	if not strip_html(order.administrative_terms or "").strip():
		frappe.throw(
			_("Fill in {0} first: the customer reads and agrees to them on the form (6.4).").format(
				frappe.bold(_("Administrative Terms"))
			),
			title=_("Order Invitation"),
		)
	return guest_links.send(
		INVITATION,
		{"media_order": order.name},
		order,
		{"status": SENT, "submitted_on": None},
		email_field="email",
		template=notify.ORDER_INVITATION,
		link_of=form_link,
		days=valid_days(),
		title=_("Order Invitation"),
	)


def revoke(media_order: str) -> str:
	"""The link stops working at once (the AE sent it to the wrong address, or the sale is off)."""
	order = editable_order(media_order)
	name = frappe.db.get_value(INVITATION, {"media_order": order.name})
	if not name:
		frappe.throw(_("{0} has no online form invitation.").format(order.name), frappe.DoesNotExistError)
	frappe.db.set_value(INVITATION, name, {"status": REVOKED, "revoked_on": now_datetime()})
	return name


def expire_stale() -> int:
	return guest_links.expire_stale(INVITATION, (SENT, OPENED), EXPIRED)


# ------------------------------------------------------------------ the prospect's side (guest)


def refuse(message: str):
	frappe.throw(message, frappe.PermissionError, title=_("Online Form Link"))


INVITATION_FIELDS = ("name", "status", "expires_on", "media_order", "email", "opened_on")


@guest_links.checked(limit=CHECKS_PER_WINDOW, seconds=WINDOW_SECONDS)
def resolve(token) -> frappe._dict:
	"""The invitation of a link's token, with `editable` (may the prospect still change the form),
	or a refusal the prospect understands. Every guest path that reads a token comes through here,
	so each check counts against the caller's address (rate_limit: a no-op outside a web request)."""
	if not guest_links.clean(token):
		refuse(_("Please open this form from the link in our email."))
	invitation = guest_links.find(INVITATION, token, INVITATION_FIELDS)
	if not invitation:
		refuse(_("This link is not valid. Please use the link in our email."))
	if invitation.status == REVOKED:
		refuse(_("This link has been withdrawn. Please ask your ANTARA account executive for a new one."))
	if invitation.status == EXPIRED or guest_links.has_expired(invitation.expires_on):
		refuse(_("This link has expired. Please ask your ANTARA account executive for a new one."))
	invitation.editable = is_editable(invitation.status, invitation.media_order)
	return invitation


def is_editable(status: str, media_order: str) -> bool:
	"""May the prospect still change the order? A Draft until they submit it; read-only after,
	unless the verifier sent the order back for clarification (6.5.3.1)."""
	at = steps.key_of(MEDIA_ORDER, frappe.db.get_value(MEDIA_ORDER, media_order, "status"))
	return (at == "draft" and status != SUBMITTED) or at == "clarification"


def check_same_order(invitation, *names):
	"""Another order's name beside the token (in the address or the form) is refused, not ignored:
	the link shows its own order and nothing else of the site."""
	for name in names:
		if name not in (None, "") and name != invitation.media_order:
			refuse(_("This link is for one order only."))


def mark_opened(invitation):
	values = {"last_ip": request_ip()}
	if invitation.status == SENT:
		values.update(status=OPENED, opened_on=now_datetime())
	frappe.db.set_value(INVITATION, invitation.name, values, update_modified=False)


request_ip = guest_links.request_ip
