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
from frappe.rate_limiter import rate_limit
from frappe.utils import add_days, get_datetime, get_url, now_datetime

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
	who sent it), then back to the guest: the desk's own permissions and workflow apply."""

	def __init__(self, user: str):
		self.user = user

	def __enter__(self):
		self.previous = frappe.session.user
		frappe.set_user(self.user)

	def __exit__(self, *exc):
		frappe.set_user(self.previous)
