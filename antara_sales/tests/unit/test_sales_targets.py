"""Sales targets: no overlap, one target per sale, weekly figures from the month (6.1.1)."""

import unittest
from datetime import date

from antara_sales.domain.sales_calendar import Span
from antara_sales.domain.sales_targets import (
	Target,
	achievement,
	covering,
	for_span,
	overlapping,
	people,
	weekly_figure,
	weekly_people,
)

MARCH, APRIL = date(2026, 3, 1), date(2026, 4, 1)


def target(name, month=APRIL, bureau=None, product=None, amount=0.0, new=0.0, department="D"):
	return Target(name, department, month, amount, new, bureau, product)


class TestOverlap(unittest.TestCase):
	def test_a_department_wide_target_stands_alone_in_its_month(self):
		wide = target("wide")
		self.assertEqual(overlapping(target("x", product="P1"), [wide]), [wide])
		self.assertEqual(overlapping(target("x", bureau="B1"), [wide]), [wide])
		self.assertEqual(overlapping(target("x", month=MARCH), [wide]), [])
		self.assertEqual(overlapping(target("x", department="E"), [wide]), [])

	def test_bureau_and_product_targets(self):
		b1, p1, b1p2 = (
			target("b1", bureau="B1"),
			target("p1", product="P1"),
			target("b1p2", bureau="B1", product="P2"),
		)
		self.assertEqual(overlapping(p1, [b1]), [b1])  # a sale of P1 in B1 would count twice
		self.assertEqual(overlapping(target("b2", bureau="B2"), [b1, b1p2]), [])
		self.assertEqual(overlapping(target("b1p1", bureau="B1", product="P1"), [b1p2]), [])
		self.assertEqual(overlapping(b1p2, [b1p2]), [])  # itself, when saved again

	def test_a_sale_counts_against_the_one_target_that_covers_it(self):
		targets = [target("b1p1", bureau="B1", product="P1"), target("p2", product="P2")]
		self.assertEqual(covering(targets, "D", "B1", "P1", date(2026, 4, 9)).name, "b1p1")
		self.assertEqual(covering(targets, "D", "B7", "P2", date(2026, 4, 9)).name, "p2")
		self.assertIsNone(covering(targets, "D", "B2", "P1", date(2026, 4, 9)))
		self.assertIsNone(covering(targets, "D", "B1", "P1", date(2026, 5, 1)))


class TestWeeklyFigures(unittest.TestCase):
	def test_a_week_within_a_month(self):
		targets = [target("a", amount=60_000_000)]
		self.assertAlmostEqual(for_span(targets, Span(date(2026, 4, 6), date(2026, 4, 12))), 14_000_000)
		self.assertAlmostEqual(weekly_figure(60_000_000, APRIL), 14_000_000)

	def test_a_week_that_spans_two_months_takes_its_days_from_each(self):
		targets = [
			target("m", month=MARCH, amount=31_000_000, new=31),
			target("p1", product="P1", amount=30_000_000, new=3),
			target("p2", product="P2", amount=30_000_000, new=3),
		]
		week = Span(date(2026, 3, 30), date(2026, 4, 5))
		self.assertAlmostEqual(for_span(targets, week), 2 * 1_000_000 + 5 * 2_000_000)
		self.assertAlmostEqual(for_span(targets, week, where=lambda t: t.product == "P1"), 5_000_000)
		self.assertAlmostEqual(for_span(targets, week, measure=lambda t: t.new_customers), 2 + 1)

	def test_targets_of_people_are_whole_and_rounded_up(self):
		# 2 new customers in a 30-day month: 7 days' share is 0.47, and the week needs one.
		self.assertAlmostEqual(weekly_figure(2, APRIL), 0.4666666, places=5)
		self.assertEqual(weekly_people(2, APRIL), 1)
		self.assertEqual(weekly_people(30, APRIL), 7)  # whole on paper stays as it is (7/30 x 30)
		self.assertEqual(weekly_people(0, APRIL), 0)
		week = Span(date(2026, 4, 6), date(2026, 4, 12))
		self.assertEqual(people(for_span([target("a", new=2)], week, measure=lambda t: t.new_customers)), 1)
		self.assertEqual(people(3.0000000001), 3)
		self.assertEqual(people(3.01), 4)
		self.assertIsInstance(people(0.47), int)

	def test_achievement(self):
		self.assertAlmostEqual(achievement(10, 12), 83.3333333)
		self.assertIsNone(achievement(10, 0))
