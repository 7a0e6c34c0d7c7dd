"""The signed copies of a cooperation contract (6.7: "one copy to the customer, one kept"; issue 15).

Once the customer has signed (the contract is submitted), each copy's print format is rendered to
PDF once, an audit certificate page is appended (who signed for ANTARA and for the customer, when,
from which IP address, the e-Meterai serials, the pages of each copy and the verification address:
what e-signature services append), a small QR code carrying the verification address (contract
number and the copy's verification id) is drawn on every page, and the final bytes are stored as a
private File attached to the contract. The SHA-256 of those exact bytes is recorded in an ANTARA
Signed Copy row; the public page /verify-contract (www/verify_contract.py) checks a PDF or a hash
against it.

Exactly once: each row carries its natural key (contract|copy) in a unique column, and a run that
finds the rows does nothing. The PDFs are rendered outside the lock (wkhtmltopdf takes seconds);
then the contract's row is locked, the rows are looked for again, and rows, files (written last)
and the customer's email are made in one transaction: a job killed before its commit leaves no row,
and Frappe deletes a file written in a transaction that rolls back (File.on_rollback). Two jobs that
race: the second waits on the lock, then finds the first one's rows. Safe to enqueue several times
(the job is deduplicated as well).

For a contract signed online (customer_signed_online, set by the signing page) the customer's copy
email (contract_copy.py, 6.7) is sent from here with the stored signed PDF; a paper signing keeps
its email of a print rendered at send."""

import hashlib
import io
import re
import secrets
from urllib.parse import urlencode

import frappe
import pyqrcode
from frappe import _
from frappe.utils import get_datetime, get_url, now_datetime
from frappe.utils.pdf import get_pdf
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject
from redis.exceptions import RedisError

from antara_sales.doctypes import CONTRACT, SIGNED_COPY
from antara_sales.services.printing.print_forms import FORMS

JOB = "antara_sales.services.contracting.signed_copies.make_signed_copies"
VERIFY_ROUTE = "/verify-contract"
PRINT_LANGUAGE = "id"  # the contract's own language, whoever runs the job
CERTIFICATE_TEMPLATE = "templates/antara_print/signed_copy_certificate.html"

# 6.7's two copies, named as their print formats are registered (services/printing/print_forms.py).
COPY_NAMES = {"customer": "Customer Copy", "archive": "Archive Copy"}
COPIES = {COPY_NAMES[form.copy]: name for name, form in FORMS.items() if form.copy}  # copy: format
CUSTOMER_COPY = COPY_NAMES["customer"]


def copy_key(contract: str, copy: str) -> str:
	return f"{contract}|{copy}"


def enqueue(contract: str):
	"""After the signing's commit; one waiting job per contract (the job itself is idempotent).
	A queue that cannot be reached does not fail the signing: the daily make_missing catches up."""
	try:
		frappe.enqueue(
			JOB,
			queue="short",
			job_id=f"antara_sales:signed_copies:{contract}",
			deduplicate=True,
			enqueue_after_commit=True,
			contract_name=contract,
		)
	except RedisError:
		frappe.log_error(
			title=_("Signed copies of {0} wait: the job queue could not be reached (6.7)").format(contract),
			reference_doctype=CONTRACT,
			reference_name=contract,
		)


def make_missing():
	"""Daily: contracts signed online without their signed copies (a queue that was down, a job
	that failed) are queued again."""
	for name in missing():
		enqueue(name)


def missing() -> list[str]:
	"""Contracts signed online that have no signed copy yet."""
	if not frappe.get_meta(CONTRACT).has_field("customer_signed_online"):
		return []
	table, copies = frappe.qb.DocType(CONTRACT), frappe.qb.DocType(SIGNED_COPY)
	return (
		frappe.qb.from_(table)
		.left_join(copies)
		.on(copies.contract == table.name)
		.select(table.name)
		.where((table.docstatus == 1) & (table.customer_signed_online == 1) & copies.name.isnull())
		.run(pluck=True)
	)


def make_signed_copies(contract_name: str) -> list[str]:
	"""Make the signed PDF of each copy of a signed contract, once; returns the rows' names."""
	contract = frappe.get_doc(CONTRACT, contract_name)
	if contract.docstatus != 1:
		frappe.throw(
			_("Contract {0} is not signed: its signed copies are made once the customer signs (6.7).").format(
				contract_name
			)
		)
	if existing := rows_of(contract_name):
		if len(existing) == len(COPIES):
			return existing
	rendered = {copy: signed_pdf(contract, copy) for copy in COPIES if not row_of(contract_name, copy)}

	frappe.db.get_value(CONTRACT, contract_name, "name", for_update=True)  # one job at a time
	try:
		made = {}
		for copy, (pdf, verification_id, pages) in rendered.items():
			if row_of(contract_name, copy, for_update=True):  # another job made it while we rendered
				continue
			made[copy] = store(contract, copy, pdf, verification_id, pages)
		if made.get(CUSTOMER_COPY) and contract.get("customer_signed_online"):
			from antara_sales.services.contracting import contract_copy

			contract_copy.email_customer_copy(
				contract, signed_file=made[CUSTOMER_COPY].file_doc, sender=contract.get("account_executive")
			)
		frappe.db.commit()
	except frappe.UniqueValidationError:
		frappe.db.rollback()  # a racing job stored it first: its rows stand
	except Exception:
		frappe.db.rollback()  # no row, and Frappe removes the files written (File.on_rollback)
		raise
	return rows_of(contract_name)


def rows_of(contract: str) -> list[str]:
	return frappe.get_all(SIGNED_COPY, {"contract": contract}, pluck="name", order_by="copy_type desc")


def row_of(contract: str, copy: str, for_update: bool = False) -> str | None:
	"""A locking read sees what another job committed since this transaction began."""
	return frappe.db.get_value(SIGNED_COPY, {"copy_key": copy_key(contract, copy)}, for_update=for_update)


def verification_url(contract: str, verification_id: str) -> str:
	return get_url(VERIFY_ROUTE) + "?" + urlencode({"contract": contract, "vid": verification_id})


# --- the PDF ---------------------------------------------------------------------------------


def signed_pdf(contract, copy: str) -> tuple[bytes, str, int]:
	"""The copy's print, its certificate page and a QR code on every page: (bytes, verification id,
	page count)."""
	verification_id = secrets.token_urlsafe(12)  # 96 bits: names the copy, proves nothing alone
	url = verification_url(contract.name, verification_id)
	body = render_print(contract, COPIES[copy])
	body_pages = len(PdfReader(io.BytesIO(body)).pages)
	certificate = render_certificate(contract, copy, url, body_pages)
	writer = PdfWriter()
	for part in (body, certificate):
		writer.append(PdfReader(io.BytesIO(part)))
	for page in writer.pages:
		stamp_qr(page, url)
	writer.add_metadata({"/Title": f"{contract.name} - {copy}", "/Subject": url})
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue(), verification_id, len(writer.pages)


def render_print(contract, print_format: str) -> bytes:
	"""The copy as the desk prints it, in Indonesian, rendered with the print permission of the
	system (the job may have been enqueued by the guest signing page)."""
	with as_system(PRINT_LANGUAGE):
		return frappe.get_print(CONTRACT, contract.name, print_format, as_pdf=True, pdf_options=pdf_options())


def render_certificate(contract, copy: str, url: str, body_pages: int) -> bytes:
	with as_system(PRINT_LANGUAGE):
		html = frappe.render_template(
			CERTIFICATE_TEMPLATE, certificate_context(contract, copy, url, body_pages)
		)
		return get_pdf(html, pdf_options())


def certificate_context(contract, copy: str, url: str, body_pages: int) -> dict:
	gm = contract.get("gm_signed_by")
	return {
		"contract": contract,
		"copy_type": copy,
		"copy_label": _(copy),
		"url": url,
		"body_pages": body_pages,
		"total_pages": body_pages + 1,
		"gm_name": frappe.db.get_value("User", gm, "full_name") if gm else None,
		"customer_signed_at": signed_at(contract),
		"stamps": [
			{
				"label": _(name),
				"stamp": contract.get(f"{key}_copy_stamp"),
				"serial": contract.get(f"{key}_copy_stamp_serial"),
			}
			for key, name in COPY_NAMES.items()
		],
		"generated_at": now_datetime(),
		"frappe": frappe,
		"_": _,
	}


def signed_at(contract):
	"""When the customer signed: the online signing's time, else the day recorded in the desk."""
	if contract.get("customer_signing_time"):
		return get_datetime(contract.customer_signing_time)
	return get_datetime(contract.customer_signed_on) if contract.get("customer_signed_on") else None


QR_SIZE = 62  # points (22 mm: modules of 0.5 mm, for a phone's camera), in the bottom margin
QR_MARGIN = 10
QR_QUIET = 2  # modules of white around the code


def pdf_options() -> dict:
	"""A bottom margin that leaves room for the QR code below the page's content."""
	return {"margin-bottom": "30mm"}


def stamp_qr(page: PageObject, url: str):
	"""Draw the QR code of `url` as filled squares on the page (no image library needed)."""
	code = pyqrcode.create(url, error="M").code
	modules = len(code)
	quiet = QR_QUIET
	unit = QR_SIZE / (modules + 2 * quiet)
	x0 = float(page.mediabox.right) - QR_SIZE - QR_MARGIN
	y0 = float(page.mediabox.bottom) + QR_MARGIN
	ops = ["q", "1 g", f"{x0:.2f} {y0:.2f} {QR_SIZE:.2f} {QR_SIZE:.2f} re f", "0 g"]
	for row, line in enumerate(code):
		for col, dark in enumerate(line):
			if dark:
				x = x0 + (col + quiet) * unit
				y = y0 + QR_SIZE - (row + quiet + 1) * unit
				ops.append(f"{x:.3f} {y:.3f} {unit:.3f} {unit:.3f} re")
	ops += ["f", "Q"]
	overlay = PageObject.create_blank_page(width=page.mediabox.width, height=page.mediabox.height)
	stream = DecodedStreamObject()
	stream.set_data("\n".join(ops).encode())
	overlay[NameObject("/Contents")] = stream
	page.merge_page(overlay)


# --- storing ---------------------------------------------------------------------------------


def store(contract, copy: str, pdf: bytes, verification_id: str, pages: int) -> frappe._dict:
	"""The row, then the private File (written to disk last, removed again on rollback)."""
	digest = hashlib.sha256(pdf).hexdigest()
	row = frappe.get_doc(
		{
			"doctype": SIGNED_COPY,
			"contract": contract.name,
			"copy_type": copy,
			"copy_key": copy_key(contract.name, copy),
			"print_format": COPIES[copy],
			"sha256": digest,
			"page_count": pages,
			"verification_id": verification_id,
			"signed_by": contract.get("customer_signatory_name"),
			"signatory_title": contract.get("customer_signatory_title"),
			"signed_at": signed_at(contract),
			"signed_online": 1 if contract.get("customer_signed_online") else 0,
			"signing_ip": contract.get("customer_signing_ip"),
			"gm_signed_by": contract.get("gm_signed_by"),
			"gm_signed_on": contract.get("gm_signed_on"),
			"stamp": contract.get(f"{copy_prefix(copy)}_copy_stamp"),
			"stamp_serial": contract.get(f"{copy_prefix(copy)}_copy_stamp_serial"),
		}
	)
	row.insert(ignore_permissions=True)
	file_doc = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{frappe.scrub(contract.name)}-{frappe.scrub(copy)}-signed.pdf",
			"attached_to_doctype": CONTRACT,
			"attached_to_name": contract.name,
			"is_private": 1,
			"content": pdf,
		}
	)
	file_doc.insert(ignore_permissions=True)
	row.db_set("file", file_doc.file_url, update_modified=False)
	return frappe._dict(row=row, file_doc=file_doc)


def copy_prefix(copy: str) -> str:
	return next(key for key, name in COPY_NAMES.items() if name == copy)


class as_system:
	"""Render as Administrator in `lang`, then give the caller back its user and language."""

	def __init__(self, lang: str):
		self.lang = lang

	def __enter__(self):
		self.user, self.previous_lang = frappe.session.user, frappe.local.lang
		if self.user != "Administrator":
			frappe.set_user("Administrator")
		frappe.local.lang = self.lang

	def __exit__(self, *exc):
		if frappe.session.user != self.user:
			frappe.set_user(self.user)
		frappe.local.lang = self.previous_lang
		return False


# --- verifying (the public page /verify-contract) --------------------------------------------

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a signed contract is far smaller
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
VERIFICATION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
CONTRACT_NUMBER = re.compile(r"^[\w./ -]{1,140}$")


class UploadTooLarge(frappe.ValidationError):
	http_status_code = 413


def sha256_of_upload(upload) -> str:
	"""The SHA-256 of an uploaded file, read in chunks up to the size limit (nothing is stored)."""
	digest, size = hashlib.sha256(), 0
	while chunk := upload.stream.read(64 * 1024):
		size += len(chunk)
		if size > MAX_UPLOAD_BYTES:
			frappe.throw(
				_("The file is larger than {0} MB: it cannot be a signed copy.").format(
					MAX_UPLOAD_BYTES // (1024 * 1024)
				),
				exc=UploadTooLarge,
				title=_("PDF File"),
			)
		digest.update(chunk)
	if not size:
		frappe.throw(_("The PDF file is empty."), title=_("PDF File"))
	return digest.hexdigest()


def clean_inputs(contract, sha256, verification_id) -> tuple[str, str, str | None]:
	"""The three inputs, checked: a 4xx naming the field, never a 500."""
	contract = (contract if isinstance(contract, str) else "").strip()
	if not CONTRACT_NUMBER.match(contract):
		frappe.throw(
			_("Enter the contract number as it is printed on the contract."), title=_("Contract Number")
		)
	sha256 = (sha256 if isinstance(sha256, str) else "").strip().lower()
	if not SHA256_HEX.match(sha256):
		frappe.throw(
			_("Upload the PDF file, or paste its SHA-256: 64 characters 0-9 and a-f."), title=_("SHA-256")
		)
	if verification_id is not None and not isinstance(verification_id, str):
		verification_id = ""
	verification_id = (verification_id or "").strip() or None
	if verification_id and not VERIFICATION_ID.match(verification_id):
		frappe.throw(_("The verification code from the QR code is not valid."), title=_("Verification Code"))
	return contract, sha256, verification_id


def verify(contract, sha256, verification_id=None) -> dict:
	"""Whether a copy with these exact bytes was signed for this contract: genuine (when, which copy)
	or not, and nothing else. Reads only; the same answer for an unknown contract as for a wrong
	hash."""
	contract, sha256, verification_id = clean_inputs(contract, sha256, verification_id)
	filters = {"contract": contract, "sha256": sha256}
	if verification_id:
		filters["verification_id"] = verification_id
	row = frappe.db.get_value(SIGNED_COPY, filters, ["copy_type", "signed_at"], as_dict=True)
	if not row:
		return {
			"genuine": False,
			"message": _(
				"Not genuine: this document is not a signed copy of contract {0} as ANTARA issued it,"
				" or it has been altered."
			).format(contract),
		}
	signed_on = frappe.utils.format_date(row.signed_at) if row.signed_at else "-"
	return {
		"genuine": True,
		"copy": _(row.copy_type),
		"signed_on": signed_on,
		"message": _("Genuine and unaltered: the {0} of contract {1}, signed on {2}.").format(
			_(row.copy_type), contract, signed_on
		),
	}
