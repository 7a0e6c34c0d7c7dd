import frappe

from antara_sales.doctypes import CONTRACT
from antara_sales.services.common.settings import get_settings
from antara_sales.services.contracting import contract
from antara_sales.services.contracting import subscription_change as change_service
from antara_sales.services.ordering import departments, media_order
from antara_sales.services.verifying import verification

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


@frappe.whitelist()
def customer_snapshot(customer: str) -> dict:
	"""F/KOM/003 (6.4): what the system holds on the customer, for a new Media Order's form."""
	frappe.has_permission("ANTARA Customer", "read", customer, throw=True)
	return media_order.customer_snapshot(customer)


@frappe.whitelist()
def new_order_defaults() -> dict:
	"""What a new Media Order starts with: the administrative terms (ANTARA Sales Settings) and the
	AE's own product-owning department (6.3), where they sit in one."""
	frappe.has_permission("ANTARA Media Order", "create", throw=True)
	values = {"administrative_terms": get_settings().default_administrative_terms}
	if department := departments.own_product_department(frappe.session.user):
		values["department"] = department
	return values


@frappe.whitelist()
def verification_prefill(media_order: str | None = None, subscription_change: str | None = None) -> dict:
	"""6.5: a new verification round shows the order's customer, department, round and the computed
	customer status with its evidence before anything is saved."""
	draft = frappe.new_doc("ANTARA Order Verification")
	draft.media_order, draft.subscription_change = media_order, subscription_change
	target = verification.target_of(draft)
	target.check_permission("read")
	return verification.prefilled_values(target)


@frappe.whitelist()
def subscription_change_lines(contract: str) -> dict:
	"""F/KOM/004: the chosen contract's current products, shown before the change is first saved."""
	frappe.has_permission("ANTARA Subscription Change", "create", throw=True)
	frappe.get_doc(CONTRACT, contract).check_permission("read")
	return change_service.contract_lines(contract)
