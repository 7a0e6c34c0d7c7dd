"""Reports on the work in the procedure: the pipeline by workflow state with ageing (6.3-6.7), the
outcomes and turnaround of verification (6.5), and the contracts to renew before they expire."""

from collections import Counter, defaultdict
from datetime import datetime

import frappe
from frappe import _
from frappe.utils import add_days, date_diff, flt, get_datetime, getdate, now_datetime, today

from antara_sales.doctypes import SUBSCRIPTION_CHANGE as CHANGE
from antara_sales.domain.sales_calendar import Span
from antara_sales.permissions import scope_for
from antara_sales.services.reporting import report_charts, report_columns, sales_facts, state_history
from antara_sales.services.reporting.report_columns import column, link
from antara_sales.services.workflow import steps

# What is still on its way, per DocType: (the step it is on its way to, its value field). The open
# states are read from the workflow (steps.on_the_way_to), so a step an admin adds is counted.
PIPELINE = {
	sales_facts.ORDER: ("contract_drafted", "grand_total"),
	sales_facts.CONTRACT: ("signed", "grand_total"),
	CHANGE: ("approved", "grand_total"),
}


def open_states(doctype: str) -> tuple[str, ...]:
	return steps.on_the_way_to(doctype, PIPELINE[doctype][0])


# The pipeline's rows: the documents that have waited longest (its summary counts them all).
ROW_LIMIT = 500
BUCKETS = ((7, "0-7 days"), (14, "8-14 days"), (30, "15-30 days"), (None, "Over 30 days"))


def bucket(days: float) -> str:
	return next(label for limit, label in BUCKETS if limit is None or days <= limit)


def days_between(start: datetime, end: datetime) -> float:
	return max(0.0, (end - start).total_seconds() / 86400)


# ------------------------------------------------------------------ pipeline with ageing


def pipeline(filters) -> tuple:
	"""Every open document counts in the summary and the chart, aggregated in SQL; the rows are the
	ROW_LIMIT documents that have waited longest (issue 13: 100,000 orders are not read into Python
	to be counted, nor sent to the browser to be scrolled)."""
	now = now_datetime()
	data, tally = [], {}  # (document type, state, bucket) -> [documents, value, waiting over 14 days]
	doctypes = [filters.document_type] if filters.get("document_type") else list(PIPELINE)
	for doctype in doctypes:
		query, fields, value_field = pipeline_query(doctype, filters)
		# Documents from before `status_since` entered their state when their Versions say (few);
		# of the others only the longest waiting are read, the rest are counted in SQL. Which ones is
		# asked of the index alone (patches/report_indexes.py: state, since, scope), and only
		# those rows are read: issue 13, not a page of the table per open document.
		older = pipeline_documents(
			doctype,
			frappe.get_list(
				doctype, filters={**query, "status_since": ["is", "not set"]}, pluck="name", order_by=""
			),
			fields,
			order_by="creation desc",
		)
		longest = pipeline_documents(
			doctype,
			frappe.get_list(
				doctype,
				filters={**query, "status_since": ["is", "set"]},
				pluck="name",
				order_by="status_since asc",
				limit_page_length=ROW_LIMIT,
			),
			fields,
			order_by="status_since asc",
		)
		since = state_history.in_state_since(doctype, older + longest)
		rows = [pipeline_row(doctype, doc, since[doc.name], now, value_field) for doc in older + longest]
		for row in rows[: len(older)]:
			count_in(tally, (doctype, row["state"], bucket(row["days_in_state_exact"])), 1, row["value"], row)
		for state, label, documents, value, late in pipeline_tally(doctype, query, value_field, now):
			count_in(tally, (doctype, state, label), documents, flt(value), late=int(late or 0))
		data += rows
	data.sort(key=lambda r: -r["days_in_state"])
	for row in data:
		del row["days_in_state_exact"]
	total = sum(t[0] for t in tally.values())
	data, message = data[:ROW_LIMIT], None
	if total > len(data):
		message = _(
			"The {0} documents waiting longest of {1}; the summary and the chart count them all."
		).format(ROW_LIMIT, total)
	columns = [
		# Data, not a Link to DocType: a report checks read permission on every DocType it links to.
		# Select: Frappe shows a Select value in the reader's language (formatters.js); the value
		# itself stays the name the Dynamic Link beside it opens.
		column("document_type", _("Document Type"), "Select", 190),
		column("document", _("Document"), "Dynamic Link", 150, options="document_type"),
		report_columns.customer_name(),
		column("state", _("Workflow State"), "Select", 180),
		column("days_in_state", _("Days in State"), "Float", 100, precision=1),
		column("ageing", _("Ageing"), "Data", 110),
		column("age_days", _("Age (Days)"), "Float", 90, precision=1),
		column("value", _("Value"), "Currency", 140),
		report_columns.department(),
		report_columns.account_executive(),
		column("in_state_since", _("In State Since"), "Datetime", 150),
	]
	present = {(doctype, state) for doctype, state, _label in tally}
	per_bar = Counter()
	for (_doctype, state, label), (documents, _value, _late) in tally.items():
		per_bar[(state, label)] += documents
	states = [s for doctype in doctypes for s in open_states(doctype) if (doctype, s) in present]
	labels = list(dict.fromkeys(states))
	chart = {
		"data": {
			"labels": [_(s) for s in labels],
			"datasets": [
				{"name": _(label), "values": [per_bar[(s, label)] for s in labels]}
				for _limit, label in BUCKETS
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}
	summary = [
		{"value": total, "label": _("Open Documents"), "datatype": "Int"},
		report_columns.rupiah_summary(sum(t[1] for t in tally.values()), _("Value in the Pipeline")),
		{
			"value": sum(t[2] for t in tally.values()),
			"label": _("Waiting over 14 Days"),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
	report_columns.send_people_names(columns, data)
	return columns, data, message, report_charts.drawable(chart), summary


def pipeline_query(doctype: str, filters) -> tuple[dict, list[str], str]:
	states, value_field = open_states(doctype), PIPELINE[doctype][1]
	meta = frappe.get_meta(doctype)
	query = {"status": ["in", states], "docstatus": ["<", 2]}
	for field in ("department", "bureau", "account_executive"):
		if filters.get(field) and meta.has_field(field):
			query[field] = filters.get(field)
	fields = [
		"name",
		"status",
		"creation",
		"status_since",
		"modified",
		"customer_name",
		"department",
		"account_executive",
		value_field,
	]
	fields += ["bureau"] if meta.has_field("bureau") else []
	return query, fields, value_field


def pipeline_documents(doctype: str, names: list[str], fields: list[str], order_by: str) -> list:
	"""The rows of documents get_list has already permitted, by name."""
	if not names:
		return []
	return frappe.get_all(doctype, filters={"name": ["in", names]}, fields=fields, order_by=order_by)


def pipeline_row(doctype: str, doc, since: datetime, now: datetime, value_field: str) -> dict:
	in_state = days_between(since, now)
	return {
		"document_type": doctype,
		"document": doc.name,
		"customer_name": doc.customer_name,
		"department": doc.department,
		"bureau": doc.get("bureau"),
		"account_executive": doc.account_executive,
		"state": doc.status,
		"in_state_since": since,
		"days_in_state": flt(in_state, 1),
		"days_in_state_exact": in_state,
		"ageing": _(bucket(in_state)),
		"age_days": flt(days_between(get_datetime(doc.creation), now), 1),
		"value": flt(doc.get(value_field)),
	}


def count_in(tally: dict, key: tuple, documents: int, value: float, row=None, late: int = 0):
	entry = tally.setdefault(key, [0, 0.0, 0])
	entry[0] += documents
	entry[1] += value
	entry[2] += int(row["days_in_state"] > 14) if row else late


def pipeline_tally(doctype: str, query: dict, value_field: str, now: datetime) -> list:
	"""(state, bucket, documents, value, waiting over 14 days) of the documents with `status_since`,
	in the user's scope: the get_list query (its permission conditions) is the inner query."""
	permitted = frappe.get_list(
		doctype,
		filters={**query, "status_since": ["is", "set"]},
		fields=["status", "status_since", value_field],
		order_by="",
		run=0,
	)
	days = "greatest(0, timestampdiff(microsecond, p.status_since, %(now)s)) / 86400000000"
	labels = {f"b{i}": label for i, (_limit, label) in enumerate(BUCKETS)}
	ageing = (
		"case "
		+ " ".join(f"when {days} <= {limit} then %(b{i})s" for i, (limit, _l) in enumerate(BUCKETS) if limit)
		+ f" else %(b{len(BUCKETS) - 1})s end"
	)
	# The inner query is Frappe's own SQL: any % in it is literal, not a parameter.
	inner = permitted.replace("%", "%%")
	return frappe.db.sql(
		f"""select p.status, {ageing} as ageing, count(*), sum(p.`{value_field}`),
			sum(round({days}, 1) > 14)
		from ({inner}) p group by p.status, ageing""",
		{"now": now, **labels},
	)


# ------------------------------------------------------------------ verification outcomes and turnaround


def verification_turnaround(filters) -> tuple:
	"""Each submitted verification round (6.5) with its outcome and the days from the hand-over
	(the last move to Submitted for Verification before the round) to the verifier's decision."""
	start = getdate(filters.get("from_date") or add_days(today(), -90))
	end = getdate(filters.get("to_date") or today())
	data = sales_facts.verification_rounds(
		Span(start, end),
		department=filters.get("department"),
		scope=scope_for(),
		outcome=filters.get("outcome"),
		verifier=filters.get("verifier"),
		report_rows=True,  # the rows as they are shown, turnaround included (issue 13)
	)
	# History and order dates only for the rounds that did not record their hand-over (older data):
	# issue 13, the rest need no second look.
	unrecorded = [r for r in data if not r.handed_over_on]
	orders = list({r.media_order for r in unrecorded})
	changes = state_history.state_changes(sales_facts.ORDER, orders)
	awaiting = steps.state(sales_facts.ORDER, "verification")
	order_dates = (
		dict(
			frappe.get_all(
				sales_facts.ORDER,
				filters={"name": ["in", orders]},
				fields=["name", "order_date"],
				as_list=True,
			)
		)
		if orders
		else {}
	)
	for r in unrecorded:
		verified_on = get_datetime(r.verified_on)
		# The last move to the verification state before the decision; for orders whose history
		# predates the app, the order's date.
		handed_over = state_history.last_entry_before(changes.get(r.media_order, []), awaiting, verified_on)
		if not handed_over and order_dates.get(r.media_order):
			handed_over = get_datetime(order_dates[r.media_order])
			handed_over = handed_over if handed_over <= verified_on else None
		r.handed_over_on = handed_over
		r.turnaround_days = flt(days_between(handed_over, verified_on), 2) if handed_over else None
	columns = [
		link("verification", _("Verification"), sales_facts.VERIFICATION),
		link("media_order", _("Media Order"), sales_facts.ORDER),
		report_columns.customer_name(),
		column("outcome", _("Outcome"), "Select", 90),  # shown translated, as above
		column("round_no", _("Round"), "Int", 70),
		column("handed_over_on", _("Handed Over on"), "Datetime", 160),
		column("verified_on", _("Verified on"), "Datetime", 160),
		column("turnaround_days", _("Turnaround (Days)"), "Float", 110, precision=2),
		link("verifier", _("Verifier"), "User", 170),
		report_columns.department(),
	]
	outcomes = Counter(r["outcome"] for r in data)
	times = [r["turnaround_days"] for r in data if r["turnaround_days"] is not None]
	chart = {
		"data": {
			"labels": [_("Passed"), _("Clarify"), _("Rejected")],
			"datasets": [
				{
					"name": _("Rounds"),
					"values": [outcomes.get(o, 0) for o in ("Passed", "Clarify", "Rejected")],
				}
			],
		},
		"type": "donut",
		"colors": ["#29cd42", "#ffa00a", "#e24c4c"],
	}
	summary = [
		{"value": outcomes.get("Passed", 0), "label": _("Passed"), "datatype": "Int", "indicator": "Green"},
		{
			"value": outcomes.get("Clarify", 0),
			"label": _("To Clarify (6.5.3.1)"),
			"datatype": "Int",
			"indicator": "Orange",
		},
		{
			"value": outcomes.get("Rejected", 0),
			"label": _("Rejected (6.5.3.2)"),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"value": flt(sum(times) / len(times), 2) if times else 0,
			"label": _("Average Turnaround (Days)"),
			"datatype": "Float",
		},
	]
	report_columns.send_people_names(columns, data)
	return columns, data, None, report_charts.drawable(chart), summary


# ------------------------------------------------------------------ contracts to renew


def expiring_contracts(filters) -> tuple:
	"""Signed contracts that end within the next N days, with any renewal already under way."""
	days = int(filters.get("days") or 60)
	if not 0 < days <= 730:
		frappe.throw(_("{0} must be between 1 and 730.").format(frappe.bold(_("Days Ahead"))))
	query = {
		"docstatus": 1,
		"status": ["in", steps.states(sales_facts.CONTRACT, "signed", "suspended")],
		"end_date": ["between", [today(), add_days(today(), days)]],
	}
	for field in ("department", "bureau", "account_executive"):
		if filters.get(field):
			query[field] = filters.get(field)
	contracts = frappe.get_list(
		sales_facts.CONTRACT,
		filters=query,
		fields=[*sales_facts.CONTRACT_FIELDS, "end_date"],
		order_by="end_date asc",
	)
	renewals = renewals_under_way(contracts)
	data = [
		{
			"contract": c.name,
			"customer_name": c.customer_name,
			"end_date": getdate(c.end_date),
			"days_left": date_diff(c.end_date, today()),
			"value": flt(c.grand_total),
			"status": c.status,
			"renewal": renewals.get(c.name),
			"department": c.department,
			"bureau": c.bureau,
			"account_executive": c.account_executive,
		}
		for c in contracts
	]
	columns = [
		link("contract", _("Contract"), sales_facts.CONTRACT),
		report_columns.customer_name(220),
		column("end_date", _("Ends on"), "Date", 100),
		column("days_left", _("Days Left"), "Int", 80),
		column("value", _("Contract Value"), "Currency", 140),
		link("renewal", _("Renewal Order"), sales_facts.ORDER),
		report_columns.account_executive(),
		report_columns.department(),
		link("bureau", _("Bureau"), "ANTARA Bureau", 140),
		column("status", _("Status"), "Select", 90),  # shown translated, as above
	]
	weeks = defaultdict(float)
	for row in data:
		weeks[_("Week {0}").format((row["days_left"] // 7) + 1)] += row["value"]
	chart = {
		"data": {
			"labels": list(weeks),
			"datasets": [{"name": _("Value Ending"), "values": list(weeks.values())}],
		},
		"type": "bar",
		"fieldtype": "Currency",
	}
	summary = [
		{"value": len(data), "label": _("Contracts Ending"), "datatype": "Int"},
		{
			"value": sum(1 for r in data if not r["renewal"]),
			"label": _("No Renewal Yet"),
			"datatype": "Int",
			"indicator": "Red",
		},
		report_columns.rupiah_summary(sum(r["value"] for r in data), _("Value Ending")),
	]
	report_columns.send_people_names(columns, data)
	return columns, data, None, report_charts.drawable(chart), summary


def renewals_under_way(contracts) -> dict[str, str]:
	"""contract -> a later Media Order of the same customer and department (a renewal, 6.3): the
	latest order other than the contract's own, dated after the contract's order (any order when
	that has no date). One statement for all the contracts, each answered from the index
	report_renewal (patches/report_indexes.py): issue 13, not every order of their customers read
	into Python (3.4 s for a year's 2,400 contracts at 100,000 orders)."""
	if not contracts:
		return {}
	# The date of each contract's own order from the index (MariaDB prefers the primary key: a page
	# of the order table per contract).
	order_date = (
		f"force index (`{sales_facts.ORDER_DATE_INDEX}`)"
		if frappe.db.has_index(f"tab{sales_facts.ORDER}", sales_facts.ORDER_DATE_INDEX)
		else ""
	)
	return dict(
		frappe.db.sql(
			f"""select c.name, (
				select o.name from `tab{sales_facts.ORDER}` o
				where o.customer = c.customer and o.department <=> c.department and o.docstatus < 2
					and o.name != ifnull(c.media_order, '')
					and (own.order_date is null or o.order_date > own.order_date)
				order by o.order_date desc, o.name desc limit 1) as renewal
			from `tab{sales_facts.CONTRACT}` c
			left join `tab{sales_facts.ORDER}` own {order_date} on own.name = c.media_order
			where c.name in %(contracts)s
			having renewal is not null""",
			{"contracts": [c.name for c in contracts]},
		)
	)
