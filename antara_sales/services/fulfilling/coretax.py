"""Finance carries the invoices to DJP's Coretax and brings the approved numbers back (6.8, issue 11).

An ANTARA Coretax Export lists invoices; submitting it checks them, writes the TaxInvoiceBulk file
(domain/coretax.py) as a private File of the export, and marks each invoice with the export and
the time: `coretax_export` and `exported_on` on ANTARA Invoice are written here and nowhere else. An
invoice goes to Coretax once; again only when finance ticks Export Again, and never once it has
its Faktur Pajak number. Cancelling an export frees the invoices it holds that have no number yet.

A credit note is not a tax invoice of its own: it asks for the replacement (Faktur Pajak Pengganti,
PER-11/PJ/2025 Pasal 48) of the tax invoice of the invoice it corrects, with the reduced amounts,
or its cancellation when nothing is left. The export says what to make in Coretax and refuses until
the corrected invoice has its number (docs/coretax.md has the why).

An ANTARA Coretax Import reads the list Coretax exports (e-Faktur > Pajak Keluaran) and, on submit,
gives each exported invoice its `faktur_pajak_number` and `faktur_pajak_date` (also written only
here) when the row's reference, buyer and amounts are the invoice's. Everything else is listed with
the reason and not applied; a number already set is never overwritten."""

from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import cint, flt, get_datetime, getdate, now_datetime

from antara_sales.doctypes import CORETAX_EXPORT, CORETAX_IMPORT, INVOICE
from antara_sales.doctypes import INVOICE_ITEM as ITEM
from antara_sales.domain import coretax as ct
from antara_sales.domain import print_text
from antara_sales.services.common.settings import get_settings

EXPORT_ROW = "ANTARA Coretax Export Invoice"
IMPORT_ROW = "ANTARA Coretax Import Row"
CREDIT_NOTE = "Credit Note"
TO_APPLY, APPLIED, UNCHANGED, NOT_APPLIED = "To Apply", "Applied", "Unchanged", "Not Applied"
FETCHED = (
	"invoice_type",
	"customer_name",
	"posting_date",
	"transaction_code",
	"total_amount",
	"dpp_amount",
	"tax_amount",
	"grand_total",
)


# The invoice's fields that this service alone writes. It writes them with frappe.db.set_value and
# a new `modified`, so that a form opened before is refused as outdated rather than saved over them.
CORETAX_FIELDS = ("coretax_export", "exported_on", "faktur_pajak_number", "faktur_pajak_date")


def dec(value) -> Decimal:
	return Decimal(str(flt(value, 2)))


def label(doctype: str, fieldname: str) -> str:
	return frappe.bold(_(frappe.get_meta(doctype).get_label(fieldname)))


def invoice_link(name: str) -> str:
	return frappe.bold(name)


# --- the export: choosing the invoices ------------------------------------------------------------


def candidates(from_date=None, to_date=None, *, export_again: bool = False) -> list[str]:
	"""Submitted invoices of the period (invoice date) without a Faktur Pajak number that are in no
	export yet (with Export Again, also those that are), oldest first."""
	filters = {"docstatus": 1, "faktur_pajak_number": ("in", ("", None))}
	if from_date and to_date:
		filters["posting_date"] = ("between", (from_date, to_date))
	elif from_date:
		filters["posting_date"] = (">=", from_date)
	elif to_date:
		filters["posting_date"] = ("<=", to_date)
	if not export_again:
		filters["coretax_export"] = ("in", ("", None))
	return frappe.get_list(INVOICE, filters=filters, pluck="name", order_by="posting_date asc, name asc")


def get_invoices(export) -> int:
	"""Fill the export with the period's invoices not exported yet (Get Invoices), and the credit
	notes whose corrected invoices are in Coretax; the rows already there stay. Returns how many
	were added."""
	listed = {row.invoice for row in export.invoices}
	added = 0
	for name in candidates(export.from_date, export.to_date, export_again=cint(export.export_again)):
		if name not in listed and ready(name):
			export.append("invoices", {"invoice": name})
			added += 1
	refresh_rows(export)
	return added


def ready(name: str) -> bool:
	"""A credit note waits until the invoices it corrects have their Faktur Pajak number."""
	if frappe.db.get_value(INVOICE, name, "invoice_type") != CREDIT_NOTE:
		return True
	originals = corrected_invoices(frappe.get_doc(INVOICE, name))
	return bool(originals) and all(frappe.db.get_value(INVOICE, o, "faktur_pajak_number") for o in originals)


def new_export(invoices: list[str]) -> str:
	"""A draft export of the invoices selected in the list (Export to Coretax); its name."""
	frappe.has_permission(CORETAX_EXPORT, "create", throw=True)
	names = list(dict.fromkeys(invoices or []))
	if not names:
		frappe.throw(_("Select the invoices to export to Coretax."))
	export = frappe.new_doc(CORETAX_EXPORT)
	for name in names:
		export.append("invoices", {"invoice": name})
	export.insert()
	return export.name


def refresh_rows(export):
	"""Each row shows its invoice as it is now, and the totals are those of the tax invoices that the
	file will carry (credit notes go to Coretax as replacements, not in the file)."""
	for row in export.invoices:
		if not row.invoice:
			continue
		values = frappe.db.get_value(INVOICE, row.invoice, FETCHED, as_dict=True) or {}
		for field in FETCHED:
			row.set(field, values.get(field))
	taxed = [row for row in export.invoices if row.invoice and row.invoice_type != CREDIT_NOTE]
	export.invoice_count = len(taxed)
	export.total_price = flt(sum(flt(row.total_amount) for row in taxed), 2)
	export.total_dpp = flt(sum(flt(row.dpp_amount) for row in taxed), 2)
	export.total_ppn = flt(sum(flt(row.tax_amount) for row in taxed), 2)


# --- the export: checking and writing -------------------------------------------------------------


def check_export(export):
	"""Before submit: every invoice may go, and the file can be made; otherwise nothing is written.
	Fills each row's `coretax_action`."""
	if not export.invoices:
		frappe.throw(
			_("Add the invoices to export (Get Invoices, or Export to Coretax in the invoice list).")
		)
	settings = get_settings()
	seen = set()
	for row in export.invoices:
		if row.invoice in seen:
			frappe.throw(_("Invoice {0} is listed twice.").format(invoice_link(row.invoice)))
		seen.add(row.invoice)
		invoice = frappe.get_doc(INVOICE, row.invoice)
		check_invoice(invoice, export, settings)
		if invoice.invoice_type == CREDIT_NOTE:
			row.coretax_action, row.replaces_faktur = credit_note_action(invoice)
		else:
			row.coretax_action, row.replaces_faktur = _("A tax invoice in the file."), None
	tax_invoices = [tax_invoice(frappe.get_doc(INVOICE, name), settings) for name in in_file(export)]
	found = ct.problems(ct.Export(settings.seller_npwp or "", tuple(tax_invoices)))
	if found:
		frappe.throw(problem_message(found[0]), title=_("Not ready for Coretax"))


def in_file(export) -> list[str]:
	return [row.invoice for row in export.invoices if row.invoice_type != CREDIT_NOTE]


def check_invoice(invoice, export, settings):
	name = invoice_link(invoice.name)
	if invoice.docstatus != 1:
		frappe.throw(_("Invoice {0} is not submitted: only submitted invoices go to Coretax.").format(name))
	if invoice.faktur_pajak_number:
		frappe.throw(
			_(
				"Invoice {0} already has Faktur Pajak number {1}: it is in Coretax. Correct it there with a replacement, not with a second export."
			).format(name, invoice.faktur_pajak_number)
		)
	previous = invoice.coretax_export
	if (
		previous
		and previous != export.name
		and frappe.db.get_value(CORETAX_EXPORT, previous, "docstatus") == 1
	):
		if not cint(export.export_again):
			frappe.throw(
				_(
					"Invoice {0} is already in Coretax export {1}. Tick {2} to export it again deliberately."
				).format(name, frappe.bold(previous), label(CORETAX_EXPORT, "export_again"))
			)
	if (invoice.seller_npwp or "") != (settings.seller_npwp or ""):
		frappe.throw(
			_(
				"Invoice {0} was issued under seller NPWP {1}, not ANTARA's {2} in ANTARA Sales Settings: a Coretax file carries one seller."
			).format(name, invoice.seller_npwp or "-", settings.seller_npwp or "-")
		)


def tax_invoice(invoice, settings) -> ct.TaxInvoice:
	"""The tax invoice of `invoice`, from what the invoice stored when it was issued."""
	return ct.TaxInvoice(
		reference=invoice.name,
		day=getdate(invoice.posting_date),
		transaction_code=invoice.transaction_code or "",
		vat_rate=dec(invoice.tax_rate),
		seller_nitku=invoice.seller_nitku or "",
		buyer=ct.Buyer(
			id_type=invoice.tax_id_type or ct.NPWP,
			number=invoice.npwp or "",
			name=invoice.customer_name or "",
			nitku=invoice.buyer_nitku or "",
			address=invoice.address or "",
			email=invoice.email or "",
		),
		lines=tuple(tax_line(row, settings) for row in invoice.items),
	)


def tax_line(row, settings) -> ct.Line:
	period = ""
	if row.service_start and row.service_end:
		period = f" ({print_text.tanggal(row.service_start)} – {print_text.tanggal(row.service_end)})"
	return ct.Line(
		name=f"{row.product_name or row.product}{period}",
		price=dec(row.amount),
		dpp=dec(row.dpp_amount),
		ppn=dec(row.tax_amount),
		quantity=cint(row.quantity) or 1,
		code=settings.coretax_item_code or ct.DEFAULT_CODE,
		unit=settings.coretax_unit_code or "",
	)


def problem_message(problem: ct.Problem) -> str:
	"""The sentence for a problem the domain found, naming the invoice and the field."""
	invoice, field = invoice_link(problem.reference), label(INVOICE, problem.field)
	messages = {
		"seller_npwp_digits": lambda: _(
			"Invoice {0}: the {1} must have 16 digits (set it in ANTARA Sales Settings)."
		),
		"seller_nitku_digits": lambda: _(
			"Invoice {0}: the {1} must have 22 digits, beginning with the seller's NPWP."
		),
		"transaction_code_unknown": lambda: _(
			"Invoice {0}: the {1} must be one of Coretax's codes 01 to 10."
		),
		"buyer_name_missing": lambda: _("Invoice {0}: the {1} is missing."),
		"buyer_identity_missing": lambda: _(
			"Invoice {0}: the customer has no {1} (NPWP or NIK), which Coretax needs for the tax invoice."
		),
		"buyer_number_digits": lambda: _("Invoice {0}: the {1} must have 16 digits."),
		"collector_needs_npwp": lambda: _(
			"Invoice {0}: a buyer that collects the PPN itself (code 02 or 03) must be identified by its NPWP, not by a NIK ({1})."
		),
		"buyer_nitku_digits": lambda: _(
			"Invoice {0}: the {1} must have 22 digits, beginning with the buyer's NPWP."
		),
		"no_lines": lambda: _("Invoice {0} has no lines ({1})."),
		"negative_line": lambda: _("Invoice {0}: a tax invoice cannot have negative lines ({1})."),
		"line_without_dpp": lambda: _(
			"Invoice {0} has lines without DPP Nilai Lain ({1}): it was issued before PPN on DPP Nilai Lain; cancel and amend it."
		),
	}
	return messages[problem.reason]().format(invoice, field)


# A credit note.


def corrected_invoices(credit_note) -> list[str]:
	return list(dict.fromkeys(row.corrects_invoice for row in credit_note.items if row.corrects_invoice))


def credits_against(original: str) -> list[ct.Amounts]:
	"""The lines of submitted credit notes that correct `original`."""
	rows = frappe.get_all(
		ITEM,
		filters={"parenttype": INVOICE, "corrects_invoice": original},
		fields=["parent", "amount", "dpp_amount", "tax_amount"],
	)
	parents = {row.parent for row in rows}
	live = set(
		frappe.get_all(
			INVOICE,
			filters={"name": ("in", list(parents) or [""]), "docstatus": 1, "invoice_type": CREDIT_NOTE},
			pluck="name",
		)
	)
	return [ct.Amounts(dec(r.amount), dec(r.dpp_amount), dec(r.tax_amount)) for r in rows if r.parent in live]


def correction_of(original: str) -> ct.Correction:
	values = frappe.db.get_value(
		INVOICE, original, ["total_amount", "dpp_amount", "tax_amount"], as_dict=True
	)
	amounts = ct.Amounts(dec(values.total_amount), dec(values.dpp_amount), dec(values.tax_amount))
	return ct.correction(amounts, credits_against(original))


def credit_note_action(credit_note) -> tuple[str, str]:
	"""What the credit note asks of Coretax, and the numbers it replaces; refuses while a corrected
	invoice has no approved number yet."""
	originals = corrected_invoices(credit_note)
	if not originals:
		frappe.throw(
			_("Credit note {0} does not name the invoice it corrects ({1} on its lines).").format(
				invoice_link(credit_note.name), label(ITEM, "corrects_invoice")
			)
		)
	actions, numbers = [], []
	for original in originals:
		number = frappe.db.get_value(INVOICE, original, "faktur_pajak_number")
		if not number:
			frappe.throw(
				_(
					"Credit note {0} corrects invoice {1}, whose Faktur Pajak is not approved yet: export {1}, import DJP's result, then export the credit note."
				).format(invoice_link(credit_note.name), invoice_link(original))
			)
		try:
			result = correction_of(original)
		except ValueError:
			frappe.throw(
				_("Credit note {0} takes back more from invoice {1} than its Faktur Pajak taxed.").format(
					invoice_link(credit_note.name), invoice_link(original)
				)
			)
		actions.append(action_text(original, number, result))
		numbers.append(number)
	return "\n".join(actions), ", ".join(numbers)


def money_text(value) -> str:
	return frappe.format_value(flt(value), {"fieldtype": "Currency"})


def action_text(original: str, number: str, result: ct.Correction) -> str:
	if result.kind == ct.CANCEL:
		return _(
			"In Coretax, cancel Faktur Pajak {0} of invoice {1} (e-Faktur > Pajak Keluaran): nothing is left to tax."
		).format(number, original)
	return _(
		"In Coretax, replace Faktur Pajak {0} of invoice {1} (e-Faktur > Pajak Keluaran > Amend) with Harga Jual {2}, DPP Nilai Lain {3}, PPN {4}; then import Coretax's list to record the replacement's number on this credit note."
	).format(
		number,
		original,
		money_text(result.amounts.price),
		money_text(result.amounts.dpp),
		money_text(result.amounts.ppn),
	)


def submit_export(export):
	"""On submit (checked by check_export): the file, and each invoice marked as exported."""
	settings = get_settings()
	names = in_file(export)
	now = now_datetime()
	for row in export.invoices:
		frappe.db.set_value(INVOICE, row.invoice, {"coretax_export": export.name, "exported_on": now})
	export.db_set("exported_on", now)
	if not names:
		return  # credit notes only: their replacements are made in Coretax
	content = ct.build_xml(
		ct.Export(
			settings.seller_npwp, tuple(tax_invoice(frappe.get_doc(INVOICE, n), settings) for n in names)
		)
	)
	# Last, so that nothing after it can fail: a rolled-back submit would leave the file on disk.
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{export.name}-coretax.xml",
			"attached_to_doctype": CORETAX_EXPORT,
			"attached_to_name": export.name,
			"attached_to_field": "file",
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)
	export.db_set("file", file.file_url)


def cancel_export(export):
	"""Free the export's invoices that have no Faktur Pajak number, back to the export they were in
	before (Export Again) or to none; those with a number stay, since Coretax has them."""
	for row in export.invoices:
		values = frappe.db.get_value(
			INVOICE, row.invoice, ["coretax_export", "faktur_pajak_number"], as_dict=True
		)
		if not values or values.coretax_export != export.name or values.faktur_pajak_number:
			continue
		frappe.db.set_value(INVOICE, row.invoice, earlier_export(row.invoice, export.name))


def earlier_export(invoice: str, cancelled: str) -> dict:
	rows = frappe.get_all(
		EXPORT_ROW,
		filters={"parenttype": CORETAX_EXPORT, "invoice": invoice, "parent": ("!=", cancelled)},
		pluck="parent",
	)
	live = frappe.get_all(
		CORETAX_EXPORT,
		filters={"name": ("in", rows or [""]), "docstatus": 1},
		fields=["name", "exported_on"],
		order_by="exported_on desc",
		limit=1,
	)
	if live:
		return {"coretax_export": live[0].name, "exported_on": live[0].exported_on}
	return {"coretax_export": None, "exported_on": None}


# --- the import -------------------------------------------------------------------------------------


def check_file(doc):
	if not doc.file:
		frappe.throw(
			_("Attach the list Coretax exported ({0}) before submitting.").format(
				label(CORETAX_IMPORT, "file")
			)
		)


def file_content(doc) -> tuple[bytes, str]:
	name = frappe.db.get_value(
		"File", {"file_url": doc.file, "attached_to_doctype": doc.doctype, "attached_to_name": doc.name}
	) or frappe.db.get_value("File", {"file_url": doc.file})
	if not name:
		frappe.throw(_("The file {0} was not found; attach it again.").format(frappe.bold(doc.file)))
	file = frappe.get_doc("File", name)
	file.check_permission("read")  # a file of someone else's record stays theirs
	content = file.get_content()
	return (content.encode() if isinstance(content, str) else content), file.file_name or doc.file


def file_message(reason: str, filename: str, detail: str = "") -> str:
	name = frappe.bold(filename)
	if reason == "file_type":
		return _("{0}: Coretax's list comes as .xlsx or .csv.").format(name)
	if reason == "file_unreadable":
		return _("{0} cannot be read as a workbook: export the list from Coretax again.").format(name)
	return _(
		"{0} lacks the columns {1}: export the list of output tax invoices (Pajak Keluaran) from Coretax."
	).format(name, detail)


def row_message(reason: str, row: ct.ResultRow, invoice: str | None, other: str = "") -> str:
	"""Why a row is not applied, naming the invoice; `other` is the number or invoice in the way."""
	name = frappe.bold(invoice or row.reference or "-")
	messages = {
		"nsfp_not_text": lambda: _(
			"The Faktur Pajak number is stored as a spreadsheet number, which keeps only 15 digits: export the list from Coretax again and do not re-save it, or format the column as text."
		),
		"date_unreadable": lambda: _("The date cannot be read."),
		"amount_unreadable": lambda: _("An amount cannot be read."),
		"not_approved": lambda: _("Coretax status {0}: only approved tax invoices get a number here.").format(
			row.status
		),
		"unknown_reference": lambda: _("No invoice {0}: the reference names none of our invoices.").format(
			name
		),
		"not_exported": lambda: _("Invoice {0} was never exported to Coretax from here.").format(name),
		"date_missing": lambda: _("The row has no date."),
		"nsfp_digits": lambda: _("The Faktur Pajak number must have 17 digits."),
		"nsfp_code_unknown": lambda: _(
			"The Faktur Pajak number does not begin with a transaction code (01 to 10)."
		),
		"nsfp_code_mismatch": lambda: _(
			"The Faktur Pajak number begins with another transaction code than invoice {0}'s."
		).format(name),
		"nsfp_year_mismatch": lambda: _("The Faktur Pajak number carries another year than its date."),
		"replacement_unexpected": lambda: _(
			"This is a replacement (Faktur Pajak Pengganti), but no credit note of invoice {0} waits for one."
		).format(name),
		"replacement_expected": lambda: _(
			"Credit note {0} waits for the replacement of a Faktur Pajak, not for a normal number."
		).format(name),
		"buyer_mismatch": lambda: _("The buyer's NPWP/NIK is not that of invoice {0}.").format(name),
		"amount_mismatch": lambda: _("The amounts are not those of invoice {0}.").format(name),
		"unchanged": lambda: _("Invoice {0} already has this number.").format(name),
		"number_differs": lambda: _(
			"Invoice {0} already has another Faktur Pajak number ({1}); it is not overwritten."
		).format(name, other),
		"number_taken": lambda: _("This number is already on invoice {0}.").format(frappe.bold(other)),
		"duplicate_row": lambda: _("Another row of the file already gave invoice {0} a number.").format(name),
		"ambiguous_replacement": lambda: _(
			"More than one credit note of invoice {0} waits for a replacement: record the number by hand."
		).format(name),
	}
	return messages[reason]()


def read_import(doc):
	"""Read the attached file into rows, each with what submitting would do (To Apply, Unchanged,
	Not Applied and why). Run on save and again on submit, on the invoices as they are then."""
	content, filename = file_content(doc)
	try:
		rows = ct.parse_result(content, filename)
	except ct.CoretaxFileError as error:
		frappe.throw(file_message(error.reason, filename, error.detail), title=_("Not a Coretax list"))
	doc.set("rows", [])
	claimed = {}  # invoice -> number given by an earlier row of this file
	for row in rows:
		target, expected, reason = target_of(row)
		decision = ct.decide(row, expected) if reason is None else ct.Decision(False, reason)
		extra = expected.current_number if expected and decision.reason == "number_differs" else ""
		if decision.apply:
			holder = frappe.db.get_value(
				INVOICE, {"faktur_pajak_number": row.number, "name": ("!=", target)}, "name"
			)
			if holder:
				decision, extra = ct.Decision(False, "number_taken"), holder
			elif target in claimed:
				decision = ct.Decision(False, "duplicate_row")
			else:
				claimed[target] = row.number
		outcome = TO_APPLY if decision.apply else UNCHANGED if decision.reason == "unchanged" else NOT_APPLIED
		doc.append(
			"rows",
			{
				"row_number": row.row,
				"reference": row.reference,
				"faktur_pajak_number": row.number,
				"faktur_pajak_date": row.day,
				"coretax_status": row.status,
				"buyer_tin": row.buyer_tin,
				"total_amount": flt(row.price),
				"dpp_amount": flt(row.dpp),
				"tax_amount": flt(row.ppn),
				"invoice": target,
				"outcome": outcome,
				"reason": "" if decision.apply else row_message(decision.reason, row, target, extra),
			},
		)
	count_rows(doc)


def count_rows(doc):
	doc.applied_count = sum(1 for r in doc.rows if r.outcome in (TO_APPLY, APPLIED))
	doc.not_applied_count = sum(1 for r in doc.rows if r.outcome == NOT_APPLIED)


def target_of(row: ct.ResultRow) -> tuple[str | None, ct.Expected | None, str | None]:
	"""(the invoice the row is for, what it must say, a reason to refuse found on the way)."""
	if not row.reference or not frappe.db.exists(INVOICE, {"name": row.reference, "docstatus": 1}):
		return None, None, None
	invoice = frappe.get_doc(INVOICE, row.reference)
	if invoice.invoice_type == CREDIT_NOTE:
		expected = expected_replacement(invoice)
		return invoice.name, expected, None if expected else "amount_mismatch"
	if is_replacement(row.number):
		# Coretax keeps the replaced tax invoice's reference on its replacement: the credit note of
		# this invoice that waits for one takes the number.
		waiting = waiting_credit_notes(invoice.name)
		if len(waiting) > 1:
			return invoice.name, None, "ambiguous_replacement"
		if waiting:
			return waiting[0], expected_replacement(frappe.get_doc(INVOICE, waiting[0])), None
	return invoice.name, expected_normal(invoice), None


def is_replacement(number: str) -> bool:
	try:
		return ct.parse_nsfp(number).is_replacement
	except ValueError:
		return False


def buyer_numbers(invoice) -> tuple[str, ...]:
	return ct.buyer_numbers(invoice.tax_id_type or ct.NPWP, invoice.npwp or "")


def expected_normal(invoice) -> ct.Expected:
	return ct.Expected(
		document=invoice.name,
		transaction_code=invoice.transaction_code or "",
		buyer_numbers=buyer_numbers(invoice),
		price=dec(invoice.total_amount),
		dpp=dec(invoice.dpp_amount),
		ppn=dec(invoice.tax_amount),
		current_number=invoice.faktur_pajak_number or "",
		exported=bool(invoice.coretax_export),
	)


def expected_replacement(credit_note) -> ct.Expected | None:
	"""The replacement a credit note asks for: the amounts of its (first) corrected invoice after
	every credit against it."""
	originals = corrected_invoices(credit_note)
	if not originals:
		return None
	try:
		result = correction_of(originals[0])
	except ValueError:
		return None
	original = frappe.get_doc(INVOICE, originals[0])
	return ct.Expected(
		document=credit_note.name,
		transaction_code=original.transaction_code or "",
		buyer_numbers=buyer_numbers(original),
		price=result.amounts.price,
		dpp=result.amounts.dpp,
		ppn=result.amounts.ppn,
		current_number=credit_note.faktur_pajak_number or "",
		replacement=True,
		exported=bool(credit_note.coretax_export),
	)


def waiting_credit_notes(original: str) -> list[str]:
	"""Exported credit notes correcting `original` that have no replacement number yet."""
	parents = frappe.get_all(
		ITEM, filters={"parenttype": INVOICE, "corrects_invoice": original}, pluck="parent", distinct=True
	)
	return frappe.get_all(
		INVOICE,
		filters={
			"name": ("in", parents or [""]),
			"docstatus": 1,
			"invoice_type": CREDIT_NOTE,
			"coretax_export": ("is", "set"),
			"faktur_pajak_number": ("in", ("", None)),
		},
		pluck="name",
		order_by="posting_date asc, name asc",
	)


def apply_import(doc):
	"""On submit: the rows To Apply give their invoices the number and date (read_import ran in
	before_submit, on the invoices as they are now)."""
	for row in doc.rows:
		if row.outcome != TO_APPLY:
			continue
		frappe.db.set_value(
			INVOICE,
			row.invoice,
			{"faktur_pajak_number": row.faktur_pajak_number, "faktur_pajak_date": row.faktur_pajak_date},
		)
		row.db_set("outcome", APPLIED)
	count_rows(doc)
	doc.db_set({"applied_count": doc.applied_count, "not_applied_count": doc.not_applied_count})


def cancel_import(doc):
	"""Take back the numbers this import gave, where the invoice still has them."""
	for row in doc.rows:
		if row.outcome != APPLIED:
			continue
		if frappe.db.get_value(INVOICE, row.invoice, "faktur_pajak_number") == row.faktur_pajak_number:
			frappe.db.set_value(
				INVOICE, row.invoice, {"faktur_pajak_number": None, "faktur_pajak_date": None}
			)


def keep_coretax_fields(invoice):
	"""For ANTARA Invoice's before_update_after_submit: the Coretax fields are not edited by hand
	(nor over the REST API, which does not honour read-only fields)."""
	before = invoice.get_doc_before_save()
	if not before:
		return
	for field in CORETAX_FIELDS:
		if _field_value(invoice, field) != _field_value(before, field):
			frappe.throw(
				_("{0} is written by the Coretax export and import, not by hand.").format(
					label(INVOICE, field)
				)
			)


def _field_value(doc, field):
	value = doc.get(field)
	if not value:
		return None
	if field == "exported_on":
		return get_datetime(value).replace(microsecond=0)
	if field == "faktur_pajak_date":
		return getdate(value)
	return str(value)
