import frappe

from antara_sales.services import contract, verification

VERIFIABLE = ("ANTARA Media Order", "ANTARA Subscription Change")


@frappe.whitelist(methods=["POST"])
def request_verification(doctype: str, name: str):
	"""The AE hands a complete form to the assigned Assistant Manager (6.5)."""
	if doctype not in VERIFIABLE:
		frappe.throw(frappe._("{0} is not verified under 6.5.").format(doctype))
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("write")
	return verification.request(doc)


@frappe.whitelist(methods=["POST"])
def make_contract(media_order: str) -> str:
	"""6.6: draw up the cooperation contract from a verified Media Order."""
	return contract.make_from_order(media_order).name
