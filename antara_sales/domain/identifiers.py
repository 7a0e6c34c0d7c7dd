"""Indonesian identifiers on customer data (6.4, 6.5.1): NPWP, NIK, NITKU and phone numbers.

What maintained libraries check well they check: python-stdnum the NPWP check digit (Luhn over the
first nine digits of the old 15-digit form) and the NIK's birth date across the two centuries;
phonenumbers Indonesia's numbering plan. What they get wrong for us is written here (NIK region
codes, look-alike digits), each with the reason.

The rules, from the regulations:
- PMK 112/PMK.03/2022 Pasal 2 ayat (1): since 14 July 2022 a resident individual's NPWP is the NIK
  (huruf a); non-residents, companies and government bodies use a 16-digit NPWP (huruf b), which for
  a taxpayer registered before is 0 + the old 15 digits (01.234.567.4-012.000 -> 0012345674012000).
- PER-6/PJ/2024 Pasal 1: the NITKU (Nomor Identitas Tempat Kegiatan Usaha) identifies a place of
  business: 22 digits, the 16-digit NPWP followed by a 6-digit place code, 000000 for the head office
  (0012345674012000000000), 000001 onwards for branches.
- The NIK (UU 23/2006 Pasal 13 as amended by UU 24/2013), laid out PPRRSSDDMMYYXXXX as Dukcapil
  issues it (id.wikipedia.org/wiki/Nomor_Induk_Kependudukan, which stdnum.id.nik follows): the
  Kemendagri code of the province PP, regency or city RR and district SS where it was issued, the
  birth date DDMMYY with 40 added to the day for women, then a 4-digit serial.
"""

import re
from datetime import date

import phonenumbers
from stdnum import exceptions as stdnum_exceptions
from stdnum.id import nik as stdnum_nik
from stdnum.id import npwp as stdnum_npwp


class InvalidIdentifier(ValueError):
	"""Raised with a short English reason; callers translate their own message."""


# The 38 province codes of Kepmendagri 300.2.2-2138/2025 (the Kemendagri list that Dukcapil issues
# NIKs from; read from github.com/cahyadsn/wilayah, which transcribes it, and its 2022 predecessor
# Kepmendagri 100.1.1-6117/2022). 65 Kalimantan Utara (UU 20/2012); 91 Papua, 92 Papua Barat and the
# provinces of 2022: 93 Papua Selatan (UU 14/2022), 94 Papua Tengah (UU 15/2022), 95 Papua
# Pegunungan (UU 16/2022), 96 Papua Barat Daya (UU 29/2022).
PROVINCE_CODES = frozenset(
	"11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53 61 62 63 64 65 "
	"71 72 73 74 75 76 81 82 91 92 93 94 95 96".split()
)

HEAD_OFFICE = "000000"
_DIGITS = re.compile(r"[0-9]+")  # ASCII only: str.isdigit() also takes U+00B2, U+0661, U+FF11
_PHONE = re.compile(r"[0-9\s()+.\-]+")  # what a phone number is written with: ASCII digits


def _digits(value: str | None) -> str:
	"""The number without spaces, dots and dashes; only ASCII digits may remain.

	Checked before stdnum sees it, because stdnum.util.clean silently turns full-width and
	mathematical digits (U+FF11) into ASCII ones: a look-alike typed or pasted in is refused instead."""
	compact = re.sub(r"[\s.\-]", "", value or "")
	if compact and not _DIGITS.fullmatch(compact):
		raise InvalidIdentifier("contains characters other than digits")
	return compact


def validate_nik(value: str) -> str:
	"""Return the 16-digit NIK, or raise InvalidIdentifier naming the part that is wrong.

	6571011708450001: Kalimantan Utara (65), Kota Tarakan (71), district 01, born 17-08-45, serial
	0001. A woman's day is 41-71: 6571015708450001 for a woman born the same day."""
	number = _digits(value)
	if len(number) != 16:
		raise InvalidIdentifier("a NIK must have 16 digits")
	# Not stdnum.id.nik.validate: its region table lacks 65 and 92-96, so 6571011708450001 fails there.
	if number[:2] not in PROVINCE_CODES:
		raise InvalidIdentifier("the NIK's province code is not in use")
	if number[2:4] == "00":
		raise InvalidIdentifier("the NIK's regency or city code is 00")
	if number[4:6] == "00":
		raise InvalidIdentifier("the NIK's district code is 00")
	check_nik_birth_date(number)
	if number[12:] == "0000":
		raise InvalidIdentifier("the NIK's serial number is 0000")
	return number


def check_nik_birth_date(number: str) -> date:
	"""The birth date DDMMYY in digits 7-12 (day + 40 for women), a real date in 19YY or 20YY."""
	day = int(number[6:8])
	# stdnum takes the day modulo 40, so day 81 would pass as the 1st: only 01-31 and 41-71 are days.
	if not (1 <= day <= 31 or 41 <= day <= 71):
		raise InvalidIdentifier("the NIK's birth date is not a real date")
	try:
		# stdnum tries 19YY, then 20YY: 29 February passes when either is a leap year.
		return stdnum_nik.get_birth_date(number)
	except stdnum_exceptions.ValidationError:
		raise InvalidIdentifier("the NIK's birth date is not a real date")


def normalize_npwp(value: str) -> str:
	"""Return the NPWP in the 16-digit form the tax office uses since 2024 (PMK 112/2022 Pasal 2).

	An old 15-digit NPWP (01.234.567.4-012.000) becomes 0 + its digits, as the tax office maps it,
	so the same taxpayer written either way is one customer; its check digit must match. A 16-digit
	number that starts with 0 is such a converted NPWP (same check digit). Any other 16-digit number
	is a resident's NIK, which is that person's NPWP, checked by validate_nik. Raises
	InvalidIdentifier when the length, the characters, the check digit or the NIK is wrong."""
	number = _digits(value)
	if len(number) == 16 and not number.startswith("0"):
		return validate_nik(number)
	if len(number) not in (15, 16):
		raise InvalidIdentifier("must have 15 or 16 digits")
	try:
		stdnum_npwp.validate(number)
	except stdnum_exceptions.InvalidChecksum:
		raise InvalidIdentifier("check digit does not match")
	return number if len(number) == 16 else "0" + number


def is_nik(npwp: str) -> bool:
	"""Whether a normalised 16-digit NPWP is a NIK (a converted company NPWP starts with 0)."""
	return bool(npwp) and len(npwp) == 16 and not npwp.startswith("0")


def default_nitku(npwp: str | None) -> str | None:
	"""The head office's NITKU: the NPWP followed by 000000 (PER-6/PJ/2024)."""
	return npwp + HEAD_OFFICE if npwp else None


def normalize_nitku(value: str | None, npwp: str | None) -> str | None:
	"""Return the 22-digit NITKU of the taxpayer whose normalised 16-digit NPWP is npwp.

	Empty means the head office: npwp + 000000 (None when there is no NPWP either). Spaces, dots and
	dashes are dropped; a NITKU must have 22 ASCII digits and begin with the NPWP."""
	if not (value or "").strip():
		return default_nitku(npwp)
	number = _digits(value)
	if len(number) != 22:
		raise InvalidIdentifier("must have 22 digits: the 16-digit NPWP and a 6-digit place code")
	if not npwp:
		raise InvalidIdentifier("needs the NPWP it belongs to")
	if number[:16] != npwp:
		raise InvalidIdentifier("does not begin with the NPWP")
	return number


def normalize_phone(value: str) -> str:
	"""Return an Indonesian phone number in international form (+62 21 3802383).

	Accepts local (0812..., 021...) and international (+62...) writing. Like _digits, refuses
	look-alike digits first: phonenumbers.parse silently turns full-width and Arabic-Indic digits
	(U+FF10, U+0660) into ASCII ones."""
	if not _PHONE.fullmatch(value or ""):
		raise InvalidIdentifier("contains characters other than digits, spaces, +, -, . and brackets")
	try:
		number = phonenumbers.parse(value, "ID")
	except phonenumbers.NumberParseException:
		raise InvalidIdentifier("is not a phone number")
	if not phonenumbers.is_valid_number(number) or number.country_code != 62:
		raise InvalidIdentifier("is not a valid Indonesian number")
	return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalize_name(value: str) -> str:
	"""Case, spacing and punctuation folded, so 'PT. Maju  Jaya' and 'pt maju jaya' match."""
	kept = "".join(ch if ch.isalnum() else " " for ch in (value or "").casefold())
	return " ".join(kept.split())
