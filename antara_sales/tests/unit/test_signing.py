"""6.7: the General Manager signs first, then the customer."""

import unittest
from datetime import date

from antara_sales.domain import signing


def problems(**kw):
	base = dict(
		gm_signed=False, gm_signed_on=None, customer_signed=False, customer_signed_on=None, final=False
	)
	base.update(kw)
	return signing.signing_problems(**base)


class TestSigningOrder(unittest.TestCase):
	def test_unsigned_draft_is_fine(self):
		self.assertEqual(problems(), [])

	def test_customer_cannot_sign_before_the_gm(self):
		self.assertEqual(
			problems(customer_signed=True, customer_signed_on=date(2026, 1, 2)),
			[signing.GM_SIGNATURE_MISSING],
		)
		self.assertEqual(
			problems(
				gm_signed=True,
				gm_signed_on=date(2026, 1, 5),
				customer_signed=True,
				customer_signed_on=date(2026, 1, 2),
			),
			[signing.CUSTOMER_BEFORE_GM],
		)

	def test_final_needs_both(self):
		self.assertEqual(
			problems(gm_signed=True, gm_signed_on=date(2026, 1, 1), final=True),
			[signing.CUSTOMER_SIGNATURE_MISSING],
		)
		self.assertEqual(
			problems(
				gm_signed=True,
				gm_signed_on=date(2026, 1, 1),
				customer_signed=True,
				customer_signed_on=date(2026, 1, 1),
				final=True,
			),
			[],
		)


E_SERIAL = "A1B2C3D4E5F6G7H8J9K0LM"  # 22 letters and digits, as an e-Meterai's
PAPER_SERIAL = "5AJX1234567890123"  # 17, as a paper meterai's of the 2021 design


def stamps(customer=(None, None), archive=(None, None), final=True):
	return [
		(p.key, p.copy)
		for p in signing.stamp_problems(
			customer_copy=signing.Stamp(*customer), archive_copy=signing.Stamp(*archive), final=final
		)
	]


class TestStampDuty(unittest.TestCase):
	"""UU 10/2020: each copy of the contract owes the meterai, the party receiving it pays."""

	def test_signing_needs_a_meterai_on_each_copy(self):
		self.assertEqual(
			stamps(),
			[
				(signing.STAMP_DUTY_MISSING, signing.CUSTOMER_COPY),
				(signing.STAMP_DUTY_MISSING, signing.ARCHIVE_COPY),
			],
		)
		self.assertEqual(
			stamps(customer=(signing.E_METERAI, E_SERIAL)),
			[(signing.STAMP_DUTY_MISSING, signing.ARCHIVE_COPY)],
		)
		self.assertEqual(
			stamps(customer=(signing.E_METERAI, E_SERIAL), archive=(signing.PAPER, PAPER_SERIAL)), []
		)

	def test_before_signing_nothing_is_required(self):
		self.assertEqual(stamps(final=False), [])
		self.assertEqual(stamps(customer=(signing.PAPER, PAPER_SERIAL), final=False), [])

	def test_a_kind_needs_its_serial_and_a_serial_its_kind(self):
		self.assertEqual(
			stamps(customer=(signing.PAPER, "  "), archive=(None, E_SERIAL), final=False),
			[
				(signing.STAMP_SERIAL_MISSING, signing.CUSTOMER_COPY),
				(signing.STAMP_KIND_MISSING, signing.ARCHIVE_COPY),
			],
		)

	def test_serial_format(self):
		ok = signing.valid_serial
		self.assertTrue(ok(signing.E_METERAI, E_SERIAL))
		self.assertTrue(ok(signing.E_METERAI, E_SERIAL.lower()))
		self.assertTrue(ok(signing.PAPER, PAPER_SERIAL))
		self.assertFalse(ok(signing.E_METERAI, PAPER_SERIAL))  # 17 is a paper meterai's length
		self.assertFalse(ok(signing.PAPER, E_SERIAL))
		for bad in (E_SERIAL[:-1] + "-", E_SERIAL[:-1] + " ", E_SERIAL[:-1] + "é", E_SERIAL[:-1] + "٣"):
			self.assertFalse(ok(signing.E_METERAI, bad), bad)
		self.assertFalse(ok("Other", E_SERIAL))
		self.assertEqual(
			stamps(customer=(signing.E_METERAI, "12345"), archive=(signing.PAPER, PAPER_SERIAL)),
			[(signing.STAMP_SERIAL_INVALID, signing.CUSTOMER_COPY)],
		)

	def test_serials_are_trimmed(self):
		self.assertEqual(signing.clean_serial(f"  {E_SERIAL}\t"), E_SERIAL)
		self.assertEqual(signing.clean_serial(None), "")
		self.assertEqual(
			stamps(customer=(signing.E_METERAI, f" {E_SERIAL} "), archive=(signing.PAPER, PAPER_SERIAL)),
			[],
		)

	def test_one_meterai_cannot_serve_both_copies(self):
		self.assertEqual(
			stamps(
				customer=(signing.E_METERAI, E_SERIAL), archive=(signing.E_METERAI, f" {E_SERIAL.lower()}")
			),
			[(signing.STAMP_SERIAL_REUSED, signing.ARCHIVE_COPY)],
		)
