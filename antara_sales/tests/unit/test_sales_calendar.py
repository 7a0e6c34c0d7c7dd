"""Weeks and months of the weekly meeting (6.1, 6.1.1)."""

import unittest
from datetime import date

from antara_sales.domain.sales_calendar import (
	Span,
	meeting_periods,
	months_between,
	previous_week,
	week_label,
	week_of,
)


class TestWeeks(unittest.TestCase):
	def test_a_week_runs_monday_to_sunday(self):
		self.assertEqual(week_of(date(2026, 11, 26)), Span(date(2026, 11, 23), date(2026, 11, 29)))
		self.assertEqual(week_of(date(2026, 11, 23)), week_of(date(2026, 11, 29)))
		self.assertEqual(week_label(date(2026, 11, 26)), "2026-W48")

	def test_iso_week_at_the_turn_of_the_year(self):
		self.assertEqual(week_label(date(2027, 1, 1)), "2026-W53")
		self.assertEqual(previous_week(date(2027, 1, 4)), Span(date(2026, 12, 28), date(2027, 1, 3)))


class TestMeetingPeriods(unittest.TestCase):
	def test_a_meeting_evaluates_the_week_before_and_the_month_to_its_end(self):
		periods = meeting_periods(date(2026, 11, 26))
		self.assertEqual(periods.last_week, Span(date(2026, 11, 16), date(2026, 11, 22)))
		self.assertEqual(periods.month_to_date, Span(date(2026, 11, 1), date(2026, 11, 22)))
		self.assertEqual(periods.month, Span(date(2026, 11, 1), date(2026, 11, 30)))

	def test_a_week_that_spans_two_months(self):
		periods = meeting_periods(date(2026, 4, 6))
		self.assertEqual(periods.last_week, Span(date(2026, 3, 30), date(2026, 4, 5)))
		self.assertEqual(periods.month_to_date, Span(date(2026, 4, 1), date(2026, 4, 5)))
		self.assertEqual(
			months_between(date(2026, 3, 30), date(2026, 4, 5)), [date(2026, 3, 1), date(2026, 4, 1)]
		)
		self.assertEqual(len(list(periods.last_week.days())), 7)
