"""Issue 11: invoices issued before the PPN rules were stamped with their rule keep the flat rate
they were issued under (DPP = the price, factor 1/1); what is payable is their grand total, and a
recorded payment is taken to be of that amount. Their amount in words is written again by the one
terbilang (before, invoices had their own, which wrote "dua juta satu ribu" for 2.001.000)."""

import frappe

from antara_sales.doctypes import INVOICE, INVOICE_ITEM
from antara_sales.services.printing.print_context import terbilang


def execute():
	invoices = frappe.get_all(
		INVOICE,
		filters={"dpp_denominator": 0},  # Int columns are 0 when never set
		fields=["name", "total_amount", "tax_amount", "grand_total", "paid_on", "paid_amount"],
	)
	for row in invoices:
		values = {
			"dpp_numerator": 1,
			"dpp_denominator": 1,
			"dpp_amount": row.total_amount,
			"amount_payable": row.grand_total,
			"in_words": terbilang(row.grand_total).capitalize(),
		}
		if row.paid_on and not row.paid_amount:
			values["paid_amount"] = row.grand_total
		frappe.db.set_value(INVOICE, row.name, values, update_modified=False)
		frappe.db.sql(
			f"update `tab{INVOICE_ITEM}` set dpp_amount = amount where parent = %s and parenttype = %s",
			(row.name, INVOICE),
		)
