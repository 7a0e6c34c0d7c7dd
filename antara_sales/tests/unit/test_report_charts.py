"""The reports' charts as the desk can draw them (services/reporting/report_charts.py)."""

import unittest

from antara_sales.services.reporting.report_charts import drawable


def chart(labels, *series, kind="bar"):
	return {
		"data": {"labels": labels, "datasets": [{"name": str(i), "values": v} for i, v in enumerate(series)]},
		"type": kind,
		"colors": ["#29cd42"],
	}


class TestDrawable(unittest.TestCase):
	def test_a_chart_with_a_value_is_kept_whole(self):
		kept = chart(["2026-11", "2026-12"], [0, 0], [0, 18_000_000])
		self.assertIs(drawable(kept), kept)

	def test_nothing_to_draw_keeps_the_options_and_leaves_out_the_data(self):
		# The verification donut of an empty site, and a pipeline with no open document.
		for empty in (chart(["Lolos", "Klarifikasi", "Ditolak"], [0, 0, 0], kind="donut"), chart([], [])):
			with self.subTest(empty=empty):
				self.assertEqual(drawable(empty), {**empty, "data": {}})


if __name__ == "__main__":
	unittest.main()
