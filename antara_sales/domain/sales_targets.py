"""Sales targets (6.1.1 evaluates results "against target"), with no Frappe.

A target is set per product-owning department and month, in rupiah and in new customers won, and
may be narrowed to a bureau and/or a product. Targets of one department and month must not
overlap, so that every sale counts against at most one target and the department's target is the
plain sum of its targets:
- a department-wide target (no bureau, no product) stands alone in its month;
- (Bureau A, any product) overlaps (any bureau, Product X): a sale of X in A would count twice;
- (Bureau A, Product X) and (Bureau A, Product Y), or (Bureau A) and (Bureau B), do not overlap.

Weekly figures are derived from the month, day by day: a week's target is the sum over its days of
the month's target divided by the days in that month, so a week that spans two months takes its
share of each (1 000 000 a day in March and 2 000 000 a day in April make 30 March to 5 April
2 x 1 000 000 + 5 x 2 000 000 = 12 000 000).
"""

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from antara_sales.domain.sales_calendar import Span, days_in_month, month_start


@dataclass(frozen=True)
class Target:
	name: str
	department: str
	month: date  # the first day of the month
	amount: float = 0.0  # IDR, before PPN
	new_customers: float = 0.0
	bureau: str | None = None
	product: str | None = None


def _compatible(a: str | None, b: str | None) -> bool:
	"""Two values of one dimension overlap when equal or when either is "any" (empty)."""
	return not a or not b or a == b


def overlaps(a: Target, b: Target) -> bool:
	return (
		a.department == b.department
		and month_start(a.month) == month_start(b.month)
		and _compatible(a.bureau, b.bureau)
		and _compatible(a.product, b.product)
	)


def overlapping(candidate: Target, existing: Iterable[Target]) -> list[Target]:
	return [t for t in existing if t.name != candidate.name and overlaps(candidate, t)]


def covers(target: Target, department: str, bureau: str | None, product: str | None, day: date) -> bool:
	return (
		target.department == department
		and target.month == month_start(day)
		and (not target.bureau or target.bureau == bureau)
		and (not target.product or target.product == product)
	)


def covering(
	targets: Iterable[Target], department: str, bureau: str | None, product: str | None, day: date
) -> Target | None:
	"""The one target a sale counts against (targets do not overlap), or None."""
	return next((t for t in targets if covers(t, department, bureau, product, day)), None)


def weekly_figure(monthly: float, month: date) -> float:
	"""A 7-day share of a month's target, as shown on the target itself."""
	return monthly * 7 / days_in_month(month)


def people(share: float) -> int:
	"""A target that counts people (new customers won, 6.1.1) as a whole number: the day-by-day
	share of the month, rounded up. Rounded up, not to the nearest, because a customer is won whole:
	a week's share of 0.47 of one customer means the week needs one to stay on pace, and rounding it
	to 0 would leave a week with a target that nothing can miss (and no achievement to show). The
	month's own target is already whole, so a full month is unchanged. The tiny tolerance keeps a
	share that is whole on paper (7/30 x 30) from being pushed up by float error."""
	if share <= 0:
		return 0
	return math.ceil(round(share, 6))


def weekly_people(monthly: float, month: date) -> int:
	"""A 7-day share of a month's target of people, as shown on the target itself (see people)."""
	return people(weekly_figure(monthly, month))


def for_span(
	targets: Iterable[Target],
	span: Span,
	*,
	measure: Callable[[Target], float] = lambda t: t.amount,
	where: Callable[[Target], bool] = lambda t: True,
) -> float:
	"""The target of a span of days: each day carries its month's target / days in that month."""
	per_month: dict[date, float] = {}
	for target in targets:
		if where(target):
			month = month_start(target.month)
			per_month[month] = per_month.get(month, 0.0) + measure(target)
	total = 0.0
	for day in span.days():
		month = month_start(day)
		if month in per_month:
			total += per_month[month] / days_in_month(day)
	return total


def achievement(actual: float, target: float) -> float | None:
	"""Actual as a percentage of target; None where there is no target to measure against."""
	if not target:
		return None
	return 100.0 * actual / target
