"""The online F/KOM/003 (6.3, 6.4): the AE sends and revokes the prospect's link (desk, permission
checked on the order), and the guest page saves and submits the form (the link's token is the only
credential; services/ordering/invitation.py checks it, rate-limited)."""

import frappe
from frappe.utils import cint

from antara_sales.services.ordering import invitation, media_order, portal_form


@frappe.whitelist(methods=["POST"])
def send_invitation(media_order: str) -> dict:
	"""6.3: email the prospect a personal link to fill in this Draft Media Order."""
	return invitation.send(media_order)


@frappe.whitelist(methods=["POST"])
def revoke_invitation(media_order: str) -> str:
	return invitation.revoke(media_order)


@frappe.whitelist(methods=["POST"])
def update_customer_from_order(media_order_name: str, apply: int = 0) -> list[dict]:
	"""The customer's data the order holds and the customer record does not; with `apply`, taken
	into the record (the AE confirms what the prospect filled in online)."""
	return media_order.customer_updates(media_order_name, apply=bool(cint(apply)))


@frappe.whitelist(allow_guest=True, methods=["POST"])
def save_form(token: str, data: str, submit: int = 0, media_order: str | None = None) -> dict:
	"""The guest page's Save (come back later) and Submit. `media_order`, if sent, must be the
	link's own order: another order's name is refused."""
	found = invitation.resolve(token)
	invitation.check_same_order(found, media_order, frappe.form_dict.get("name"))
	return portal_form.save(found, data, submit=bool(cint(submit)))
