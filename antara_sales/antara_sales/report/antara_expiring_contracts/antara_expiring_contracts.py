# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt
"""Signed contracts that end in the next N days, to renew in time; the AE is also notified beforehand."""

import frappe

from antara_sales.services.reporting import pipeline_reports


@frappe.read_only()  # every caller (desk, export, Auto Email Report) reads the replica
def execute(filters=None):
	return pipeline_reports.expiring_contracts(frappe._dict(filters or {}))
