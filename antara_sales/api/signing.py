"""The customer signs the contract online (6.7; issue 15): the AE sends and withdraws the signing
link (desk, permission checked on the contract), and the guest page confirms the signature (the
link's token is the only credential; services/contracting/signing_invitation.py checks it,
rate-limited)."""

import frappe

from antara_sales.services.contracting import online_signing, signing_invitation


@frappe.whitelist(methods=["POST"])
def send_signing_link(contract: str) -> dict:
	"""6.7: email the customer a personal link to sign this contract, once the GM has signed."""
	return signing_invitation.send(contract)


@frappe.whitelist(methods=["POST"])
def revoke_signing_link(contract: str) -> str:
	return signing_invitation.revoke(contract)


@frappe.whitelist(allow_guest=True, methods=["POST"])
def sign_contract(token: str, data: str, contract: str | None = None) -> dict:
	"""The guest page's Confirm. `contract`, if sent, must be the link's own contract: another
	contract's name is refused."""
	found = signing_invitation.resolve(token)
	signing_invitation.check_same_contract(found, contract, frappe.form_dict.get("name"))
	return online_signing.sign(found, data)
