"""The sales reports managers run the weekly meeting on (6.1.1): target against actual, and new
against existing customers (5.3, 5.4). Figures come from services/reporting/sales_facts.py, in the viewer's
scope (antara_sales/permissions.py, which their permissions enforce)."""

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.utils import add_months, flt, getdate, today

from antara_sales.domain import sales_targets
from antara_sales.domain.meeting_evaluation import is_new_customer
from antara_sales.domain.sales_calendar import Span, month_of, month_start, months_between
from antara_sales.permissions import scope_for
from antara_sales.services.reporting import report_charts, report_columns, sales_facts
from antara_sales.services.reporting.report_columns import column, percent_text

ALL_BUREAUS = ""  # a target for the whole department


def report_span(filters) -> Span:
	"""Whole months from the month of from_date to the month of to_date (default: this year)."""
	start = getdate(filters.get("from_date") or date(getdate(today()).year, 1, 1))
	end = getdate(filters.get("to_date") or month_of(getdate(today())).end)
	if end < start:
		frappe.throw(
			_("{0} must not be before {1}.").format(frappe.bold(_("To Date")), frappe.bold(_("From Date")))
		)
	if len(months_between(start, end)) > 60:
		frappe.throw(_("Choose at most 60 months."))
	return Span(month_start(start), month_of(end).end)


def month_label(day: date) -> str:
	return f"{day.year}-{day.month:02d}"


def month_labels(span: Span) -> list[str]:
	return [month_label(m) for m in months_between(span.start, span.end)]


def month_and_department() -> list[dict]:
	"""The first columns of the reports grouped by month and department."""
	return [column("month", _("Month"), "Data", 90), report_columns.department(200)]


# ------------------------------------------------------------------ target vs actual


def target_vs_actual(filters) -> tuple:
	span = report_span(filters)
	scope = scope_for()
	department, bureau = filters.get("department"), filters.get("bureau")
	# The rows, not Sale and SaleLine facts, and each contract's lines added up in SQL: a year's
	# lines are tens of thousands (issue 13). Lines are read one by one only where a target of the
	# contract's department and month names a product (below).
	contracts, statuses, _lines = sales_facts.sale_rows(
		span,
		department=department,
		bureau=bureau,
		scope=scope,
		fields=sales_facts.SALE_FIELDS,
		lines=False,
		line_totals=True,
	)
	target_rows = sales_facts.target_rows(
		months_between(span.start, span.end), department=department, scope=scope
	)
	if bureau:  # a department-wide target cannot be split by bureau
		target_rows = [t for t in target_rows if t.bureau == bureau]
	targets = sales_facts.as_targets(target_rows)

	groups: dict[tuple, dict] = defaultdict(
		lambda: {"target": 0.0, "actual": 0.0, "new_target": 0.0, "won": set(), "contracts": set()}
	)

	# A target covers one department and month: look among those only (issue 13: a scan of every
	# target for every line grew with lines x targets). Their order is kept, so the same one wins.
	targets_of: dict[tuple, list] = defaultdict(list)
	for t in targets:
		targets_of[(t.department, t.month)].append(t)

	def key_for(dept, line_bureau, product, day):
		candidates = targets_of.get((dept, month_start(day)), ())
		target = sales_targets.covering(candidates, dept, line_bureau, product, day)
		group_bureau = (target.bureau or ALL_BUREAUS) if target else (line_bureau or ALL_BUREAUS)
		return (month_start(day), dept, group_bureau)

	for t in targets:
		group = groups[(t.month, t.department, t.bureau or ALL_BUREAUS)]
		group["target"] += t.amount
		group["new_target"] += t.new_customers
	# Each contract's department and month once, and each (department, bureau, product, month)'s
	# group once: a year's lines are tens of thousands (issue 13), their combinations a few hundred.
	# A line counts in its contract's department, bureau and month (sales_facts.SaleLine).
	of_contract = {c.name: (c.department, c.bureau, month_start(c.customer_signed_on)) for c in contracts}
	keys: dict[tuple, tuple] = {}

	def key_of(combination: tuple) -> tuple:
		if combination not in keys:
			keys[combination] = key_for(*combination)
		return keys[combination]

	main_line: dict[str, tuple] = {}
	# Where no target of the department and month names a product, every line of a contract counts
	# in the same group: its lines' sum does, and it is its own main line.
	by_product = {(t.department, t.month) for t in targets if t.product}
	by_line = []
	for c in contracts:
		dept, line_bureau, month = of_contract[c.name]
		if (dept, month) in by_product:
			by_line.append(c.name)
			continue
		if c.lines_amount is None:  # no lines: no sale to count
			continue
		key = key_of((dept, line_bureau, None, month))
		group = groups[key]
		group["actual"] += flt(c.lines_amount)
		group["contracts"].add(c.name)
		main_line[c.name] = (flt(c.lines_amount), key)
	for line in sales_facts.lines_of(by_line):
		contract, amount = line.parent, flt(line.amount)
		dept, line_bureau, month = of_contract[contract]
		key = key_of((dept, line_bureau, line.product, month))
		group = groups[key]
		group["actual"] += amount
		group["contracts"].add(contract)
		if contract not in main_line or amount > main_line[contract][0]:
			main_line[contract] = (amount, key)
	for c in contracts:
		if statuses[c.name] == "Prospect" and c.name in main_line:
			groups[main_line[c.name][1]]["won"].add(c.customer)

	data = []
	for (month, dept, group_bureau), g in sorted(groups.items()):
		data.append(
			{
				"month": month_label(month),
				"department": dept,
				"bureau": group_bureau or None,
				"bureau_label": group_bureau or _("All bureaus"),
				"target": flt(g["target"], 2),
				"actual": flt(g["actual"], 2),
				"achievement": flt(sales_targets.achievement(g["actual"], g["target"]), 2)
				if g["target"]
				else None,
				"variance": flt(g["actual"] - g["target"], 2),
				"contracts": len(g["contracts"]),
				"new_customer_target": sales_targets.people(g["new_target"]),
				"new_customers_won": len(g["won"]),
			}
		)
	columns = [
		*month_and_department(),
		column("bureau_label", _("Bureau"), "Data", 170),
		column("target", _("Target"), "Currency", 150),
		column("actual", _("Actual"), "Currency", 150),
		column("achievement", _("Achieved %"), "Percent", 100),
		column("variance", _("Variance"), "Currency", 150),
		column("contracts", _("Contracts Signed"), "Int", 90),
		# People are counted whole (sales_targets.people).
		column("new_customer_target", _("New Customers Target"), "Int", 110),
		column("new_customers_won", _("New Customers Won"), "Int", 110),
	]
	months = month_labels(span)
	per_month = {m: [0.0, 0.0] for m in months}
	for row in data:
		per_month[row["month"]][0] += row["target"]
		per_month[row["month"]][1] += row["actual"]
	chart = {
		"data": {
			"labels": months,
			"datasets": [
				{"name": _("Target"), "values": [per_month[m][0] for m in months]},
				{"name": _("Actual"), "values": [per_month[m][1] for m in months]},
			],
		},
		"type": "bar",
		"fieldtype": "Currency",
		"colors": ["#c4c4c4", "#2490ef"],
	}
	total_target, total_actual = sum(r["target"] for r in data), sum(r["actual"] for r in data)
	summary = [
		report_columns.rupiah_summary(total_target, _("Target")),
		report_columns.rupiah_summary(total_actual, _("Actual")),
		{
			# In the site's number format ("32,8%"): Frappe's Percent writes "32.8%" in every
			# language and its Float "32,800" (frappe.utils.build_summary_item formats the value).
			"value": percent_text(sales_targets.achievement(total_actual, total_target) or 0),
			"label": _("Achieved %"),
			"datatype": "Data",
			"indicator": "Green" if total_target and total_actual >= total_target else "Orange",
		},
	]
	message = None if scope.sees_targets else _("You see your own sales; targets are set per department.")
	return columns, data, message, report_charts.drawable(chart), summary


# ------------------------------------------------------------------ new vs existing customers


def new_vs_existing(filters) -> tuple:
	"""5.3/5.4 by the status confirmed at the order's verification (6.5.3): New includes the
	customers won (a Prospect when verified); Existing bought for more than two periods."""
	span = report_span(filters)
	scope = scope_for()
	by_contract = filters.get("group_by") == "Contract"
	contracts, sales, _lines = sales_facts.sales(
		span,
		department=filters.get("department"),
		bureau=filters.get("bureau"),
		scope=scope,
		# The customer's name only where each contract is a row; else what the index holds.
		fields=sales_facts.CONTRACT_FIELDS if by_contract else sales_facts.SALE_FIELDS,
		lines=False,  # counted by contract, not by product
	)
	by_name = {c.name: c for c in contracts}
	if by_contract:
		return _new_vs_existing_by_contract(sales, by_name)
	groups: dict[tuple, dict] = defaultdict(
		lambda: {"won": set(), "new": set(), "existing": set(), "new_value": 0.0, "existing_value": 0.0}
	)
	for sale in sales:
		g = groups[(month_start(sale.signed_on), by_name[sale.contract].department)]
		if is_new_customer(sale.status_before):
			g["new"].add(sale.customer)
			g["new_value"] += sale.amount
			if sale.status_before == "Prospect":
				g["won"].add(sale.customer)
		else:
			g["existing"].add(sale.customer)
			g["existing_value"] += sale.amount
	data = []
	for (month, dept), g in sorted(groups.items()):
		total = g["new_value"] + g["existing_value"]
		data.append(
			{
				"month": month_label(month),
				"department": dept,
				"new_customers_won": len(g["won"]),
				"new_customers": len(g["new"]),
				"new_value": flt(g["new_value"], 2),
				"existing_customers": len(g["existing"]),
				"existing_value": flt(g["existing_value"], 2),
				"new_share": flt(100 * g["new_value"] / total, 2) if total else None,
			}
		)
	columns = [
		*month_and_department(),
		column("new_customers_won", _("New Customers Won"), "Int", 110),
		column("new_customers", _("New Customers (5.3)"), "Int", 110),
		column("new_value", _("Sales to New Customers"), "Currency", 160),
		column("existing_customers", _("Existing Customers (5.4)"), "Int", 110),
		column("existing_value", _("Sales to Existing Customers"), "Currency", 160),
		column("new_share", _("New Share %"), "Percent", 100),
	]
	months = month_labels(span)
	chart = {
		"data": {
			"labels": months,
			"datasets": [
				{
					"name": _("New Customers"),
					"values": [sum(r["new_value"] for r in data if r["month"] == m) for m in months],
				},
				{
					"name": _("Existing Customers"),
					"values": [sum(r["existing_value"] for r in data if r["month"] == m) for m in months],
				},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"fieldtype": "Currency",
	}
	summary = [
		{
			"value": sum(r["new_customers_won"] for r in data),
			"label": _("New Customers Won"),
			"datatype": "Int",
		},
		report_columns.rupiah_summary(sum(r["new_value"] for r in data), _("Sales to New Customers")),
		report_columns.rupiah_summary(
			sum(r["existing_value"] for r in data), _("Sales to Existing Customers")
		),
	]
	return columns, data, None, report_charts.drawable(chart), summary


def _new_vs_existing_by_contract(sales, by_name) -> tuple:
	data = [
		{
			"contract": s.contract,
			"customer": by_name[s.contract].customer,
			"customer_name": by_name[s.contract].customer_name,
			"department": by_name[s.contract].department,
			"signed_on": s.signed_on,
			"status_at_verification": s.status_before,
			"customer_class": _("New") if is_new_customer(s.status_before) else _("Existing"),
			"value": s.amount,
		}
		for s in sorted(sales, key=lambda s: (s.signed_on, s.contract))
	]
	columns = [
		report_columns.link("contract", _("Contract"), sales_facts.CONTRACT),
		report_columns.customer_name(220),
		report_columns.department(180),
		column("signed_on", _("Signed on"), "Date", 100),
		# Select: shown in the reader's language (Frappe's Select formatter), stored as computed.
		column("status_at_verification", _("Status at Verification (6.5.3)"), "Select", 130),
		column("customer_class", _("New or Existing"), "Select", 110),
		column("value", _("Value (before PPN)"), "Currency", 150),
	]
	return columns, data, None, None, None


def default_from_date() -> str:
	return str(add_months(month_start(getdate(today())), -11))
