"""The public page that checks a signed copy of a cooperation contract (6.7; issue 15): given the
contract number and the PDF file (hashed on the server) or its SHA-256, it answers genuine and
unaltered (which copy, signed on) or not genuine, and nothing else of the site. Opened from the QR
code on every page of a signed copy (`?contract=…&vid=…`) the contract is filled in; the reader
still uploads the file or pastes its hash. The check is antara_sales.api.verify.check_copy (guest,
rate-limited, writes nothing). Indonesian first; `?_lang=en` for English."""

import frappe
from frappe import _

from antara_sales.services.common import guest_pages
from antara_sales.services.contracting.signed_copies import MAX_UPLOAD_BYTES

no_cache = 1
sitemap = 0


def get_context(context):
	guest_pages.start(context)
	context.title = _("Verify a Signed Contract")
	context.contract = text(frappe.form_dict.get("contract"), 140)
	context.vid = text(frappe.form_dict.get("vid"), 64)
	context.max_mb = MAX_UPLOAD_BYTES // (1024 * 1024)
	context.query = {k: v for k, v in (("contract", context.contract), ("vid", context.vid)) if v}
	return context


def text(value, length: int) -> str:
	"""What the address carries, as plain text of bounded length (escaped by the template)."""
	return value.strip()[:length] if isinstance(value, str) else ""
