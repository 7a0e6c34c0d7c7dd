"""The Coretax exchange (issue 11): the TaxInvoiceBulk XML field by field, the checks before it is
built, the approved numbers (NSFP, PER-11/PJ/2025 Pasal 37) and the file Coretax gives back."""

import io
import unittest
import xml.etree.ElementTree as ET
from datetime import date, datetime
from decimal import Decimal

from antara_sales.domain import coretax as ct

SELLER_TIN = "0010000000091000"
SELLER_NITKU = SELLER_TIN + "000000"
BUYER_NPWP = "0123456789012345"

INVOICE_ORDER = [
	"TaxInvoiceDate",
	"TaxInvoiceOpt",
	"TrxCode",
	"AddInfo",
	"CustomDoc",
	"CustomDocMonthYear",
	"RefDesc",
	"FacilityStamp",
	"SellerIDTKU",
	"BuyerTin",
	"BuyerDocument",
	"BuyerCountry",
	"BuyerDocumentNumber",
	"BuyerName",
	"BuyerAdress",
	"BuyerEmail",
	"BuyerIDTKU",
	"ListOfGoodService",
]
LINE_ORDER = [
	"Opt",
	"Code",
	"Name",
	"Unit",
	"Price",
	"Qty",
	"TotalDiscount",
	"TaxBase",
	"OtherTaxBase",
	"VATRate",
	"VAT",
	"STLGRate",
	"STLG",
]


def line(price="10000000", dpp="9166667", ppn="1100000", **kw):
	"""The worked example of docs/tax.md (PMK 131/2024 Pasal 3, whole rupiah per PER-11/PJ/2025
	Pasal 129): a price of Rp 10.000.000, DPP Nilai Lain 11/12 of it = Rp 9.166.667, 12 % PPN =
	Rp 1.100.000. domain/tax.py computes them; the export takes them as the invoice stored them."""
	values = {"name": "Layanan Berita Teks Januari 2026", "unit": "UM.0033", "quantity": 1}
	values.update(kw)
	return ct.Line(price=Decimal(price), dpp=Decimal(dpp), ppn=Decimal(ppn), **values)


def npwp_buyer(**kw):
	values = {
		"id_type": ct.NPWP,
		"number": BUYER_NPWP,
		"nitku": BUYER_NPWP + "000000",
		"name": "PT Media Nusantara",
		"address": "Jl. Merdeka Barat 17\nJakarta Pusat",
		"email": "pajak@media.example",
	}
	values.update(kw)
	return ct.Buyer(**values)


def invoice(reference="ANT-INV-2026-00001", lines=None, buyer=None, **kw):
	values = {
		"reference": reference,
		"day": date(2026, 1, 5),
		"transaction_code": "04",
		"vat_rate": Decimal("12"),
		"seller_nitku": SELLER_NITKU,
		"buyer": buyer or npwp_buyer(),
		"lines": tuple(lines or [line()]),
	}
	values.update(kw)
	return ct.TaxInvoice(**values)


def parsed(export):
	return ET.fromstring(ct.build_xml(export))


class TestTheXml(unittest.TestCase):
	def test_header_and_one_invoice_field_by_field(self):
		export = ct.Export(SELLER_TIN, (invoice(),))
		root = parsed(export)
		self.assertEqual(root.tag, "TaxInvoiceBulk")
		self.assertEqual([child.tag for child in root], ["TIN", "ListOfTaxInvoice"])
		self.assertEqual(root.findtext("TIN"), SELLER_TIN)
		[node] = root.findall("ListOfTaxInvoice/TaxInvoice")
		self.assertEqual([child.tag for child in node], INVOICE_ORDER)
		values = {child.tag: child.text or "" for child in node if child.tag != "ListOfGoodService"}
		self.assertEqual(
			values,
			{
				"TaxInvoiceDate": "2026-01-05",
				"TaxInvoiceOpt": "Normal",
				"TrxCode": "04",
				"AddInfo": "",
				"CustomDoc": "",
				"CustomDocMonthYear": "",
				"RefDesc": "ANT-INV-2026-00001",
				"FacilityStamp": "",
				"SellerIDTKU": SELLER_NITKU,
				"BuyerTin": BUYER_NPWP,
				"BuyerDocument": "TIN",
				"BuyerCountry": "IDN",
				"BuyerDocumentNumber": "",
				"BuyerName": "PT Media Nusantara",
				"BuyerAdress": "Jl. Merdeka Barat 17 Jakarta Pusat",  # one line
				"BuyerEmail": "pajak@media.example",
				"BuyerIDTKU": BUYER_NPWP + "000000",
			},
		)
		[service] = node.findall("ListOfGoodService/GoodService")
		self.assertEqual([child.tag for child in service], LINE_ORDER)
		self.assertEqual(
			{child.tag: child.text for child in service},
			{
				"Opt": "B",
				"Code": "000000",
				"Name": "Layanan Berita Teks Januari 2026",
				"Unit": "UM.0033",
				"Price": "10000000",
				"Qty": "1",
				"TotalDiscount": "0",
				"TaxBase": "10000000",
				"OtherTaxBase": "9166667",
				"VATRate": "12",
				"VAT": "1100000",
				"STLGRate": "0",
				"STLG": "0",
			},
		)

	def test_a_buyer_without_npwp_goes_by_national_id(self):
		buyer = ct.Buyer(id_type=ct.NIK, number="6571011708450001", name="Budi Santoso", nitku="")
		node = parsed(ct.Export(SELLER_TIN, (invoice(buyer=buyer),))).find("ListOfTaxInvoice/TaxInvoice")
		self.assertEqual(node.findtext("BuyerTin"), "0000000000000000")
		self.assertEqual(node.findtext("BuyerDocument"), "National ID")
		self.assertEqual(node.findtext("BuyerDocumentNumber"), "6571011708450001")
		self.assertEqual(node.findtext("BuyerIDTKU"), "000000")

	def test_quantity_is_kept_when_the_amount_divides(self):
		lines = [
			line(price="2000000", dpp="1833333", ppn="220000", quantity=2),
			line(price="1000000", dpp="916667", ppn="110000", quantity=3),  # 333.333,33... each
		]
		services = parsed(ct.Export(SELLER_TIN, (invoice(lines=lines),))).findall(".//GoodService")
		self.assertEqual(
			[(s.findtext("Price"), s.findtext("Qty")) for s in services], [("1000000", "2"), ("1000000", "1")]
		)
		for service in services:  # Coretax checks Price x Qty - TotalDiscount = TaxBase
			self.assertEqual(
				Decimal(service.findtext("Price")) * Decimal(service.findtext("Qty"))
				- Decimal(service.findtext("TotalDiscount")),
				Decimal(service.findtext("TaxBase")),
			)

	def test_totals_of_the_file_are_the_invoices(self):
		first = invoice(lines=[line(), line(price="500000", dpp="458333", ppn="55000")])
		second = invoice(
			reference="ANT-INV-2026-00002", buyer=npwp_buyer(name="Dinas Kominfo"), transaction_code="02"
		)
		root = parsed(ct.Export(SELLER_TIN, (first, second)))
		self.assertEqual(
			[n.findtext("RefDesc") for n in root.iter("TaxInvoice")], [first.reference, second.reference]
		)
		for node, source in zip(root.iter("TaxInvoice"), (first, second), strict=True):
			self.assertEqual(
				sum(Decimal(s.findtext("TaxBase")) for s in node.iter("GoodService")), source.price
			)
			self.assertEqual(
				sum(Decimal(s.findtext("OtherTaxBase")) for s in node.iter("GoodService")), source.dpp
			)
			self.assertEqual(sum(Decimal(s.findtext("VAT")) for s in node.iter("GoodService")), source.ppn)
		self.assertEqual(first.price, Decimal("10500000"))
		self.assertEqual(first.ppn, Decimal("1155000"))

	def test_the_file_is_utf8_escaped_and_the_same_every_time(self):
		buyer = npwp_buyer(name="PT Kopi & Teh <Nusantara> Café")
		export = ct.Export(SELLER_TIN, (invoice(buyer=buyer),))
		content = ct.build_xml(export)
		self.assertTrue(content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>"))
		self.assertIn("Café".encode(), content)
		self.assertIn(b"PT Kopi &amp; Teh &lt;Nusantara&gt;", content)
		self.assertEqual(content, ct.build_xml(export))
		self.assertEqual(parsed(export).find(".//BuyerName").text, "PT Kopi & Teh <Nusantara> Café")

	def test_numbers_as_the_template_writes_them(self):
		self.assertEqual(ct.number_text(Decimal("1000000.00")), "1000000")
		self.assertEqual(ct.number_text(Decimal("916666.666")), "916666.67")
		self.assertEqual(ct.number_text(Decimal("0.50")), "0.5")
		self.assertEqual(ct.number_text(12), "12")
		self.assertEqual(ct.number_text(None), "0")


class TestWhatStopsTheFile(unittest.TestCase):
	def reasons(self, *invoices, seller=SELLER_TIN):
		return [(p.reference, p.field, p.reason) for p in ct.problems(ct.Export(seller, invoices))]

	def test_a_complete_invoice_passes(self):
		self.assertEqual(self.reasons(invoice()), [])
		nik = ct.Buyer(id_type=ct.NIK, number="6571011708450001", name="Budi")
		self.assertEqual(self.reasons(invoice(buyer=nik)), [])

	def test_the_seller_identity_is_needed(self):
		self.assertEqual(
			self.reasons(invoice(seller_nitku=""), seller=""),
			[
				("ANT-INV-2026-00001", "seller_npwp", "seller_npwp_digits"),
				("ANT-INV-2026-00001", "seller_nitku", "seller_nitku_digits"),
			],
		)
		other = "0999999999999999000000"  # a NITKU of another taxpayer
		self.assertEqual(self.reasons(invoice(seller_nitku=other))[0][2], "seller_nitku_digits")

	def test_a_buyer_without_identity(self):
		for buyer in (npwp_buyer(number=""), ct.Buyer(id_type="", number="", name="X")):
			self.assertEqual(
				self.reasons(invoice(buyer=buyer)), [("ANT-INV-2026-00001", "npwp", "buyer_identity_missing")]
			)
		self.assertEqual(self.reasons(invoice(buyer=npwp_buyer(number="12345")))[0][2], "buyer_number_digits")
		self.assertEqual(
			self.reasons(invoice(buyer=npwp_buyer(name=" ")))[0][1:], ("customer_name", "buyer_name_missing")
		)

	def test_the_buyer_nitku_belongs_to_its_npwp(self):
		self.assertEqual(
			self.reasons(invoice(buyer=npwp_buyer(nitku="")))[0][1:], ("buyer_nitku", "buyer_nitku_digits")
		)
		wrong = npwp_buyer(nitku="0999999999999999000000")
		self.assertEqual(self.reasons(invoice(buyer=wrong))[0][2], "buyer_nitku_digits")

	def test_a_collector_must_be_identified_by_npwp(self):
		nik = ct.Buyer(id_type=ct.NIK, number="6571011708450001", name="Budi")
		for code in ("02", "03"):
			self.assertEqual(
				self.reasons(invoice(buyer=nik, transaction_code=code)),
				[("ANT-INV-2026-00001", "tax_id_type", "collector_needs_npwp")],
			)

	def test_codes_lines_and_signs(self):
		self.assertEqual(
			self.reasons(invoice(transaction_code="11"))[0][1:],
			("transaction_code", "transaction_code_unknown"),
		)
		empty = ct.TaxInvoice(**{**invoice().__dict__, "lines": ()})
		self.assertEqual(self.reasons(empty)[0][1:], ("items", "no_lines"))
		credit = invoice(lines=[line(price="-1000000", dpp="-916667", ppn="-110000")])
		self.assertEqual(self.reasons(credit)[0][1:], ("items", "negative_line"))
		old_rule = invoice(lines=[line(dpp="0", ppn="1100000")])  # issued before DPP Nilai Lain was kept
		self.assertEqual(self.reasons(old_rule)[0][1:], ("items", "line_without_dpp"))


class TestCorrection(unittest.TestCase):
	ORIGINAL = ct.Amounts(Decimal("10000000"), Decimal("9166667"), Decimal("1100000"))

	def test_a_credit_note_asks_for_a_replacement_with_the_reduced_amounts(self):
		credit = ct.Amounts(Decimal("-4000000"), Decimal("-3666667"), Decimal("-440000"))
		result = ct.correction(self.ORIGINAL, [credit])
		self.assertEqual(result.kind, ct.REPLACE)
		self.assertEqual(
			result.amounts, ct.Amounts(Decimal("6000000"), Decimal("5500000.00"), Decimal("660000"))
		)

	def test_credits_for_the_whole_amount_cancel_it(self):
		credit = ct.Amounts(-self.ORIGINAL.price, -self.ORIGINAL.dpp, -self.ORIGINAL.ppn)
		self.assertEqual(ct.correction(self.ORIGINAL, [credit]).kind, ct.CANCEL)

	def test_credits_cannot_take_back_more_than_was_taxed(self):
		credit = ct.Amounts(Decimal("-6000000"), Decimal("-5500000"), Decimal("-660000"))
		with self.assertRaises(ValueError):
			ct.correction(self.ORIGINAL, [credit, credit])


class TestNsfp(unittest.TestCase):
	def test_seventeen_digits_code_status_and_serial(self):
		# PER-11/PJ/2025 Pasal 37 ayat (1); a real number from Coretax's list: 04 00 25 00298459047.
		number = ct.parse_nsfp("04002500298459047")
		self.assertEqual(number, ct.Nsfp("04", "00", 2025, "00298459047"))
		self.assertFalse(number.is_replacement)
		self.assertTrue(ct.parse_nsfp("04012500298459048").is_replacement)
		self.assertEqual(
			ct.nsfp_problems("04002500298459047", transaction_code="04", day=date(2025, 9, 17)), []
		)

	def test_what_is_not_an_nsfp(self):
		self.assertEqual(ct.nsfp_problems("0400250029845904"), ["nsfp_digits"])  # the old 16 digits
		self.assertEqual(ct.nsfp_problems("04.00.25.00298459047"), ["nsfp_digits"])
		self.assertEqual(ct.nsfp_problems("11002500298459047"), ["nsfp_code_unknown"])
		self.assertEqual(ct.nsfp_problems("02002500298459047", transaction_code="04"), ["nsfp_code_mismatch"])
		self.assertEqual(ct.nsfp_problems("04002500298459047", day=date(2026, 1, 5)), ["nsfp_year_mismatch"])
		with self.assertRaises(ValueError):
			ct.parse_nsfp("123")


HEADERS_ID = [
	"NPWP Pembeli / Identitas lainnya",
	"Nama Pembeli",
	"Kode Transaksi",
	"Nomor Faktur Pajak",
	"Tanggal Faktur Pajak",
	"Masa Pajak",
	"Tahun",
	"Status Faktur",
	"ESignStatus",
	"Harga Jual/Penggantian/DPP",
	"DPP Nilai Lain/DPP",
	"PPN",
	"PPnBM",
	"Penandatangan",
	"Referensi",
	"Dilaporkan oleh Penjual",
	"Dilaporkan oleh Pemungut PPN",
]


def result_line(number="04002600000000001", reference="ANT-INV-2026-00001", **kw):
	values = {
		"NPWP Pembeli / Identitas lainnya": BUYER_NPWP,
		"Nama Pembeli": "PT Media Nusantara",
		"Kode Transaksi": "04",
		"Nomor Faktur Pajak": number,
		"Tanggal Faktur Pajak": "2026-01-05",
		"Masa Pajak": "Januari",
		"Tahun": "2026",
		"Status Faktur": "APPROVED",
		"ESignStatus": "Signed",
		"Harga Jual/Penggantian/DPP": 10000000,
		"DPP Nilai Lain/DPP": 9166666.67,
		"PPN": 1100000,
		"PPnBM": 0,
		"Penandatangan": "Finance",
		"Referensi": reference,
		"Dilaporkan oleh Penjual": "FALSE",
		"Dilaporkan oleh Pemungut PPN": "",
	}
	values.update(kw)
	return [values[h] for h in HEADERS_ID]


def workbook(rows, headers=HEADERS_ID, title_rows=()):
	from openpyxl import Workbook

	book = Workbook()
	sheet = book.active
	for row in (*title_rows, headers, *rows):
		sheet.append(list(row))
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


class TestTheResultFile(unittest.TestCase):
	def test_coretax_xlsx_export(self):
		rows = ct.parse_result(
			workbook([result_line(), result_line("04002600000000002", "ANT-INV-2026-00002")]),
			"Pajak Keluaran.XLSX",
		)
		self.assertEqual(len(rows), 2)
		first = rows[0]
		self.assertEqual(first.row, 2)
		self.assertEqual(first.reference, "ANT-INV-2026-00001")
		self.assertEqual(first.number, "04002600000000001")
		self.assertEqual(first.day, date(2026, 1, 5))
		self.assertEqual(first.buyer_tin, BUYER_NPWP)
		self.assertEqual(first.status, "APPROVED")
		self.assertEqual(
			(first.price, first.dpp, first.ppn),
			(Decimal("10000000.00"), Decimal("9166666.67"), Decimal("1100000.00")),
		)
		self.assertEqual(first.problems, ())

	def test_a_title_above_the_header_and_cells_as_excel_keeps_them(self):
		line_ = result_line(
			**{
				"Tanggal Faktur Pajak": datetime(2026, 1, 5),
				"NPWP Pembeli / Identitas lainnya": 123456789012345,
			},
		)
		[row] = ct.parse_result(
			workbook([line_], title_rows=[["Daftar Faktur Pajak Keluaran"], []]), "out.xlsx"
		)
		self.assertEqual(row.row, 4)
		self.assertEqual(row.number, "04002600000000001")
		self.assertEqual(row.day, date(2026, 1, 5))
		self.assertEqual(row.buyer_tin, BUYER_NPWP)  # the number cell lost its leading zero

	def test_a_number_kept_as_a_spreadsheet_number_is_not_read(self):
		# 15 significant digits: 4002600000000003 may come back as 4002600000000000.
		for cell in (4002600000000003, 4.0026e15):
			[row] = ct.parse_result(workbook([result_line(number=cell)]), "out.xlsx")
			self.assertEqual(row.problems, ("nsfp_not_text",))
			self.assertEqual(ct.decide(row, None).reason, "nsfp_not_text")

	def test_csv_with_indonesian_numbers_and_dates(self):
		content = (
			"Referensi;Nomor Faktur Pajak;Tanggal Faktur Pajak;NPWP Pembeli;Status Faktur;"
			"Harga Jual/Penggantian/DPP;DPP Nilai Lain/DPP;PPN\n"
			"ANT-INV-2026-00001;04002600000000001;05/01/2026;0123.4567.8901.2345;APPROVED;"
			"10.000.000;9.166.666,67;1.100.000\n"
			";;;;;;;\n"
		).encode("utf-8-sig")
		[row] = ct.parse_result(content, "faktur.csv")
		self.assertEqual(row.day, date(2026, 1, 5))
		self.assertEqual(row.buyer_tin, BUYER_NPWP)
		self.assertEqual(
			(row.price, row.dpp, row.ppn),
			(Decimal("10000000.00"), Decimal("9166666.67"), Decimal("1100000.00")),
		)

	def test_headers_by_coretax_data_names(self):
		headers = [
			"Reference",
			"TaxInvoiceNumber",
			"TaxInvoiceDate",
			"BuyerTIN",
			"TaxInvoiceStatus",
			"SellingPrice",
			"OtherTaxBase",
			"VAT",
		]
		content = workbook(
			[
				[
					"ANT-INV-2026-00001",
					"04002600000000001",
					"2026-01-05T00:00:00+07:00",
					BUYER_NPWP,
					"approved",
					"10000000",
					"9166666.67",
					"1100000",
				]
			],
			headers=headers,
		)
		[row] = ct.parse_result(content, "list.xlsx")
		self.assertEqual(
			(row.reference, row.day, row.status), ("ANT-INV-2026-00001", date(2026, 1, 5), "APPROVED")
		)

	def test_files_that_cannot_be_read(self):
		with self.assertRaises(ct.CoretaxFileError) as caught:
			ct.parse_result(b"%PDF-1.4", "faktur.pdf")
		self.assertEqual(caught.exception.reason, "file_type")
		with self.assertRaises(ct.CoretaxFileError) as caught:
			ct.parse_result(b"not a zip", "faktur.xlsx")
		self.assertEqual(caught.exception.reason, "file_unreadable")
		with self.assertRaises(ct.CoretaxFileError) as caught:
			ct.parse_result(b"Referensi,Nomor Faktur Pajak\nA,1\n", "faktur.csv")
		self.assertEqual(caught.exception.reason, "columns_missing")
		self.assertIn("Tanggal Faktur Pajak", caught.exception.detail)
		with self.assertRaises(ct.CoretaxFileError):
			ct.parse_result(b"a,b\n1,2\n", "faktur.csv")


class TestMatching(unittest.TestCase):
	def expected(self, **kw):
		values = {
			"document": "ANT-INV-2026-00001",
			"transaction_code": "04",
			"buyer_numbers": (BUYER_NPWP,),
			"price": Decimal("10000000"),
			"dpp": Decimal("9166666.67"),
			"ppn": Decimal("1100000"),
		}
		values.update(kw)
		return ct.Expected(**values)

	def row(self, **kw):
		[row] = ct.rows_of([HEADERS_ID, result_line(**kw)])
		return row

	def test_the_exported_invoice_gets_its_number(self):
		self.assertEqual(ct.decide(self.row(), self.expected()), ct.Decision(True, "applied"))

	def test_rows_refused_with_their_reason(self):
		cases = {
			"unknown_reference": (self.row(), None),
			"not_exported": (self.row(), self.expected(exported=False)),
			"not_approved": (self.row(**{"Status Faktur": "CREATED"}), self.expected()),
			"buyer_mismatch": (
				self.row(**{"NPWP Pembeli / Identitas lainnya": "0999999999999999"}),
				self.expected(),
			),
			"amount_mismatch": (self.row(PPN=1000000), self.expected()),
			"nsfp_code_mismatch": (self.row(number="02002600000000001"), self.expected()),
			"nsfp_year_mismatch": (self.row(number="04002500000000001"), self.expected()),
			"nsfp_digits": (self.row(number="0400260000000001"), self.expected()),
			"unchanged": (self.row(), self.expected(current_number="04002600000000001")),
			"number_differs": (self.row(), self.expected(current_number="04002600000000999")),
			"replacement_unexpected": (self.row(number="04012600000000001"), self.expected()),
			"replacement_expected": (self.row(), self.expected(replacement=True)),
		}
		for reason, (row, expected) in cases.items():
			with self.subTest(reason):
				self.assertEqual(ct.decide(row, expected), ct.Decision(False, reason))

	def test_a_rupiah_of_rounding_is_not_a_mismatch(self):
		row = self.row(**{"DPP Nilai Lain/DPP": 9166667})
		self.assertTrue(ct.decide(row, self.expected()).apply)

	def test_a_replacement_for_a_credit_note(self):
		row = self.row(
			number="04012600000000001",
			**{"Harga Jual/Penggantian/DPP": 6000000, "DPP Nilai Lain/DPP": 5500000, "PPN": 660000},
		)
		expected = self.expected(
			replacement=True, price=Decimal("6000000"), dpp=Decimal("5500000"), ppn=Decimal("660000")
		)
		self.assertTrue(ct.decide(row, expected).apply)

	def test_a_nik_buyer_may_be_listed_by_nik_or_by_zeros(self):
		numbers = ct.buyer_numbers(ct.NIK, "6571011708450001")
		for listed in ("6571011708450001", "0000000000000000"):
			row = self.row(**{"NPWP Pembeli / Identitas lainnya": listed})
			self.assertTrue(ct.decide(row, self.expected(buyer_numbers=numbers)).apply)


if __name__ == "__main__":
	unittest.main()
