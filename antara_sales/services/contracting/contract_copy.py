"""6.7: "One copy of the contract goes to the customer; the other is kept (archived)." When the
contract is signed (submitted, the customer's signature), the customer's copy is emailed as a
PDF if the customer has an email address.

Hooked as doc_events on_submit of ANTARA Cooperation Contract (hooks.py). The email is a
Communication on the contract (it shows in the contract's timeline: that is the log of the send)
with the print format "Kontrak Kerja Sama Salinan Pelanggan" attached the way the desk's Email
button attaches a print: Frappe's email queue renders the PDF when it sends, after the signing has
committed, so signing never waits for wkhtmltopdf. When nothing can be sent (no address, no
outgoing email account) a comment on the contract says so, and signing goes on. The letter's words
are the Email Template ANTARA Salinan Kontrak Pelanggan (services/common/notify.py), edited in the desk.

A contract signed online (customer_signed_online, issue 15) is emailed by the job that makes its
signed copies (signed_copies.py), with the stored signed PDF attached byte for byte: the file the
customer receives is the one /verify-contract knows."""

import frappe
from frappe import _
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.utils import get_formatted_email

from antara_sales.services.common import notify
from antara_sales.services.printing.print_forms import CONTRACT, CONTRACT_CUSTOMER_COPY

PRINT_LANGUAGE = "id"


def on_contract_signed(contract, method=None):
	"""Paper signing: the customer's copy is emailed as a print rendered at send. Online signing
	(customer_signed_online): the signed copies are made first, once (signed_copies.py), and that
	job emails the customer the stored signed PDF, whose SHA-256 /verify-contract knows."""
	if contract.get("customer_signed_online"):
		from antara_sales.services.contracting import signed_copies

		signed_copies.enqueue(contract.name)
		return
	email_customer_copy(contract)


def customer_email(contract) -> str | None:
	return contract.get("email") or frappe.db.get_value("ANTARA Customer", contract.customer, "email")


def email_customer_copy(contract, signed_file=None, sender: str | None = None) -> str | None:
	"""Queue the customer's copy; returns the Communication's name, or None when not sent.
	`signed_file`: the stored signed PDF (a File) to attach instead of a print rendered at send;
	`sender`: the user it comes from (the background job's own user may be the guest signer)."""
	recipient = customer_email(contract)
	if not recipient:
		note(contract, _("The customer has no email address: the customer's copy was not emailed (6.7)."))
		return None
	if not EmailAccount.find_outgoing(match_by_doctype=CONTRACT):
		note(
			contract,
			_(
				"No outgoing email account is set up: the customer's copy was not emailed to {0} (6.7)."
			).format(recipient),
		)
		return None
	email = letter(contract)
	communication = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": "Email",
			"sent_or_received": "Sent",
			"subject": notify.email_subject(email.subject),
			"content": email.message,
			"sender": sender_of(sender or frappe.session.user),
			"recipients": recipient,
			"reference_doctype": contract.doctype,
			"reference_name": contract.name,
		}
	)
	communication.insert(ignore_permissions=True)
	if signed_file:
		attach_to(communication, signed_file)  # sent as stored, byte for byte
		communication.send_email()
		return communication.name
	communication.send_email(
		print_format=CONTRACT_CUSTOMER_COPY, print_letterhead=True, print_language=PRINT_LANGUAGE
	)
	return communication.name


def sender_of(user: str) -> str:
	"""`user` as the letter's sender ("Name <address>"), the address read from Frappe's document cache
	of the User, which assign_to and the desk keep warm (issue 13: not one more query per signing)."""
	try:
		address = frappe.get_cached_value("User", user, "email")
	except frappe.DoesNotExistError:
		address = None
	return get_formatted_email(user, mail=address or None)


def attach_to(communication, signed_file):
	"""The same private file (no copy on disk) attached to the Communication, which mails it."""
	frappe.get_doc(
		{
			"doctype": "File",
			"file_url": signed_file.file_url,
			"file_name": signed_file.file_name,
			"is_private": 1,
			"attached_to_doctype": "Communication",
			"attached_to_name": communication.name,
		}
	).insert(ignore_permissions=True)


def letter(contract) -> frappe._dict:
	"""Indonesian, as the contract is: the customer reads it, whatever the signer's desk language.
	Worded in the Email Template ANTARA Salinan Kontrak Pelanggan, which admins edit in the desk."""
	return notify.render(notify.CONTRACT_COPY, contract)


def note(contract, message: str):
	contract.add_comment("Comment", message)
