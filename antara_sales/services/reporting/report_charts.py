"""The charts of the script reports, as the desk can draw them."""


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
