"""The charts of the script reports and the dashboards, as the desk can draw them."""

import re

from frappe import _

# frappe.utils.dateutils.get_period: a timeseries chart's months and quarters, always in English.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PERIOD = re.compile(rf"^(?:(?P<month>{'|'.join(MONTHS)})|Quarter (?P<quarter>[1-4])) (?P<year>\d{{4}})$")


def drawable(chart: dict) -> dict:
	"""The chart, or one with nothing to draw when it has no label or no value but zero: frappe-charts
	draws such a chart with NaN paths and negative bar widths (console errors, on an empty site's
	workspace), while Frappe's own views show "No data" for a chart without labels
	(query_report.js get_chart_options, widgets/chart_widget.js render)."""
	data = chart.get("data") or {}
	values = [v for dataset in data.get("datasets") or [] for v in dataset.get("values") or []]
	if data.get("labels") and any(values):
		return chart
	return {**chart, "data": {}}


def periods_in_reader_language(config):
	"""A timeseries Dashboard Chart as Frappe computes (and caches) it names its months and quarters
	in English whatever the reader's language ("Dec 2025", "Quarter 1 2026"): the same periods in
	theirs ("Des 2025", "Triwulan 1 2026"). Other labels are left as they are."""
	if not isinstance(config, dict) or not config.get("labels"):
		return config
	return {**config, "labels": [period_label(label) for label in config["labels"]]}


def period_label(label):
	match = PERIOD.match(label) if isinstance(label, str) else None
	if not match:
		return label
	if match["month"]:
		return f"{_(match['month'], context='Month abbreviation')} {match['year']}"
	return _("Quarter {0} {1}").format(match["quarter"], match["year"])
