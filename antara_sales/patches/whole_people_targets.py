"""Issue 10: targets that count people are whole numbers (domain/sales_targets.people): a week's
share of 0.47 new customers reads 1. Recomputes the figures stored before, on the targets and on the
meetings (whose summary column became an integer in this change, so it is taken again from the
evaluation rows, which kept the fraction). Derived display figures only: no record's outcome moves."""

import frappe
from frappe.utils import getdate

from antara_sales.domain import meeting_evaluation, sales_targets


def execute():
	for target in frappe.get_all(
		"ANTARA Sales Target", fields=["name", "target_new_customers", "month_start"]
	):
		if target.month_start:
			frappe.db.set_value(
				"ANTARA Sales Target",
				target.name,
				"weekly_new_customers",
				sales_targets.weekly_people(target.target_new_customers or 0, getdate(target.month_start)),
				update_modified=False,
			)
	rows = frappe.get_all(
		"ANTARA Meeting Evaluation",
		filters={"unit": meeting_evaluation.COUNT, "target": ("is", "set")},
		fields=["name", "parent", "period", "metric", "target"],
	)
	for row in rows:
		whole = sales_targets.people(row.target or 0)
		frappe.db.set_value("ANTARA Meeting Evaluation", row.name, "target", whole, update_modified=False)
		if row.metric == "New Customers Won" and row.period == meeting_evaluation.LAST_WEEK:
			frappe.db.set_value(
				"ANTARA Weekly Sales Meeting",
				row.parent,
				"week_new_customer_target",
				whole,
				update_modified=False,
			)
