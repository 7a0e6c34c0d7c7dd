"""Frappe's own number card and chart endpoints, on the read replica (issue 13).

Frappe (v15.44, and the v16 source read) routes query_report.run to the replica, but not the two
endpoints the desk calls for a Document Type number card and a Count/Sum/Average chart, so
hooks.py overrides them with these (override_whitelisted_methods). Only the reads move:
dashboard_chart.get is wrapped in cache_source, which writes the chart's last_synced_on after
computing it; that write must stay on the primary (the replica is read-only), so the computation
alone runs under @frappe.read_only() and the cache step around it, as Frappe's, on the primary."""

import inspect

import frappe
from frappe.desk.doctype.dashboard_chart import dashboard_chart
from frappe.desk.doctype.number_card import number_card
from frappe.utils.dashboard import cache_source

_chart_data = frappe.read_only()(inspect.unwrap(dashboard_chart.get))  # no cache, no write


@frappe.whitelist()
@frappe.read_only()
def number_card_result(doc, filters, to_date=None):
	"""number_card.get_result (a get_list with an aggregate): reads only."""
	return number_card.get_result(doc, filters, to_date)


@frappe.whitelist()
@cache_source
def dashboard_chart_data(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	"""dashboard_chart.get: the chart's queries on the replica, its cache and last_synced_on as
	Frappe keeps them (the latter on the primary)."""
	return _chart_data(
		chart_name=chart_name,
		chart=chart,
		no_cache=no_cache,
		filters=filters,
		from_date=from_date,
		to_date=to_date,
		timespan=timespan,
		time_interval=time_interval,
		heatmap_year=heatmap_year,
	)
