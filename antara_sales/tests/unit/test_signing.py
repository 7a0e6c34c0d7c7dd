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
