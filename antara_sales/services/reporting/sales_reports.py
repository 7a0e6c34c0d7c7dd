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
from antara_sales.services.reporting import sales_facts

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


# ------------------------------------------------------------------ target vs actual


def target_vs_actual(filters) -> tuple:
	span = report_span(filters)
	scope = scope_for()
	department, bureau = filters.get("department"), filters.get("bureau")
	contracts, sales, lines = sales_facts.sales(span, department=department, bureau=bureau, scope=scope)
	target_rows = sales_facts.target_rows(
		months_between(span.start, span.end), department=department, scope=scope
	)
	if bureau:  # a department-wide target cannot be split by bureau
		target_rows = [t for t in target_rows if t.bureau == bureau]
	targets = sales_facts.as_targets(target_rows)

	groups: dict[tuple, dict] = defaultdict(
		lambda: {"target": 0.0, "actual": 0.0, "new_target": 0.0, "won": set(), "contracts": set()}
	)

	def key_for(dept, line_bureau, product, day):
		target = sales_targets.covering(targets, dept, line_bureau, product, day)
		group_bureau = (target.bureau or ALL_BUREAUS) if target else (line_bureau or ALL_BUREAUS)
		return (month_start(day), dept, group_bureau)

	for t in targets:
		group = groups[(t.month, t.department, t.bureau or ALL_BUREAUS)]
		group["target"] += t.amount
		group["new_target"] += t.new_customers
	department_of = {c.name: c.department for c in contracts}
	main_line: dict[str, tuple] = {}
	for line in lines:
		key = key_for(department_of[line.contract], line.bureau, line.product, line.signed_on)
		groups[key]["actual"] += line.amount
		groups[key]["contracts"].add(line.contract)
		if line.contract not in main_line or line.amount > main_line[line.contract][0]:
			main_line[line.contract] = (line.amount, key)
	for sale in sales:
		if sale.status_before == "Prospect" and sale.contract in main_line:
			groups[main_line[sale.contract][1]]["won"].add(sale.customer)

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
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{
			"fieldname": "department",
			"label": _("Department"),
			"fieldtype": "Link",
			"options": "ANTARA Department",
			"width": 200,
		},
		{"fieldname": "bureau_label", "label": _("Bureau"), "fieldtype": "Data", "width": 170},
		{"fieldname": "target", "label": _("Target"), "fieldtype": "Currency", "width": 150},
		{"fieldname": "actual", "label": _("Actual"), "fieldtype": "Currency", "width": 150},
		{"fieldname": "achievement", "label": _("Achieved %"), "fieldtype": "Percent", "width": 100},
		{"fieldname": "variance", "label": _("Variance"), "fieldtype": "Currency", "width": 150},
		{"fieldname": "contracts", "label": _("Contracts Signed"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "new_customer_target",
			"label": _("New Customers Target"),
			"fieldtype": "Int",  # people are counted whole (sales_targets.people)
			"width": 110,
		},
		{"fieldname": "new_customers_won", "label": _("New Customers Won"), "fieldtype": "Int", "width": 110},
	]
	months = [month_label(m) for m in months_between(span.start, span.end)]
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
		{"value": total_target, "label": _("Target"), "datatype": "Currency"},
		{"value": total_actual, "label": _("Actual"), "datatype": "Currency"},
		{
			"value": flt(sales_targets.achievement(total_actual, total_target) or 0, 1),
			"label": _("Achieved %"),
			"datatype": "Percent",
			"indicator": "Green" if total_target and total_actual >= total_target else "Orange",
		},
	]
	message = None if scope.sees_targets else _("You see your own sales; targets are set per department.")
	return columns, data, message, chart, summary


# ------------------------------------------------------------------ new vs existing customers


def new_vs_existing(filters) -> tuple:
	"""5.3/5.4 by the status confirmed at the order's verification (6.5.3): New includes the
	customers won (a Prospect when verified); Existing bought for more than two periods."""
	span = report_span(filters)
	scope = scope_for()
	contracts, sales, _lines = sales_facts.sales(
		span, department=filters.get("department"), bureau=filters.get("bureau"), scope=scope
	)
	by_name = {c.name: c for c in contracts}
	if filters.get("group_by") == "Contract":
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
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{
			"fieldname": "department",
			"label": _("Department"),
			"fieldtype": "Link",
			"options": "ANTARA Department",
			"width": 200,
		},
		{"fieldname": "new_customers_won", "label": _("New Customers Won"), "fieldtype": "Int", "width": 110},
		{"fieldname": "new_customers", "label": _("New Customers (5.3)"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "new_value",
			"label": _("Sales to New Customers"),
			"fieldtype": "Currency",
			"width": 160,
		},
		{
			"fieldname": "existing_customers",
			"label": _("Existing Customers (5.4)"),
			"fieldtype": "Int",
			"width": 110,
		},
		{
			"fieldname": "existing_value",
			"label": _("Sales to Existing Customers"),
			"fieldtype": "Currency",
			"width": 160,
		},
		{"fieldname": "new_share", "label": _("New Share %"), "fieldtype": "Percent", "width": 100},
	]
	months = [month_label(m) for m in months_between(span.start, span.end)]
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
		{
			"value": sum(r["new_value"] for r in data),
			"label": _("Sales to New Customers"),
			"datatype": "Currency",
		},
		{
			"value": sum(r["existing_value"] for r in data),
			"label": _("Sales to Existing Customers"),
			"datatype": "Currency",
		},
	]
	return columns, data, None, chart, summary


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
		{
			"fieldname": "contract",
			"label": _("Contract"),
			"fieldtype": "Link",
			"options": sales_facts.CONTRACT,
			"width": 150,
		},
		{"fieldname": "customer_name", "label": _("Customer"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "department",
			"label": _("Department"),
			"fieldtype": "Link",
			"options": "ANTARA Department",
			"width": 180,
		},
		{"fieldname": "signed_on", "label": _("Signed on"), "fieldtype": "Date", "width": 100},
		{
			"fieldname": "status_at_verification",
			"label": _("Status at Verification (6.5.3)"),
			"fieldtype": "Data",
			"width": 130,
		},
		{"fieldname": "customer_class", "label": _("New or Existing"), "fieldtype": "Data", "width": 110},
		{"fieldname": "value", "label": _("Value (before PPN)"), "fieldtype": "Currency", "width": 150},
	]
	return columns, data, None, None, None


def default_from_date() -> str:
	return str(add_months(month_start(getdate(today())), -11))
