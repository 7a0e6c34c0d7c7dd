"""What a signed contract bills, and when (6.3: the returned form sets the invoice going; 6.8: finance
follows up once the customer has signed). Pure: no Frappe, so the rules are unit-tested.

Vocabulary:
- a *line period* is one billing period of one contract line, by the product's own billing period
  (5.5): a monthly line of twelve months has twelve line periods, each worth line amount / 12;
- a *contract period* is what one regular invoice covers. Billed **up front**, the first contract
  period is the whole contract. Billed **per period**, contract periods follow the shortest billing
  period among the lines, counted from the first period's start, and a line period is billed in the
  contract period in which it starts (a quarterly line is billed in the month its quarter starts, a
  yearly line in the month its year starts, a one-off line in the month it starts). Over the whole
  contract the regular invoices add up to the contract's value exactly;
- an *adjustment* settles an approved change (F/KOM/004) for contract periods already billed: what
  the new terms are worth from the effective date on, minus what was billed for those days, day by
  day within each line period. Negative is a credit note, positive a prorated charge.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from antara_sales.domain.billing import MONTHS_PER_PERIOD, ONE_OFF, add_months, count_periods, money

UP_FRONT = "Up Front"
PER_PERIOD = "Per Period"
BILLING_TERMS = (PER_PERIOD, UP_FRONT)
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Line:
	"""One contract line: a product for a time, worth `amount` (after discount) over `periods`."""

	product: str
	product_name: str
	billing_period: str
	quantity: int
	start: date
	end: date
	amount: Decimal
	periods: int = 0


@dataclass(frozen=True)
class Charge:
	"""One invoice line: `amount` for the service from `service_start` to `service_end`, billed in
	the contract period that starts on `period_start`."""

	product: str
	product_name: str
	billing_period: str
	quantity: int
	service_start: date
	service_end: date
	amount: Decimal
	period_start: date


@dataclass(frozen=True)
class Period:
	start: date
	end: date


def days(start: date, end: date) -> int:
	return (end - start).days + 1


def line_periods(line: Line) -> list[tuple[date, date, Decimal]]:
	"""The line's periods with their amounts; the last takes the rounding, so they add up exactly."""
	if line.billing_period == ONE_OFF:
		return [(line.start, line.end, money(line.amount))]
	step = MONTHS_PER_PERIOD[line.billing_period]
	n = line.periods or count_periods(line.start, line.end, line.billing_period)
	each = money(Decimal(str(line.amount)) / n)
	result = []
	for k in range(n):
		start = add_months(line.start, step * k)
		end = min(add_months(line.start, step * (k + 1)) - ONE_DAY, line.end)
		amount = each if k < n - 1 else money(line.amount) - each * (n - 1)
		result.append((start, end, amount))
	return result


def period_step(lines: list[Line]) -> int | None:
	"""Months in one contract period when billed per period: the shortest line's billing period."""
	steps = [MONTHS_PER_PERIOD[line.billing_period] for line in lines if line.billing_period != ONE_OFF]
	return min(steps) if steps else None


def grid_end(anchor: date, start: date, step: int) -> date:
	"""The last day of the contract period that contains `start`, on a grid counted from `anchor`."""
	k = 1
	while add_months(anchor, step * k) <= start:
		k += 1
	return add_months(anchor, step * k) - ONE_DAY


def periods_to_bill(
	*,
	anchor: date,
	contract_end: date,
	lines: list[Line],
	terms: str,
	billed: list[Period],
	until: date | None = None,
	stop: date | None = None,
	first_only: bool = False,
) -> list[Period]:
	"""Contract periods not billed yet, in order. Per period, only those started by `until` are due;
	up front, whatever is not billed yet is due at once. `stop` (a termination date) ends the
	service: nothing from that day on is billed. Billed periods are skipped wherever they lie, so a
	cancelled invoice's period is billed again and a change of billing period does not overlap."""
	last_day = min(contract_end, stop - ONE_DAY) if stop else contract_end
	billed_starts = sorted(billed, key=lambda p: p.start)
	by_start = {p.start: p for p in billed_starts}
	step = period_step(lines)
	result: list[Period] = []
	start = anchor
	while start <= last_day:
		if start in by_start:
			start = by_start[start].end + ONE_DAY
			continue
		if terms == UP_FRONT or step is None:
			end = last_day
		else:
			end = min(grid_end(anchor, start, step), last_day)
		next_billed = next((p.start for p in billed_starts if start < p.start <= end), None)
		if next_billed:
			end = next_billed - ONE_DAY
		if terms != UP_FRONT and until is not None and start > until:
			break
		result.append(Period(start, end))
		if first_only:
			break
		start = end + ONE_DAY
	return result


def clip(start: date, end: date, amount: Decimal, stop: date | None) -> tuple[date, Decimal] | None:
	"""A line period cut at `stop` (service ends the day before), prorated by day."""
	if stop is None or end < stop:
		return end, amount
	if start >= stop:
		return None
	new_end = stop - ONE_DAY
	return new_end, money(amount * days(start, new_end) / days(start, end))


def in_period(line_start: date, period: Period, anchor: date) -> bool:
	"""A line period belongs to the contract period it starts in; anything starting before the first
	period is billed with the first."""
	return period.start <= line_start <= period.end or (period.start == anchor and line_start < anchor)


def charges_for(period: Period, lines: list[Line], *, anchor: date, stop: date | None = None) -> list[Charge]:
	charges = []
	for line in lines:
		for start, end, amount in line_periods(line):
			if not in_period(start, period, anchor):
				continue
			clipped = clip(start, end, amount, stop)
			if clipped is None:
				continue
			end, amount = clipped
			charges.append(
				Charge(
					line.product,
					line.product_name,
					line.billing_period,
					line.quantity,
					start,
					end,
					amount,
					period.start,
				)
			)
	return charges


def share_from(effective: date, start: date, end: date) -> Decimal:
	"""The part of a service window from `effective` on, by day."""
	if end < effective:
		return Decimal(0)
	if start >= effective:
		return Decimal(1)
	return Decimal(days(effective, end)) / Decimal(days(start, end))


def adjustment(
	*,
	billed_periods: list[Period],
	billed: list[Charge],
	lines: list[Line],
	effective: date,
	anchor: date,
	stop: date | None = None,
) -> list[Charge]:
	"""Charges (negative: credits) that bring the billed contract periods in line with the new terms
	(`lines`, ended at `stop` for a termination) from `effective` on. One charge per product and
	period whose value changed; none when nothing changed."""
	result = []
	for period in sorted(billed_periods, key=lambda p: p.start):
		value: dict[str, Decimal] = defaultdict(Decimal)
		window: dict[str, list[date]] = {}
		about: dict[str, tuple[str, str, int]] = {}
		for charge in charges_for(period, lines, anchor=anchor, stop=stop):
			value[charge.product] += charge.amount * share_from(
				effective, charge.service_start, charge.service_end
			)
			window.setdefault(charge.product, []).extend([charge.service_start, charge.service_end])
			about[charge.product] = (charge.product_name, charge.billing_period, charge.quantity)
		for charge in billed:
			if charge.period_start != period.start:
				continue
			value[charge.product] -= charge.amount * share_from(
				effective, charge.service_start, charge.service_end
			)
			window.setdefault(charge.product, []).extend([charge.service_start, charge.service_end])
			about.setdefault(charge.product, (charge.product_name, charge.billing_period, 0))
		for product in sorted(value):
			amount = money(value[product])
			dates = window[product]
			if abs(amount) < Decimal("0.01") or max(dates) < effective:
				continue
			name, billing_period, quantity = about[product]
			result.append(
				Charge(
					product,
					name,
					billing_period,
					quantity,
					max(effective, min(dates)),
					max(dates),
					amount,
					period.start,
				)
			)
	return result


def due_date(issued: date, due_days: int) -> date:
	return issued + timedelta(days=int(due_days or 0))


# Invoice statuses, derived from the document, never typed in.
DRAFT, UNPAID, OVERDUE, PARTLY_PAID, PAID, OPEN_CREDIT, SETTLED, CANCELLED = (
	"Draft",
	"Unpaid",
	"Overdue",
	"Partly Paid",
	"Paid",
	"Open Credit",
	"Settled",
	"Cancelled",
)
KEPT_WHEN_CONTRACT_CANCELLED = (PAID, SETTLED)


def invoice_status(
	*, docstatus: int, grand_total, paid_on: date | None, due: date | None, today: date, settled: bool = True
) -> str:
	"""`settled`: the payment recorded covers what is payable (domain/tax.settled: in full, or short by
	exactly the PPh 23 whose slip is recorded). A payment that does not is Partly Paid."""
	if docstatus == 0:
		return DRAFT
	if docstatus == 2:
		return CANCELLED
	if Decimal(str(grand_total or 0)) < 0:
		return SETTLED if paid_on else OPEN_CREDIT
	if paid_on:
		return PAID if settled else PARTLY_PAID
	if due and due < today:
		return OVERDUE
	return UNPAID
