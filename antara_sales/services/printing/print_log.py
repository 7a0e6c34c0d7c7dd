"""Which revision a document was printed under (ISO 9001 document control for F/KOM/003, F/KOM/004
and the cooperation contract).

Hooked as doc_events `before_print` (hooks.py): Frappe v15 runs it from
`frappe.www.printview.get_rendered_template` once for every render of a document, whether for the
desk's print preview (the desk's Print button prints that preview), /printview, a PDF, or an
email attachment. One ANTARA Print Log row is kept per document, print format, form code and
revision: the first render creates it, later renders count and note the last printer. Frappe's
own Access Log keeps each print request besides.

A GET request (printview, download_pdf) is rolled back, and a print must not make it commit
(issue 12): there the row is written by a short background job, pushed to the queue at once (not
after a commit that never comes), which commits on its own, so each render is logged once. Elsewhere
(a POST such as emailing the form, a job, a test) it is written in the caller's transaction and
stands or falls with it. In read-only (maintenance) mode nothing is written."""

import hashlib

import frappe
import redis
from frappe.utils import now_datetime

from antara_sales.doctypes import PRINT_LOG
from antara_sales.services.printing import print_forms

WRITE = "antara_sales.services.printing.print_log.write"


def on_before_print(doc, method=None, print_settings=None):
	"""doc_events hook: record the print under the form's current revision."""
	if doc.is_new() or not doc.name or frappe.flags.read_only:
		return
	record(doc, current_print_format(doc))


def current_print_format(doc) -> str:
	"""The print format being rendered. Frappe passes none to before_print: frappe.get_print and
	/printview put it in form_dict["format"], the desk preview (get_html_and_style) in
	form_dict["print_format"]; otherwise the doctype's default applies, as in printview."""
	form_dict = frappe.form_dict or {}
	return (
		form_dict.get("format")
		or form_dict.get("print_format")
		or doc.meta.default_print_format
		or "Standard"
	)


def print_key(doc, control) -> str:
	parts = (
		doc.doctype,
		doc.name,
		control.print_format,
		control.form_code,
		control.form_issue_date,
		control.form_revision,
		control.document_revision,
	)
	return hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()


def record(doc, print_format: str) -> str | None:
	"""Log this render of the document under the form revision it carries (read now, as printed);
	returns the row's name, or None when a background job writes it (a GET request)."""
	control = print_forms.form_control(doc, print_format)
	entry = {
		"reference_doctype": doc.doctype,
		"reference_name": doc.name,
		"print_format": control.print_format,
		"form_code": control.form_code,
		"form_issue_date": control.form_issue_date,
		"form_revision": control.form_revision,
		"document_revision": control.document_revision,
		"print_key": print_key(doc, control),
		# A guest page prints in the AE's name (guest_links.as_user): the guest read it.
		"printed_by": frappe.flags.for_guest or frappe.session.user,
		"printed_on": now_datetime(),
	}
	if request_would_roll_back():
		# Pushed now, not after the commit (a GET has none); in tests Frappe's way: run here.
		try:
			# v16 marks tests in frappe.in_test (v15 has only the flag).
			in_test = getattr(frappe, "in_test", False) or frappe.flags.in_test
			frappe.enqueue(WRITE, queue="short", now=bool(in_test), entry=entry)
		except redis.exceptions.ConnectionError:
			# The print is what was asked for: a queue that is down costs this log row, not the print.
			frappe.logger("antara_sales").warning(f"print log not queued (Redis down): {entry}")
		return None
	return write(entry)


def write(entry: dict) -> str:
	"""Create or count the log row of one render; returns its name. The GET's job, or inline."""
	entry = dict(entry)
	key, user, now = entry.pop("print_key"), entry.pop("printed_by"), entry.pop("printed_on")
	if name := frappe.db.get_value(PRINT_LOG, {"print_key": key}):
		count_print(name, user, now)
		return name
	log = frappe.get_doc(
		{
			"doctype": PRINT_LOG,
			**entry,
			"first_printed_by": user,
			"first_printed_on": now,
			"last_printed_by": user,
			"last_printed_on": now,
			"print_count": 1,
			"print_key": key,
		}
	)
	try:
		log.insert(ignore_permissions=True)
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		# Another render inserted the same row in the meantime (the unique print_key decides).
		name = frappe.db.get_value(PRINT_LOG, {"print_key": key})
		count_print(name, user, now)
		return name
	return log.name


def count_print(name: str, user: str, now):
	"""One UPDATE, so that concurrent renders each count."""
	table = frappe.qb.DocType(PRINT_LOG)
	(
		frappe.qb.update(table)
		.set(table.print_count, table.print_count + 1)
		.set(table.last_printed_by, user)
		.set(table.last_printed_on, now)
		.set(table.modified, now)
		.where(table.name == name)
	).run()


def request_would_roll_back() -> bool:
	request = getattr(frappe.local, "request", None)
	return bool(request) and request.method in ("GET", "HEAD")


def logs_for(doctype: str, name: str) -> list[frappe._dict]:
	return frappe.get_all(
		PRINT_LOG,
		filters={"reference_doctype": doctype, "reference_name": name},
		fields=[
			"name",
			"print_format",
			"form_code",
			"form_issue_date",
			"form_revision",
			"document_revision",
			"first_printed_by",
			"last_printed_by",
			"print_count",
		],
		order_by="creation asc",
	)
