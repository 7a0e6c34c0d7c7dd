"""The pre-filled evaluation of 6.1.1 against hand-computed numbers, on a week that spans March and
April 2026 (30 March to 5 April; month to date 1 to 5 April)."""

import unittest
from datetime import date

from antara_sales.domain.meeting_evaluation import (
	LAST_WEEK,
	MONTH_TO_DATE,
	Facts,
	Feedback,
	Invoice,
	OrderReceived,
	Sale,
	SaleLine,
	VerificationRound,
	evaluate,
)
from antara_sales.domain.sales_calendar import meeting_periods
from antara_sales.domain.sales_targets import Target

D = "Dept"


def d(month, day):
	return date(2026, month, day)


def facts() -> Facts:
	sales = [
		# contract, customer, amount, signed on, status at verification (6.5.3)
		Sale("A", "c1", 2_000_000, d(3, 31), "Prospect"),
		Sale("B", "c2", 5_000_000, d(4, 2), "New"),
		Sale("E", "c3", 3_000_000, d(4, 3), "Existing"),
		Sale("C", "c4", 2_000_000, d(3, 29), "Prospect"),  # the week before
		Sale("X", "c5", 2_000_000, d(4, 6), "Prospect"),  # after the evaluated week
	]
	lines = [
		SaleLine("A", "P1", 2_000_000, d(3, 31)),
		SaleLine("B", "P1", 2_000_000, d(4, 2)),
		SaleLine("B", "P2", 3_000_000, d(4, 2)),
		SaleLine("E", "P2", 3_000_000, d(4, 3)),
		SaleLine("C", "P1", 2_000_000, d(3, 29)),
		SaleLine("X", "P1", 2_000_000, d(4, 6)),
	]
	return Facts(
		department=D,
		sale_lines=lines,
		sales=sales,
		orders=[
			OrderReceived("MO-B", d(3, 30)),
			OrderReceived("MO-E", d(4, 1)),
			OrderReceived("MO-F", d(4, 4)),
			OrderReceived("MO-H", d(4, 5)),
			OrderReceived("MO-A", d(3, 27)),
			OrderReceived("MO-X", d(4, 6)),
		],
		verifications=[
			VerificationRound("V-A", "MO-A", "Passed", d(3, 30)),
			VerificationRound("V-B", "MO-B", "Passed", d(4, 1)),
			VerificationRound("V-E", "MO-E", "Passed", d(4, 2)),
			VerificationRound("V-F", "MO-F", "Clarify", d(4, 5)),
			VerificationRound("V-G", "MO-G", "Rejected", d(3, 31)),
			VerificationRound("V-C", "MO-C", "Passed", d(3, 25)),
		],
		feedback=[
			Feedback("FB-1", "K1", 4, d(3, 31)),
			Feedback("FB-2", "K2", 2, d(4, 2)),
			Feedback("FB-3", "K3", 5, d(3, 28)),
		],
		targets=[
			Target("T-MAR", D, d(3, 1), 31_000_000, 31),
			Target("T-P1", D, d(4, 1), 30_000_000, 3, product="P1"),
			Target("T-P2", D, d(4, 1), 30_000_000, 3, product="P2"),
		],
		product_names={"P1": "Berita Teks", "P2": "Foto"},
		invoices=[
			Invoice("INV-1", 2_220_000, d(3, 31), paid_on=d(4, 2)),
			Invoice("INV-2", 5_550_000, d(4, 3)),
			Invoice("INV-0", 1_110_000, d(3, 1), paid_on=d(3, 30)),
		],
	)


class TestEvaluation(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		periods = meeting_periods(d(4, 6))
		cls.result = evaluate(facts(), periods.last_week, periods.month_to_date, periods.month)

	def row(self, metric, period, section=None):
		return next(
			r
			for r in self.result.rows
			if r.metric == metric and r.period == period and (section is None or r.section == section)
		)

	def check(self, metric, period, value, target=None, references=(), section=None):
		row = self.row(metric, period, section)
		self.assertAlmostEqual(row.value, value, msg=f"{metric} {period}")
		if target is not None:
			self.assertAlmostEqual(row.target, target, msg=f"{metric} {period} target")
		self.assertEqual(row.references, tuple(references), f"{metric} {period} references")
		return row

	def test_sales_against_target_by_product(self):
		total = self.check("Total", LAST_WEEK, 10_000_000, 12_000_000, ("A", "B", "E"))
		self.assertAlmostEqual(total.achievement, 83.333333, places=4)
		self.check("Berita Teks", LAST_WEEK, 4_000_000, 5_000_000, ("A", "B"))
		self.check("Foto", LAST_WEEK, 6_000_000, 5_000_000, ("B", "E"))
		self.check("Total", MONTH_TO_DATE, 8_000_000, 10_000_000, ("B", "E"))
		self.check("Berita Teks", MONTH_TO_DATE, 2_000_000, 5_000_000, ("B",))
		self.check("Foto", MONTH_TO_DATE, 6_000_000, 5_000_000, ("B", "E"))
		self.assertEqual(self.row("Berita Teks", LAST_WEEK).product, "P1")

	def test_contracts_and_customers(self):
		self.check("Contracts Signed", LAST_WEEK, 3, references=("A", "B", "E"))
		self.check("Contracts Signed", MONTH_TO_DATE, 2, references=("B", "E"))
		self.check("New Customers Won", LAST_WEEK, 1, 3, ("A",))
		self.check("New Customers Won", MONTH_TO_DATE, 0, 1, ())
		self.check("New Customers (5.3)", LAST_WEEK, 2, references=("A", "B"))
		self.check("Existing Customers (5.4)", LAST_WEEK, 1, references=("E",))
		self.check("Sales to New Customers", LAST_WEEK, 7_000_000, references=("A", "B"))
		self.check("Sales to Existing Customers", MONTH_TO_DATE, 3_000_000, references=("E",))

	def test_orders(self):
		self.check("Orders Received", LAST_WEEK, 4, references=("MO-B", "MO-E", "MO-F", "MO-H"))
		self.check("Orders Received", MONTH_TO_DATE, 3, references=("MO-E", "MO-F", "MO-H"))
		self.check("Orders Verified", LAST_WEEK, 3, references=("V-A", "V-B", "V-E"))
		self.check("Orders Verified", MONTH_TO_DATE, 2, references=("V-B", "V-E"))
		self.check("Orders to Clarify (6.5.3.1)", LAST_WEEK, 1, references=("V-F",))
		self.check("Orders Rejected (6.5.3.2)", LAST_WEEK, 1, references=("V-G",))
		self.check("Orders Rejected (6.5.3.2)", MONTH_TO_DATE, 0)

	def test_satisfaction(self):
		self.check("Feedback Received", LAST_WEEK, 2, references=("FB-1", "FB-2"))
		self.check("Average Score (1-5)", LAST_WEEK, 3.0, references=("FB-1", "FB-2"))
		self.check("Low Scores (1-2)", LAST_WEEK, 1, references=("FB-2",))
		self.check("Average Score (1-5)", MONTH_TO_DATE, 2.0, references=("FB-2",))

	def test_billing_where_invoices_are_kept(self):
		self.check("Invoiced (with PPN)", LAST_WEEK, 7_770_000, references=("INV-1", "INV-2"))
		self.check("Paid (with PPN)", LAST_WEEK, 3_330_000, references=("INV-0", "INV-1"))
		self.check("Paid (with PPN)", MONTH_TO_DATE, 2_220_000, references=("INV-1",))

	def test_summary(self):
		s = self.result.summary
		self.assertAlmostEqual(s["week_sales"], 10_000_000)
		self.assertAlmostEqual(s["week_target"], 12_000_000)
		self.assertAlmostEqual(s["mtd_sales"], 8_000_000)
		self.assertAlmostEqual(s["mtd_target"], 10_000_000)
		self.assertAlmostEqual(s["month_target"], 60_000_000)
		self.assertAlmostEqual(s["mtd_achievement"], 80.0)
		self.assertEqual(s["week_new_customers"], 1)
		self.assertEqual(s["week_new_customer_target"], 3)
		self.assertAlmostEqual(s["week_average_score"], 3.0)

	def test_a_target_of_people_is_whole(self):
		# 2 new customers in April: a week's share is 0.47, shown as 1 (sales_targets.people).
		two = Facts(department=D, targets=[Target("T", D, d(4, 1), 30_000_000, 2)])
		periods = meeting_periods(d(4, 13))  # evaluates 6 to 12 April
		result = evaluate(two, periods.last_week, periods.month_to_date, periods.month)
		self.assertEqual(result.summary["week_new_customer_target"], 1)
		self.assertIsInstance(result.summary["week_new_customer_target"], int)

	def test_no_target_no_achievement(self):
		empty = Facts(department=D)
		periods = meeting_periods(d(4, 6))
		result = evaluate(empty, periods.last_week, periods.month_to_date, periods.month)
		self.assertIsNone(result.summary["week_achievement"])
		self.assertIsNone(result.summary["week_average_score"])
		self.assertEqual([r.metric for r in result.rows if r.section == "Sales"], ["Total", "Total"])
		self.assertEqual([r for r in result.rows if r.section == "Billing"], [])  # no invoices kept
