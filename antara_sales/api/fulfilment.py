"""The signed contract's follow-up (6.8)."""

import frappe

from antara_sales.doctypes import CONTRACT
from antara_sales.services.fulfilling import fulfilment


@frappe.whitelist(methods=["POST"])
def retry(contract: str) -> str:
	"""Run the fulfilment job again (it is idempotent: what exists is not made twice)."""
	doc = frappe.get_doc(CONTRACT, contract)
	doc.check_permission("write")
	if doc.docstatus != 1:
		frappe.throw(frappe._("Only a signed contract is followed up (6.8)."))
	fulfilment.mark(doc.name, fulfilment.rules.QUEUED, frappe._("Queued"))
	fulfilment.enqueue(doc.name, "retry-" + frappe.generate_hash(length=6))
	return fulfilment.rules.QUEUED
