"""Invoices of a signed contract (6.3, 6.8): per the contract's billing terms, up front or one per billing
period, in IDR with PPN under the rule of the invoice's date (services/fulfilling/tax_rules.py, issue
11); adjustments (credit notes and prorated charges) for approved changes (F/KOM/004). Only the fulfilment service issues invoices;
finance records payments. The database's unique key on the invoice key keeps one invoice per
contract per period, and one adjustment per change.

This module owns the contract's `next_invoice_date` (issue 12): set_next_invoice_date is its only
writer; the daily job and the demo only read it."""

from contextvars import ContextVar
from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import flt, get_link_to_form, getdate, today

from antara_sales.doctypes import CONTRACT, INVOICE
from antara_sales.doctypes import INVOICE_ITEM as ITEM
from antara_sales.domain import fulfilment as rules
from antara_sales.domain import invoicing, print_text
from antara_sales.domain.billing import money
from antara_sales.services.common import tax_rules
from antara_sales.services.common.notify import NEW_INVOICE, notify_from_template
from antara_sales.services.common.settings import get_settings
from antara_sales.services.printing.print_context import terbilang
from antara_sales.services.workflow import steps

PERIOD_INVOICE, CREDIT_NOTE, PRORATED_CHARGE = "Period Invoice", "Credit Note", "Prorated Charge"

# The key of the invoice that issue() is inserting: check_origin lets that one in. Private to this
# module, so no caller can pass itself off as the fulfilment service (issue 12).
_being_issued: ContextVar[str | None] = ContextVar("antara_invoice_being_issued", default=None)


# What the contract bills.


def lines_of(contract) -> list[invoicing.Line]:
	return [
		invoicing.Line(
			product=row.product,
			product_name=row.product_name,
			billing_period=row.billing_period,
			quantity=row.quantity,
			start=getdate(row.start_date),
			end=getdate(row.end_date),
			amount=money(row.amount),
			periods=row.periods or 0,
		)
		for row in contract.items
	]


def live_invoices(contract_name: str, invoice_type: str | None = None) -> list:
	"""Submitted invoices, read with a lock so that a job sees what a racing job committed."""
	filters = {"contract": contract_name, "docstatus": 1}
	if invoice_type:
		filters["invoice_type"] = invoice_type
	return frappe.db.get_values(
		INVOICE,
		filters,
		["name", "period_start", "period_end", "status", "invoice_type"],
		as_dict=True,
		order_by="period_start asc, creation asc",
		for_update=True,
	)


def billed_periods(contract_name: str) -> list[invoicing.Period]:
	return [
		invoicing.Period(getdate(row.period_start), getdate(row.period_end))
		for row in live_invoices(contract_name, PERIOD_INVOICE)
	]


def billed_charges(contract_name: str) -> list[invoicing.Charge]:
	names = [row.name for row in live_invoices(contract_name)]
	if not names:
		return []
	rows = frappe.db.get_values(
		ITEM,
		{"parenttype": INVOICE, "parent": ("in", names)},
		[
			"product",
			"product_name",
			"billing_period",
			"quantity",
			"service_start",
			"service_end",
			"amount",
			"period_start",
		],
		as_dict=True,
	)
	return [
		invoicing.Charge(
			r.product,
			r.product_name,
			r.billing_period,
			r.quantity or 0,
			getdate(r.service_start),
			getdate(r.service_end),
			money(r.amount),
			getdate(r.period_start),
		)
		for r in rows
	]


def anchor_of(contract, billed: list[invoicing.Period]):
	return min(p.start for p in billed) if billed else getdate(contract.start_date)


def stop_of(contract):
	return getdate(contract.terminated_on) if contract.terminated_on else None


def unbilled_periods(contract, *, until=None, first_only: bool = False):
	"""(lines, anchor, the periods not billed yet) of a contract, by invoicing.periods_to_bill."""
	lines = lines_of(contract)
	billed = billed_periods(contract.name)
	anchor = anchor_of(contract, billed)
	periods = invoicing.periods_to_bill(
		anchor=anchor,
		contract_end=getdate(contract.end_date),
		lines=lines,
		terms=contract.billing_terms or invoicing.PER_PERIOD,
		billed=billed,
		until=until,
		stop=stop_of(contract),
		first_only=first_only,
	)
	return lines, anchor, periods


def bill(contract, *, on, first_only: bool = False) -> list:
	"""Issue the regular invoices that are due on `on`; returns them. Nothing while suspended.
	`first_only` is the signing: the first period's invoice, even for a period that starts later."""
	if steps.is_at(contract, "suspended"):
		return []
	lines, anchor, due = unbilled_periods(contract, until=None if first_only else on, first_only=first_only)
	made = []
	for period in due:
		charges = invoicing.charges_for(period, lines, anchor=anchor, stop=stop_of(contract))
		if charges:
			key = rules.invoice_key(contract.name, period.start)
			made.append(issue(contract, PERIOD_INVOICE, charges, key=key, on=on, period=period))
	set_next_invoice_date(contract)
	return made


def set_next_invoice_date(contract):
	"""The first period still to bill that has something in it: the daily job looks only at contracts
	whose date has come, so it does not read every contract every day. None once the contract is
	cancelled. The only writer of `next_invoice_date` (issue 12), recomputed from what is billed."""
	if contract.docstatus != 1:
		frappe.db.set_value(CONTRACT, contract.name, "next_invoice_date", None, update_modified=False)
		return
	lines, anchor, upcoming = unbilled_periods(contract)
	next_date = next(
		(p.start for p in upcoming if invoicing.charges_for(p, lines, anchor=anchor, stop=stop_of(contract))),
		None,
	)
	frappe.db.set_value(CONTRACT, contract.name, "next_invoice_date", next_date, update_modified=False)


def adjust_for_change(contract, change, *, on):
	"""The credit note or prorated charge that an approved change implies for periods already billed."""
	key = rules.adjustment_key(contract.name, change.name)
	if frappe.db.get_value(INVOICE, {"invoice_key": key}, "name", for_update=True):
		return None
	billed = billed_periods(contract.name)
	if not billed:
		return None  # nothing billed yet: the regular invoices follow the new terms
	stop = getdate(change.effective_date) if change.change_type == "Terminate" else stop_of(contract)
	charges = invoicing.adjustment(
		billed_periods=billed,
		billed=billed_charges(contract.name),
		lines=lines_of(contract),
		effective=getdate(change.effective_date),
		anchor=anchor_of(contract, billed),
		stop=stop,
	)
	if not charges:
		return None
	net = sum((c.amount for c in charges), Decimal(0))
	kind = CREDIT_NOTE if net < 0 else PRORATED_CHARGE
	return issue(contract, kind, charges, key=key, on=on, change=change)


# Issuing.


def issue(contract, invoice_type: str, charges, *, key: str, on, period=None, change=None):
	settings = get_settings()
	corrected = corrected_invoices(contract.name, charges) if change else {}
	invoice = frappe.get_doc(
		{
			"doctype": INVOICE,
			"invoice_key": key,
			"invoice_type": invoice_type,
			"contract": contract.name,
			"owning_department": contract.department,  # whose people see it (permissions.py)
			"account_executive": contract.account_executive,
			"customer": contract.customer,
			"customer_name": contract.customer_name,
			"email": contract.email,
			"address": contract.address,
			"posting_date": on,
			"due_date": invoicing.due_date(getdate(on), settings.invoice_due_days),
			"period_start": period.start if period else min(c.service_start for c in charges),
			"period_end": period.end if period else max(c.service_end for c in charges),
			"subscription_change": change.name if change else None,
			"pph23_rate": flt(contract.get("pph23_rate") or 0),
			**tax_rules.buyer_identity(contract.customer),
			**tax_rules.seller_identity(),
			**rule_fields(corrected),
			"items": [item_row(c, invoice_type, change, corrected) for c in charges],
		}
	)
	invoice.flags.ignore_permissions = True
	being_issued = _being_issued.set(key)
	try:
		invoice.insert()
	finally:
		_being_issued.reset(being_issued)
	invoice.submit()
	tell_finance(invoice)
	return invoice


def corrected_invoices(contract_name: str, charges) -> dict:
	"""The period invoice each adjustment line corrects, by the period it was billed in."""
	starts = {c.period_start for c in charges}
	return {
		getdate(row.period_start): row
		for row in frappe.db.get_values(
			INVOICE,
			{"contract": contract_name, "docstatus": 1, "invoice_type": PERIOD_INVOICE},
			["name", "period_start", "tax_rate", "dpp_numerator", "dpp_denominator", "transaction_code"],
			as_dict=True,
		)
		if getdate(row.period_start) in starts
	}


def rule_fields(corrected: dict) -> dict:
	"""An adjustment is taxed as the invoice it corrects was, so that a credit reverses the tax that
	was charged; a period invoice takes the rule of its date (set_totals)."""
	if not corrected:
		return {}
	first = min(corrected.values(), key=lambda row: getdate(row.period_start))
	return {
		"tax_rate": first.tax_rate,
		"dpp_numerator": first.dpp_numerator or 1,
		"dpp_denominator": first.dpp_denominator or 1,
	}


def item_row(charge, invoice_type: str, change, corrected: dict) -> dict:
	if change:
		description = _("{0} from {1} ({2})").format(
			_(invoice_type), print_text.tanggal(charge.service_start), change.name
		)
	else:
		description = _("{0} – {1}").format(charge.service_start, charge.service_end)
	original = corrected.get(charge.period_start)
	return {
		"product": charge.product,
		"product_name": charge.product_name,
		"billing_period": charge.billing_period,
		"quantity": charge.quantity,
		"service_start": charge.service_start,
		"service_end": charge.service_end,
		"period_start": charge.period_start,
		"description": description,
		"amount": flt(charge.amount, 2),
		"corrects_invoice": original.name if original else None,
	}


def finance_people() -> list[str]:
	from antara_sales.services.fulfilling.ticket import department_people, downstream_department

	return department_people(downstream_department(rules.FINANCE))


def tell_finance(invoice):
	"""Finance is notified of each new invoice (6.8)."""
	notify_from_template(
		finance_people(),
		invoice,
		NEW_INVOICE,
		invoice_type=_(invoice.invoice_type, lang="id"),  # the template is Indonesian
		amount=frappe.format_value(invoice.grand_total, {"fieldtype": "Currency"}),
		period_start=print_text.tanggal(invoice.period_start),
		period_end=print_text.tanggal(invoice.period_end),
		due_date=print_text.tanggal(invoice.due_date),
		link=get_link_to_form(INVOICE, invoice.name),
	)


# Cancelling with the contract.


def cancel_with_contract(contract_name: str, reason: str) -> tuple[list[str], list[str]]:
	"""Cancel the contract's unpaid invoices; keep paid ones (and settled credits), with a note."""
	cancelled, kept = [], []
	for row in live_invoices(contract_name):
		invoice = frappe.get_doc(INVOICE, row.name)
		if invoice.status in invoicing.KEPT_WHEN_CONTRACT_CANCELLED:
			note = _("Kept: {0} on {1}. {2}").format(_(invoice.status), invoice.paid_on, reason)
			invoice.db_set("note", join_note(invoice.note, note))
			invoice.add_comment("Info", note)
			kept.append(invoice.name)
			continue
		invoice.note = join_note(invoice.note, _("Cancelled: {0}").format(reason))
		invoice.flags.ignore_permissions = True
		invoice.cancel()
		cancelled.append(invoice.name)
	return cancelled, kept


def join_note(old: str | None, new: str) -> str:
	return f"{old}\n{new}" if old else new


# The invoice's own rules (its controller calls these).


def check_origin(invoice):
	"""Only the fulfilment service issues invoices (issue(), 6.8); finance corrects one by cancelling
	and amending."""
	if invoice.is_new() and not (invoice.amended_from or _being_issued.get() == invoice.invoice_key):
		frappe.throw(
			_(
				"Invoices are issued by the fulfilment of a signed contract (6.8); to correct one, cancel it and amend it."
			),
			frappe.PermissionError,
		)


def set_key(invoice):
	"""The natural key, recomputed so that an amended invoice takes its original's place."""
	if invoice.subscription_change:
		invoice.invoice_key = rules.adjustment_key(invoice.contract, invoice.subscription_change)
	elif invoice.period_start:
		invoice.invoice_key = rules.invoice_key(invoice.contract, getdate(invoice.period_start))


def set_totals(invoice):
	tax_rules.stamp_rule(invoice, invoice.posting_date)
	tax_rules.apply_to_invoice(invoice, corrected_code=corrected_code(invoice))
	invoice.in_words = terbilang(invoice.grand_total).capitalize()  # the sentence the invoice prints


def corrected_code(invoice) -> str | None:
	"""An adjustment keeps the tax-invoice code of the invoice it corrects (Coretax replaces that one)."""
	originals = {row.corrects_invoice for row in invoice.items if row.corrects_invoice}
	if not originals:
		return None
	return frappe.db.get_value(INVOICE, sorted(originals)[0], "transaction_code")


def check_type(invoice):
	"""A credit note credits and a charge charges: the sign follows the type."""
	if invoice.invoice_type == CREDIT_NOTE and invoice.grand_total >= 0:
		frappe.throw(_("A {0} must have a negative total.").format(_(CREDIT_NOTE)))
	if invoice.invoice_type != CREDIT_NOTE and invoice.grand_total < 0:
		frappe.throw(
			_("{0} must not be negative on a {1}.").format(
				frappe.bold(_("Grand Total")), _(invoice.invoice_type)
			)
		)


def set_status(invoice):
	invoice.status = invoicing.invoice_status(
		docstatus=invoice.docstatus,
		grand_total=invoice.grand_total,
		paid_on=getdate(invoice.paid_on) if invoice.paid_on else None,
		settled=invoice.grand_total < 0 or tax_rules.is_settled(invoice),
		due=getdate(invoice.due_date) if invoice.due_date else None,
		today=getdate(today()),
	)


def check_payment(invoice):
	"""A payment is recorded with its date and what was received; the PPh 23 slip is the buyer's
	proof of the withholding (UU PPh Pasal 23) that lets a short payment count as full."""
	invoice.withholding_slip_number = (invoice.withholding_slip_number or "").strip() or None
	if invoice.paid_on and getdate(invoice.paid_on) < getdate(invoice.posting_date):
		frappe.throw(
			_("{0} cannot be before {1}.").format(frappe.bold(_("Paid on")), frappe.bold(_("Invoice Date")))
		)
	if invoice.grand_total < 0:
		return  # a credit note is settled by the refund or offset its date records
	if flt(invoice.paid_amount) < 0:
		frappe.throw(_("{0} must not be negative.").format(frappe.bold(_("Amount Received"))))
	if invoice.paid_on and not flt(invoice.paid_amount):
		frappe.throw(
			_("Enter the {0} with the {1}.").format(
				frappe.bold(_("Amount Received")), frappe.bold(_("Paid on"))
			)
		)
	if flt(invoice.paid_amount) and not invoice.paid_on:
		frappe.throw(
			_("Enter the {0} with the {1}.").format(
				frappe.bold(_("Paid on")), frappe.bold(_("Amount Received"))
			)
		)


def release_key(invoice):
	"""A cancelled invoice gives up its key, so the period can be invoiced again: by amending it, or
	else by the next daily run (finance cancelling one by hand); nothing is deleted."""
	if invoice.invoice_key:
		invoice.db_set("invoice_key", rules.released_key(invoice.invoice_key, invoice.name))
	invoice.db_set("status", invoicing.CANCELLED)
	if invoice.invoice_type == PERIOD_INVOICE:
		# Its period is unbilled again, so the next invoice date moves back to it; none when the
		# contract itself was cancelled (read from the contract, not from who cancelled, issue 12).
		set_next_invoice_date(frappe.get_doc(CONTRACT, invoice.contract))


def mark_overdue_invoices():
	"""Daily: unpaid invoices past their due date become Overdue."""
	for name in frappe.get_all(
		INVOICE,
		filters={"docstatus": 1, "status": invoicing.UNPAID, "due_date": ("<", today())},
		pluck="name",
	):
		frappe.db.set_value(INVOICE, name, "status", invoicing.OVERDUE, update_modified=False)
