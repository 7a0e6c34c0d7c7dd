"""Every column a list of the app's is set to show is shown on a 1440-pixel screen (issue 10).

Frappe's list (frappe/public/js/frappe/list/list_view.js, `setup_columns`) keeps the first 6 columns
on a screen from 1367 to 1919 pixels wide, and two of them are its own: the subject (the title) and
the tags, and a third, the status indicator, where the DocType has one (frappe/model/indicator.js,
`has_indicator`). A field marked "In List View" past them is silently left out: the product list
never showed a product's price, nor the project list a project's value. (Up to 1366 pixels Frappe
keeps 4; the app's List View Settings hold 6 there too: setup/install.py ensure_list_columns.)"""

import json
import unittest
from pathlib import Path

MODULE = Path(__file__).resolve().parents[2] / "antara_sales"
COLUMNS_AT_1440 = 6  # list_view.js: total_fields, without List View Settings
FRAPPES_OWN = 2  # the subject and the tags


def workflow_doctypes() -> set[str]:
	return {json.loads(p.read_text())["document_type"] for p in (MODULE / "workflow").glob("*.json")}


def has_indicator(meta: dict, list_js: str, workflows: set[str]) -> bool:
	"""frappe.has_indicator, read from the DocType's JSON and list settings."""
	fields = {df["fieldname"] for df in meta["fields"]}
	return bool(
		meta.get("is_submittable")
		or "get_indicator" in list_js
		or meta["name"] in workflows
		or fields & {"enabled", "disabled"}
		or ("status" in fields and meta.get("states"))
	)


class TestListColumns(unittest.TestCase):
	def test_every_list_view_field_fits_on_a_1440_pixel_screen(self):
		workflows = workflow_doctypes()
		checked, left_out = 0, {}
		for path in sorted((MODULE / "doctype").glob("*/*.json")):
			meta = json.loads(path.read_text())
			if meta.get("doctype") != "DocType" or meta.get("istable") or meta.get("issingle"):
				continue
			list_js = path.with_name(f"{path.stem}_list.js")
			indicator = has_indicator(meta, list_js.read_text() if list_js.exists() else "", workflows)
			shown = [
				df["fieldname"]
				for df in meta["fields"]
				if df.get("in_list_view")
				and df["fieldname"] != meta.get("title_field")
				and not (indicator and df["fieldname"] == "status")  # the indicator shows it
			]
			room = COLUMNS_AT_1440 - FRAPPES_OWN - indicator
			checked += 1
			if shown[room:]:
				left_out[meta["name"]] = shown[room:]
		self.assertGreater(checked, 20, "the app's DocTypes were not found")
		self.assertEqual(left_out, {}, "marked In List View but past the columns Frappe shows")


# A child table's grid (frappe/public/js/frappe/form/grid.js, `setup_visible_columns`): 11 of
# Bootstrap's 12 columns, one of them the row number's; a field takes its "columns" or, by default,
# 3 (Small Text), 1 (Check) or 2 (everything else, numbers too), and the first that does not fit
# ends the row: the invoice's product lines never showed their amount.
GRID_COLUMNS = 11
LAYOUT_TYPES = ("Section Break", "Column Break", "Tab Break", "HTML", "Button", "Fold")


def grid_colsize(df: dict) -> int:
	if df.get("columns"):
		return int(df["columns"])
	return {"Small Text": 3, "Check": 1}.get(df["fieldtype"], 2)


class TestGridColumns(unittest.TestCase):
	def test_every_in_list_view_field_of_a_child_table_fits_in_its_grid(self):
		checked, left_out = 0, {}
		for path in sorted((MODULE / "doctype").glob("*/*.json")):
			meta = json.loads(path.read_text())
			if meta.get("doctype") != "DocType" or not meta.get("istable"):
				continue
			checked += 1
			total, shown = (
				1,
				[
					df
					for df in meta["fields"]
					if df.get("in_list_view") and not df.get("hidden") and df["fieldtype"] not in LAYOUT_TYPES
				],
			)
			for number, df in enumerate(shown):
				total += grid_colsize(df)
				if total > GRID_COLUMNS:
					left_out[meta["name"]] = [d["fieldname"] for d in shown[number:]]
					break
		self.assertGreater(checked, 5, "the app's child tables were not found")
		self.assertEqual(left_out, {}, "marked In List View but past the columns the grid shows")
