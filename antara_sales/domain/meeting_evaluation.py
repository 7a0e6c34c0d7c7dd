"""The evaluation a weekly sales meeting starts from (6.1.1), computed from facts, with no Frappe.

6.1.1: "evaluate the previous week's sales and marketing results, against target and against
customer satisfaction". For the evaluated week and for the month to date (sales_calendar) the
meeting gets, each number with the records behind it:
- sales (signed contracts, before PPN, dated by the customer's signature), in total and by product,
  against the targets of those days (sales_targets.for_span);
- contracts signed;
- customers: new customers won (the customer was a Prospect when the order was verified, 6.5.3)
  against the new-customer target; sales to new and to existing customers (5.3, 5.4: the status
  confirmed at verification);
- orders received (F/KOM/003 by its order date), verified, sent back for clarification (6.5.3.1)
  and rejected (6.5.3.2), by the date of the verification round;
- customer satisfaction: feedback received, average score (1-5), low scores (1-2);
- billing, where invoices are kept (fulfilment 6.8): invoiced and paid, with PPN.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from antara_sales.domain import sales_targets
from antara_sales.domain.customer_status import EXISTING, NEW, PROSPECT
from antara_sales.domain.sales_calendar import Span

LAST_WEEK, MONTH_TO_DATE = "Last Week", "Month to Date"
SALES, CONTRACTS, CUSTOMERS, ORDERS, SATISFACTION, BILLING = (
	"Sales",
	"Contracts",
	"Customers",
	"Orders",
	"Satisfaction",
	"Billing",
)
IDR, COUNT, SCORE = "IDR", "Count", "Score"
# What the references of a row are; the service maps these to DocTypes.
CONTRACT, MEDIA_ORDER, VERIFICATION, FEEDBACK, INVOICE = (
	"contract",
	"media_order",
	"verification",
	"feedback",
	"invoice",
)
LOW_SCORE = 2  # scores of 1 and 2 are followed up one by one


@dataclass(frozen=True)
class SaleLine:
	"""One product line of a signed contract."""

	contract: str
	product: str
	amount: float
	signed_on: date
	bureau: str | None = None


@dataclass(frozen=True)
class Sale:
	"""A signed contract; status_before is the customer's status confirmed at verification (6.5.3)."""

	contract: str
	customer: str
	amount: float
	signed_on: date
	status_before: str = PROSPECT
	bureau: str | None = None


@dataclass(frozen=True)
class OrderReceived:
	name: str
	received_on: date


@dataclass(frozen=True)
class VerificationRound:
	name: str
	media_order: str
	outcome: str  # Passed / Clarify / Rejected
	verified_on: date


@dataclass(frozen=True)
class Feedback:
	name: str
	contract: str
	score: int
	submitted_on: date


@dataclass(frozen=True)
class Invoice:
	"""An invoice of the department's contracts (grand total, with PPN)."""

	name: str
	amount: float
	posted_on: date
	paid_on: date | None = None


@dataclass
class Row:
	section: str
	metric: str
	period: str
	value: float
	unit: str
	target: float | None = None
	product: str | None = None
	reference_kind: str | None = None
	references: tuple[str, ...] = ()

	@property
	def achievement(self) -> float | None:
		return sales_targets.achievement(self.value, self.target) if self.target is not None else None


@dataclass
class Facts:
	department: str
	sale_lines: list[SaleLine] = field(default_factory=list)
	sales: list[Sale] = field(default_factory=list)
	orders: list[OrderReceived] = field(default_factory=list)
	verifications: list[VerificationRound] = field(default_factory=list)
	feedback: list[Feedback] = field(default_factory=list)
	targets: list[sales_targets.Target] = field(default_factory=list)
	product_names: dict[str, str] = field(default_factory=dict)
	invoices: list[Invoice] | None = None  # None: invoices are not kept on this site


@dataclass
class Evaluation:
	rows: list[Row]
	summary: dict[str, float | None]


def _names(items: Iterable, attr: str = "name") -> tuple[str, ...]:
	return tuple(sorted({getattr(i, attr) for i in items}))


def _row(section, metric, period, value, unit, kind, records, *, target=None, product=None) -> Row:
	"""A row with the records behind its number: sales and sale lines by their contract."""
	references = _names(records, "contract" if kind == CONTRACT else "name")
	return Row(section, metric, period, value, unit, target, product, kind, references)


def is_new_customer(status_before: str) -> bool:
	"""5.3: Prospect or New when verified is a new customer; 5.4: Existing is an existing one."""
	return status_before in (PROSPECT, NEW)


def sales_rows(facts: Facts, period: str, span: Span) -> list[Row]:
	lines = [line for line in facts.sale_lines if line.signed_on in span]
	total = sum(line.amount for line in lines)
	rows = [
		_row(
			SALES,
			"Total",
			period,
			total,
			IDR,
			CONTRACT,
			lines,
			target=sales_targets.for_span(facts.targets, span),
		)
	]
	targeted = {t.product for t in facts.targets if t.product}
	products = {line.product for line in lines} | {
		p
		for p in targeted
		if sales_targets.for_span(facts.targets, span, where=lambda t, p=p: t.product == p)
	}
	for product in sorted(products, key=lambda p: facts.product_names.get(p) or p):
		product_lines = [line for line in lines if line.product == product]
		rows.append(
			_row(
				SALES,
				facts.product_names.get(product) or product,
				period,
				sum(line.amount for line in product_lines),
				IDR,
				CONTRACT,
				product_lines,
				target=(
					sales_targets.for_span(facts.targets, span, where=lambda t, p=product: t.product == p)
					if product in targeted
					else None
				),
				product=product,
			)
		)
	return rows


def contract_rows(facts: Facts, period: str, span: Span) -> list[Row]:
	sales = [s for s in facts.sales if s.signed_on in span]
	return [_row(CONTRACTS, "Contracts Signed", period, len(sales), COUNT, CONTRACT, sales)]


def customer_rows(facts: Facts, period: str, span: Span) -> list[Row]:
	sales = [s for s in facts.sales if s.signed_on in span]
	won = [s for s in sales if s.status_before == PROSPECT]
	new = [s for s in sales if is_new_customer(s.status_before)]
	existing = [s for s in sales if s.status_before == EXISTING]
	# People are counted whole (sales_targets.people): a week's share of 0.47 customers reads 1.
	new_customer_target = sales_targets.people(
		sales_targets.for_span(facts.targets, span, measure=lambda t: t.new_customers)
	)

	def customers(metric, group, target=None):
		return _row(
			CUSTOMERS, metric, period, len({s.customer for s in group}), COUNT, CONTRACT, group, target=target
		)

	def value(metric, group):
		return _row(CUSTOMERS, metric, period, sum(s.amount for s in group), IDR, CONTRACT, group)

	return [
		customers("New Customers Won", won, new_customer_target),
		customers("New Customers (5.3)", new),
		customers("Existing Customers (5.4)", existing),
		value("Sales to New Customers", new),
		value("Sales to Existing Customers", existing),
	]


ORDER_OUTCOMES = (
	("Passed", "Orders Verified"),
	("Clarify", "Orders to Clarify (6.5.3.1)"),
	("Rejected", "Orders Rejected (6.5.3.2)"),
)


def order_rows(facts: Facts, period: str, span: Span) -> list[Row]:
	received = [o for o in facts.orders if o.received_on in span]
	rows = [_row(ORDERS, "Orders Received", period, len(received), COUNT, MEDIA_ORDER, received)]
	for outcome, metric in ORDER_OUTCOMES:
		rounds = [v for v in facts.verifications if v.outcome == outcome and v.verified_on in span]
		rows.append(_row(ORDERS, metric, period, len(rounds), COUNT, VERIFICATION, rounds))
	return rows


def satisfaction_rows(facts: Facts, period: str, span: Span) -> list[Row]:
	received = [f for f in facts.feedback if f.submitted_on in span]
	low = [f for f in received if f.score <= LOW_SCORE]
	average = sum(f.score for f in received) / len(received) if received else 0.0
	return [
		_row(SATISFACTION, "Feedback Received", period, len(received), COUNT, FEEDBACK, received),
		_row(SATISFACTION, "Average Score (1-5)", period, average, SCORE, FEEDBACK, received),
		_row(SATISFACTION, "Low Scores (1-2)", period, len(low), COUNT, FEEDBACK, low),
	]


def billing_rows(facts: Facts, period: str, span: Span) -> list[Row]:
	if facts.invoices is None:
		return []
	invoiced = [i for i in facts.invoices if i.posted_on in span]
	paid = [i for i in facts.invoices if i.paid_on and i.paid_on in span]
	return [
		_row(BILLING, "Invoiced (with PPN)", period, sum(i.amount for i in invoiced), IDR, INVOICE, invoiced),
		_row(BILLING, "Paid (with PPN)", period, sum(i.amount for i in paid), IDR, INVOICE, paid),
	]


SECTIONS = (sales_rows, contract_rows, customer_rows, order_rows, satisfaction_rows, billing_rows)


def evaluate(facts: Facts, last_week: Span, month_to_date: Span, month: Span) -> Evaluation:
	rows: list[Row] = []
	for build in SECTIONS:
		rows += build(facts, LAST_WEEK, last_week)
		rows += build(facts, MONTH_TO_DATE, month_to_date)

	def pick(section, metric, period):
		return next(r for r in rows if (r.section, r.metric, r.period) == (section, metric, period))

	week_sales, mtd_sales = pick(SALES, "Total", LAST_WEEK), pick(SALES, "Total", MONTH_TO_DATE)
	week_won = pick(CUSTOMERS, "New Customers Won", LAST_WEEK)
	week_score = pick(SATISFACTION, "Average Score (1-5)", LAST_WEEK)
	summary = {
		"week_sales": week_sales.value,
		"week_target": week_sales.target,
		"week_achievement": week_sales.achievement,
		"mtd_sales": mtd_sales.value,
		"mtd_target": mtd_sales.target,
		"mtd_achievement": mtd_sales.achievement,
		"month_target": sales_targets.for_span(facts.targets, month),
		"week_new_customers": week_won.value,
		"week_new_customer_target": week_won.target,
		"week_average_score": week_score.value
		if pick(SATISFACTION, "Feedback Received", LAST_WEEK).value
		else None,
	}
	return Evaluation(rows, summary)
