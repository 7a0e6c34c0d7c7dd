"""5.3 / 5.4: status from the run of consecutive periods ending at the latest (no site needed)."""

import unittest
from datetime import date

from antara_sales.domain.customer_status import EXISTING, NEW, PROSPECT, Period, compute_status


def year(y, ref=""):
	return Period(date(y, 1, 1), date(y, 12, 31), ref or str(y))


class TestCustomerStatus(unittest.TestCase):
	def test_no_contract_is_a_prospect(self):
		result = compute_status([])
		self.assertEqual((result.status, result.consecutive_periods), (PROSPECT, 0))

	def test_one_period_is_new(self):
		self.assertEqual(compute_status([year(2026)]).status, NEW)

	def test_two_consecutive_periods_are_still_new(self):
		result = compute_status([year(2025), year(2026)])
		self.assertEqual((result.status, result.consecutive_periods), (NEW, 2))

	def test_three_consecutive_periods_make_an_existing_customer(self):
		# 5.4: "more than two consecutive periods".
		result = compute_status([year(2024), year(2025), year(2026)])
		self.assertEqual((result.status, result.consecutive_periods), (EXISTING, 3))
		self.assertEqual([p.reference for p in result.evidence], ["2024", "2025", "2026"])

	def test_a_broken_streak_counts_only_the_latest_run(self):
		result = compute_status([year(2020), year(2021), year(2022), year(2025)])
		self.assertEqual((result.status, result.consecutive_periods), (NEW, 1))

	def test_gap_within_tolerance_keeps_the_streak(self):
		periods = [
			Period(date(2025, 1, 1), date(2025, 12, 31)),
			Period(date(2026, 1, 20), date(2026, 12, 31)),
		]
		self.assertEqual(compute_status(periods, max_gap_days=31).consecutive_periods, 2)
		self.assertEqual(compute_status(periods, max_gap_days=7).consecutive_periods, 1)

	def test_overlapping_contracts_are_one_period(self):
		periods = [year(2026, "A"), Period(date(2026, 6, 1), date(2026, 12, 31), "B")]
		result = compute_status(periods)
		self.assertEqual(result.consecutive_periods, 1)
		self.assertEqual(result.evidence[0].reference, "A, B")

	def test_terminated_contract_ends_its_period_early_and_breaks_the_streak(self):
		terminated = Period(date(2024, 1, 1), date(2024, 3, 31), "terminated")
		result = compute_status([year(2023), terminated, year(2025)])
		self.assertEqual((result.status, result.consecutive_periods), (NEW, 1))

	def test_thresholds_are_settings(self):
		# Reading 5.4's parenthesis literally ("more than two repeat orders") needs 4 periods.
		periods = [year(2023), year(2024), year(2025)]
		self.assertEqual(compute_status(periods, existing_from=4).status, NEW)
		self.assertEqual(compute_status([year(2026)], new_from=2).status, PROSPECT)

	def test_inconsistent_thresholds_are_refused(self):
		with self.assertRaises(ValueError):
			compute_status([], new_from=3, existing_from=2)
