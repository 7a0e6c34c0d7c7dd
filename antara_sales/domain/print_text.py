"""Indonesian wording for the printed forms: F/KOM/003 (Formulir Berlangganan / Media Order),
F/KOM/004 (Formulir Perubahan Berlangganan) and the cooperation contract (6.6, 6.7).

Pure: no Frappe. The forms are printed in Indonesian whatever the desk user's language is, so
dates, rupiah amounts and the values of Select fields are worded here rather than through the
translation of the session's language. The words of numbers ("terbilang") come from Frappe's
`in_words` (num2words); this module only finishes them (`terbilang_rupiah`)."""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

MONTHS = (
	"Januari",
	"Februari",
	"Maret",
	"April",
	"Mei",
	"Juni",
	"Juli",
	"Agustus",
	"September",
	"Oktober",
	"November",
	"Desember",
)

# Values of the app's Select fields as ANTARA's forms word them.
LABELS = {
	# customer type (ANTARA Customer, 6.5.1)
	"Institution": "Lembaga",
	"Individual": "Perorangan",
	# billing period (ANTARA Product, 5.5)
	"Monthly": "Bulanan",
	"Quarterly": "Triwulanan",
	"Yearly": "Tahunan",
	"One-off": "Sekali bayar",
	# change type (F/KOM/004)
	"Add Product": "Penambahan produk",
	"Remove Product": "Pengurangan produk",
	"Change Quantity": "Perubahan jumlah",
	"Change Period": "Perubahan periode",
	"Renew": "Perpanjangan",
	"Suspend": "Penghentian sementara",
	"Terminate": "Pemutusan kontrak",
}

# The two copies of a signed contract (6.7): one to the customer, one archived.
COPY_MARKINGS = {
	"customer": "SALINAN PELANGGAN",
	"archive": "SALINAN ARSIP",
}


def label(value: str | None) -> str:
	"""The Indonesian wording of a Select value; unknown values are returned as they are."""
	if not value:
		return ""
	return LABELS.get(value, value)


def copy_marking(copy: str | None) -> str:
	return COPY_MARKINGS.get(copy or "", "")


def tanggal(value: date | datetime | str | None) -> str:
	"""A date as Indonesian documents write it: 1 Juni 2021."""
	if not value:
		return ""
	if isinstance(value, str):
		value = date.fromisoformat(value[:10])
	return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def tanggal_pendek(value: date | datetime | str | None) -> str:
	"""A date for the narrow columns of a product table: 01/06/2021."""
	if not value:
		return ""
	if isinstance(value, str):
		value = date.fromisoformat(value[:10])
	return f"{value.day:02d}/{value.month:02d}/{value.year}"


def _to_decimal(amount) -> Decimal:
	return Decimal(str(amount or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def split_rupiah(amount) -> tuple[int, int]:
	"""Whole rupiah and sen (hundredths) of an amount, rounded half up to the sen."""
	value = abs(_to_decimal(amount))
	whole = int(value)
	return whole, int((value - whole) * 100)


def _group_thousands(number: int) -> str:
	return f"{number:,}".replace(",", ".")


def rupiah(amount) -> str:
	"""Rp 1.200.000 (Indonesian separators); sen only when there are any: Rp 1.200.000,50."""
	whole, sen = split_rupiah(amount)
	text = "Rp " + _group_thousands(whole)
	if sen:
		text += f",{sen:02d}"
	return ("-" if _to_decimal(amount) < 0 else "") + text


def number(value) -> str:
	"""An integer quantity with Indonesian grouping: 1.000."""
	return _group_thousands(int(value or 0))


def persen(value) -> str:
	"""11% or 12,5%: a rate with a decimal comma and no trailing zeros."""
	text = f"{_to_decimal(value).normalize():f}"
	return text.replace(".", ",") + "%"


_SATU_RIBU = re.compile(r"(^|\b(?:juta|miliar|milyar|triliun)\s)satu ribu\b")


def seribu(words: str) -> str:
	"""num2words says "satu ribu" where Indonesian says "seribu" (1.000 and 2.001.000), but
	"dua puluh satu ribu" (21.000) is right: only a thousands group of exactly one becomes
	"seribu"."""
	return _SATU_RIBU.sub(lambda m: m.group(1) + "seribu", words.strip())


def terbilang_rupiah(whole_words: str, sen_words: str | None = None) -> str:
	"""Finish the words of an amount: "satu juta dua ratus ribu rupiah" (and "... sen")."""
	text = f"{seribu(whole_words)} rupiah"
	if sen_words:
		text += f" {seribu(sen_words)} sen"
	return re.sub(r"\s+", " ", text)


def plain_value(fieldtype: str, value) -> str:
	"""A field's value as printed text, by field type: how the custom fields an admin adds through
	Customize Form are printed. Rich text and images are not plain and are handled by the caller."""
	if fieldtype == "Check":
		return "Ya" if value else "Tidak"
	if value in (None, ""):
		return ""
	if fieldtype == "Date":
		return tanggal(value)
	if fieldtype == "Datetime":
		text = str(value)
		return f"{tanggal(text)} {text[11:16]}".strip()
	if fieldtype == "Currency":
		return rupiah(value)
	if fieldtype == "Percent":
		return persen(value)
	if fieldtype in ("Int", "Long Int"):
		return number(value)
	if fieldtype == "Float":
		return f"{_to_decimal(value).normalize():f}".replace(".", ",")
	if fieldtype == "Select":
		return label(value)
	return str(value)


def control_block(code: str, issue_date, revision: str) -> list[tuple[str, str]]:
	"""The document-control block of a controlled form (ISO 9001), as the procedure prints it on
	every page: No. Dok. / Tgl. Terbit / No. Revisi."""
	return [
		("No. Dok.", code or ""),
		("Tgl. Terbit", tanggal(issue_date)),
		("No. Revisi", revision or ""),
	]
