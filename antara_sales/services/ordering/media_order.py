"""The Subscription Form / Media Order, F/KOM/003 (6.3, 6.4)."""

import frappe
from frappe import _
from frappe.utils import cstr, escape_html

from antara_sales.doctypes import CUSTOMER, MEDIA_ORDER, ORDER_ITEM
from antara_sales.services.common import attachments, field_values
from antara_sales.services.common.dates import check_not_after_today
from antara_sales.services.common.settings import get_settings
from antara_sales.services.ordering import customer as customer_rules
from antara_sales.services.ordering import order_lines
from antara_sales.services.ordering.departments import check_product_owning
from antara_sales.services.verifying import verification
from antara_sales.services.workflow import steps, workflow_guard

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
	customer = frappe.get_doc(CUSTOMER, customer_name)
	values = {field: customer.get(field) for field in SNAPSHOT_FIELDS}
	primary = next(
		(c for c in customer.contacts if c.is_primary), customer.contacts[0] if customer.contacts else None
	)
	values["contact_person"] = primary.contact_name if primary else None
	values["bureau"] = customer.bureau
	return values


def customer_updates(order_name: str, *, apply: bool = False) -> list[dict]:
	"""What the order holds of its customer that the customer record does not (the prospect filled
	in the online F/KOM/003, issue 15; or the AE corrected the order): each field's label, the
	record's value and the order's. With `apply`, once the AE has read them, the record takes them,
	through the customer's own checks (NPWP, phone, duplicates): the data is not typed twice (6.4)."""
	if not isinstance(order_name, str) or not frappe.db.exists(MEDIA_ORDER, order_name):
		frappe.throw(
			_("{0} {1} not found").format(_(MEDIA_ORDER), escape_html(cstr(order_name))),
			frappe.DoesNotExistError,
		)
	order = frappe.get_doc(MEDIA_ORDER, order_name)
	order.check_permission("read")
	if not order.customer:
		return []
	customer = frappe.get_doc(CUSTOMER, order.customer)

	def shown(field, doc):  # as the desk shows it: a Select's value translated
		value = doc.get(field)
		return _(value) if value and customer.meta.get_field(field).fieldtype == "Select" else value

	changes = [
		{
			"label": _(customer.meta.get_label(field)),
			"record": shown(field, customer),
			"order": shown(field, order),
		}
		for field in SNAPSHOT_FIELDS
		if order.get(field) and cstr(order.get(field)) != cstr(customer.get(field))
	]
	new_contact = order.contact_person and not any(
		c.contact_name == order.contact_person for c in customer.contacts
	)
	if new_contact:
		changes.append({"label": _("Contact Person"), "record": None, "order": order.contact_person})
	if apply and changes:
		customer.check_permission("write")
		was = (customer.customer_type, customer.npwp)
		customer.update({f: order.get(f) for f in SNAPSHOT_FIELDS if order.get(f)})
		if (customer.customer_type, customer.npwp) != was:  # the tax identity follows (issue 11)
			customer.tax_id_type = customer_rules.default_tax_id_type(customer.customer_type, customer.npwp)
			if customer.buyer_category == customer_rules.DEFAULT_BUYER_CATEGORY.get(was[0]):
				customer.buyer_category = None  # the new type's default, set on save
		if new_contact:
			contact = {"contact_name": order.contact_person, "email": order.email, "phone": order.phone}
			customer.append("contacts", {**contact, "is_primary": 0 if customer.contacts else 1})
		customer.save()
		order.add_comment(
			"Info", _("The customer record {0} took the data of this order.").format(customer.name)
		)
	return changes


def set_defaults(order):
	if order.is_new() and not order.administrative_terms:
		from antara_sales.services.common.settings import get_settings

		order.administrative_terms = get_settings().default_administrative_terms


def check_department(order):
	check_product_owning(order.department, _("Product-Owning Department"), "6.3")


def validate(order):
	verification.check_unchanged_under_verification(
		order, derived=DERIVED_FIELDS, table_derived={"items": DERIVED_LINE_FIELDS}
	)
	check_price_only_edit(order)
	snapshot_customer(order)
	set_defaults(order)
	check_department(order)
	check_typed_identifiers(order)
	check_signed_on(order)
	attachments.check_document_files(order)  # the stamp and the signed form, by content (6.4)
	order_lines.check_no_duplicate_products(order)
	order_lines.validate_and_price(order, department=order.department)
	if verification.handed_over(order):
		check_complete(order)


def check_typed_identifiers(order):
	"""The customer's NPWP and phone as typed on the form itself (the snapshot brings them checked
	from the customer; 6.5.1): the same rules, look-alike digits refused, not converted."""
	for field, label in (("npwp", "NPWP"), ("phone", "Phone")):
		if order.get(field) and (order.is_new() or order.has_value_changed(field)):
			normalize = customer_rules.normalize_npwp if field == "npwp" else customer_rules.normalize_phone
			order.set(field, normalize(order.get(field), label))


def check_signed_on(order):
	"""The day the customer signed the form (6.4) has passed: the AE records a signature it holds."""
	check_not_after_today(order, "signed_on")


def extra_editors(order) -> tuple[str, ...]:
	"""Besides the AE, the price-override role may adjust an order's prices while it is editable
	(6.4); check_price_only_edit keeps it to the prices."""
	return (get_settings().price_override_role,) if steps.is_at(order, *EDITABLE_STEPS) else ()


# What the price-override role exists for (6.4): the price agreed for a line. The discount is part
# of it: the line's amount is quantity x unit price x periods less the discount (domain/billing.py),
# so a discount is a lower price by another name, and the role that may lower the unit price is the
# role that may grant it.
LINE_DOCTYPE = ORDER_ITEM
PRICE_FIELDS = ("unit_price", "discount_percent")
DERIVED_LINE_FIELDS, DERIVED_FIELDS = order_lines.DERIVED_LINE_FIELDS, order_lines.DERIVED_FIELDS


def check_price_only_edit(order):
	"""Someone who may edit the order only through the price-override role (not its editor in this
	state, the AE, nor an admin) changes the prices of its lines and nothing else (6.4): not the
	customer's data, the products, the periods, the terms or the signature the customer gave."""
	before = order.get_doc_before_save()
	if not before or not edits_only_through_price_override(order, before):
		return
	changed = changes_beyond_prices(order, before)
	if changed:
		frappe.throw(
			_("{0} may change only the prices of the products ({1}), not {2}.").format(
				_(get_settings().price_override_role),
				", ".join(_(frappe.get_meta(LINE_DOCTYPE).get_label(f)) for f in PRICE_FIELDS),
				", ".join(changed),
			),
			frappe.PermissionError,
			title=_("Only Prices May Be Changed"),
		)


def edits_only_through_price_override(order, before) -> bool:
	field = steps.state_field(order.doctype)
	if order.get(field) != before.get(field) or not steps.is_at(order, *EDITABLE_STEPS):
		return False  # a workflow step (the guard's) or a state the role has no say in
	state = next(s for s in steps.workflow(order.doctype).states if s.state == order.get(field))
	user = frappe.session.user
	return not workflow_guard.can_edit_in_state(user, state, ()) and workflow_guard.can_edit_in_state(
		user, state, extra_editors(order)
	)


def changes_beyond_prices(order, before) -> list[str]:
	"""The labels of what this save changes besides the lines' prices ("Row #2: Quantity")."""
	return field_values.changed_labels(
		order, before, skip=DERIVED_FIELDS, table_skip={"items": PRICE_FIELDS + DERIVED_LINE_FIELDS}
	)


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
