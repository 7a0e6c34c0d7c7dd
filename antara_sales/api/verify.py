"""/verify-contract (6.7, issue 15): anyone holding a signed copy checks it against the SHA-256
ANTARA recorded when it was signed. Guest, POST, rate-limited per address; the uploaded PDF is
hashed in memory and never stored; nothing is written."""

import frappe
from frappe.rate_limiter import rate_limit

from antara_sales.services.contracting import signed_copies

CHECKS_PER_WINDOW = 30
WINDOW_SECONDS = 60 * 60


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=CHECKS_PER_WINDOW, seconds=WINDOW_SECONDS)
def check_copy(contract: str | None = None, sha256: str | None = None, vid: str | None = None) -> dict:
	"""Genuine or not: the PDF in `file` (multipart upload) or its hash in `sha256`."""
	upload = frappe.request.files.get("file") if frappe.request and frappe.request.files else None
	if upload and upload.filename:
		sha256 = signed_copies.sha256_of_upload(upload)
	return signed_copies.verify(contract, sha256, vid)
