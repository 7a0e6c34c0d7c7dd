"""Money on an order line (6.4: the products wanted and what they cost); the PPN on the lines is
domain/tax.py's.

Amounts are computed on the server from the lines; Decimal keeps rupiah exact, and results are
rounded half-up to whole sen (two places) as Frappe's Currency fields store them.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONTHS_PER_PERIOD = {"Monthly": 1, "Quarterly": 3, "Yearly": 12}
ONE_OFF = "One-off"
CENT = Decimal("0.01")


def money(value) -> Decimal:
	return Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)


def add_months(day: date, months: int) -> date:
	"""Same day `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
	month_index = day.month - 1 + months
	year, month = day.year + month_index // 12, month_index % 12 + 1
	for last in (31, 30, 29, 28):
		try:
			return date(year, month, min(day.day, last))
		except ValueError:
			continue
	raise AssertionError("unreachable")


def count_periods(start: date, end: date, billing_period: str) -> int:
	"""Billing periods needed to cover start..end inclusive; a started period counts whole."""
	if end < start:
		raise ValueError("end before start")
	if billing_period == ONE_OFF:
		return 1
	step = MONTHS_PER_PERIOD[billing_period]
	n = 1
	while add_months(start, step * n) <= end:
		n += 1
	return n


def line_amount(quantity: int, unit_price, periods: int, discount_percent=0) -> Decimal:
	gross = Decimal(quantity) * money(unit_price) * periods
	discount = gross * Decimal(str(discount_percent or 0)) / 100
	return money(gross - discount)
