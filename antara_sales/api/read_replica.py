"""Frappe's own number card and chart endpoints, on the read replica (issue 13).

Frappe (v15.44, and the v16 source read) routes query_report.run to the replica, but not the two
endpoints the desk calls for a Document Type number card and a Count/Sum/Average chart, so
hooks.py overrides them with these (override_whitelisted_methods). Only the reads move:
dashboard_chart.get is wrapped in cache_source, which writes the chart's last_synced_on after
computing it; that write must stay on the primary (the replica is read-only), so the computation
alone runs under @frappe.read_only() and the cache step around it, as Frappe's, on the primary.

Being the app's methods now, they answer hostile arguments as the app's do (issue 14): each is
checked against the field of Number Card / Dashboard Chart it stands for (request_guard), and the
card or chart must exist and be readable, before Frappe's function runs."""

import functools
import inspect

import frappe
from frappe import _
from frappe.desk.doctype.dashboard_chart import dashboard_chart
from frappe.desk.doctype.number_card import number_card
from frappe.utils.dashboard import cache_source

from antara_sales.services.common.request_guard import check_value, refuse
from antara_sales.services.reporting.report_charts import periods_in_reader_language

_chart_data = frappe.read_only()(inspect.unwrap(dashboard_chart.get))  # no cache, no write

# The endpoint's arguments and the fields of the DocType they carry.
CHART_FIELDS = {"from_date": "from_date", "to_date": "to_date", "timespan": "timespan",
	"time_interval": "time_interval", "heatmap_year": "heatmap_year"}  # fmt: skip


@frappe.whitelist()
@frappe.read_only()
def number_card_result(doc, filters, to_date=None):
	"""number_card.get_result (a get_list with an aggregate): reads only."""
	card = saved("Number Card", doc)
	check_filters(filters)
	check_args("Number Card", {"to_date": to_date}, {"to_date": "to_date"})
	return number_card.get_result(card, filters, to_date)


def checked_chart_request(fn):
	"""Ahead of cache_source, which reads the chart first."""

	@functools.wraps(fn)
	def wrapper(*args, **kwargs):
		check_chart_request(**kwargs)
		return fn(*args, **kwargs)

	return wrapper


def in_reader_language(fn):
	"""After cache_source: the cache keeps Frappe's labels, each reader gets theirs."""

	@functools.wraps(fn)
	def wrapper(*args, **kwargs):
		return periods_in_reader_language(fn(*args, **kwargs))

	return wrapper


@frappe.whitelist()
@checked_chart_request
@in_reader_language
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
	Frappe keeps them (the latter on the primary), its months named in the reader's language."""
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


def check_chart_request(chart_name=None, chart=None, filters=None, **args):
	"""Before cache_source reads the chart: it must exist and be readable; the rest must be what
	the chart's own fields hold."""
	saved("Dashboard Chart", chart_name or chart)
	check_filters(filters)
	check_args("Dashboard Chart", {k: args.get(k) for k in CHART_FIELDS}, CHART_FIELDS)


def saved(doctype: str, doc) -> frappe._dict:
	"""The stored card or chart that `doc` (its name, or the desk's JSON of it) names, read with the
	user's permission: the desk sends the whole record, but only its name is taken from it."""
	if isinstance(doc, str) and doc.lstrip().startswith("{"):
		doc = frappe.parse_json(doc)
	name = doc.get("name") if isinstance(doc, dict) else doc
	if not isinstance(name, str) or not name or len(name) > 140 or not frappe.db.exists(doctype, name):
		refuse(_("{0} {1} not found").format(_(doctype), frappe.bold(str(name)[:140])))
	frappe.has_permission(doctype, "read", name, throw=True)
	return frappe.get_cached_doc(doctype, name).as_dict()


def check_filters(filters):
	if filters in (None, ""):
		return
	try:
		value = frappe.parse_json(filters) if isinstance(filters, str) else filters
	except ValueError:
		value = None
	if not isinstance(value, list | dict):
		refuse(_("{0} must be a list or an object of filters").format(frappe.bold(_("Filters"))))


def check_args(doctype: str, args: dict, fields: dict):
	meta = frappe.get_meta(doctype)
	for arg, value in args.items():
		if value in (None, ""):  # unset: Frappe takes the card's or chart's own (the desk sends "")
			continue
		df = meta.get_field(fields[arg]) or frappe._dict(fieldname=arg, fieldtype="Date")
		check_value(meta, df, value, _(doctype))
		options = [o for o in (df.options or "").split("\n") if o] if df.fieldtype == "Select" else []
		if options and value not in options:
			refuse(
				_("{0}: {1} must be one of {2}").format(
					_(doctype), frappe.bold(_(df.label)), ", ".join(options)
				)
			)
