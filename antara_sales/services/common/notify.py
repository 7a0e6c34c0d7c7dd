"""Telling people about a document: a bell notification each and one email, both written in the same
transaction as the document, so a job that fails leaves no notice of work that does not exist.

What the procedure says to people is worded in Email Templates (issue 12), in Indonesian: shipped
from antara_sales/antara_sales/email_template/*.json, edited by admins in the desk, kept on migrate
when edited (setup/shipped_records.py). Each template's `_comment` there lists its Jinja fields."""

import html

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.utils import strip_html

# The shipped Email Templates, by the clause of P/SMM/KOM/001 they serve.
REJECTION = "ANTARA Penolakan Pengajuan"  # 6.5.3.2, to the customer
CONTRACT_COPY = "ANTARA Salinan Kontrak Pelanggan"  # 6.7, to the customer
NEW_TICKET = "ANTARA Tiket Baru"  # 6.8, to the department's people
NEW_INVOICE = "ANTARA Tagihan Baru"  # 6.8, to finance
CONTRACT_FULFILLED = "ANTARA Kontrak Terpenuhi"  # 6.8, to the Account Executive
MEETING_REMINDER = "ANTARA Pengingat Rapat Mingguan"  # 6.1, to the department's Manager
ORDER_INVITATION = "ANTARA Undangan Formulir Pesanan"  # 6.3, the online form's link, to the prospect
ORDER_RECEIVED = "ANTARA Konfirmasi Formulir Pesanan"  # 6.3, to the prospect, after submitting
SIGNING_INVITATION = "ANTARA Tautan Tanda Tangan Kontrak"  # 6.7, the signing link, to the customer


def render(template: str, doc, **context) -> frappe._dict:
	"""The subject and message of the Email Template `template` for `doc`: its Jinja sees `doc` and
	`context`. Frappe does not autoescape: the templates escape typed text with `|e`."""
	return frappe._dict(email_template(template).get_formatted_email({"doc": doc, **context}))


def email_template(name: str):
	messages = len(frappe.local.message_log)
	try:
		# Frappe's document cache, cleared when an admin saves the template (issue 13: no query per mail).
		return frappe.get_cached_doc("Email Template", name)
	except frappe.DoesNotExistError:
		del frappe.local.message_log[messages:]  # Frappe's "not found": the shipped wording serves
	# Deleted in the desk: the shipped wording serves until migrate installs it again.
	from antara_sales.setup.shipped_records import definition

	shipped = definition("Email Template", name)
	if not shipped:
		frappe.throw(_("Email Template {0} not found").format(name), frappe.DoesNotExistError)
	return frappe.get_doc({k: v for k, v in shipped.items() if not k.startswith("_")})


def notify_from_template(users, doc, template: str, **context) -> list[str]:
	"""notify() with the subject and message of an Email Template (see render)."""
	email = render(template, doc, **context)
	return notify(users, doc, email.subject, email.message)


def email_subject(subject: str) -> str:
	"""A subject line is plain text: no tags, and what the template escaped reads as typed."""
	return html.unescape(strip_html(subject))


def enabled_users(users) -> list[str]:
	users = [u for u in dict.fromkeys(users) if u]
	if not users:
		return []
	enabled = set(frappe.get_all("User", filters={"name": ("in", users), "enabled": 1}, pluck="name"))
	return [u for u in users if u in enabled]


def notify(users, doc, subject: str, message: str) -> list[str]:
	"""Notify `users` of `doc`; returns who was notified."""
	users = enabled_users(users)
	if not users:
		doc.add_comment("Info", _("Nobody to notify: {0}").format(strip_html(subject)))
		return []
	make_notification_logs(
		{
			"type": "Alert",
			"document_type": doc.doctype,
			"document_name": doc.name,
			"subject": subject,
			"email_content": message,
			"from_user": frappe.session.user,
		},
		users,
	)
	emails = frappe.get_all("User", filters={"name": ("in", users)}, pluck="email")
	try:
		frappe.sendmail(
			recipients=emails,
			subject=email_subject(subject),
			message=message,
			reference_doctype=doc.doctype,
			reference_name=doc.name,
		)
	except frappe.OutgoingEmailError:
		# The desk notification stands; the comment says why no email went out.
		frappe.clear_last_message()
		doc.add_comment(
			"Info", _("No outgoing email account: {0} notified in the desk only.").format(", ".join(users))
		)
	return users
