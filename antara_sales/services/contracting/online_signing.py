"""The customer's signature on the guest page /tanda-tangan-kontrak (6.7; issue 15).

What the page may send is a closed list (the signatory's name and title, the date, the drawn
signature, the administrative terms agreed); anything else in the request is refused, never
ignored. The signature lands as the desk's Record Customer Signature lands it: the contract is saved
and the workflow action taken through Frappe's apply_workflow, as the AE who sent the link (the
workflow lets the AE edit the contract at this step and take the action), so every guard of the
desk runs: the workflow guard, the signing order and the stamp duty (contract.check_signed), the
date not after today (dates.check_not_after_today). A refusal raises, and the request rolls back:
nothing is half-saved."""

import base64
import binascii
import datetime
import json
import re

import frappe
from frappe import _
from frappe.utils import cint, escape_html, now_datetime, today

from antara_sales.doctypes import CONTRACT
from antara_sales.services.common import attachments, guest_links, guest_pages, request_guard
from antara_sales.services.contracting import signing_invitation as invitations
from antara_sales.services.printing.print_forms import CONTRACT_ARCHIVE_COPY, CONTRACT_CUSTOMER_COPY
from antara_sales.services.workflow import steps, workflow_guard

ACCEPTED = ("signatory_name", "signatory_title", "signed_on", "signature", "terms_agreed")
FIELDS = {  # the page's answer -> the contract's field
	"signatory_name": "customer_signatory_name",
	"signatory_title": "customer_signatory_title",
	"signed_on": "customer_signed_on",
	"signature": "customer_signature",
}
SIGNATURE_PREFIX = "data:image/png;base64,"
MAX_SIGNATURE_BYTES = 512 * 1024  # a drawn signature is a few tens of kilobytes
MAX_NAME_CHARS = 140
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)
ACTION_BAR = re.compile(r'<div class="action-banner print-hide">.*?</div>', re.DOTALL)
COPIES = (CONTRACT_CUSTOMER_COPY, CONTRACT_ARCHIVE_COPY)  # 6.7: the customer's and the archive's


invalid = guest_pages.invalid


# ------------------------------------------------------------------ what the page shows


def page_context(invitation) -> dict:
	contract = frappe.get_doc(CONTRACT, invitation.contract)
	return {
		"invitation": invitation,
		"contract": contract,
		"signable": invitation.signable,
		"copies": printed_copies(contract, invitation.sent_by) if invitation.signable else [],
		"today": today(),
	}


def printed_copies(contract, user: str) -> list[dict]:
	"""Both copies as they print (services/printing/print_forms.py), rendered by Frappe's printview
	in the name of the AE who sent the link (a guest may print nothing); the page shows each in a
	sandboxed frame, its HTML escaped into the frame's srcdoc."""
	copies = []
	with guest_links.as_user(user):
		for print_format in COPIES:
			html = frappe.get_print(CONTRACT, contract.name, print_format, doc=contract)
			# The printview page's scripts (which the sandbox would block) and its Print / Get PDF
			# bar (links into the desk's print, which a guest may not open) are left out.
			html = ACTION_BAR.sub("", SCRIPT.sub("", html), count=1)
			copies.append({"title": _(print_format), "html": html})
	return copies


# ------------------------------------------------------------------ what the page sends


def sign(invitation, data) -> dict:
	"""Record the customer's signature on the invitation's contract (6.7)."""
	# One request at a time per link: the row stays locked to the end of the request, and the
	# state is read again under the lock (a second Confirm sent at once finds the first one's).
	status = frappe.db.get_value(invitations.INVITATION, invitation.name, "status", for_update=True)
	contract = frappe.get_doc(CONTRACT, invitation.contract)
	if status == invitations.SIGNED or not invitations.awaiting_customer(contract):
		invitations.refuse(_("This contract has been signed already and can no longer be changed."))
	answers = parsed_answers(data)
	values = {FIELDS[k]: v for k, v in answers.items() if k in FIELDS}
	request_guard.check_document(contract.meta, values, _("Contract Signature"))
	values.update(
		customer_signed_online=1,
		customer_signing_ip=guest_links.request_ip(),
		customer_signing_time=now_datetime(),
	)
	frappe.flags.online_signature_of = contract.name  # contract.check_online_signature lets it in
	try:
		contract = record_as_the_ae(invitation, contract, values)
	finally:
		frappe.flags.online_signature_of = None
	invitations.after_signing(invitation, contract)
	return {"status": "signed", "contract": contract.name}


def record_as_the_ae(invitation, contract, values):
	with guest_links.as_user(invitation.sent_by):
		contract.update(values)
		contract.save()  # as the AE saves it in the desk, before the action
		contract.add_comment(
			"Info",
			_("Signed online by the customer: {0}, {1} (link sent to {2}; from {3}).").format(
				escape_html(values["customer_signatory_name"]),
				escape_html(values["customer_signatory_title"]),
				escape_html(invitation.sent_to),
				guest_links.request_ip() or "-",
			),
		)
		return workflow_guard.apply(contract, steps.action(CONTRACT, "sign_customer"))


def parsed_answers(data) -> dict:
	data = guest_pages.answers(data, ACCEPTED)
	agreed = data.get("terms_agreed")
	if not (isinstance(agreed, int | str) and cint(agreed)):
		invalid(_("Please read the administrative terms and tick that you agree to them."))
	return {
		"signatory_name": plain_text(data.get("signatory_name"), _("Name")),
		"signatory_title": plain_text(data.get("signatory_title"), _("Title (Jabatan)")),
		"signed_on": signing_date(data.get("signed_on")),
		"signature": drawn_signature(data.get("signature")),
	}


def plain_text(value, label: str) -> str:
	"""A name or a title as typed: required, one line, no markup."""
	text = value.strip() if isinstance(value, str) else ""
	if not text:
		invalid(_("Please fill in {0}.").format(label))
	if len(text) > MAX_NAME_CHARS:
		invalid(_("{0} can be at most {1} characters.").format(label, MAX_NAME_CHARS))
	if any(c in text for c in '<>"`') or any(ord(c) < 32 for c in text):
		invalid(_("{0} can hold letters, digits and punctuation only, on one line.").format(label))
	return text


def signing_date(value) -> str:
	"""The date the customer signs: today unless the page sends an earlier one; a later date, or the
	GM's date not yet reached, is refused by the contract's own guards (dates, signing order)."""
	if value in (None, ""):
		return today()
	if isinstance(value, str) and DATE.fullmatch(value):
		try:
			return datetime.date.fromisoformat(value).isoformat()
		except ValueError:
			pass
	invalid(_("{0} must be a date in the form YYYY-MM-DD.").format(_("Date")))


def drawn_signature(value) -> str:
	"""The signature drawn on the page: a PNG data URL (what the desk's Signature field stores),
	checked by size and content, not by what it says it is."""
	if not isinstance(value, str) or not value.startswith(SIGNATURE_PREFIX):
		invalid(_("Please draw your signature in the box."))
	encoded = value[len(SIGNATURE_PREFIX) :]
	if len(encoded) > MAX_SIGNATURE_BYTES * 4 // 3 + 4:
		invalid(_("The signature is too large. Please clear it and draw it again."))
	try:
		content = base64.b64decode(encoded, validate=True)
	except (binascii.Error, ValueError):
		invalid(_("The signature could not be read. Please clear it and draw it again."))
	if attachments.image_kind(content[:16]) != "PNG" or len(content) < 67:
		invalid(_("The signature could not be read. Please clear it and draw it again."))
	return value
