"""Telling people about a document: a bell notification each and one email, both written in the same
transaction as the document, so a job that fails leaves no notice of work that does not exist."""

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.utils import strip_html


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
			subject=strip_html(subject),
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
