# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt
"""Orders, contracts and changes still on their way, by workflow state, with how long each has waited (6.3-6.7)."""

import frappe

from antara_sales.services.reporting import pipeline_reports


@frappe.read_only()  # every caller (desk, export, Auto Email Report) reads the replica
def execute(filters=None):
	return pipeline_reports.pipeline(frappe._dict(filters or {}))
