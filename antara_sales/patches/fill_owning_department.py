"""Issue 13: tickets and invoices made before they carried their contract's department and AE take
them from the contract, so that the scoped lists (permissions.py) read their own indexed columns.
One UPDATE per table, joined on the contract: a site with 30,000 contracts needs no loop. Then the
index the scoped invoice list counts by (list_sort_indexes, which a new site runs on install)."""

import frappe

from antara_sales.doctypes import CONTRACT, INVOICE, TICKET
from antara_sales.patches import list_sort_indexes


def execute():
	for doctype, also in (
		(TICKET, ""),
		(INVOICE, ", record.`account_executive` = contract.`account_executive`"),
	):
		frappe.db.sql(
			f"""update `tab{doctype}` record join `tab{CONTRACT}` contract on contract.`name` = record.`contract`
			set record.`owning_department` = contract.`department`{also}
			where record.`owning_department` is null"""
		)
	list_sort_indexes.execute()
