"""Sales facts read from the database, for the weekly meeting (6.1.1), the reports and the cards.

One place decides what a sale is, so that the meeting, the reports and the workspace agree:
- a sale is a signed cooperation contract (docstatus 1: the customer signed, 6.7), dated by the
  customer's signature, valued before PPN (total_amount; targets are revenue, PPN is not), by
  product from its lines; a cancelled contract is no sale;
- new or existing (5.3, 5.4): the customer's status confirmed at the order's verification (6.5.3),
  i.e. before this sale; where no verification round is found (data from before the app), the
  status is recomputed from the customer's contracts signed before this one;
- orders received: Media Orders (F/KOM/003) by order date, not cancelled; verification outcomes by
  the date of the submitted round (Passed / Clarify 6.5.3.1 / Rejected 6.5.3.2);
- billing, where ANTARA Invoice exists: submitted invoices (credit notes aside) by posting date, and
  payments by the date paid, with PPN, of the department's contracts.

Given a Scope (antara_sales/permissions.py), the facts are read through frappe.get_list, which the
permission hooks narrow to the user's scope; without one, through frappe.get_all (the meeting's
figures are the department's, whoever opens them)."""

from datetime import date, datetime, time

import frappe
from frappe.utils import flt, get_datetime, getdate
from pypika.functions import Cast
from pypika.terms import PseudoColumn

from antara_sales.doctypes import CONTRACT, FEEDBACK, INVOICE, VERIFICATION
from antara_sales.doctypes import MEDIA_ORDER as ORDER
from antara_sales.doctypes import ORDER_ITEM as ITEM
from antara_sales.doctypes import SALES_TARGET as TARGET
from antara_sales.domain import customer_status, meeting_evaluation, sales_targets
from antara_sales.domain.sales_calendar import Span, months_between
from antara_sales.permissions import Scope
from antara_sales.services.common.settings import get_settings

MONTHS = (
	"January",
	"February",
	"March",
	"April",
	"May",
	"June",
	"July",
	"August",
	"September",
	"October",
	"November",
	"December",
)
CONTRACT_FIELDS = [
	"name",
	"customer",
	"customer_name",
	"department",
	"bureau",
	"account_executive",
	"customer_signed_on",
	"total_amount",
	"grand_total",
	"media_order",
	"status",
]
# What the monthly sales reports read of a contract: the columns of its index (report_sales in
# patches/report_indexes.py), so a year's contracts are read from the index, not the table.
SALE_FIELDS = [
	"name",
	"customer",
	"department",
	"bureau",
	"customer_signed_on",
	"total_amount",
	"media_order",
]
# An index of the Media Order by name with its date (patches/report_indexes.py).
ORDER_DATE_INDEX = "report_order_date"
# What as_targets reads of a Sales Target.
TARGET_FIELDS = [
	"name",
	"department",
	"bureau",
	"product",
	"month_start",
	"target_amount",
	"target_new_customers",
]


def _read(doctype: str, *, scope: Scope | None, filters, fields, order_by=None):
	"""get_list (the user's scope) when a scope is given, else get_all."""
	read = frappe.get_all if scope is None else frappe.get_list
	return read(doctype, filters=filters, fields=fields, order_by=order_by)


def day_bounds(span: Span) -> list[datetime]:
	return [datetime.combine(span.start, time.min), datetime.combine(span.end, time.max)]


def signed_contracts(
	span: Span, *, department=None, bureau=None, scope: Scope | None = None, fields=None, run=True
):
	"""The contracts signed within the span (in the scope, when given); with run=False, the
	statement that reads them, for a report to read more through it (sales)."""
	filters = {"docstatus": 1, "customer_signed_on": ["between", [span.start, span.end]]}
	if department:
		filters["department"] = department
	if bureau:
		filters["bureau"] = bureau
	read = frappe.get_all if scope is None else frappe.get_list
	rows = read(
		CONTRACT,
		filters=filters,
		fields=fields or CONTRACT_FIELDS,
		order_by="customer_signed_on",
		run=run,
	)
	if not run:
		# Frappe's own SQL, to be put inside a parameterised statement: a % in it is literal.
		return rows.replace("%", "%%")
	for row in rows:
		row.customer_signed_on = getdate(row.customer_signed_on)
		row.total_amount = flt(row.total_amount)
	return rows


# The customer's status confirmed at the contract's order's verification (6.5.3): that of the last
# passed round which computed one, read from the index report_passed (patches/report_indexes.py).
CONFIRMED_STATUS = f"""(select v.`computed_customer_status` from `tab{VERIFICATION}` v
	where v.`media_order` = c.`media_order` and v.`docstatus` = 1 and v.`outcome` = 'Passed'
		and ifnull(v.`computed_customer_status`, '') != ''
	order by v.`round_no` desc limit 1)"""


# The sum of a contract's product lines (before PPN), from the index report_lines.
LINES_AMOUNT = f"""(select sum(i.`amount`) from `tab{ITEM}` i
	where i.`parent` = c.`name` and i.`parenttype` = '{CONTRACT}' and i.`parentfield` = 'items')"""


def signed_with_status(contracts_sql: str, line_totals: bool = False) -> list:
	"""The contracts of signed_contracts(run=False), each with `confirmed_status` (and with
	`line_totals`, `lines_amount`: None for a contract without lines): one statement (issue 13:
	not a second one naming a year's orders, nor a year's lines read to be added up in Python)."""
	totals = f", {LINES_AMOUNT} as lines_amount" if line_totals else ""
	rows = frappe.db.sql(
		f"""select c.*, {CONFIRMED_STATUS} as confirmed_status{totals}
		from ({contracts_sql}) c order by c.`customer_signed_on`, c.`name`""",
		{},
		as_dict=True,
	)
	for row in rows:
		row.customer_signed_on = getdate(row.customer_signed_on)
		row.total_amount = flt(row.total_amount)
	return rows


def contract_lines(contracts_sql: str) -> list:
	"""The product lines of the contracts signed_contracts(run=False) reads (so permitted), through
	that statement rather than by a year's names; what the index report_lines holds."""
	return frappe.db.sql(
		f"""select i.`parent`, i.`product`, i.`amount` from `tab{ITEM}` i
		where i.`parenttype` = %(parenttype)s and i.`parentfield` = 'items'
			and i.`parent` in (select c.`name` from ({contracts_sql}) c)
		order by i.`parent`, i.`idx`""",
		{"parenttype": CONTRACT},
		as_dict=True,
	)


def lines_of(contract_names: list[str]) -> list:
	"""The product lines (parent, product, amount) of contracts already read (and permitted)."""
	if not contract_names:
		return []
	return frappe.get_all(
		ITEM,
		filters={"parenttype": CONTRACT, "parentfield": "items", "parent": ["in", contract_names]},
		fields=["parent", "product", "amount"],
		order_by="parent, idx",
	)


def status_before_sale(contracts: list) -> dict[str, str]:
	"""contract name -> the customer's status at the order's verification (6.5.3); where no
	round confirmed one (data from before the app), recomputed from the customer's contracts."""
	return {
		c.name: c.confirmed_status or recomputed_status_before(c.customer, c.name, c.customer_signed_on)
		for c in contracts
	}


def recomputed_status_before(customer: str, contract: str, signed_on: date) -> str:
	"""5.3/5.4 from the contracts the customer signed before this one."""
	earlier = frappe.get_all(
		CONTRACT,
		filters={
			"customer": customer,
			"docstatus": 1,
			"name": ["!=", contract],
			"customer_signed_on": ["<", signed_on],
		},
		fields=["name", "start_date", "end_date", "terminated_on"],
	)
	periods = [
		customer_status.Period(getdate(r.start_date), getdate(r.terminated_on or r.end_date), r.name)
		for r in earlier
		if r.start_date and (r.terminated_on or r.end_date)
	]
	settings = get_settings()
	return customer_status.compute_status(
		periods,
		new_from=settings.new_customer_min_periods or 1,
		existing_from=settings.existing_customer_min_periods or 3,
		max_gap_days=settings.period_gap_days if settings.period_gap_days is not None else 31,
	).status


def sale_rows(
	span: Span,
	*,
	department=None,
	bureau=None,
	scope: Scope | None = None,
	fields=None,
	lines=True,
	line_totals=False,
) -> tuple[list, dict[str, str], list]:
	"""(contracts, contract -> status before the sale, product lines) signed within the span, as
	rows: `fields` of the contracts (CONTRACT_FIELDS unless given; SALE_FIELDS at least), lines
	(parent, product, amount) only when asked for (a year's lines are tens of thousands of rows).
	With `line_totals`, each contract has the sum of its lines (`lines_amount`). A report that
	reads a year's sales groups these rows itself (issue 13); sales() makes facts."""
	query = signed_contracts(
		span, department=department, bureau=bureau, scope=scope, fields=fields, run=False
	)
	contracts = signed_with_status(query, line_totals)
	return (
		contracts,
		status_before_sale(contracts),
		contract_lines(query) if contracts and lines else [],
	)


def sales(span: Span, *, department=None, bureau=None, scope: Scope | None = None, fields=None, lines=True):
	"""(contracts, Sale facts, SaleLine facts) signed within the span (sale_rows)."""
	contracts, statuses, line_rows = sale_rows(
		span, department=department, bureau=bureau, scope=scope, fields=fields, lines=lines
	)
	by_name = {c.name: c for c in contracts}
	sale_facts = [
		meeting_evaluation.Sale(
			c.name, c.customer, c.total_amount, c.customer_signed_on, statuses[c.name], c.bureau
		)
		for c in contracts
	]
	line_facts = [
		meeting_evaluation.SaleLine(
			line.parent,
			line.product,
			flt(line.amount),
			by_name[line.parent].customer_signed_on,
			by_name[line.parent].bureau,
		)
		for line in line_rows
	]
	return contracts, sale_facts, line_facts


def orders_received(span: Span, *, department=None, scope: Scope | None = None) -> list:
	filters = {"docstatus": ["<", 2], "order_date": ["between", [span.start, span.end]]}
	if department:
		filters["department"] = department
	return _read(
		ORDER,
		scope=scope,
		filters=filters,
		fields=["name", "order_date", "department", "bureau", "account_executive", "status", "grand_total"],
	)


def verification_rounds(
	span: Span,
	*,
	department=None,
	scope: Scope | None = None,
	outcome=None,
	verifier=None,
	report_rows=False,
) -> list:
	"""Submitted rounds on Media Orders, with their department, by the time of the decision;
	`outcome` and `verifier` narrow them in the statement. A year's rounds are tens of thousands of
	rows (issue 13): only the columns the callers use are read, and they are put in order here (a
	sort in MariaDB re-read each round's row). With `report_rows`, the rows of the verification
	turnaround as the statement gives them: `verification` for the name, the times as text, and
	`turnaround_days` where the round recorded its hand-over (nothing left to do per row in Python)."""
	V = frappe.qb.DocType(VERIFICATION)
	query = (
		frappe.qb.from_(V)
		.select(
			V.name.as_("verification") if report_rows else V.name,
			V.media_order,
			V.outcome,
			# As text, parsed below with datetime.fromisoformat: Frappe's converter (strptime) cost
			# more than the statement for a year's rounds (issue 13).
			Cast(V.verified_on, "CHAR").as_("verified_on"),
			Cast(V.handed_over_on, "CHAR").as_("handed_over_on"),
			V.verifier,
			V.round_no,
			V.customer_name,
			# The order's department as the round recorded it (services/verifying/verification.py),
			# which the scope narrows rounds by too: not a lookup of each round's order (issue 13:
			# 2 s of a year's 34,000 rounds went to reading their orders).
			V.department,
		)
		.where(V.media_order.isnotnull())
		.where(V.docstatus == 1)
		.where(V.verified_on.between(*day_bounds(span)))
	)
	if department:
		query = query.where(V.department == department)
	if outcome:
		query = query.where(V.outcome == outcome)
	if verifier:
		query = query.where(V.verifier == verifier)
	if scope is not None:
		# The rounds the user may read, as get_list lists them, inside the same statement (issue 13:
		# not every round of the span read into Python and then asked about by name).
		permitted = frappe.get_list(
			VERIFICATION,
			filters={"docstatus": 1, "verified_on": ["between", day_bounds(span)]},
			fields=["name"],
			order_by="",
			run=0,
		)
		# Frappe's own SQL inside a parameterised statement: a % in it is literal.
		query = query.where(V.name.isin(PseudoColumn(f"({permitted.replace('%', '%%')})")))
	if report_rows:
		# Days from the hand-over to the decision, never negative (pipeline_reports.days_between).
		query = query.select(
			PseudoColumn(
				f"round(greatest(0, timestampdiff(microsecond, `tab{VERIFICATION}`.`handed_over_on`,"
				f" `tab{VERIFICATION}`.`verified_on`)) / 86400e6, 2) as turnaround_days"
			)
		)
		rows = query.run(as_dict=True)
		rows.sort(key=lambda row: (row.verified_on, row.verification))  # ISO text sorts as time
		return rows
	rows = query.run(as_dict=True)
	for row in rows:
		row.verified_on = _datetime(row.verified_on)
		row.handed_over_on = _datetime(row.handed_over_on)
	rows.sort(key=lambda row: (row.verified_on, row.name))
	return rows


def _datetime(text: str | None) -> datetime | None:
	return datetime.fromisoformat(text) if text else None


def feedback(span: Span, *, department=None, scope: Scope | None = None) -> list:
	filters = {"submitted_on": ["between", day_bounds(span)], "score": [">", 0]}
	if department:
		filters["department"] = department
	return _read(
		FEEDBACK,
		scope=scope,
		filters=filters,
		fields=[
			"name",
			"contract",
			"customer_name",
			"score",
			"submitted_on",
			"department",
			"account_executive",
		],
	)


def target_rows(months: list[date], *, department=None, scope: Scope | None = None) -> list:
	if scope is not None and not scope.sees_targets:
		return []
	filters = {"month_start": ["in", months or [date(1900, 1, 1)]]}
	if department:
		filters["department"] = department
	return (frappe.get_all if scope is None else frappe.get_list)(
		TARGET, filters=filters, fields=TARGET_FIELDS
	)


def as_targets(rows) -> list[sales_targets.Target]:
	return [
		sales_targets.Target(
			r.name,
			r.department,
			getdate(r.month_start),
			flt(r.target_amount),
			flt(r.target_new_customers),
			r.bureau or None,
			r.product or None,
		)
		for r in rows
	]


def invoices(span: Span, *, department: str) -> list[meeting_evaluation.Invoice] | None:
	"""None where invoices are not kept (the fulfilment DocTypes are not installed)."""
	if not frappe.db.exists("DocType", INVOICE):
		return None
	I, C = frappe.qb.DocType(INVOICE), frappe.qb.DocType(CONTRACT)
	rows = (
		frappe.qb.from_(I)
		.join(C)
		.on(I.contract == C.name)
		.select(I.name, I.grand_total, I.posting_date, I.paid_on)
		.where(I.docstatus == 1)
		.where(I.invoice_type != "Credit Note")
		.where(C.department == department)
		.where(I.posting_date.between(span.start, span.end) | I.paid_on.between(span.start, span.end))
	).run(as_dict=True)
	return [
		meeting_evaluation.Invoice(
			r.name, flt(r.grand_total), getdate(r.posting_date), getdate(r.paid_on) if r.paid_on else None
		)
		for r in rows
	]


def department_facts(department: str, span: Span) -> meeting_evaluation.Facts:
	"""Everything 6.1.1 evaluates for one department over a span of days (all records)."""
	_contracts, sale_facts, line_facts = sales(span, department=department)
	product_names = dict(
		frappe.get_all(
			"ANTARA Product",
			filters={"department": department},
			fields=["name", "product_name"],
			as_list=True,
		)
	)
	return meeting_evaluation.Facts(
		department=department,
		sale_lines=line_facts,
		sales=sale_facts,
		orders=[
			meeting_evaluation.OrderReceived(o.name, getdate(o.order_date))
			for o in orders_received(span, department=department)
		],
		verifications=[
			meeting_evaluation.VerificationRound(v.name, v.media_order, v.outcome, getdate(v.verified_on))
			for v in verification_rounds(span, department=department)
		],
		feedback=[
			meeting_evaluation.Feedback(fb.name, fb.contract, int(fb.score), getdate(fb.submitted_on))
			for fb in feedback(span, department=department)
		],
		targets=as_targets(target_rows(months_between(span.start, span.end), department=department)),
		product_names=product_names,
		invoices=invoices(span, department=department),
	)
