"""The tax rules of an invoice (issue 11): PPN on DPP Nilai Lain, kode transaksi, PPh 23, what is
payable and when it is paid, Bea Meterai. Sources are in antara_sales/domain/tax.py and docs/tax.md;
each worked example names where it comes from."""

import unittest
from datetime import date
from decimal import Decimal

from antara_sales.domain import tax

D = Decimal

# The rules a new site ships with (ANTARA Sales Settings > PPN Rules).
HPP = tax.PpnRule(date(2022, 4, 1), D(11), 1, 1)  # UU 7/2021 Pasal 7 ayat (1) huruf a
PMK_131 = tax.PpnRule(date(2025, 1, 1), D(12), 11, 12)  # PMK 131/2024 Pasal 3
RULES = [PMK_131, HPP]  # any order

ORDINARY = tax.BuyerCategory("04", collects_ppn=False)
COMPANY = tax.BuyerCategory("04", collects_ppn=False)
GOVERNMENT = tax.BuyerCategory(
	"02", collects_ppn=True, collection_threshold=D(2_000_000), threshold_includes_ppn=False
)
BUMN = tax.BuyerCategory("03", collects_ppn=True, collection_threshold=D(10_000_000), is_bumn=True)


def code(category, payment, ppn=None, bumn_collects_from_perum=True):
	return tax.transaction_code(
		category, payment=D(payment), ppn=ppn, bumn_collects_from_perum=bumn_collects_from_perum
	)


class TestRounding(unittest.TestCase):
	def test_whole_rupiah_half_up_per_11_pj_2025_pasal_129(self):
		# PER-11/PJ/2025 Pasal 129 ayat (3) and its examples (as summarised by enforcea.com,
		# "Ketentuan Pembulatan dalam PER 11/PJ/2025").
		self.assertEqual(tax.rupiah_penuh(D("1500000.49")), D(1_500_000))
		self.assertEqual(tax.rupiah_penuh(D("1900000.50")), D(1_900_001))
		self.assertEqual(tax.rupiah_penuh(D("10500100.49")), D(10_500_100))
		self.assertEqual(tax.rupiah_penuh(D("10500100.50")), D(10_500_101))

	def test_negative_amounts_round_as_their_absolute_value(self):
		self.assertEqual(tax.rupiah_penuh(D("-1900000.50")), D(-1_900_001))
		self.assertEqual(tax.rupiah_penuh(D("-1500000.49")), D(-1_500_000))


class TestRuleByDate(unittest.TestCase):
	def test_an_invoice_keeps_the_rule_of_its_date(self):
		self.assertEqual(tax.rule_on(RULES, date(2024, 12, 31)), HPP)
		self.assertEqual(tax.rule_on(RULES, date(2025, 1, 1)), PMK_131)
		self.assertEqual(tax.rule_on(RULES, date(2026, 6, 30)), PMK_131)
		self.assertEqual(tax.rule_on(RULES, "2022-04-01"), HPP)

	def test_the_next_change_of_law_is_a_row(self):
		later = tax.PpnRule("2027-01-01", "13", 12, 13)
		self.assertEqual(tax.rule_on([*RULES, later], date(2026, 12, 31)), PMK_131)
		self.assertEqual(tax.rule_on([*RULES, later], date(2027, 1, 1)), later)
		self.assertEqual(later.rate, D(13))

	def test_no_rule_before_the_first(self):
		with self.assertRaises(tax.NoPpnRule):
			tax.rule_on(RULES, date(2022, 3, 31))
		with self.assertRaises(tax.NoPpnRule):
			tax.rule_on([], date(2026, 1, 1))

	def test_rule_problems(self):
		self.assertEqual(tax.rule_problems(RULES), [])
		self.assertEqual(tax.rule_problems([tax.PpnRule("2025-01-01", 120, 1, 1)]), ["rate"])
		self.assertEqual(tax.rule_problems([tax.PpnRule("2025-01-01", 12, 13, 12)]), ["factor"])
		self.assertEqual(tax.rule_problems([tax.PpnRule("2025-01-01", 12, 0, 12)]), ["factor"])
		self.assertEqual(
			tax.rule_problems([PMK_131, tax.PpnRule("2025-01-01", 11, 1, 1)]), ["duplicate_date"]
		)

	def test_other_value(self):
		self.assertTrue(PMK_131.has_other_value)
		self.assertFalse(HPP.has_other_value)


class TestPpn(unittest.TestCase):
	def test_ten_million_the_issue_example(self):
		# Issue 11's example, PMK 131/2024 Pasal 3's formula: 10.000.000 -> DPP NL 9.166.667 -> PPN 1.100.000.
		line = tax.line_tax(D(10_000_000), PMK_131)
		self.assertEqual((line.price, line.dpp, line.ppn), (D(10_000_000), D(9_166_667), D(1_100_000)))

	def test_odoo_coretax_sample(self):
		# odoo/odoo addons/l10n_id_efaktur_coretax/tests/results/sample.xml: Price 100000, TaxBase
		# 100000, OtherTaxBase 91666.67 (Odoo keeps two decimals; Pasal 129 gives whole rupiah), VAT 11000.
		line = tax.line_tax(100_000, PMK_131)
		self.assertEqual((line.dpp, line.ppn), (D(91_667), D(11_000)))

	def test_six_million(self):
		# Published example (kompasiana, "Mengenal DPP Nilai Lain dan PPN Besaran Tertentu"):
		# 11/12 x 6.000.000 = 5.500.000; 12 % x 5.500.000 = 660.000.
		line = tax.line_tax(6_000_000, PMK_131)
		self.assertEqual((line.dpp, line.ppn), (D(5_500_000), D(660_000)))

	def test_2024_rule_rounds_half_up(self):
		# Klikpajak's e-Faktur example (quoted in artivisi/balaka issue 25): DPP 8.945 x 11 % =
		# 983,95 -> 984 (PER-11/PJ/2025 Pasal 129, half up; the old practice floored it to 983).
		line = tax.line_tax(8_945, HPP)
		self.assertEqual((line.dpp, line.ppn), (D(8_945), D(984)))

	def test_the_ppn_comes_from_the_rounded_dpp(self):
		# 50 -> 11/12 x 50 = 45,83 -> 46 -> 12 % x 46 = 5,52 -> 6
		line = tax.line_tax(50, PMK_131)
		self.assertEqual((line.dpp, line.ppn), (D(46), D(6)))

	def test_a_price_with_sen_keeps_them_the_dpp_and_ppn_are_whole_rupiah(self):
		line = tax.line_tax(D("333333.33"), PMK_131)
		self.assertEqual(line.price, D("333333.33"))
		self.assertEqual(line.dpp, D(305_556))  # 305.555,5525
		self.assertEqual(line.ppn, D(36_667))  # 36.666,72

	def test_per_line_then_summed(self):
		result = tax.document_tax([D(1_000_000), D(2_500_000), D(12_345)], PMK_131)
		self.assertEqual([ln.dpp for ln in result.lines], [D(916_667), D(2_291_667), D(11_316)])
		self.assertEqual([ln.ppn for ln in result.lines], [D(110_000), D(275_000), D(1_358)])
		self.assertEqual(result.price, D(3_512_345))
		self.assertEqual(result.dpp, D(3_219_650))
		self.assertEqual(result.ppn, D(386_358))
		self.assertEqual(result.grand_total, D(3_898_703))

	def test_effective_rate_is_eleven_percent_for_round_prices(self):
		for price in (1_000_000, 12_000_000, 36_000_000, 120_000_000):
			with self.subTest(price=price):
				self.assertEqual(tax.line_tax(price, PMK_131).ppn, D(price) * 11 / 100)

	def test_same_invoice_two_dates(self):
		lines = [D(10_000_000)]
		before = tax.document_tax(lines, tax.rule_on(RULES, date(2024, 12, 31)))
		after = tax.document_tax(lines, tax.rule_on(RULES, date(2025, 1, 1)))
		self.assertEqual(
			(before.dpp, before.ppn, before.grand_total), (D(10_000_000), D(1_100_000), D(11_100_000))
		)
		self.assertEqual(
			(after.dpp, after.ppn, after.grand_total), (D(9_166_667), D(1_100_000), D(11_100_000))
		)

	def test_credit_note_mirrors_the_invoice(self):
		invoice = tax.document_tax([D(10_000_000), D(50)], PMK_131)
		credit = tax.document_tax([D(-10_000_000), D(-50)], PMK_131)
		self.assertEqual(credit.price, -invoice.price)
		self.assertEqual(credit.dpp, -invoice.dpp)
		self.assertEqual(credit.ppn, -invoice.ppn)
		self.assertEqual(credit.grand_total, -invoice.grand_total)
		self.assertEqual(credit.lines[1], tax.LineTax(D(-50), D(-46), D(-6)))

	def test_empty_invoice(self):
		result = tax.document_tax([], PMK_131)
		self.assertEqual((result.lines, result.price, result.ppn, result.grand_total), ((), 0, 0, 0))


class TestTransactionCode(unittest.TestCase):
	def test_ordinary_buyers_are_04_seller_collects(self):
		for category in (ORDINARY, COMPANY):
			self.assertEqual(code(category, 500_000_000), tax.TaxCode("04", False, tax.ORDINARY))

	def test_government_threshold_two_million_excluding_ppn(self):
		# PMK 231/2019 as amended by PMK 59/2022: not collected on a payment of at most
		# Rp2.000.000, PPN not included.
		self.assertEqual(
			code(GOVERNMENT, 2_220_000, ppn=220_000), tax.TaxCode("04", False, tax.BELOW_THRESHOLD)
		)
		self.assertEqual(code(GOVERNMENT, 2_220_011, ppn=220_001), tax.TaxCode("02", True, tax.COLLECTED))
		self.assertEqual(code(GOVERNMENT, 1_110_000, ppn=110_000).code, "04")
		self.assertEqual(
			code(GOVERNMENT, 111_000_000, ppn=11_000_000), tax.TaxCode("02", True, tax.COLLECTED)
		)

	def test_government_needs_the_ppn_to_compare(self):
		with self.assertRaises(ValueError):
			code(GOVERNMENT, 2_220_000)

	def test_bumn_threshold_ten_million_including_ppn(self):
		# PMK 8/2021 (PMK 81/2024 Pasal 294 ayat (1) huruf a): not collected on a payment of at
		# most Rp10.000.000 including PPN.
		self.assertEqual(code(BUMN, 10_000_000), tax.TaxCode("04", False, tax.BELOW_THRESHOLD))
		self.assertEqual(code(BUMN, D("10000000.01")), tax.TaxCode("03", True, tax.COLLECTED))
		self.assertEqual(code(BUMN, 10_000_001), tax.TaxCode("03", True, tax.COLLECTED))
		self.assertEqual(code(BUMN, 9_999_999).code, "04")
		self.assertEqual(code(BUMN, 11_100_000).code, "03")

	def test_bumn_setting_off_means_antara_collects(self):
		self.assertEqual(
			code(BUMN, 111_000_000, bumn_collects_from_perum=False),
			tax.TaxCode("04", False, tax.SELLER_IS_COLLECTOR),
		)
		# the setting is about BUMN only: a government buyer still collects
		self.assertEqual(
			code(GOVERNMENT, 111_000_000, ppn=11_000_000, bumn_collects_from_perum=False).code, "02"
		)

	def test_a_credit_note_takes_the_code_of_its_size(self):
		self.assertEqual(code(BUMN, -11_100_000).code, "03")
		self.assertEqual(code(BUMN, -5_550_000).code, "04")
		self.assertEqual(code(GOVERNMENT, -2_220_011, ppn=-220_001).code, "02")

	def test_shipped_codes(self):
		self.assertEqual(tax.TRANSACTION_CODES, ("04", "02", "03"))
		self.assertEqual(tax.ORDINARY_CODE, "04")


class TestWithholding(unittest.TestCase):
	def test_rates(self):
		self.assertEqual(tax.withholding(D(10_000_000), 0), D(0))
		self.assertEqual(tax.withholding(D(10_000_000), 2), D(200_000))  # services, Pasal 23(1)(c)
		self.assertEqual(tax.withholding(D(10_000_000), "15"), D(1_500_000))  # royalty, Pasal 23(1)(a)

	def test_whole_rupiah_half_up(self):
		self.assertEqual(tax.withholding(D(12_345), 2), D(247))  # 246,90
		self.assertEqual(tax.withholding(D(12_325), 2), D(247))  # 246,50
		self.assertEqual(tax.withholding(D(12_324), 2), D(246))  # 246,48
		self.assertEqual(tax.withholding(D("10500100.49"), 2), D(210_002))  # base first: 10.500.100

	def test_base_is_the_price_without_ppn(self):
		result = tax.document_tax([D(10_000_000)], PMK_131)
		self.assertEqual(tax.withholding(result.price, 2), D(200_000))

	def test_credit_note(self):
		self.assertEqual(tax.withholding(D(-10_000_000), 2), D(-200_000))

	def test_rate_must_be_a_percentage(self):
		with self.assertRaises(ValueError):
			tax.withholding(D(100), -2)
		with self.assertRaises(ValueError):
			tax.withholding(D(100), 101)


class TestAmountPayable(unittest.TestCase):
	def test_without_collection(self):
		self.assertEqual(
			tax.amount_payable(
				grand_total=D(11_100_000), ppn=D(1_100_000), collected_by_buyer=False, pph23=D(200_000)
			),
			D(10_900_000),
		)
		self.assertEqual(
			tax.amount_payable(
				grand_total=D(11_100_000), ppn=D(1_100_000), collected_by_buyer=False, pph23=0
			),
			D(11_100_000),
		)

	def test_with_collection(self):
		self.assertEqual(
			tax.amount_payable(
				grand_total=D(11_100_000), ppn=D(1_100_000), collected_by_buyer=True, pph23=D(200_000)
			),
			D(9_800_000),
		)
		self.assertEqual(
			tax.amount_payable(grand_total=D(11_100_000), ppn=D(1_100_000), collected_by_buyer=True, pph23=0),
			D(10_000_000),
		)

	def test_credit_note(self):
		self.assertEqual(
			tax.amount_payable(
				grand_total=D(-11_100_000), ppn=D(-1_100_000), collected_by_buyer=True, pph23=D(-200_000)
			),
			D(-9_800_000),
		)


class TestSettled(unittest.TestCase):
	NET = D(10_900_000)  # 11.100.000 - PPh 23 200.000
	PPH = D(200_000)

	def settled(self, paid, slip=False, payable=None, pph23=None):
		return tax.settled(
			paid=D(paid),
			amount_payable=self.NET if payable is None else payable,
			pph23=self.PPH if pph23 is None else pph23,
			slip_recorded=slip,
		)

	def test_short_by_exactly_the_withholding_with_slip(self):
		self.assertTrue(self.settled(10_900_000, slip=True))

	def test_short_by_exactly_the_withholding_without_slip(self):
		self.assertFalse(self.settled(10_900_000, slip=False))

	def test_short_by_another_amount(self):
		self.assertFalse(self.settled(10_899_999, slip=True))
		self.assertFalse(self.settled(10_950_000, slip=True))  # withheld 150.000, not 200.000
		self.assertFalse(self.settled(0, slip=True))

	def test_paid_the_gross(self):
		self.assertTrue(self.settled(11_100_000))
		self.assertTrue(self.settled(11_100_001))
		self.assertTrue(self.settled(11_100_000, slip=True))

	def test_no_withholding(self):
		self.assertTrue(self.settled(11_100_000, payable=D(11_100_000), pph23=D(0)))
		self.assertFalse(self.settled(10_900_000, slip=True, payable=D(11_100_000), pph23=D(0)))

	def test_credit_note(self):
		self.assertTrue(self.settled(-10_900_000, slip=True, payable=-self.NET, pph23=-self.PPH))
		self.assertFalse(self.settled(-10_900_000, payable=-self.NET, pph23=-self.PPH))
		self.assertTrue(self.settled(-11_100_000, payable=-self.NET, pph23=-self.PPH))


class TestStampDuty(unittest.TestCase):
	# UU 10/2020 Pasal 3 ayat (2) huruf g ("lebih dari Rp5.000.000,00") and Pasal 5 (Rp10.000).
	def duty(self, amount):
		return tax.stamp_duty_on_receipt(D(amount), threshold=D(5_000_000), duty=D(10_000))

	def test_at_the_threshold_none(self):
		self.assertEqual(self.duty(5_000_000), D(0))
		self.assertEqual(self.duty(4_999_999), D(0))

	def test_above_the_threshold(self):
		self.assertEqual(self.duty(D("5000000.01")), D(10_000))
		self.assertEqual(self.duty(5_000_001), D(10_000))
		self.assertEqual(self.duty(11_100_000), D(10_000))

	def test_a_credit_note_receipt(self):
		self.assertEqual(self.duty(-11_100_000), D(10_000))
		self.assertEqual(self.duty(-5_000_000), D(0))


if __name__ == "__main__":
	unittest.main()
