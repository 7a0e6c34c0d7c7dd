"""Order lines shared by the Media Order, the contract and the Subscription Change: prices from the
product (6.4), periods, amounts and totals with PPN, all computed on the server."""

import frappe
from frappe import _
from frappe.utils import flt, getdate, today

from antara_sales.domain import billing
from antara_sales.services.common import tax_rules
from antara_sales.services.common.settings import get_settings, user_has_role


def row_error(row, message: str):
	frappe.throw(_("Row #{0}: {1}").format(row.idx, message), title=_("Invalid Product Line"))


def validate_and_price(doc, *, department: str | None = None, granted=()):
	"""Check every line, take prices from the product, and compute the totals. `granted`: lines
	whose prices the permitted role already set (an F/KOM/004's contract): a new line of the same
	product that keeps that price and discount is not a price typed by this user."""
	if not doc.get("items"):
		frappe.throw(
			_("Add at least one product under {0}.").format(frappe.bold(_("Products Wanted"))),
			title=_("No Products"),
		)
	previous = {row.name: row for row in (doc.get_doc_before_save() or frappe._dict()).get("items") or []}
	granted_by_product = {row.product: row for row in granted}
	can_override = user_has_role(get_settings().price_override_role)
	for row in doc.items:
		product = line_product(row)
		check_product(row, product, department)
		check_dates_and_quantities(row)
		before = previous.get(row.name) or granted_by_product.get(row.product)
		apply_product_price(row, product, before, can_override)
		row.product_name = product.product_name
		row.billing_period = product.billing_period  # a product is sold per its own period (5.5)
		row.periods = billing.count_periods(
			getdate(row.start_date), getdate(row.end_date), row.billing_period
		)
		row.amount = flt(billing.line_amount(row.quantity, row.unit_price, row.periods, row.discount_percent))
	set_totals(doc)


def line_product(row):
	"""The line's product; a line without one is refused naming the field (not a 404 from the
	lookup: Frappe's link check skips an empty value and the mandatory check runs after validate)."""
	if not row.product or not isinstance(row.product, str):
		row_error(row, _("{0} is required.").format(frappe.bold(_("Product"))))
	messages = len(frappe.local.message_log)
	try:
		# From Frappe's document cache (cleared when a product is saved or deleted): no query per
		# line on every save (issue 13).
		return frappe.get_cached_doc("ANTARA Product", row.product)
	except frappe.DoesNotExistError:
		del frappe.local.message_log[messages:]  # Frappe's "not found": the row's message says it
		row_error(row, _("{0} {1} does not exist.").format(_("Product"), frappe.bold(row.product)))


def check_no_duplicate_products(doc):
	"""One line per product: the same product twice would bill it twice for the same customer.
	A longer or larger order is the same line with a later end date or a higher quantity (6.4)."""
	seen = {}
	for row in doc.get("items") or []:
		if row.product in seen:
			row_error(
				row,
				_("{0} {1} is already on row #{2}: change that row's {3} or dates instead.").format(
					_("Product"),
					frappe.bold(row.product_name or row.product),
					seen[row.product],
					_("Quantity"),
				),
			)
		if row.product:
			seen[row.product] = row.idx


def check_product(row, product, department):
	if not product.is_active:
		row_error(row, _("Product {0} is not active.").format(frappe.bold(product.product_name)))
	if department and product.department != department:
		row_error(
			row,
			_("Product {0} belongs to {1}, not to this order's department {2} (6.3).").format(
				frappe.bold(product.product_name), product.department, department
			),
		)


def check_dates_and_quantities(row):
	if getdate(row.end_date) < getdate(row.start_date):
		row_error(row, _("{0} must not be before {1}.").format(_("End Date"), _("Start Date")))
	if (row.quantity or 0) < 1:
		row_error(row, _("{0} must be at least 1.").format(_("Quantity")))
	if flt(row.unit_price) < 0:
		row_error(row, _("{0} must not be negative.").format(_("Unit Price per Period")))
	if not 0 <= flt(row.discount_percent) <= 100:
		row_error(row, _("{0} must be between 0 and 100.").format(_("Discount %")))


def apply_product_price(row, product, before, can_override: bool):
	"""The product's price stands unless a permitted role (settings) typed another one. An empty
	price, or a product swapped by someone without that role, takes the product's price."""
	product_swapped = before is not None and before.product != row.product
	apply_discount(row, product, before, product_swapped, can_override)
	if not flt(row.unit_price) or (product_swapped and not can_override):
		row.unit_price = product.price
		return
	typed = before is None or product_swapped or flt(before.unit_price) != flt(row.unit_price)
	if typed and flt(row.unit_price) != flt(product.price) and not can_override:
		row_error(
			row,
			_("{0} of {1} is {2}; only {3} may change it.").format(
				_("Unit Price per Period"),
				frappe.bold(product.product_name),
				frappe.format_value(product.price, {"fieldtype": "Currency"}),
				_(get_settings().price_override_role),
			),
		)


def apply_discount(row, product, before, product_swapped: bool, can_override: bool):
	"""A discount is a lower price by another name (media_order.PRICE_FIELDS, 6.4): the role that
	may type another unit price is the role that may grant one. Without it a line has none, or
	keeps the one that role gave (a product swapped without it loses it, as it loses its price)."""
	if product_swapped and not can_override:
		row.discount_percent = 0
		return
	typed = before is None or product_swapped or flt(before.discount_percent) != flt(row.discount_percent)
	if typed and flt(row.discount_percent) and not can_override:
		row_error(
			row,
			_("{0} of {1} is {2}; only {3} may change it.").format(
				_("Discount %"),
				frappe.bold(product.product_name),
				frappe.format_value(0, {"fieldtype": "Percent"}),
				_(get_settings().price_override_role),
			),
		)


def set_totals(doc):
	"""PPN under the rule the document was first saved under (services/common/tax_rules.py)."""
	tax_rules.stamp_rule(doc, today())
	tax_rules.document_tax(doc)
	if doc.meta.has_field("start_date"):
		doc.start_date = min(getdate(row.start_date) for row in doc.items)
		doc.end_date = max(getdate(row.end_date) for row in doc.items)


# Worked out again from the lines on every save (validate_and_price, set_totals), so whatever a
# request sends in them is overwritten: a price change moves them, nobody sets them.
DERIVED_LINE_FIELDS = ("product_name", "billing_period", "periods", "amount")
DERIVED_FIELDS = ("total_amount", "dpp_amount", "tax_amount", "grand_total")

LINE_FIELDS = (
	"product",
	"product_name",
	"billing_period",
	"quantity",
	"start_date",
	"end_date",
	"periods",
	"unit_price",
	"discount_percent",
	"amount",
)


def copy_lines(source_rows, target_doc, fieldname: str = "items"):
	target_doc.set(fieldname, [])
	for row in source_rows:
		target_doc.append(fieldname, {f: row.get(f) for f in LINE_FIELDS})
