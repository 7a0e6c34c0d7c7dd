"""Terbilang (issue 11): the app has one, print_context.terbilang, used by the invoice (its in_words,
set in services/fulfilling/invoice.py set_totals) and by every form's totals and the contract
(print_context.money -> grand_total_words). It takes the words from Frappe's in_words, which is
num2words(n, lang="id") with hyphens made spaces, and finishes them with the pure
print_text.terbilang_rupiah / seribu. print_context imports Frappe, so this test runs the same
pipeline on num2words directly."""

import unittest
from decimal import Decimal

from num2words import num2words

from antara_sales.domain import print_text


def in_words(n: int) -> str:
	"""What frappe.utils.in_words returns with frappe.local.lang = "id"."""
	return num2words(int(n), lang="id").replace("-", " ")


def terbilang(amount) -> str:
	"""print_context.terbilang without Frappe: whole rupiah and sen, then "minus" for a credit."""
	whole, sen = print_text.split_rupiah(amount)
	words = print_text.terbilang_rupiah(in_words(whole), in_words(sen) if sen else None)
	return f"minus {words}" if Decimal(str(amount)) < 0 else words


class TestTerbilang(unittest.TestCase):
	def test_the_issue_example(self):
		# 2.001.000: the invoice used to print "dua juta satu ribu rupiah"
		self.assertEqual(terbilang(2_001_000), "dua juta seribu rupiah")

	def test_thousands(self):
		self.assertEqual(terbilang(1_000), "seribu rupiah")
		self.assertEqual(terbilang(1_001), "seribu satu rupiah")
		self.assertEqual(terbilang(1_500), "seribu lima ratus rupiah")
		self.assertEqual(terbilang(11_000), "sebelas ribu rupiah")
		self.assertEqual(terbilang(21_000), "dua puluh satu ribu rupiah")
		self.assertEqual(terbilang(101_000), "seratus satu ribu rupiah")
		self.assertEqual(terbilang(111_000), "seratus sebelas ribu rupiah")

	def test_millions_and_more(self):
		self.assertEqual(terbilang(1_000_000), "satu juta rupiah")
		self.assertEqual(terbilang(1_001_000), "satu juta seribu rupiah")
		self.assertEqual(terbilang(1_200_000), "satu juta dua ratus ribu rupiah")
		self.assertEqual(terbilang(1_001_000_000), "satu miliar satu juta rupiah")
		self.assertEqual(terbilang(1_000_001_000), "satu miliar seribu rupiah")
		self.assertEqual(terbilang(1_001_001_001), "satu miliar satu juta seribu satu rupiah")
		self.assertEqual(terbilang(1_000_000_000_000), "satu triliun rupiah")

	def test_tax_amounts(self):
		self.assertEqual(terbilang(11_100_000), "sebelas juta seratus ribu rupiah")
		self.assertEqual(
			terbilang(9_166_667),
			"sembilan juta seratus enam puluh enam ribu enam ratus enam puluh tujuh rupiah",
		)

	def test_sen(self):
		self.assertEqual(terbilang(Decimal("1200000.50")), "satu juta dua ratus ribu rupiah lima puluh sen")
		self.assertEqual(terbilang(Decimal("1000.01")), "seribu rupiah satu sen")
		self.assertEqual(terbilang(Decimal("0.99")), "nol rupiah sembilan puluh sembilan sen")
		self.assertEqual(terbilang(Decimal("21000.11")), "dua puluh satu ribu rupiah sebelas sen")

	def test_credit_note(self):
		self.assertEqual(terbilang(-5_000), "minus lima ribu rupiah")
		self.assertEqual(terbilang(-2_001_000), "minus dua juta seribu rupiah")

	def test_zero(self):
		self.assertEqual(terbilang(0), "nol rupiah")


class TestSeribu(unittest.TestCase):
	"""print_text.seribu on num2words' own output for the cases it must and must not touch."""

	def test_one_thousand_after_a_larger_group(self):
		for n, words in (
			(2_001_000, "dua juta seribu"),
			(1_001_000, "satu juta seribu"),
			(1_000_001_000, "satu miliar seribu"),
			(1_000_000_001_000, "satu triliun seribu"),
		):
			with self.subTest(n=n):
				self.assertEqual(print_text.seribu(in_words(n)), words)

	def test_untouched(self):
		"""A thousands group other than exactly one stays as num2words says it."""
		for n, words in (
			(1_000, "seribu"),
			(11_000, "sebelas ribu"),
			(21_000, "dua puluh satu ribu"),
			(101_000, "seratus satu ribu"),
			(1_001_000_000, "satu miliar satu juta"),
			(31_001_000, "tiga puluh satu juta seribu"),
			(2_021_000, "dua juta dua puluh satu ribu"),
		):
			with self.subTest(n=n):
				self.assertEqual(print_text.seribu(in_words(n)), words)


if __name__ == "__main__":
	unittest.main()
