"""Finance carries a signed contract's invoices to DJP's Coretax and brings the approved numbers back
(issue 11, 6.8): the export's TaxInvoiceBulk file field by field against the invoices, exporting
again only deliberately, bad input refused with nothing written, the result file applied to the
invoices (and reported where it names none), the number on the invoice print, and a credit note
turned into the replacement of the tax invoice it corrects."""

import io
import os
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from decimal import Decimal

import frappe
from frappe.utils import getdate, strip_html

from antara_sales.services.common.settings import SETTINGS
from antara_sales.services.fulfilling import coretax, fulfilment
from antara_sales.tests import factories as f
from antara_sales.tests.integration.fulfilment_case import INVOICE, FulfilmentCase
from antara_sales.tests.unit.test_coretax import HEADERS_ID

EXPORT = "ANTARA Coretax Export"
IMPORT = "ANTARA Coretax Import"
YEAR = {"start": "2026-01-01", "end": "2026-12-31"}
# Coretax's list of output tax invoices (e-Faktur > Pajak Keluaran), as it exports it
COLUMNS = HEADERS_ID


def nsfp(invoice, serial: int, status: str = "00") -> str:
	"""A number as Coretax gives it: code, status, the year of the date and an 11-digit sequence."""
	return f"{invoice.transaction_code}{status}{getdate(invoice.posting_date).year % 100:02d}{serial:011d}"


def coretax_row(invoice, number, **kw):
	values = {
		"NPWP Pembeli / Identitas lainnya": invoice.npwp,
		"Nama Pembeli": invoice.customer_name,
		"Kode Transaksi": invoice.transaction_code,
		"Nomor Faktur Pajak": number,
		"Tanggal Faktur Pajak": str(invoice.posting_date),
		"Masa Pajak": "Januari",
		"Tahun": str(getdate(invoice.posting_date).year),
		"Status Faktur": "APPROVED",
		"ESignStatus": "Signed",
		"Harga Jual/Penggantian/DPP": invoice.total_amount,
		"DPP Nilai Lain/DPP": invoice.dpp_amount,
		"PPN": invoice.tax_amount,
		"PPnBM": 0,
		"Penandatangan": "Finance ANTARA",
		"Referensi": invoice.name,
		"Dilaporkan oleh Penjual": "FALSE",
		"Dilaporkan oleh Pemungut PPN": "",
	}
	values.update(kw)
	return [values[c] for c in COLUMNS]


def workbook(rows) -> bytes:
	from openpyxl import Workbook

	book = Workbook()
	sheet = book.active
	sheet.append(COLUMNS)
	for row in rows:
		sheet.append(row)
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


class CoretaxCase(FulfilmentCase):
	def setUp(self):
		super().setUp()
		self.seller_npwp = "0" + f.valid_npwp()  # the 16-digit form the settings keep
		frappe.db.set_single_value(
			SETTINGS,
			{
				"seller_npwp": self.seller_npwp,
				"seller_nitku": self.seller_npwp + "000000",
				"coretax_item_code": "000000",
				"coretax_unit_code": "UM.0033",
			},
			update_modified=False,
		)
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		self.finance = self.people.finance[0]
		self.files_before = set(frappe.get_all("File", pluck="name"))

	def tearDown(self):
		# The files the test wrote are on the disk, outside the rolled-back transaction.
		for file in frappe.get_all(
			"File", filters={"name": ("not in", list(self.files_before) or [""])}, fields=["name", "file_url"]
		):
			if file.file_url and frappe.db.count("File", {"file_url": file.file_url}) == 1:
				path = frappe.get_doc("File", file.name).get_full_path()
				if os.path.exists(path):
					os.remove(path)
		super().tearDown()

	@contextmanager
	def refusing(self, pattern):
		"""A ValidationError whose message, read as text, matches `pattern`."""
		with self.assertRaises(frappe.ValidationError) as caught:
			yield
		self.assertRegex(strip_html(str(caught.exception)), pattern)

	# What a signed contract billed.

	def billed(self, months=2, products=None):
		contract = self.sign(products or [self.text], **YEAR)
		self.fulfil(contract)
		if months > 1:
			fulfilment.bill_due_contracts(on=f"2026-{months:02d}-01", now=True)
		return contract, [frappe.get_doc(INVOICE, row.name) for row in self.invoices(contract)]

	# Finance's steps.

	def export(self, invoices, *, submit=True, **fields):
		with f.as_user(self.finance):
			name = coretax.new_export([i.name for i in invoices])
			doc = frappe.get_doc(EXPORT, name)
			doc.update(fields)
			doc.save()
			if submit:
				doc.submit()
		return frappe.get_doc(EXPORT, name)

	def xml_of(self, export):
		file = frappe.get_doc("File", {"file_url": export.file, "attached_to_name": export.name})
		self.assertTrue(file.is_private)
		return ET.fromstring(file.get_content())

	def import_file(self, content, filename="Pajak Keluaran.xlsx", *, submit=True):
		with f.as_user(self.finance):
			file = frappe.get_doc(
				{"doctype": "File", "file_name": filename, "is_private": 1, "content": content}
			).insert()
			doc = frappe.get_doc({"doctype": IMPORT, "file": file.file_url}).insert()
			if submit:
				doc.submit()
		return frappe.get_doc(IMPORT, doc.name)

	def got(self, among):
		"""What Get Invoices takes for the year, among these invoices."""
		with f.as_user(self.finance):
			doc = frappe.new_doc(EXPORT)
			doc.update({"from_date": "2026-01-01", "to_date": "2026-12-31"})
			doc.get_invoices()
		names = {i.name for i in among}
		return [row.invoice for row in doc.invoices if row.invoice in names]

	def numbers(self, invoices):
		return [
			tuple(frappe.db.get_value(INVOICE, i.name, ["faktur_pajak_number", "faktur_pajak_date"]))
			for i in invoices
		]


class TestExport(CoretaxCase):
	def test_the_file_says_field_by_field_what_the_invoices_say(self):
		_contract, invoices = self.billed()
		export = self.export(invoices)
		self.assertEqual(export.docstatus, 1)
		root = self.xml_of(export)
		self.assertEqual(root.findtext("TIN"), self.seller_npwp)
		nodes = root.findall("ListOfTaxInvoice/TaxInvoice")
		self.assertEqual([n.findtext("RefDesc") for n in nodes], [i.name for i in invoices])
		for node, invoice in zip(nodes, invoices, strict=True):
			self.assertEqual(
				[child.tag for child in node][:3], ["TaxInvoiceDate", "TaxInvoiceOpt", "TrxCode"]
			)
			expected = {
				"TaxInvoiceDate": str(invoice.posting_date),
				"TaxInvoiceOpt": "Normal",
				"TrxCode": invoice.transaction_code,
				"RefDesc": invoice.name,
				"SellerIDTKU": self.seller_npwp + "000000",
				"BuyerTin": invoice.npwp,
				"BuyerDocument": "TIN",
				"BuyerCountry": "IDN",
				"BuyerName": invoice.customer_name,
				"BuyerAdress": " ".join(invoice.address.split()),
				"BuyerEmail": invoice.email,
				"BuyerIDTKU": invoice.buyer_nitku,
			}
			self.assertEqual({tag: node.findtext(tag) for tag in expected}, expected)
			self.assertEqual(invoice.buyer_nitku, invoice.npwp + "000000")  # the head office
			services = node.findall("ListOfGoodService/GoodService")
			self.assertEqual(len(services), len(invoice.items))
			for service, row in zip(services, invoice.items, strict=True):
				self.assertEqual(
					(service.findtext("Opt"), service.findtext("Code"), service.findtext("Unit")),
					("B", "000000", "UM.0033"),
				)
				self.assertTrue(service.findtext("Name").startswith(row.product_name))
				self.assertEqual(Decimal(service.findtext("TaxBase")), Decimal(str(row.amount)))
				self.assertEqual(Decimal(service.findtext("OtherTaxBase")), Decimal(str(row.dpp_amount)))
				self.assertEqual(Decimal(service.findtext("VAT")), Decimal(str(row.tax_amount)))
				self.assertEqual(Decimal(service.findtext("VATRate")), Decimal(str(invoice.tax_rate)))
				self.assertEqual(
					Decimal(service.findtext("Price")) * Decimal(service.findtext("Qty")),
					Decimal(service.findtext("TaxBase")),
				)
			self.assertEqual(
				sum(Decimal(s.findtext("VAT")) for s in services), Decimal(str(invoice.tax_amount))
			)
		# The export's totals are the file's, and the invoices'.
		vat = sum(Decimal(s.findtext("VAT")) for s in root.iter("GoodService"))
		dpp = sum(Decimal(s.findtext("OtherTaxBase")) for s in root.iter("GoodService"))
		self.assertEqual((export.invoice_count, Decimal(str(export.total_ppn))), (2, vat))
		self.assertEqual(Decimal(str(export.total_dpp)), dpp)
		self.assertEqual(export.total_ppn, sum(i.tax_amount for i in invoices))
		self.assertEqual(export.total_price, sum(i.total_amount for i in invoices))
		# Each invoice remembers the export that carried it.
		for invoice in invoices:
			values = frappe.db.get_value(
				INVOICE, invoice.name, ["coretax_export", "exported_on"], as_dict=True
			)
			self.assertEqual(values.coretax_export, export.name)
			self.assertIsNotNone(values.exported_on)

	def test_get_invoices_takes_the_period_not_yet_exported(self):
		_contract, (january, february) = self.billed()
		self.export([january])
		with f.as_user(self.finance):
			doc = frappe.new_doc(EXPORT)
			doc.update({"from_date": "2026-01-01", "to_date": "2026-03-31"})
			added = doc.get_invoices()
		self.assertIn(february.name, [row.invoice for row in doc.invoices])
		self.assertNotIn(january.name, [row.invoice for row in doc.invoices])
		self.assertEqual(added, len(doc.invoices))

	def test_exporting_again_takes_a_deliberate_choice(self):
		_contract, (january, _february) = self.billed()
		first = self.export([january])
		with self.refusing(f"already in Coretax export {first.name}.*Export Again"):
			self.export([january])
		self.assertEqual(frappe.db.get_value(INVOICE, january.name, "coretax_export"), first.name)

		again = self.export([january], export_again=1)  # Coretax refused the first file, say
		self.assertEqual(frappe.db.get_value(INVOICE, january.name, "coretax_export"), again.name)
		# Cancelling the second gives the invoice back to the first (cancelling is the admins').
		frappe.get_doc(EXPORT, again.name).cancel()
		self.assertEqual(frappe.db.get_value(INVOICE, january.name, "coretax_export"), first.name)
		frappe.get_doc(EXPORT, first.name).cancel()
		self.assertEqual(
			frappe.db.get_value(INVOICE, january.name, ["coretax_export", "exported_on"]), (None, None)
		)

	def test_finance_cannot_cancel_an_export(self):
		_contract, (january, _february) = self.billed()
		export = self.export([january])
		with f.as_user(self.finance), self.assertRaises(frappe.PermissionError):
			frappe.get_doc(EXPORT, export.name).cancel()

	def refused(self, invoices, pattern):
		"""The submit is refused with `pattern`, and nothing is written: no file, no invoice marked."""
		with self.refusing(pattern):
			self.export(invoices)
		for invoice in invoices:
			self.assertIsNone(frappe.db.get_value(INVOICE, invoice.name, "coretax_export"))
		self.assertFalse(
			frappe.get_all(
				"File", filters={"attached_to_doctype": EXPORT, "name": ("not in", list(self.files_before))}
			)
		)

	def test_bad_input_is_refused_naming_the_invoice_and_the_field(self):
		_contract, (january, february) = self.billed()
		frappe.db.set_value(INVOICE, february.name, "buyer_nitku", "0999999999999999000000")
		self.refused([january, february], f"Invoice {february.name}.*Buyer NITKU.*22 digits")

		frappe.db.set_value(INVOICE, february.name, {"buyer_nitku": february.buyer_nitku, "npwp": ""})
		self.refused([february], f"Invoice {february.name}.*no .*NPWP.*NPWP or NIK")

		# An invoice of another seller (another company's NPWP) does not go into ANTARA's file.
		other = "0" + f.valid_npwp()
		frappe.db.set_value(INVOICE, january.name, {"seller_npwp": other, "seller_nitku": other + "000000"})
		self.refused([january], f"Invoice {january.name} was issued under seller NPWP {other}")

	def test_the_seller_identity_must_be_set(self):
		_contract, (january, _february) = self.billed()
		frappe.db.set_single_value(SETTINGS, "seller_nitku", "", update_modified=False)
		frappe.db.set_value(INVOICE, january.name, "seller_nitku", "")
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		self.refused([january], f"Invoice {january.name}.*Seller NITKU.*22 digits")

	def test_a_cancelled_invoice_does_not_go(self):
		_contract, (january, february) = self.billed()
		frappe.get_doc(INVOICE, february.name).cancel()
		# Frappe's own link check refuses it on save, naming the row and the invoice.
		self.refused([january, february], f"cancelled document.*Invoice: {february.name}")

	def test_the_list_action_is_finances(self):
		_contract, invoices = self.billed()
		with f.as_user(self.org.ae), self.assertRaises(frappe.PermissionError):
			coretax.new_export([i.name for i in invoices])
		with f.as_user(self.finance):
			from antara_sales.antara_sales.doctype.antara_coretax_export.antara_coretax_export import (
				from_invoices,
			)

			name = from_invoices(frappe.as_json([i.name for i in invoices]))
		doc = frappe.get_doc(EXPORT, name)
		self.assertEqual((doc.docstatus, [r.invoice for r in doc.invoices]), (0, [i.name for i in invoices]))
		self.assertEqual(doc.total_ppn, sum(i.tax_amount for i in invoices))


class TestImport(CoretaxCase):
	def test_the_result_gives_the_invoices_their_numbers_and_reports_the_rest(self):
		_contract, (january, february) = self.billed()
		self.export([january, february])
		content = workbook(
			[
				coretax_row(january, nsfp(january, 1)),
				coretax_row(february, nsfp(february, 2)),
				coretax_row(january, nsfp(january, 3), Referensi="INV-NOT-OURS-1"),
				coretax_row(january, nsfp(january, 4), Referensi="", **{"Status Faktur": "CREATED"}),
			]
		)
		result = self.import_file(content)
		outcomes = [(r.row_number, r.reference, r.invoice, r.outcome) for r in result.rows]
		self.assertEqual(
			outcomes,
			[
				(2, january.name, january.name, "Applied"),
				(3, february.name, february.name, "Applied"),
				(4, "INV-NOT-OURS-1", None, "Not Applied"),
				(5, "", None, "Not Applied"),
			],
		)
		self.assertIn("INV-NOT-OURS-1", result.rows[2].reason)
		self.assertIn("CREATED", result.rows[3].reason)
		self.assertEqual((result.applied_count, result.not_applied_count), (2, 2))
		self.assertEqual(
			self.numbers([january, february]),
			[
				(nsfp(january, 1), getdate(january.posting_date)),
				(nsfp(february, 2), getdate(february.posting_date)),
			],
		)

		# The invoice form and its print show the number.
		html = frappe.get_print(INVOICE, january.name, "ANTARA Invoice")
		self.assertIn(nsfp(january, 1), html)

		# The same list again changes nothing; another number for the same invoice is not taken.
		again = self.import_file(
			workbook([coretax_row(january, nsfp(january, 1)), coretax_row(february, nsfp(february, 9))])
		)
		self.assertEqual([r.outcome for r in again.rows], ["Unchanged", "Not Applied"])
		self.assertIn(nsfp(february, 2), again.rows[1].reason)
		self.assertEqual(self.numbers([february])[0][0], nsfp(february, 2))

	def test_a_row_that_is_not_the_invoice_is_not_applied(self):
		_contract, (january, february) = self.billed()
		self.export([january])
		result = self.import_file(
			workbook(
				[
					coretax_row(january, nsfp(january, 1), PPN=january.tax_amount + 5000),
					coretax_row(
						january, nsfp(january, 2), **{"NPWP Pembeli / Identitas lainnya": f.valid_npwp()}
					),
					coretax_row(february, nsfp(february, 3)),  # never exported
					coretax_row(january, "0400260000000001"),  # 16 digits, the old form
				]
			),
		)
		self.assertEqual({r.outcome for r in result.rows}, {"Not Applied"})
		reasons = [r.reason for r in result.rows]
		self.assertIn("amounts", reasons[0])
		self.assertIn("NPWP/NIK", reasons[1])
		self.assertIn("never exported", reasons[2])
		self.assertIn("17 digits", reasons[3])
		self.assertEqual(self.numbers([january, february]), [(None, None), (None, None)])

	def test_a_file_that_is_not_coretaxs_list_is_refused(self):
		with self.refusing("lacks the columns.*Tanggal Faktur Pajak"):
			self.import_file(b"Referensi,Nomor Faktur Pajak\nX,1\n", "list.csv")
		with self.refusing(r"\.xlsx or \.csv"):
			self.import_file(b"%PDF-1.4", "faktur.pdf")

	def test_the_number_is_not_saved_over_nor_edited_by_hand(self):
		_contract, (january, _february) = self.billed()
		self.export([january])
		with f.as_user(self.finance):
			stale = frappe.get_doc(INVOICE, january.name)  # a form opened before the import
		self.import_file(workbook([coretax_row(january, nsfp(january, 1))]))
		with f.as_user(self.finance), self.assertRaises(frappe.TimestampMismatchError):
			stale.note = "Dibayar lewat transfer"
			stale.save()
		self.assertEqual(self.numbers([january])[0][0], nsfp(january, 1))
		# The invoice's own save (before_update_after_submit) refuses a changed number.
		doc = frappe.get_doc(INVOICE, january.name)
		doc.load_doc_before_save()
		coretax.keep_coretax_fields(doc)  # nothing changed
		doc.faktur_pajak_number = nsfp(january, 5)
		with self.refusing("Faktur Pajak Number is written by the Coretax export and import"):
			coretax.keep_coretax_fields(doc)

	def test_cancelling_an_import_takes_its_numbers_back(self):
		_contract, (january, _february) = self.billed()
		self.export([january])
		result = self.import_file(workbook([coretax_row(january, nsfp(january, 1))]))
		frappe.get_doc(IMPORT, result.name).cancel()
		self.assertEqual(self.numbers([january]), [(None, None)])


class TestCreditNote(CoretaxCase):
	def terminate(self, contract, effective):
		with f.as_user(self.org.ae):
			change = frappe.get_doc(
				{
					"doctype": "ANTARA Subscription Change",
					"contract": contract.name,
					"change_type": "Terminate",
					"effective_date": effective,
					"reason": "Permintaan pelanggan",
					"account_executive": self.org.ae,
				}
			).insert()
		f.request_verification(self.org, change)
		f.verify(self.org, change)
		f.act(self.org.manager, change, "Approve")
		self.fulfil(contract, on=effective)
		[credit] = self.invoices(contract, invoice_type="Credit Note")
		return frappe.get_doc(INVOICE, credit.name)

	def test_a_credit_note_becomes_the_replacement_of_the_tax_invoice_it_corrects(self):
		contract, (january, february) = self.billed()
		credit = self.terminate(contract, "2026-02-15")
		self.assertEqual({r.corrects_invoice for r in credit.items}, {february.name})

		# Not before the corrected invoice has its approved number.
		with self.refusing(
			f"Credit note {credit.name} corrects invoice {february.name}.*not approved yet",
		):
			self.export([credit])
		self.assertEqual(self.got([january, february, credit]), [january.name, february.name])
		self.export([january, february])
		self.import_file(
			workbook([coretax_row(january, nsfp(january, 1)), coretax_row(february, nsfp(february, 2))])
		)

		self.assertEqual(self.got([credit]), [credit.name])  # now Get Invoices takes it
		export = self.export([credit])
		self.assertFalse(export.file)  # the credit note is not a second tax invoice
		self.assertEqual(export.invoice_count, 0)
		[row] = export.invoices
		self.assertEqual(row.replaces_faktur, nsfp(february, 2))
		price = february.total_amount + credit.total_amount
		self.assertIn(frappe.format_value(price, {"fieldtype": "Currency"}), row.coretax_action)
		self.assertEqual(frappe.db.get_value(INVOICE, credit.name, "coretax_export"), export.name)

		# Coretax's list then shows the replacement (status 01) under February's reference.
		replacement = nsfp(february, 7, status="01")
		result = self.import_file(
			workbook(
				[
					coretax_row(february, nsfp(february, 2), **{"Status Faktur": "AMENDED"}),
					coretax_row(
						february,
						replacement,
						**{
							"Harga Jual/Penggantian/DPP": price,
							"DPP Nilai Lain/DPP": february.dpp_amount + credit.dpp_amount,
							"PPN": february.tax_amount + credit.tax_amount,
						},
					),
				]
			)
		)
		self.assertEqual(
			[(r.invoice, r.outcome) for r in result.rows],
			[(february.name, "Not Applied"), (credit.name, "Applied")],
		)
		self.assertEqual(self.numbers([february, credit])[0][0], nsfp(february, 2))  # kept
		self.assertEqual(self.numbers([credit])[0][0], replacement)
