"""Number cards of the ANTARA Sales workspace (type Custom): each figure in the viewer's scope
(antara_sales/permissions.py) and read through their permissions, like the reports.

Each is @frappe.read_only(): the desk calls a Custom card's method itself, which Frappe does not
route to a read replica (it does so for query_report.run), so the decorator sends these reads to
the replica when the site names one (`read_from_replica`, issue 13). They only read: a write on
the replica would fail (tests/integration/test_read_replica.py)."""

import json
import math

import frappe
from frappe import _
from frappe.utils import add_days, flt, getdate, today

from antara_sales.domain import sales_targets
from antara_sales.domain.sales_calendar import Span, month_of, month_to_date
from antara_sales.permissions import scope_for
from antara_sales.services.reporting import sales_facts
from antara_sales.services.workflow import steps

NO_ANSWERS = "–"  # a card's figure where there is none to show


def _this_month() -> Span:
	return month_to_date(getdate(today()))


@frappe.whitelist()
@frappe.read_only()
def sales_this_month(filters=None) -> dict:
	scope = scope_for()
	contracts = sales_facts.signed_contracts(_this_month(), scope=scope)
	value = sum(flt(c.total_amount) for c in contracts)
	return {
		"value": value,
		"fieldtype": "Currency",
		"precision": shortened_decimals(value),
		"route": ["query-report", "ANTARA Target vs Actual"],
	}


def shortened_decimals(value: float) -> int:
	"""The decimals of the figure a number card shows for `value`: the card shortens it first
	(frappe.utils.shorten_number, utils.js: from 5 digits, at most 2 decimals of the largest symbol),
	then formats that as Currency, which would give every figure two ("Rp 18,00 jt" for 18 million).
	This gives "Rp 18 jt", "Rp 18,5 jt" and "Rp 0"."""
	whole = abs(round(value))
	for divisor in (10**12, 10**9, 10**6, 10**3):
		if whole >= max(divisor, 10_000):
			shortened = f"{round(abs(value) / divisor, 2):.2f}".rstrip("0")
			return len(shortened.partition(".")[2])
	return 0  # under 10.000 rupiah the card shows the whole rupiahs unshortened


@frappe.whitelist()
@frappe.read_only()
def target_achievement_this_month(filters=None) -> dict:
	"""Sales this month as a percentage of this month's whole target (6.1.1), in the viewer's scope."""
	scope = scope_for()
	span = _this_month()
	sold = sum(flt(c.total_amount) for c in sales_facts.signed_contracts(span, scope=scope))
	targets = sales_facts.as_targets(sales_facts.target_rows([span.start], scope=scope))
	target = sales_targets.for_span(targets, month_of(span.start))
	# 6.1.1's achievement in whole percent, rounded down (100% only once the target is met): the
	# card's Percent figure is Frappe's "12.5%" in every language, where Indonesian reads "12,5%".
	return {
		"value": math.floor(sales_targets.achievement(sold, target) or 0),
		"fieldtype": "Percent",
		"route": ["query-report", "ANTARA Target vs Actual"],
	}


@frappe.whitelist()
@frappe.read_only()
def new_customers_this_month(filters=None) -> dict:
	scope = scope_for()
	_contracts, sales, _lines = sales_facts.sales(_this_month(), scope=scope)
	return {
		"value": len({s.customer for s in sales if s.status_before == "Prospect"}),
		"fieldtype": "Int",
		"route": ["query-report", "ANTARA New vs Existing Customers"],
	}


@frappe.whitelist()
@frappe.read_only()
def average_satisfaction(filters=None) -> dict | str:
	"""Average feedback score (1-5) over the last 90 days. With no answers the card says so
	(NO_ANSWERS; a text is shown as it is, number_card_widget.js): 0 on 1-5 read as the worst."""
	rows = sales_facts.feedback(Span(getdate(add_days(today(), -90)), getdate(today())), scope=scope_for())
	if not rows:
		return NO_ANSWERS
	return {
		"value": flt(sum(r.score for r in rows) / len(rows), 2),
		"fieldtype": "Float",
		"route": ["List", sales_facts.FEEDBACK],
	}


@frappe.whitelist()
@frappe.read_only()
def contracts_expiring(filters=None) -> dict:
	"""Signed contracts that end in the next 60 days: renew them (F/KOM/003 or F/KOM/004)."""
	try:
		filters = json.loads(filters or "{}") if isinstance(filters, str) else filters
	except ValueError:
		filters = []  # not JSON: refused below
	if filters == []:  # the desk's number card sends its filters_json, a list, empty for this card
		filters = None
	if not isinstance(filters, dict | None):
		frappe.throw(_("{0} must be an object.").format(frappe.bold(_("Filters"))))
	days = (filters or {}).get("days") or 60
	if not isinstance(days, int | str) or not str(days).isascii() or not str(days).isdigit():
		frappe.throw(_("{0} must be a whole number of days.").format(frappe.bold(_("Days"))))
	days = min(int(days), 3660)  # ten years ahead is the furthest a contract runs
	rows = frappe.get_list(
		sales_facts.CONTRACT,
		filters={
			"docstatus": 1,
			"status": steps.state(sales_facts.CONTRACT, "signed"),
			"end_date": ["between", [today(), add_days(today(), days)]],
		},
		pluck="name",
	)
	return {
		"value": len(rows),
		"fieldtype": "Int",
		"route": ["query-report", "ANTARA Expiring Contracts"],
	}
