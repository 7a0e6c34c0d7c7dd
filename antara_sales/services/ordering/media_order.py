"""The Subscription Form / Media Order, F/KOM/003 (6.3, 6.4)."""

import frappe
from frappe import _

from antara_sales.services.ordering import order_lines
from antara_sales.services.ordering.departments import check_product_owning
from antara_sales.services.verifying import verification
from antara_sales.services.workflow import steps

# The steps in which the AE (and the price-override role) may still change the form (6.4, 6.5.3.1).
EDITABLE_STEPS = ("draft", "clarification")
SNAPSHOT_FIELDS = ("customer_name", "customer_type", "npwp", "email", "phone", "address", "city", "province")


def snapshot_customer(order):
	"""Copy the customer's data when the customer is chosen, so that later edits to the customer do
	not rewrite what the customer submitted and signed (6.4)."""
	if not (order.is_new() or order.has_value_changed("customer")):
		return
	values = customer_snapshot(order.customer)
	values["contact_person"] = values["contact_person"] or order.contact_person
	values["bureau"] = order.bureau or values["bureau"]
	order.update(values)


def customer_snapshot(customer_name: str) -> dict:
	"""The customer's data as the order holds it (the form fills it as soon as the customer is
	chosen; the server takes its own snapshot on save and stays the authority)."""
	customer = frappe.get_doc("ANTARA Customer", customer_name)
	values = {field: customer.get(field) for field in SNAPSHOT_FIELDS}
	primary = next(
		(c for c in customer.contacts if c.is_primary), customer.contacts[0] if customer.contacts else None
	)
	values["contact_person"] = primary.contact_name if primary else None
	values["bureau"] = customer.bureau
	return values


def set_defaults(order):
	if order.is_new() and not order.administrative_terms:
		from antara_sales.services.common.settings import get_settings

		order.administrative_terms = get_settings().default_administrative_terms


def check_department(order):
	check_product_owning(order.department, _("Product-Owning Department"), "6.3")


def validate(order):
	snapshot_customer(order)
	set_defaults(order)
	check_department(order)
	order_lines.validate_and_price(order, department=order.department)
	if verification.handed_over(order):
		check_complete(order)


def extra_editors(order) -> tuple[str, ...]:
	"""Besides the AE, the price-override role may adjust an order while it is editable (6.4)."""
	from antara_sales.services.common.settings import get_settings

	return (get_settings().price_override_role,) if steps.is_at(order, *EDITABLE_STEPS) else ()


def missing_for_verification(order) -> list[str]:
	"""What F/KOM/003 must hold before the AE hands it over (6.4): complete customer data, the
	products, the administrative terms agreed, the company stamp and a signature."""
	required = [
		("customer_name", "Legal Name"),
		("address", "Address"),
		("email", "Email"),
		("phone", "Phone"),
		("administrative_terms", "Administrative Terms"),
		("signatory_name", "Signed by"),
		("signed_on", "Signed on"),
	]
	if order.customer_type == "Institution":
		required += [("npwp", "NPWP"), ("company_stamp", "Company Stamp")]
	missing = [label for field, label in required if not order.get(field)]
	if not order.terms_agreed:
		missing.append("Customer Agreed to the Terms")
	if not (order.customer_signature or order.signed_form):
		missing.append("Signature")
	return missing


def check_complete(order):
	missing = missing_for_verification(order)
	if missing:
		frappe.throw(
			_("The form is not complete (6.4). Fill in: {0}").format(", ".join(_(m) for m in missing)),
			title=_("Incomplete Media Order"),
		)
