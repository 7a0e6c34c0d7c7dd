"""What a signed contract bills and when (6.3, 6.8; F/KOM/004 adjustments): pure rules."""

import unittest
from datetime import date
from decimal import Decimal

from antara_sales.domain import invoicing as inv
from antara_sales.domain.billing import count_periods, line_amount

D = Decimal


def line(product, period, price, start=date(2026, 1, 1), end=date(2026, 12, 31), qty=1, discount=0):
	periods = count_periods(start, end, period)
	return inv.Line(
		product, product, period, qty, start, end, line_amount(qty, price, periods, discount), periods
	)


MIXED = [
	line("TXT", "Monthly", 1_000_000),
	line("DATA", "Quarterly", 3_000_000, discount=10),
	line("XINHUA", "Yearly", 12_000_000),
	line("ADV", "One-off", 5_000_000, start=date(2026, 3, 10), end=date(2026, 3, 10)),
]
YEAR = dict(anchor=date(2026, 1, 1), contract_end=date(2026, 12, 31))


def total(charges):
	return sum((c.amount for c in charges), D(0))


class TestLinePeriods(unittest.TestCase):
	def test_periods_add_up_to_the_line_exactly(self):
		odd = line("X", "Monthly", D("1000000"), discount=D("33.33"))
		periods = inv.line_periods(odd)
		self.assertEqual(len(periods), 12)
		self.assertEqual(sum(p[2] for p in periods), odd.amount)
		self.assertEqual(periods[0][:2], (date(2026, 1, 1), date(2026, 1, 31)))
		self.assertEqual(periods[-1][:2], (date(2026, 12, 1), date(2026, 12, 31)))

	def test_month_ends_do_not_drift(self):
		periods = inv.line_periods(line("X", "Monthly", 100, start=date(2026, 1, 31), end=date(2026, 5, 30)))
		self.assertEqual(
			[p[0] for p in periods],
			[date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)],
		)
		self.assertEqual(periods[-1][1], date(2026, 5, 30))


class TestRegularInvoices(unittest.TestCase):
	def test_per_period_follows_the_shortest_period_and_sums_to_the_contract(self):
		periods = inv.periods_to_bill(lines=MIXED, terms=inv.PER_PERIOD, billed=[], **YEAR)
		self.assertEqual(len(periods), 12)
		january = inv.charges_for(periods[0], MIXED, anchor=YEAR["anchor"])
		self.assertEqual(
			sorted((c.product, c.amount) for c in january),
			[("DATA", D("2700000.00")), ("TXT", D("1000000.00")), ("XINHUA", D("12000000.00"))],
		)
		march = inv.charges_for(periods[2], MIXED, anchor=YEAR["anchor"])
		self.assertEqual(sorted(c.product for c in march), ["ADV", "TXT"])
		april = inv.charges_for(periods[3], MIXED, anchor=YEAR["anchor"])
		self.assertEqual(total(april), D("3700000.00"))
		everything = [c for p in periods for c in inv.charges_for(p, MIXED, anchor=YEAR["anchor"])]
		self.assertEqual(total(everything), sum(x.amount for x in MIXED))

	def test_up_front_is_one_period(self):
		periods = inv.periods_to_bill(
			lines=MIXED, terms=inv.UP_FRONT, billed=[], until=date(2025, 12, 1), **YEAR
		)
		self.assertEqual(periods, [inv.Period(date(2026, 1, 1), date(2026, 12, 31))])
		self.assertEqual(total(inv.charges_for(periods[0], MIXED, anchor=YEAR["anchor"])), D("39800000.00"))

	def test_only_started_periods_are_due_and_billed_ones_are_skipped(self):
		billed = [inv.Period(date(2026, 1, 1), date(2026, 1, 31))]
		due = inv.periods_to_bill(
			lines=MIXED, terms=inv.PER_PERIOD, billed=billed, until=date(2026, 3, 15), **YEAR
		)
		self.assertEqual([p.start for p in due], [date(2026, 2, 1), date(2026, 3, 1)])
		first = inv.periods_to_bill(lines=MIXED, terms=inv.PER_PERIOD, billed=[], first_only=True, **YEAR)
		self.assertEqual(first, [inv.Period(date(2026, 1, 1), date(2026, 1, 31))])

	def test_a_cancelled_period_is_billed_again_and_step_changes_do_not_overlap(self):
		quarters = [
			inv.Period(date(2026, 1, 1), date(2026, 3, 31)),
			inv.Period(date(2026, 7, 1), date(2026, 9, 30)),
		]
		due = inv.periods_to_bill(
			lines=MIXED, terms=inv.PER_PERIOD, billed=quarters, until=date(2026, 12, 31), **YEAR
		)
		self.assertEqual(due[0], inv.Period(date(2026, 4, 1), date(2026, 4, 30)))
		self.assertEqual(due[2], inv.Period(date(2026, 6, 1), date(2026, 6, 30)))
		self.assertEqual(due[3].start, date(2026, 10, 1))

	def test_termination_stops_billing_and_prorates_the_last_period(self):
		text = [line("TXT", "Monthly", 3_100_000)]
		due = inv.periods_to_bill(lines=text, terms=inv.PER_PERIOD, billed=[], stop=date(2026, 3, 11), **YEAR)
		self.assertEqual(due[-1], inv.Period(date(2026, 3, 1), date(2026, 3, 10)))
		march = inv.charges_for(due[-1], text, anchor=YEAR["anchor"], stop=date(2026, 3, 11))
		self.assertEqual((march[0].service_end, march[0].amount), (date(2026, 3, 10), D("1000000.00")))


class TestAdjustments(unittest.TestCase):
	def billed(self, lines, until, terms=inv.PER_PERIOD):
		periods = inv.periods_to_bill(lines=lines, terms=terms, billed=[], until=until, **YEAR)
		charges = [c for p in periods for c in inv.charges_for(p, lines, anchor=YEAR["anchor"])]
		return periods, charges

	def test_termination_credits_what_was_billed_from_the_date(self):
		text = [line("TXT", "Monthly", 3_100_000)]
		periods, charges = self.billed(text, date(2026, 7, 1))
		credit = inv.adjustment(
			billed_periods=periods,
			billed=charges,
			lines=text,
			effective=date(2026, 7, 16),
			anchor=YEAR["anchor"],
			stop=date(2026, 7, 16),
		)
		self.assertEqual(len(credit), 1)
		self.assertEqual(credit[0].amount, D("-1600000.00"))  # 16 of July's 31 days
		self.assertEqual(
			(credit[0].service_start, credit[0].service_end), (date(2026, 7, 16), date(2026, 7, 31))
		)

	def test_up_front_termination_credits_the_rest_of_the_year(self):
		text = [line("TXT", "Monthly", 1_000_000)]
		periods, charges = self.billed(text, date(2026, 1, 1), terms=inv.UP_FRONT)
		credit = inv.adjustment(
			billed_periods=periods,
			billed=charges,
			lines=text,
			effective=date(2026, 7, 1),
			anchor=YEAR["anchor"],
			stop=date(2026, 7, 1),
		)
		self.assertEqual(total(credit), D("-6000000.00"))

	def test_an_added_product_is_charged_for_the_billed_rest_and_nothing_changes_twice(self):
		text = [line("TXT", "Monthly", 1_000_000)]
		periods, charges = self.billed(text, date(2026, 7, 20))
		photo = line("FOTO", "Monthly", 620_000, start=date(2026, 7, 20), end=date(2026, 12, 31))
		charge = inv.adjustment(
			billed_periods=periods,
			billed=charges,
			lines=[*text, photo],
			effective=date(2026, 7, 20),
			anchor=YEAR["anchor"],
		)
		self.assertEqual([(c.product, c.amount) for c in charge], [("FOTO", D("620000.00"))])
		again = inv.adjustment(
			billed_periods=periods,
			billed=charges + charge,
			lines=[*text, photo],
			effective=date(2026, 7, 20),
			anchor=YEAR["anchor"],
		)
		self.assertEqual(again, [])

	def test_a_reduction_is_a_prorated_credit_and_an_unchanged_renewal_is_nothing(self):
		two = [line("TXT", "Quarterly", 900_000, qty=2)]
		periods, charges = self.billed(two, date(2026, 4, 1))
		one = [line("TXT", "Quarterly", 900_000, qty=1)]
		credit = inv.adjustment(
			billed_periods=periods,
			billed=charges,
			lines=one,
			effective=date(2026, 5, 1),
			anchor=YEAR["anchor"],
		)
		# Q2 (1 Apr - 30 Jun, 91 days) billed 1,800,000 for two; one from 1 May: 61/91 of 900,000 back.
		self.assertEqual(total(credit), D("-603296.70"))
		renewed = [line("TXT", "Quarterly", 900_000, qty=2, end=date(2027, 12, 31))]
		self.assertEqual(
			inv.adjustment(
				billed_periods=periods,
				billed=charges,
				lines=renewed,
				effective=date(2026, 5, 1),
				anchor=YEAR["anchor"],
			),
			[],
		)


class TestStatus(unittest.TestCase):
	def status(self, **kw):
		values = dict(
			docstatus=1, grand_total=100, paid_on=None, due=date(2026, 2, 1), today=date(2026, 1, 15)
		)
		values.update(kw)
		return inv.invoice_status(**values)

	def test_statuses(self):
		self.assertEqual(self.status(), "Unpaid")
		self.assertEqual(self.status(today=date(2026, 2, 2)), "Overdue")
		self.assertEqual(self.status(paid_on=date(2026, 1, 20)), "Paid")
		self.assertEqual(self.status(grand_total=-5), "Open Credit")
		self.assertEqual(self.status(grand_total=-5, paid_on=date(2026, 1, 20)), "Settled")
		self.assertEqual(self.status(docstatus=2), "Cancelled")
		self.assertEqual(self.status(docstatus=0), "Draft")
