"""The e-Faktur exchange with DJP's Coretax (6.8, issue 11): the `TaxInvoiceBulk` XML that Coretax
imports (e-Faktur > Pajak Keluaran > Impor Data), the file Coretax exports back with the approved
tax-invoice numbers, and the checks on both. Pure: no Frappe, so the rules are unit-tested.

The amounts are never computed here. Each line brings what the invoice stored (Harga Jual, DPP Nilai
Lain and PPN, worked out by domain/tax.py when the invoice was issued), so the file says exactly
what the invoice says.

The format, as read from DJP's published template (TaxInvoiceTemplate.xml, pajak.go.id > Coretax >
"Template XML dan Converter Excel ke XML") and the implementations that upload to it (Odoo's
`l10n_id_efaktur_coretax`, the ERPNext Indonesian localisation apps):
- root `TaxInvoiceBulk`: `TIN` (the seller's 16-digit NPWP), then `ListOfTaxInvoice`;
- per `TaxInvoice`, in this order: TaxInvoiceDate (YYYY-MM-DD), TaxInvoiceOpt ("Normal"), TrxCode
  (the 2-digit kode transaksi), AddInfo, CustomDoc, CustomDocMonthYear (used by codes 07/08 only),
  RefDesc (our invoice number: it comes back as "Referensi"), FacilityStamp, SellerIDTKU (the
  seller's 22-digit NITKU), BuyerTin, BuyerDocument, BuyerCountry, BuyerDocumentNumber, BuyerName,
  BuyerAdress (DJP's spelling), BuyerEmail, BuyerIDTKU, ListOfGoodService;
- per `GoodService`: Opt (A goods, B services), Code (000000 when no Coretax code fits:
  PER-11/PJ/2025 Pasal 33 asks for the kind of service, not a code), Name, Unit (UM.xxxx), Price,
  Qty, TotalDiscount, TaxBase (Harga Jual after discount = Price x Qty - TotalDiscount), OtherTaxBase
  (DPP Nilai Lain), VATRate, VAT, STLGRate, STLG (PPnBM: none on services).
- A buyer with an NPWP: BuyerTin = NPWP, BuyerDocument "TIN", BuyerIDTKU = its NITKU. A resident
  individual without one (NIK): BuyerTin sixteen zeros, BuyerDocument "National ID", the NIK in
  BuyerDocumentNumber (Kring Pajak, 7 August 2025, reported by DDTCNews).

The approved number (Kode dan Nomor Seri Faktur Pajak, PER-11/PJ/2025 Pasal 37 ayat (1)) has 17
digits: 2 of kode transaksi, 2 of kode status (00 for a normal tax invoice, otherwise a
replacement), and 13 of serial number given by DJP, of which the first two are the year the
e-Faktur was made and the other eleven its sequence: 04 00 25 00298459047.
"""

import csv
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NPWP = "NPWP"
NIK = "NIK"
TIN_DOCUMENT = "TIN"
NATIONAL_ID_DOCUMENT = "National ID"
NO_TIN = "0" * 16  # BuyerTin of a buyer identified by another document
NO_PLACE = "000000"  # BuyerIDTKU of a buyer without an NPWP (no place of business registered)
COUNTRY = "IDN"
NORMAL = "Normal"
SERVICE = "B"
DEFAULT_CODE = "000000"
TRANSACTION_CODES = tuple(f"{n:02d}" for n in range(1, 11))  # 01-10, PER-11/PJ/2025 Lampiran D
# The codes of a buyer that collects the PPN itself (02 government, 03 other collectors): the
# collector reports the tax it collects under its own NPWP, so the buyer must be identified by one.
COLLECTOR_CODES = ("02", "03")
NORMAL_STATUS = "00"
APPROVED = "APPROVED"
CENT = Decimal("0.01")
TOLERANCE = Decimal("1")  # Coretax keeps whole rupiah where we keep sen


class CoretaxFileError(ValueError):
	"""A result file that cannot be read; `reason` is a key the caller translates, `detail` names
	what was missing."""

	def __init__(self, reason: str, detail: str = ""):
		super().__init__(reason, detail)
		self.reason = reason
		self.detail = detail


# --- the export ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Buyer:
	"""Who the tax invoice is made out to, as the invoice recorded it when it was issued."""

	id_type: str  # NPWP or NIK
	number: str  # the 16-digit NPWP, or the NIK
	name: str
	nitku: str = ""  # 22 digits: NPWP + place of business (000000 = head office)
	address: str = ""
	email: str = ""
	country: str = COUNTRY


@dataclass(frozen=True)
class Line:
	"""One invoice line as stored: `price` is its Harga Jual (after discount), `dpp` its DPP Nilai
	Lain and `ppn` its PPN."""

	name: str
	price: Decimal
	dpp: Decimal
	ppn: Decimal
	quantity: int = 1
	code: str = DEFAULT_CODE
	unit: str = ""
	kind: str = SERVICE


@dataclass(frozen=True)
class TaxInvoice:
	reference: str  # our invoice number (RefDesc)
	day: date
	transaction_code: str
	vat_rate: Decimal
	seller_nitku: str
	buyer: Buyer
	lines: tuple[Line, ...]
	option: str = NORMAL

	@property
	def price(self) -> Decimal:
		return sum((line.price for line in self.lines), Decimal(0))

	@property
	def dpp(self) -> Decimal:
		return sum((line.dpp for line in self.lines), Decimal(0))

	@property
	def ppn(self) -> Decimal:
		return sum((line.ppn for line in self.lines), Decimal(0))


@dataclass(frozen=True)
class Export:
	seller_tin: str  # the seller's 16-digit NPWP
	invoices: tuple[TaxInvoice, ...]


@dataclass(frozen=True)
class Problem:
	"""What stops an invoice from going into the file: `field` is the invoice field at fault,
	`reason` a short key the caller turns into a translated sentence."""

	reference: str
	field: str
	reason: str


def digits(value) -> str:
	return re.sub(r"\D", "", str(value or ""))


def problems(export: Export) -> list[Problem]:
	"""Everything that would make Coretax refuse the file, or file a tax invoice wrongly; [] when the
	file can be built. Checked per invoice so the message can name it."""
	found = []
	for invoice in export.invoices:
		found += invoice_problems(invoice, export.seller_tin)
	return found


def invoice_problems(invoice: TaxInvoice, seller_tin: str) -> list[Problem]:
	ref = invoice.reference
	found = []
	tin = digits(seller_tin)
	if len(tin) != 16:
		found.append(Problem(ref, "seller_npwp", "seller_npwp_digits"))
	nitku = digits(invoice.seller_nitku)
	if len(nitku) != 22 or (len(tin) == 16 and not nitku.startswith(tin)):
		found.append(Problem(ref, "seller_nitku", "seller_nitku_digits"))
	if invoice.transaction_code not in TRANSACTION_CODES:
		found.append(Problem(ref, "transaction_code", "transaction_code_unknown"))
	found += buyer_problems(invoice)
	if not invoice.lines:
		found.append(Problem(ref, "items", "no_lines"))
	if any(line.price < 0 or line.dpp < 0 or line.ppn < 0 for line in invoice.lines):
		found.append(Problem(ref, "items", "negative_line"))
	elif any(line.price and not line.dpp for line in invoice.lines):
		found.append(Problem(ref, "items", "line_without_dpp"))  # issued before DPP Nilai Lain was kept
	return found


def buyer_problems(invoice: TaxInvoice) -> list[Problem]:
	ref, buyer = invoice.reference, invoice.buyer
	number = digits(buyer.number)
	if not (buyer.name or "").strip():
		return [Problem(ref, "customer_name", "buyer_name_missing")]
	if buyer.id_type not in (NPWP, NIK) or not number:
		return [Problem(ref, "npwp", "buyer_identity_missing")]
	if len(number) != 16:
		return [Problem(ref, "npwp", "buyer_number_digits")]
	if buyer.id_type == NIK:
		if invoice.transaction_code in COLLECTOR_CODES:
			return [Problem(ref, "tax_id_type", "collector_needs_npwp")]
		return []
	nitku = digits(buyer.nitku)
	if len(nitku) != 22 or not nitku.startswith(number):
		return [Problem(ref, "buyer_nitku", "buyer_nitku_digits")]
	return []


def number_text(value) -> str:
	"""A plain decimal as the template writes it: no thousands separator, a point before the sen,
	no trailing zeros (1000000, 916666.67, 12)."""
	amount = Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)
	text = f"{amount:f}"
	if "." in text:
		text = text.rstrip("0").rstrip(".")
	return "0" if text in ("", "-0") else text


def unit_price_and_quantity(line: Line) -> tuple[Decimal, Decimal]:
	"""Price and Qty such that Price x Qty is the line's Harga Jual exactly, as Coretax checks: the
	line's quantity when the amount divides into whole sen, else the line as one unit (a prorated
	or discounted amount seldom divides)."""
	quantity = Decimal(line.quantity or 0)
	if quantity > 0:
		unit = (line.price / quantity).quantize(CENT, rounding=ROUND_HALF_UP)
		if unit * quantity == line.price:
			return unit, quantity
	return line.price, Decimal(1)


def one_line(text: str) -> str:
	return " ".join((text or "").split())


def buyer_fields(buyer: Buyer) -> dict[str, str]:
	if buyer.id_type == NIK:
		return {
			"BuyerTin": NO_TIN,
			"BuyerDocument": NATIONAL_ID_DOCUMENT,
			"BuyerCountry": buyer.country or COUNTRY,
			"BuyerDocumentNumber": digits(buyer.number),
			"BuyerName": one_line(buyer.name),
			"BuyerAdress": one_line(buyer.address),
			"BuyerEmail": (buyer.email or "").strip(),
			"BuyerIDTKU": NO_PLACE,
		}
	return {
		"BuyerTin": digits(buyer.number),
		"BuyerDocument": TIN_DOCUMENT,
		"BuyerCountry": buyer.country or COUNTRY,
		"BuyerDocumentNumber": "",
		"BuyerName": one_line(buyer.name),
		"BuyerAdress": one_line(buyer.address),
		"BuyerEmail": (buyer.email or "").strip(),
		"BuyerIDTKU": digits(buyer.nitku),
	}


def _element(parent, tag: str, text: str = ""):
	child = ET.SubElement(parent, tag)
	child.text = text or None
	return child


def build_xml(export: Export) -> bytes:
	"""The TaxInvoiceBulk file for `export`, UTF-8, the same bytes for the same input. Check
	`problems(export)` first: this writes what it is given."""
	root = ET.Element(
		"TaxInvoiceBulk",
		{
			"xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
			"xsi:noNamespaceSchemaLocation": "TaxInvoice.xsd",
		},
	)
	_element(root, "TIN", digits(export.seller_tin))
	listing = _element(root, "ListOfTaxInvoice")
	for invoice in export.invoices:
		node = _element(listing, "TaxInvoice")
		header = {
			"TaxInvoiceDate": invoice.day.isoformat(),
			"TaxInvoiceOpt": invoice.option,
			"TrxCode": invoice.transaction_code,
			"AddInfo": "",
			"CustomDoc": "",
			"CustomDocMonthYear": "",
			"RefDesc": invoice.reference,
			"FacilityStamp": "",
			"SellerIDTKU": digits(invoice.seller_nitku),
			**buyer_fields(invoice.buyer),
		}
		for tag, text in header.items():
			_element(node, tag, text)
		goods = _element(node, "ListOfGoodService")
		for line in invoice.lines:
			price, quantity = unit_price_and_quantity(line)
			values = {
				"Opt": line.kind,
				"Code": line.code or DEFAULT_CODE,
				"Name": one_line(line.name),
				"Unit": line.unit,
				"Price": number_text(price),
				"Qty": number_text(quantity),
				"TotalDiscount": "0",
				"TaxBase": number_text(line.price),
				"OtherTaxBase": number_text(line.dpp),
				"VATRate": number_text(invoice.vat_rate),
				"VAT": number_text(line.ppn),
				"STLGRate": "0",
				"STLG": "0",
			}
			service = _element(goods, "GoodService")
			for tag, text in values.items():
				_element(service, tag, text)
	ET.indent(root, space="  ")
	return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


# --- a credit note: the correction of a tax invoice already approved ------------------------------

REPLACE, CANCEL = "replace", "cancel"


@dataclass(frozen=True)
class Amounts:
	price: Decimal
	dpp: Decimal
	ppn: Decimal


@dataclass(frozen=True)
class Correction:
	"""What a credit note asks of the tax invoice it corrects: a Faktur Pajak Pengganti with the
	reduced amounts (PER-11/PJ/2025 Pasal 48: the replacement carries the right figures and takes
	the place of the one approved), or, when nothing is left to tax, its cancellation."""

	kind: str
	amounts: Amounts


def correction(original: Amounts, credits) -> Correction:
	"""The original's amounts with the credit notes' (negative) amounts added. Raises ValueError
	when the credits exceed the original: a credit note cannot take back more than was taxed."""
	credits = list(credits)
	amounts = Amounts(
		original.price + sum((c.price for c in credits), Decimal(0)),
		original.dpp + sum((c.dpp for c in credits), Decimal(0)),
		original.ppn + sum((c.ppn for c in credits), Decimal(0)),
	)
	if amounts.price < 0 or amounts.dpp < 0 or amounts.ppn < 0:
		raise ValueError("the credits exceed the tax invoice they correct")
	if amounts.price == 0 and amounts.dpp == 0 and amounts.ppn == 0:
		return Correction(CANCEL, amounts)
	return Correction(REPLACE, amounts)


# --- the approved number (NSFP) -----------------------------------------------------------------


@dataclass(frozen=True)
class Nsfp:
	transaction_code: str
	status_code: str
	year: int  # the year the e-Faktur was made, two digits in the number
	sequence: str

	@property
	def is_replacement(self) -> bool:
		return self.status_code != NORMAL_STATUS


def nsfp_problems(number: str, *, transaction_code: str | None = None, day: date | None = None) -> list[str]:
	"""Why `number` is not the Kode dan Nomor Seri Faktur Pajak of an invoice with this code and
	date (PER-11/PJ/2025 Pasal 37 ayat (1)); [] when it is."""
	text = (number or "").strip()
	if not re.fullmatch(r"\d{17}", text):
		return ["nsfp_digits"]
	found = []
	if text[:2] not in TRANSACTION_CODES:
		found.append("nsfp_code_unknown")
	elif transaction_code and text[:2] != transaction_code:
		found.append("nsfp_code_mismatch")
	if day is not None and int(text[4:6]) != day.year % 100:
		found.append("nsfp_year_mismatch")
	return found


def parse_nsfp(number: str) -> Nsfp:
	text = (number or "").strip()
	if not re.fullmatch(r"\d{17}", text):
		raise ValueError("an NSFP has 17 digits")
	return Nsfp(text[:2], text[2:4], 2000 + int(text[4:6]), text[6:])


# --- the file Coretax gives back ----------------------------------------------------------------

# Columns of Coretax's export of the output-tax list (e-Faktur > Pajak Keluaran > Ekspor), by the
# headers of its Indonesian and English screens and by the names of its data (the list's JSON, which
# the community tools write out as they are). Headers are compared folded: case, spaces and
# punctuation do not count.
COLUMNS = {
	"reference": ("Referensi", "Reference", "RefDesc"),
	"number": ("Nomor Faktur Pajak", "Nomor Faktur", "TaxInvoiceNumber", "Tax Invoice Number"),
	"day": ("Tanggal Faktur Pajak", "Tanggal Faktur", "TaxInvoiceDate", "Tax Invoice Date"),
	"buyer_tin": (
		"NPWP Pembeli / Identitas lainnya",
		"NPWP Pembeli / Identitas",
		"NPWP Pembeli",
		"NPWP/NIK Pembeli",
		"BuyerTIN",
		"Buyer TIN",
	),
	"status": ("Status Faktur", "TaxInvoiceStatus", "Tax Invoice Status", "Status"),
	"price": ("Harga Jual/Penggantian/DPP", "Harga Jual", "SellingPrice", "Selling Price"),
	"dpp": ("DPP Nilai Lain/DPP", "DPP Nilai Lain", "OtherTaxBase", "Other Tax Base"),
	"ppn": ("PPN", "VAT"),
	"buyer_name": ("Nama Pembeli", "BuyerName", "BuyerTaxpayerNameClear", "Buyer Name"),
}
REQUIRED = ("reference", "number", "day", "buyer_tin", "price", "dpp", "ppn")


@dataclass(frozen=True)
class ResultRow:
	"""One row of Coretax's file; `problems` are what made a value unreadable."""

	row: int  # as the spreadsheet numbers it
	reference: str
	number: str
	day: date | None
	buyer_tin: str
	status: str
	price: Decimal | None
	dpp: Decimal | None
	ppn: Decimal | None
	buyer_name: str = ""
	problems: tuple[str, ...] = field(default=())


def fold(header) -> str:
	return re.sub(r"[^0-9a-z]", "", str(header or "").casefold())


def parse_result(content: bytes, filename: str) -> list[ResultRow]:
	"""The rows of Coretax's output-tax export: an .xlsx workbook (its first sheet) or a .csv file.
	Raises CoretaxFileError when the file cannot be read or lacks a column the matching needs."""
	name = (filename or "").casefold()
	if name.endswith(".xlsx"):
		table = _xlsx_rows(content)
	elif name.endswith(".csv"):
		table = _csv_rows(content)
	else:
		raise CoretaxFileError("file_type", filename)
	return rows_of(table)


def _xlsx_rows(content: bytes) -> list[list]:
	from openpyxl import load_workbook  # in Frappe's environment; only this reader needs it

	try:
		book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
	except Exception as error:  # openpyxl raises zipfile, KeyError and its own errors alike
		raise CoretaxFileError("file_unreadable", str(error)) from error
	try:
		return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
	finally:
		book.close()


def _csv_rows(content: bytes) -> list[list]:
	try:
		text = content.decode("utf-8-sig")
	except UnicodeDecodeError:
		text = content.decode("cp1252")
	sample = text[:4096]
	try:
		dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
	except csv.Error:
		dialect = csv.excel
	return [row for row in csv.reader(io.StringIO(text), dialect)]


def rows_of(table: list[list]) -> list[ResultRow]:
	"""The data rows under the header row (the first row naming a reference and a number column)."""
	index, columns = _header(table)
	missing = [COLUMNS[key][0] for key in REQUIRED if key not in columns]
	if missing:
		raise CoretaxFileError("columns_missing", ", ".join(missing))
	rows = []
	for offset, values in enumerate(table[index + 1 :], start=index + 2):
		if not any(str(v or "").strip() for v in values):
			continue
		rows.append(_row(offset, values, columns))
	return rows


def _header(table: list[list]) -> tuple[int, dict[str, int]]:
	for index, header in enumerate(table):
		columns = _columns(header)
		if "reference" in columns and "number" in columns:
			return index, columns
	raise CoretaxFileError("columns_missing", ", ".join(COLUMNS[key][0] for key in ("reference", "number")))


def _columns(header) -> dict[str, int]:
	folded = [fold(cell) for cell in header]
	found = {}
	for key, names in COLUMNS.items():
		for name in names:
			if fold(name) in folded:
				found[key] = folded.index(fold(name))
				break
	return found


def _row(number: int, values: list, columns: dict[str, int]) -> ResultRow:
	def cell(key):
		position = columns.get(key)
		return values[position] if position is not None and position < len(values) else None

	found = []
	nsfp = _nsfp_text(cell("number"))
	if nsfp is None:
		found.append("nsfp_not_text")
		nsfp = ""
	day = _date(cell("day"))
	if day is None and cell("day") not in (None, ""):
		found.append("date_unreadable")
	amounts = {}
	for key in ("price", "dpp", "ppn"):
		amounts[key] = _amount(cell(key))
		if amounts[key] is None and cell(key) not in (None, ""):
			found.append("amount_unreadable")
	return ResultRow(
		row=number,
		reference=str(cell("reference") or "").strip(),
		number=nsfp,
		day=day,
		buyer_tin=digits(_tin_text(cell("buyer_tin"))),
		status=str(cell("status") or APPROVED).strip().upper(),
		price=amounts["price"],
		dpp=amounts["dpp"],
		ppn=amounts["ppn"],
		buyer_name=str(cell("buyer_name") or "").strip(),
		problems=tuple(dict.fromkeys(found)),
	)


def _tin_text(value) -> str:
	"""An NPWP or NIK as text; a number cell dropped the leading zero of a 16-digit NPWP."""
	if isinstance(value, bool):
		return ""
	if isinstance(value, int):
		return str(value).zfill(16)
	return str(value or "").strip()


def _nsfp_text(value) -> str | None:
	"""The number as text; None when the cell holds a number. A spreadsheet keeps 15 significant
	digits of a number and an NSFP has 16 or 17 (its leading zero dropped), so a number cell may
	have lost the last digits: such a file is refused, to be exported again with the column as text,
	rather than a rounded number given to an invoice."""
	if value is None:
		return ""
	if isinstance(value, bool | int | float | Decimal):
		return None
	text = str(value).strip()
	if re.fullmatch(r"\d+(\.0+)?[eE]\+?\d+", text) or re.fullmatch(r"\d+\.\d*[eE]\+?\d+", text):
		return None  # 4.0025003E+15: Excel's rounding
	return re.sub(r"[\s.\-]", "", text)


def _date(value) -> date | None:
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	text = str(value or "").strip()
	if not text:
		return None
	match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
	if match:
		year, month, day = map(int, match.groups())
	else:
		match = re.fullmatch(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})", text)
		if not match:
			return None
		day, month, year = map(int, match.groups())  # Indonesian order: day first
	try:
		return date(year, month, day)
	except ValueError:
		return None


def _amount(value) -> Decimal | None:
	if value is None or value == "":
		return None
	if isinstance(value, bool):
		return None
	if isinstance(value, int | float | Decimal):
		return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
	text = re.sub(r"[^\d.,\-]", "", str(value))
	if "," in text and "." in text:
		# the separator that comes last marks the sen
		decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
		thousands = "." if decimal_mark == "," else ","
		text = text.replace(thousands, "").replace(decimal_mark, ".")
	elif "," in text:
		text = text.replace(",", ".") if re.fullmatch(r"-?\d+,\d{1,2}", text) else text.replace(",", "")
	elif text.count(".") > 1 or re.fullmatch(r"-?\d{1,3}\.\d{3}", text):
		text = text.replace(".", "")  # 1.000.000 (Indonesian thousands)
	try:
		return Decimal(text).quantize(CENT, rounding=ROUND_HALF_UP)
	except InvalidOperation:
		return None


# --- matching a row to what was exported ----------------------------------------------------------


@dataclass(frozen=True)
class Expected:
	"""What a row must say to be the tax invoice of one of our documents: the buyer's identity as
	the file carried it, the amounts, and the number the document already has, if any."""

	document: str
	transaction_code: str
	buyer_numbers: tuple[str, ...]  # the NPWP, or the NIK and sixteen zeros
	price: Decimal
	dpp: Decimal
	ppn: Decimal
	current_number: str = ""
	replacement: bool = False  # the Faktur Pengganti that a credit note calls for
	exported: bool = True  # went to Coretax in one of our exports


@dataclass(frozen=True)
class Decision:
	apply: bool
	reason: str  # a key: "applied", "unchanged", or why not


def decide(row: ResultRow, expected: Expected | None) -> Decision:
	"""Whether `row` gives `expected`'s document its Faktur Pajak number. Never guesses: a row that
	names no exported document, or says something else than it, is refused with the reason."""
	if row.problems:
		return Decision(False, row.problems[0])
	if row.status != APPROVED:
		return Decision(False, "not_approved")
	if expected is None:
		return Decision(False, "unknown_reference")
	if not expected.exported:
		return Decision(False, "not_exported")
	if row.day is None:
		return Decision(False, "date_missing")
	# A replacement keeps the date of the tax invoice it replaces but is numbered when it is made,
	# so only a normal number must carry its date's year.
	day = None if expected.replacement else row.day
	wrong = nsfp_problems(row.number, transaction_code=expected.transaction_code, day=day)
	if wrong:
		return Decision(False, wrong[0])
	if parse_nsfp(row.number).is_replacement != expected.replacement:
		return Decision(False, "replacement_expected" if expected.replacement else "replacement_unexpected")
	if row.buyer_tin not in expected.buyer_numbers:
		return Decision(False, "buyer_mismatch")
	for got, want in ((row.price, expected.price), (row.dpp, expected.dpp), (row.ppn, expected.ppn)):
		if got is None or abs(got - want) > TOLERANCE:
			return Decision(False, "amount_mismatch")
	if expected.current_number:
		if expected.current_number == row.number:
			return Decision(False, "unchanged")
		return Decision(False, "number_differs")
	return Decision(True, "applied")


def buyer_numbers(id_type: str, number: str) -> tuple[str, ...]:
	"""The BuyerTIN Coretax may list for a buyer: the NPWP; for a NIK, the NIK or the sixteen zeros
	the tax invoice carried."""
	if id_type == NIK:
		return (digits(number), NO_TIN)
	return (digits(number),)
