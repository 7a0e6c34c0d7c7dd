"""What an attachment of the app's documents may be (issue 14): the company stamp, the signed form and
the other files the procedure keeps with a sale (6.4: F/KOM/003 carries the customer's stamp and
signature). Checked by content, not by name: an HTML page named cap.png is no image, and a browser
that is served it as a file of the site runs its script.

Used twice: when the file is uploaded for one of the app's fields (request_guard, before Frappe
stores it) and when a document is saved with a file in such a field (the file may have been uploaded
before the document existed)."""

import frappe
from frappe import _

# A stamp or a signature scanned or photographed is a few hundred kilobytes; 5 MB holds a phone's
# full-size photo. Frappe's own upload limit (System Settings, 10 MB by default) still applies.
IMAGE_LIMIT = 5 * 1024 * 1024

# Magic numbers of the images a print and the desk show (SVG is left out: it carries script).
IMAGE_SIGNATURES = (
	(b"\x89PNG\r\n\x1a\n", "PNG"),
	(b"\xff\xd8\xff", "JPEG"),
	(b"GIF87a", "GIF"),
	(b"GIF89a", "GIF"),
	(b"BM", "BMP"),
)
PDF_SIGNATURE = b"%PDF-"
# A signed form (Attach) is a scan: a PDF or an image.
DOCUMENT_EXTENSIONS = ("pdf", "png", "jpg", "jpeg", "gif", "webp", "bmp")
# Files a browser or a computer runs, refused even as a plain attachment of the app's documents.
ACTIVE_EXTENSIONS = (
	"htm",
	"html",
	"xhtml",
	"shtml",
	"svg",
	"js",
	"mjs",
	"exe",
	"msi",
	"bat",
	"cmd",
	"sh",
	"php",
)
ACTIVE_CONTENT = (b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml")
PROGRAM = b"MZ"  # a Windows program's first bytes


def extension_of(filename: str) -> str:
	return filename.rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""


def check_not_active(content: bytes, filename: str, label: str):
	"""A page, a script or a program is no attachment of a sale, whatever its name says."""
	head = content[:512].lstrip().lower()
	active = head.startswith(ACTIVE_CONTENT) or content.startswith(PROGRAM)
	if extension_of(filename) in ACTIVE_EXTENSIONS or active:
		refuse(
			_("{0}: {1} is a web page, a script or a program, which cannot be attached.").format(
				label, frappe.bold(filename)
			)
		)


def image_kind(head: bytes) -> str | None:
	"""The image format the first bytes of a file announce, or None."""
	if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
		return "WebP"
	return next((kind for magic, kind in IMAGE_SIGNATURES if head.startswith(magic)), None)


def check_content(content: bytes, filename: str, fieldtype: str, label: str):
	"""Refuse (ValidationError naming the field) a file that cannot be what the field holds."""
	extension = extension_of(filename)
	if fieldtype == "Attach Image":
		if not image_kind(content[:16]):
			refuse(
				_("{0}: {1} is not an image. Upload a PNG, JPEG, GIF, WebP or BMP file.").format(
					label, frappe.bold(filename)
				)
			)
		if len(content) > IMAGE_LIMIT:
			refuse(
				_("{0}: {1} is too large ({2} MB, at most {3} MB).").format(
					label, frappe.bold(filename), round(len(content) / 1048576, 1), IMAGE_LIMIT // 1048576
				)
			)
		return
	if extension not in DOCUMENT_EXTENSIONS:
		refuse(
			_("{0}: {1} is not a PDF or an image. Upload the scanned form as PDF, PNG or JPEG.").format(
				label, frappe.bold(filename)
			)
		)
	is_pdf = content.startswith(PDF_SIGNATURE)
	if (extension == "pdf") != is_pdf or (extension != "pdf" and not image_kind(content[:16])):
		refuse(_("{0}: the content of {1} does not match its name.").format(label, frappe.bold(filename)))


def check_document_files(doc):
	"""The site files in the document's Attach and Attach Image fields, by their stored content."""
	for df in doc.meta.fields:
		if df.fieldtype not in ("Attach", "Attach Image") or not doc.get(df.fieldname):
			continue
		url = doc.get(df.fieldname)
		if not (doc.is_new() or doc.has_value_changed(df.fieldname)) or url.startswith(
			("http://", "https://")
		):
			continue  # an address outside the site is shown as a link only (request_guard)
		label = frappe.bold(_(df.label))
		name = frappe.db.get_value("File", {"file_url": url}, "name")
		if not name:
			refuse(_("{0}: {1} is not a file of this site. Upload it again.").format(label, url))
		file = frappe.get_doc("File", name)
		try:
			content = file.get_content()
		except OSError:
			refuse(_("{0}: {1} is not a file of this site. Upload it again.").format(label, url))
		check_content(
			content if isinstance(content, bytes) else content.encode(), file.file_name, df.fieldtype, label
		)


def refuse(message: str):
	frappe.throw(message, frappe.ValidationError, title=_("File not accepted"))
