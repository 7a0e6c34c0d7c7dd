"""Issue 13: records made before they carried their sale's department and AE take them from it, so
that the scoped lists (permissions.py) read their own indexed columns: tickets and invoices from
their contract, verification rounds their AE from the order or change they verify. One joined
UPDATE per table (a site with 30,000 contracts needs no loop). Then the indexes the scoped lists
count by (list_sort_indexes, which a new site runs on install)."""

import frappe

from antara_sales.doctypes import CONTRACT, INVOICE, MEDIA_ORDER, SUBSCRIPTION_CHANGE, TICKET, VERIFICATION
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
	frappe.db.sql(
		f"""update `tab{VERIFICATION}` record
		left join `tab{MEDIA_ORDER}` o on o.`name` = record.`media_order`
		left join `tab{SUBSCRIPTION_CHANGE}` c on c.`name` = record.`subscription_change`
		set record.`account_executive` = coalesce(o.`account_executive`, c.`account_executive`)
		where record.`account_executive` is null"""
	)
	list_sort_indexes.execute()
