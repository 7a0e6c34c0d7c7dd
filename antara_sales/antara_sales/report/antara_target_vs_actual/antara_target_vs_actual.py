# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt
"""Sales against target by month, department and bureau (6.1.1); sales are signed contracts before PPN."""

import frappe

from antara_sales.services.reporting import sales_reports


@frappe.read_only()  # every caller (desk, export, Auto Email Report) reads the replica
def execute(filters=None):
	return sales_reports.target_vs_actual(frappe._dict(filters or {}))
