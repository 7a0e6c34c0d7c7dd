"""Signing a cooperation contract (6.7): the order of the signatures (the General Manager signs
first, then the customer) and the stamp duty (Bea Meterai) on its two copies. Returns the names of
the problems found; the caller words them for the user."""

import re
from dataclasses import dataclass
from datetime import date

GM_SIGNATURE_MISSING = "gm_signature_missing"
CUSTOMER_BEFORE_GM = "customer_before_gm"
CUSTOMER_SIGNATURE_MISSING = "customer_signature_missing"


def signing_problems(
	*,
	gm_signed: bool,
	gm_signed_on: date | None,
	customer_signed: bool,
	customer_signed_on: date | None,
	final: bool,
) -> list[str]:
	"""`final` is True when the contract is being marked as signed by both parties."""
	problems = []
	customer_started = customer_signed or customer_signed_on
	if customer_started and not (gm_signed and gm_signed_on):
		problems.append(GM_SIGNATURE_MISSING)
	elif customer_signed_on and gm_signed_on and customer_signed_on < gm_signed_on:
		problems.append(CUSTOMER_BEFORE_GM)
	if final:
		if not (gm_signed and gm_signed_on) and GM_SIGNATURE_MISSING not in problems:
			problems.append(GM_SIGNATURE_MISSING)
		if not (customer_signed and customer_signed_on):
			problems.append(CUSTOMER_SIGNATURE_MISSING)
	return problems


# --- Bea Meterai on the two copies (UU 10/2020) ---------------------------------------------------
# A contract is a "surat perjanjian beserta rangkapnya" (Pasal 3 ayat (2) huruf a): each of its two
# copies (6.7) owes the fixed duty of Pasal 5 (Rp 10.000, a setting), due when it is signed (Pasal 8
# ayat (1) huruf a), and owed by each party on the copy it receives (Pasal 9 ayat (2) huruf b): the
# customer on the customer's copy, ANTARA on the archive copy. The duty is paid by affixing a meterai,
# a paper one (meterai tempel) or an e-Meterai (Pasal 12 ayat (2)); the contract records which, with
# the meterai's serial number, for each copy. Recording the customer's signature (the step to
# Signed) needs both.

PAPER = "Paper"
E_METERAI = "e-Meterai"
STAMP_KINDS = (PAPER, E_METERAI)

# Serial numbers, ASCII letters and digits only. An e-Meterai carries a unique serial of 22
# characters (as Peruri's distributors describe it); the paper meterai of the 2021 design, the only
# paper one valid since 1 January 2022, a serial of 17 (DJP's announcement of the design, 28 January
# 2021). No regulation we could read fixes either format, so these lengths come from those
# descriptions, not from a legal text: if Peruri or DJP issue another length, change it here.
SERIAL_LENGTHS = {PAPER: 17, E_METERAI: 22}
_SERIAL = re.compile(r"[A-Za-z0-9]+")  # ASCII only: no other script's letters or digits

CUSTOMER_COPY = "customer"
ARCHIVE_COPY = "archive"

STAMP_DUTY_MISSING = "stamp_duty_missing"  # a copy without its meterai at signing
STAMP_SERIAL_MISSING = "stamp_serial_missing"  # a kind of meterai without its serial
STAMP_KIND_MISSING = "stamp_kind_missing"  # a serial without the kind of meterai
STAMP_SERIAL_INVALID = "stamp_serial_invalid"  # not a serial of that kind of meterai
STAMP_SERIAL_REUSED = "stamp_serial_reused"  # one meterai recorded on both copies


@dataclass(frozen=True)
class Stamp:
	"""The meterai on one copy: its kind (PAPER, E_METERAI or None) and its serial number."""

	kind: str | None = None
	serial: str | None = None


@dataclass(frozen=True)
class StampProblem:
	key: str  # one of the STAMP_* keys above
	copy: str  # CUSTOMER_COPY or ARCHIVE_COPY


def clean_serial(value: str | None) -> str:
	"""A serial as typed, without the spaces around it."""
	return (value or "").strip()


def valid_serial(kind: str, serial: str) -> bool:
	"""Whether `serial` (cleaned) can be the serial number of a meterai of this kind."""
	return bool(_SERIAL.fullmatch(serial)) and len(serial) == SERIAL_LENGTHS.get(kind)


def stamp_problems(*, customer_copy: Stamp, archive_copy: Stamp, final: bool) -> list[StampProblem]:
	"""What is wrong with the meterai recorded on the two copies, customer's copy first. `final` is
	True when the contract is being marked as signed by both parties: then each copy needs one."""
	problems = []
	for copy, stamp in ((CUSTOMER_COPY, customer_copy), (ARCHIVE_COPY, archive_copy)):
		serial = clean_serial(stamp.serial)
		if not stamp.kind and not serial:
			if final:
				problems.append(StampProblem(STAMP_DUTY_MISSING, copy))
		elif not stamp.kind:
			problems.append(StampProblem(STAMP_KIND_MISSING, copy))
		elif not serial:
			problems.append(StampProblem(STAMP_SERIAL_MISSING, copy))
		elif not valid_serial(stamp.kind, serial):
			problems.append(StampProblem(STAMP_SERIAL_INVALID, copy))
	first, second = clean_serial(customer_copy.serial), clean_serial(archive_copy.serial)
	if first and first.casefold() == second.casefold():
		problems.append(StampProblem(STAMP_SERIAL_REUSED, ARCHIVE_COPY))
	return problems
