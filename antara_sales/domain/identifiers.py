"""Indonesian identifiers on customer data (6.4, 6.5.1): NPWP and phone numbers.

Both use maintained libraries rather than hand-written checks: python-stdnum knows the NPWP
check digit (old 15-digit form) and the 16-digit NIK-based form; phonenumbers knows Indonesia's
numbering plan.
"""

import phonenumbers
from stdnum import exceptions as stdnum_exceptions
from stdnum.id import npwp as stdnum_npwp


class InvalidIdentifier(ValueError):
	"""Raised with a short English reason; callers translate their own message."""


def normalize_npwp(value: str) -> str:
	"""Return the NPWP in the 16-digit form the tax office uses since 2024.

	An old 15-digit NPWP (01.234.567.4-012.000) becomes 0 + its digits, as the tax office maps it,
	so the same taxpayer written either way is one customer. A 16-digit NPWP is either that form
	or a citizen's NIK. Raises InvalidIdentifier when the length or the check digit is wrong."""
	try:
		compact = stdnum_npwp.validate(value)
	except stdnum_exceptions.InvalidChecksum:
		raise InvalidIdentifier("check digit does not match")
	except stdnum_exceptions.InvalidLength:
		raise InvalidIdentifier("must have 15 or 16 digits")
	except stdnum_exceptions.InvalidComponent:
		raise InvalidIdentifier("the 16-digit number is not a valid NIK")
	except stdnum_exceptions.ValidationError:
		raise InvalidIdentifier("contains characters other than digits")
	return "0" + compact if len(compact) == 15 else compact


def normalize_phone(value: str) -> str:
	"""Return an Indonesian phone number in international form (+62 21 3802383).

	Accepts local (0812..., 021...) and international (+62...) writing."""
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
