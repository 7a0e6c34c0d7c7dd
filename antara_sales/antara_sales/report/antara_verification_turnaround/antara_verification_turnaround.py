# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt
"""Outcomes of the verification rounds (6.5, 6.5.3.1, 6.5.3.2) and the days from hand-over to decision."""

import frappe

from antara_sales.services.reporting import pipeline_reports


@frappe.read_only()  # every caller (desk, export, Auto Email Report) reads the replica
def execute(filters=None):
	return pipeline_reports.verification_turnaround(frappe._dict(filters or {}))
