"""Subscription changes, F/KOM/004: verified like a new order (6.5), then approved by submitting,
which amends the contract.

History: the contract keeps its number and is amended in place, because tickets, invoices and the
customer's status hang off that number; the terms before each change stay readable on the change
itself (Products before the Change), and the contract carries a revision number and a comment
naming each change that amended it. Frappe's cancel-and-amend chain was not used: it would cancel a live contract, and with
it the downstream work of 6.8, for every change."""

import frappe
from frappe import _
from frappe.utils import get_link_to_form, getdate

from antara_sales.doctypes import CONTRACT
from antara_sales.services.common import tax_rules
from antara_sales.services.ordering import customer as customer_service
from antara_sales.services.ordering import order_lines
from antara_sales.services.verifying import verification
from antara_sales.services.workflow import steps, workflow_guard

LINE_CHANGES = ("Add Product", "Remove Product", "Change Quantity", "Change Period", "Renew")
# The changes without new lines, and the contract's workflow step each takes.
CONTRACT_STEPS = {"Suspend": "suspend", "Terminate": "terminate"}
NO_LINE_CHANGES = tuple(CONTRACT_STEPS)


def active_contract(change):
	contract = frappe.get_doc(CONTRACT, change.contract)
	if contract.docstatus != 1 or not steps.is_at(contract, "signed", "suspended"):
		frappe.throw(
			_("{0} is {1}; only a signed, active contract can be changed (F/KOM/004).").format(
				get_link_to_form(contract.doctype, contract.name), _(contract.status)
			),
			title=_("Contract Not Active"),
		)
	return contract


def prefill(change, contract):
	if change.is_new() or change.has_value_changed("contract"):
		order_lines.copy_lines(contract.items, change, "previous_items")
		change.previous_grand_total = contract.grand_total
		if not change.items:
			order_lines.copy_lines(contract.items, change)


def contract_lines(contract_name: str) -> dict:
	"""F/KOM/004 in the form, before the first save: the contract's current products, as both
	"Products before the Change" and the starting "Products after the Change", with the totals.
	The same prefill the server runs on save (prefill), which stays the authority."""
	draft = frappe.new_doc("ANTARA Subscription Change")
	draft.contract = contract_name
	contract = active_contract(draft)
	prefill(draft, contract)
	tax_rules.copy_rule(contract, draft)
	for field in ("total_amount", "dpp_amount", "tax_amount", "grand_total"):
		draft.set(field, contract.get(field))
	lines = {
		table: [{f: row.get(f) for f in order_lines.LINE_FIELDS} for row in draft.get(table)]
		for table in ("previous_items", "items")
	}
	return {
		**lines,
		**{
			f: draft.get(f)
			for f in (
				"previous_grand_total",
				"tax_rate",
				"total_amount",
				"dpp_amount",
				"tax_amount",
				"grand_total",
			)
		},
	}


def validate(change):
	# Verified like a new order (6.5), and approved as verified: held from hand-over to approval.
	verification.check_unchanged_under_verification(
		change,
		steps_held=("verification", "verified"),
		derived=(*order_lines.DERIVED_FIELDS, *tax_rules.RULE_FIELDS, "previous_grand_total"),
		table_derived={t: order_lines.DERIVED_LINE_FIELDS for t in ("items", "previous_items")},
	)
	verification.handed_over(change)
	contract = active_contract(change)
	prefill(change, contract)
	if change.change_type in NO_LINE_CHANGES:
		order_lines.copy_lines(change.previous_items, change)
		change.total_amount = change.dpp_amount = change.tax_amount = 0
		change.grand_total = change.previous_grand_total
	else:
		tax_rules.copy_rule(contract, change)
		# The contract's prices and discounts were granted at 6.4; the AE carries them over.
		order_lines.validate_and_price(change, department=contract.department, granted=contract.items)
	if (
		not getdate(contract.start_date) <= getdate(change.effective_date) <= getdate(contract.end_date)
		and change.change_type != "Renew"
	):
		frappe.throw(
			_("{0} must fall within the contract's period, {1} to {2}.").format(
				frappe.bold(_("Effective Date")), contract.start_date, contract.end_date
			)
		)


def apply_to_contract(change):
	"""Approving a verified change (the workflow's Approve submits it) amends the contract, in the
	approving Manager's name."""
	if not steps.is_at(change, "approved"):
		return  # a rejected change is only frozen
	contract = frappe.get_doc(CONTRACT, change.contract)
	if change.change_type == "Terminate":
		contract.terminated_on = change.effective_date
	elif change.change_type not in NO_LINE_CHANGES:
		order_lines.copy_lines(change.items, contract)
		order_lines.set_totals(contract)
	contract.revision = (contract.revision or 0) + 1
	contract.flags.ignore_validate_update_after_submit = True  # amended by its approved change
	contract.add_comment("Info", _("Amended by {0} ({1}).").format(change.name, _(change.change_type)))
	contract.save()
	if change.change_type in NO_LINE_CHANGES:
		workflow_guard.apply(contract, steps.action(contract.doctype, CONTRACT_STEPS[change.change_type]))
	change.db_set({"approved_by": frappe.session.user, "contract_revision": contract.revision})
	customer_service.refresh_status(contract.customer)
