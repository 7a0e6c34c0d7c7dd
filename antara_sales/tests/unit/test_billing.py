"""Order line money (6.4): periods, discount, PPN, rupiah exact."""

import unittest
from datetime import date
from decimal import Decimal

from antara_sales.domain.billing import add_months, count_periods, line_amount


class TestPeriods(unittest.TestCase):
	def test_a_calendar_year(self):
		self.assertEqual(count_periods(date(2026, 1, 1), date(2026, 12, 31), "Monthly"), 12)
		self.assertEqual(count_periods(date(2026, 1, 1), date(2026, 12, 31), "Quarterly"), 4)
		self.assertEqual(count_periods(date(2026, 1, 1), date(2026, 12, 31), "Yearly"), 1)
		self.assertEqual(count_periods(date(2026, 1, 1), date(2026, 12, 31), "One-off"), 1)

	def test_a_started_period_counts_whole(self):
		self.assertEqual(count_periods(date(2026, 1, 1), date(2026, 2, 1), "Monthly"), 2)
		self.assertEqual(count_periods(date(2026, 1, 15), date(2026, 1, 15), "Monthly"), 1)

	def test_end_before_start_is_refused(self):
		with self.assertRaises(ValueError):
			count_periods(date(2026, 2, 1), date(2026, 1, 1), "Monthly")

	def test_month_ends_clamp(self):
		self.assertEqual(add_months(date(2026, 1, 31), 1), date(2026, 2, 28))
		self.assertEqual(add_months(date(2024, 1, 31), 1), date(2024, 2, 29))
		self.assertEqual(add_months(date(2026, 11, 30), 3), date(2027, 2, 28))


class TestAmounts(unittest.TestCase):
	def test_line_amount_with_discount(self):
		self.assertEqual(line_amount(2, 1_500_000, 12, 10), Decimal("32400000.00"))
