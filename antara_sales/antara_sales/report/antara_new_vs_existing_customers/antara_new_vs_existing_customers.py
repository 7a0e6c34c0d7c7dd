# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt
"""Sales to new and to existing customers (5.3, 5.4) as confirmed at verification (6.5.3)."""

import frappe

from antara_sales.services.reporting import sales_reports


@frappe.read_only()  # every caller (desk, export, Auto Email Report) reads the replica
def execute(filters=None):
	return sales_reports.new_vs_existing(frappe._dict(filters or {}))
