"""A guest's personal link: the one credential of a page that has no desk account behind it (issue 14,
issue 15). Used by the prospect's online F/KOM/003 (6.3, services/ordering/invitation.py), the
customer's online signing (6.7, services/contracting/signing_invitation.py) and the customer
feedback form (services/reporting/customer_feedback.py).

A link carries a token of 256 random bits (secrets.token_urlsafe: 43 characters). Only its SHA-256
is stored; the token itself is only emailed. A presented token is looked up by its hash, which a
guesser cannot steer, and the hash found is compared again in constant time (hmac.compare_digest).
A token shorter than the link kind's minimum is refused before any lookup. The link expires after
the days the settings give and can be revoked; what a link may then do (and its refusals' words)
is the caller's. Every check of a token goes through a function wrapped in Frappe's `rate_limit`
(per address, a no-op outside a web request): `checked` below makes one."""

import hashlib
import hmac
import secrets

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import add_days, format_datetime, get_datetime, get_url, now_datetime

from antara_sales.doctypes import CUSTOMER
from antara_sales.services.common import notify

TOKEN_BYTES = 32  # 256 bits
MIN_TOKEN_CHARS = 43  # secrets.token_urlsafe(32)
HASH_FIELD = "token_hash"


def new_token() -> str:
	return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
	return hashlib.sha256(token.encode()).hexdigest()


def clean(token) -> str:
	"""The token as presented, or "" for nothing (or anything that is not a string)."""
	return token.strip() if isinstance(token, str) else ""


def expires_on(days: int):
	return add_days(now_datetime(), days)


def has_expired(until) -> bool:
	return until is None or get_datetime(until) < now_datetime()


def link(route: str, token: str) -> str:
	return get_url(f"/{route}?token={token}")


def issue(doctype: str, key: dict, values: dict):
	"""A new link for the record `key` names, one per record (sending again replaces the token, so
	the old link dies). Returns the link's record and its token, which only the email carries."""
	token = new_token()
	values = {
		**values,
		HASH_FIELD: token_hash(token),
		"sent_on": now_datetime(),
		"sent_by": frappe.session.user,
	}
	existing = frappe.db.get_value(doctype, key)
	if existing:
		record = frappe.get_doc(doctype, existing)
		record.update(values)
		record.save(ignore_permissions=True)
	else:
		record = frappe.get_doc({"doctype": doctype, **key, **values})
		record.insert(ignore_permissions=True)
	return record, token


def send(
	doctype: str,
	key: dict,
	doc,
	values: dict,
	*,
	email_field: str,
	template: str,
	link_of,
	days: int,
	title: str,
):
	"""A new link for `doc` (one record of `doctype` per `key`), emailed from `template` to the
	customer's address on `doc` (else the customer record's). Returns the record's name, where the
	mail went, and, only when no mail could be queued, the link for the AE to pass on."""
	email = doc.email or frappe.db.get_value(CUSTOMER, doc.customer, "email")
	if not email:
		frappe.throw(
			_("{0} has no {1} to send the link to.").format(frappe.bold(doc.customer_name), _("Email")),
			title=title,
		)
	record, token = issue(
		doctype,
		key,
		{**values, email_field: email, "expires_on": expires_on(days), "opened_on": None, "revoked_on": None},
	)
	expires = format_datetime(record.expires_on, "dd-MM-yyyy HH:mm")
	queued = email_link(record, email, template, doc, link=link_of(token), expires=expires)
	return frappe._dict(
		name=record.name, email=email, expires_on=record.expires_on, link=None if queued else link_of(token)
	)


def email_link(record, recipient: str, template: str, doc, **context) -> bool:
	"""One email to the guest from an Email Template (admins edit it), rendered on `doc`; False,
	with a note on the link's record, when no outgoing account could take it."""
	attachments = context.pop("attachments", None)
	email = notify.render(template, doc, invitation=record, **context)
	try:
		frappe.sendmail(
			recipients=[recipient],
			subject=notify.email_subject(email.subject),
			message=email.message,
			reference_doctype=record.doctype,
			reference_name=record.name,
			attachments=attachments,
		)
		return True
	except frappe.OutgoingEmailError:
		frappe.clear_last_message()
		record.add_comment("Info", _("No outgoing email account: give the customer the link another way."))
		return False


def expire_stale(doctype: str, open_statuses: tuple, expired: str) -> int:
	"""Daily: links past their date read Expired in the desk (their checks refuse them already)."""
	names = frappe.get_all(
		doctype,
		filters={"status": ("in", open_statuses), "expires_on": ("<", now_datetime())},
		pluck="name",
	)
	for name in names:
		frappe.db.set_value(doctype, name, "status", expired)
	return len(names)


def find(
	doctype: str,
	token,
	fields,
	*,
	hash_field: str = HASH_FIELD,
	min_chars: int = MIN_TOKEN_CHARS,
) -> frappe._dict | None:
	"""The record of `doctype` whose stored hash is the token's, with `fields` (the hash blanked
	out: nothing downstream needs it), or None for an empty, short or unknown token."""
	token = clean(token)
	if len(token) < min_chars:
		return None
	presented = token_hash(token)
	found = frappe.db.get_value(doctype, {hash_field: presented}, [*fields, hash_field], as_dict=True)
	if not found or not hmac.compare_digest(found.get(hash_field) or "", presented):
		return None
	found[hash_field] = None
	return found


def checked(*, limit: int, seconds: int):
	"""The decorator of a link kind's token check: Frappe's rate_limit per address. The counter is
	Frappe's `rl:<cmd>:<ip>`, so a page (cmd None) and each endpoint count apart."""
	return rate_limit(limit=limit, seconds=seconds)


def request_ip() -> str | None:
	return getattr(frappe.local, "request_ip", None)


class as_user:
	"""Run desk services for a guest in the name of the user whose delegation the link is (the AE
	who sent it), then back to the guest: the desk's own permissions and workflow apply. Meanwhile
	`frappe.flags.for_guest` names the guest, so that a record of who read what (the print log)
	does not say the AE did."""

	def __init__(self, user: str):
		self.user = user

	def __enter__(self):
		self.previous, self.previous_flag = frappe.session.user, frappe.flags.for_guest
		frappe.flags.for_guest = self.previous
		frappe.set_user(self.user)

	def __exit__(self, *exc):
		frappe.set_user(self.previous)
		frappe.flags.for_guest = self.previous_flag
