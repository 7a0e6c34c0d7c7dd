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


def validate_and_price(doc, *, department: str | None = None):
	"""Check every line, take prices from the product, and compute the totals."""
	if not doc.get("items"):
		frappe.throw(
			_("Add at least one product under {0}.").format(frappe.bold(_("Products Wanted"))),
			title=_("No Products"),
		)
	previous = {row.name: row for row in (doc.get_doc_before_save() or frappe._dict()).get("items") or []}
	can_override = user_has_role(get_settings().price_override_role)
	for row in doc.items:
		product = frappe.get_cached_doc("ANTARA Product", row.product)
		check_product(row, product, department)
		check_dates_and_quantities(row)
		apply_product_price(row, product, previous.get(row.name), can_override)
		row.product_name = product.product_name
		row.billing_period = product.billing_period  # a product is sold per its own period (5.5)
		row.periods = billing.count_periods(
			getdate(row.start_date), getdate(row.end_date), row.billing_period
		)
		row.amount = flt(billing.line_amount(row.quantity, row.unit_price, row.periods, row.discount_percent))
	set_totals(doc)


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


def set_totals(doc):
	"""PPN under the rule the document was first saved under (services/common/tax_rules.py)."""
	tax_rules.stamp_rule(doc, today())
	tax_rules.document_tax(doc)
	if doc.meta.has_field("start_date"):
		doc.start_date = min(getdate(row.start_date) for row in doc.items)
		doc.end_date = max(getdate(row.end_date) for row in doc.items)


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
