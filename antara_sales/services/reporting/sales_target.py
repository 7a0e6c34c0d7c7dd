"""Sales targets per department and month, optionally per bureau and product (6.1.1)."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import flt, get_link_to_form

from antara_sales.domain import sales_targets
from antara_sales.roles import is_admin
from antara_sales.services.ordering.departments import check_product_owning
from antara_sales.services.reporting.sales_facts import MONTHS, TARGET, TARGET_FIELDS, as_targets


def set_month(target):
	if target.month not in MONTHS:
		frappe.throw(_("{0} must be a month of the year.").format(frappe.bold(_("Month"))))
	if not 2000 <= (target.year or 0) <= 2100:
		frappe.throw(_("{0} must be a year such as {1}.").format(frappe.bold(_("Year")), date.today().year))
	target.month_start = date(target.year, MONTHS.index(target.month) + 1, 1)


def check_department_and_product(target):
	check_product_owning(target.department, _("Product-Owning Department"), "6.1")
	if target.product:
		owner = frappe.get_cached_value("ANTARA Product", target.product, "department")
		if owner != target.department:
			frappe.throw(
				_("{0} belongs to {1}, not to {2}.").format(
					frappe.bold(target.product), owner, frappe.bold(target.department)
				)
			)


def check_amounts(target):
	if flt(target.target_amount) < 0 or (target.target_new_customers or 0) < 0:
		frappe.throw(
			_("{0} and {1} must not be negative.").format(
				frappe.bold(_("Sales Target (IDR, before PPN)")), frappe.bold(_("New Customers to Win"))
			)
		)


def check_who_sets_it(target):
	"""The department's Manager or its supervising GM sets its targets (6.1); admins set any."""
	user = frappe.session.user
	if is_admin(user):
		return
	people = frappe.get_cached_value("ANTARA Department", target.department, ["manager", "general_manager"])
	if user not in people:
		frappe.throw(
			_("Only the Manager or the General Manager of {0} sets its targets.").format(
				frappe.bold(target.department)
			),
			frappe.PermissionError,
		)


def check_overlap(target):
	"""Targets of one department and month must not overlap: each sale counts against one target."""
	this = as_targets([frappe._dict(target.as_dict(), name=target.name or "")])[0]
	others = as_targets(
		frappe.get_all(
			TARGET,
			filters={
				"department": target.department,
				"month_start": target.month_start,
				"name": ["!=", target.name or ""],
			},
			fields=TARGET_FIELDS,
		)
	)
	clashes = sales_targets.overlapping(this, others)
	if clashes:
		frappe.throw(
			_(
				"This target overlaps {0} for the same month: a sale would count against both. Set either one target for the whole department, or separate targets per bureau and/or product that do not overlap."
			).format(", ".join(get_link_to_form(TARGET, t.name) for t in clashes)),
			frappe.DuplicateEntryError,
			title=_("Overlapping Targets"),
		)


def set_key_title_and_weekly_figures(target):
	target.target_key = "|".join(
		(target.department, target.bureau or "", target.product or "", str(target.month_start)[:7])
	)
	parts = [target.department, f"{target.year}-{MONTHS.index(target.month) + 1:02d}"]
	if target.bureau:
		parts.append(target.bureau)
	if target.product:
		parts.append(
			frappe.get_cached_value("ANTARA Product", target.product, "product_name") or target.product
		)
	target.title = " · ".join(parts)
	target.weekly_amount = flt(sales_targets.weekly_figure(flt(target.target_amount), target.month_start))
	target.weekly_new_customers = sales_targets.weekly_people(
		flt(target.target_new_customers), target.month_start
	)


def validate(target):
	set_month(target)
	check_department_and_product(target)
	check_amounts(target)
	check_who_sets_it(target)
	check_overlap(target)
	set_key_title_and_weekly_figures(target)
