"""The tax side of the sales documents (6.4, 6.6, 6.8; issue 11): PPN on DPP Nilai Lain, the tax-invoice code, PPh 23
and the stamp duty on the receipt, read from the settings and the buyer category and worked out by
domain/tax.py (the rules and their legal sources are there).

An invoice is stamped, when it is issued, with the rule of its date (rate and DPP factor), the
buyer's category and identity and the seller's identity; every later save recomputes the amounts
from what is stamped, so an invoice keeps the rule it was issued under when the law changes."""

from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import flt, getdate

from antara_sales.doctypes import BUYER_CATEGORY, CUSTOMER
from antara_sales.domain import identifiers, tax
from antara_sales.services.common.settings import get_settings

DEFAULT_CATEGORY = "Umum"  # a shipped Buyer Category: an ordinary buyer, code 04


def ppn_rules() -> list[tax.PpnRule]:
	return [
		tax.PpnRule(
			effective_from=getdate(row.effective_from),
			rate=Decimal(str(row.rate or 0)),
			dpp_numerator=int(row.dpp_numerator or 1),
			dpp_denominator=int(row.dpp_denominator or 1),
		)
		for row in get_settings().ppn_rules
	]


def rule_on(day) -> tax.PpnRule:
	try:
		return tax.rule_on(ppn_rules(), getdate(day))
	except tax.NoPpnRule:
		frappe.throw(
			_("No PPN rule applies on {0}: add one to {1} in ANTARA Sales Settings.").format(
				frappe.format_value(getdate(day), {"fieldtype": "Date"}), frappe.bold(_("PPN Rules"))
			)
		)


RULE_FIELDS = ("tax_rate", "dpp_numerator", "dpp_denominator")  # the rule a document was taxed under


def copy_rule(source, target):
	"""A document made from another keeps its rule: contract from order, change from contract."""
	for fieldname in RULE_FIELDS:
		if target.meta.has_field(fieldname):
			target.set(fieldname, source.get(fieldname))


def stamp_rule(doc, day):
	"""Give `doc` (an invoice, order, contract or change) the rule of `day` unless it has one."""
	if doc.get("dpp_denominator"):
		return
	rule = rule_on(day)
	doc.tax_rate = flt(rule.rate)
	doc.dpp_numerator, doc.dpp_denominator = rule.dpp_numerator, rule.dpp_denominator


def rule_of(doc) -> tax.PpnRule:
	"""The rule `doc` was stamped with."""
	return tax.PpnRule(
		effective_from=getdate(doc.get("posting_date") or doc.get("creation")),
		rate=Decimal(str(doc.tax_rate or 0)),
		dpp_numerator=int(doc.dpp_numerator or 1),
		dpp_denominator=int(doc.dpp_denominator or 1),
	)


def document_tax(doc) -> tax.DocumentTax:
	"""PPN of `doc`'s lines under its stamped rule; the lines get their DPP and PPN when they have
	the fields (invoice lines do, for Coretax)."""
	result = tax.document_tax([row.amount for row in doc.items], rule_of(doc))
	for row, line in zip(doc.items, result.lines, strict=True):
		if row.meta.has_field("dpp_amount"):
			row.dpp_amount, row.tax_amount = flt(line.dpp), flt(line.ppn)
	doc.total_amount, doc.tax_amount, doc.grand_total = (
		flt(result.price),
		flt(result.ppn),
		flt(result.grand_total),
	)
	if doc.meta.has_field("dpp_amount"):
		doc.dpp_amount = flt(result.dpp)
	return result


# The buyer.


def category(name: str | None) -> tax.BuyerCategory:
	row = frappe.get_cached_doc(BUYER_CATEGORY, name or DEFAULT_CATEGORY)
	return tax.BuyerCategory(
		transaction_code=row.transaction_code,
		collects_ppn=bool(row.collects_ppn),
		collection_threshold=Decimal(str(row.collection_threshold or 0)),
		is_bumn=bool(row.is_bumn),
		threshold_includes_ppn=bool(row.threshold_includes_ppn),
	)


def buyer_identity(customer: str) -> dict:
	"""What the invoice takes from the customer record when it is issued."""
	values = frappe.db.get_value(
		CUSTOMER, customer, ["npwp", "buyer_category", "tax_id_type", "nitku"], as_dict=True
	)
	return {
		# the buyer as registered now: a tax invoice names the current NPWP, not the order's copy
		"npwp": values.npwp,
		"buyer_category": values.buyer_category or DEFAULT_CATEGORY,
		"tax_id_type": values.tax_id_type,
		"buyer_nitku": values.nitku,
	}


def seller_identity() -> dict:
	settings = get_settings()
	return {"seller_npwp": settings.seller_npwp, "seller_nitku": settings.seller_nitku}


# The invoice.


def apply_to_invoice(invoice, *, corrected_code: str | None = None):
	"""Amounts, code, withholding and what is payable, from the invoice's stamped rule and buyer.
	A correction (credit note, prorated charge) keeps the code of the invoice it corrects."""
	result = document_tax(invoice)
	if corrected_code:
		collected = corrected_code != tax.ORDINARY_CODE
		code = tax.TaxCode(corrected_code, collected, tax.COLLECTED if collected else tax.ORDINARY)
	else:
		code = tax.transaction_code(
			category(invoice.buyer_category),
			payment=result.grand_total,
			ppn=result.ppn,
			bumn_collects_from_perum=bool(get_settings().bumn_collects_from_perum),
		)
	invoice.transaction_code = code.code
	invoice.ppn_collected_by_buyer = int(code.collected_by_buyer)
	pph23 = tax.withholding(result.price, invoice.pph23_rate or 0)
	invoice.pph23_amount = flt(pph23)
	invoice.amount_payable = flt(
		tax.amount_payable(
			grand_total=result.grand_total,
			ppn=result.ppn,
			collected_by_buyer=code.collected_by_buyer,
			pph23=pph23,
		)
	)
	settings = get_settings()
	invoice.stamp_duty_due = int(
		tax.stamp_duty_on_receipt(
			abs(Decimal(str(invoice.amount_payable))),
			threshold=Decimal(str(settings.stamp_duty_threshold or 0)),
			duty=Decimal(str(settings.stamp_duty_amount or 0)),
		)
		> 0
	)


def is_settled(invoice) -> bool:
	"""Paid in full: the whole payable, or short by exactly the PPh 23 with its slip recorded."""
	return tax.settled(
		paid=Decimal(str(invoice.paid_amount or 0)),
		amount_payable=Decimal(str(invoice.amount_payable or 0)),
		pph23=Decimal(str(invoice.pph23_amount or 0)),
		slip_recorded=bool((invoice.withholding_slip_number or "").strip()),
	)


# The settings' and the category's own rules (their controllers call these).

# What a new site starts with (ANTARA Sales Settings > PPN Rules): UU 7/2021 (HPP) Pasal 7 ayat (1)
# huruf a, 11 % from 1 April 2022; PMK 131/2024 Pasal 3, 12 % on DPP Nilai Lain 11/12 from 2025.
SHIPPED_PPN_RULES = (
	{
		"effective_from": "2022-04-01",
		"rate": 11,
		"dpp_numerator": 1,
		"dpp_denominator": 1,
		"legal_basis": "UU 7/2021 (HPP) Pasal 7 ayat (1) huruf a",
	},
	{
		"effective_from": "2025-01-01",
		"rate": 12,
		"dpp_numerator": 11,
		"dpp_denominator": 12,
		"legal_basis": "PMK 131/2024 Pasal 3",
	},
)


def check_settings(settings):
	problems = tax.rule_problems(
		tax.PpnRule(r.effective_from, r.rate or 0, r.dpp_numerator or 0, r.dpp_denominator or 0)
		for r in settings.ppn_rules
		if r.effective_from
	)
	label = frappe.bold(_("PPN Rules"))
	if "rate" in problems:
		frappe.throw(_("{0}: each {1} must be between 0 and 100.").format(label, frappe.bold(_("PPN Rate"))))
	if "factor" in problems:
		frappe.throw(
			_("{0}: each {1} must be at least 1 and not more than its {2}.").format(
				label, frappe.bold(_("DPP Numerator")), frappe.bold(_("DPP Denominator"))
			)
		)
	if "duplicate_date" in problems:
		frappe.throw(_("{0}: two rules start on the same date.").format(label))
	for fieldname, check in (("seller_npwp", identifiers.normalize_npwp),):
		if settings.get(fieldname):
			settings.set(fieldname, normalized(settings, fieldname, check))
	if settings.seller_nitku:
		settings.seller_nitku = normalized(
			settings, "seller_nitku", lambda v: identifiers.normalize_nitku(v, settings.seller_npwp)
		)
	for fieldname in ("stamp_duty_amount", "stamp_duty_threshold"):
		if flt(settings.get(fieldname)) < 0:
			frappe.throw(
				_("{0} must not be negative.").format(frappe.bold(_(settings.meta.get_label(fieldname))))
			)


def normalized(doc, fieldname: str, check) -> str:
	from antara_sales.services.ordering.customer import throw_invalid

	try:
		return check(doc.get(fieldname))
	except identifiers.InvalidIdentifier as e:
		throw_invalid(doc.meta.get_label(fieldname), doc.get(fieldname), str(e))


def check_buyer_category(doc):
	"""A code that says the buyer collects must come with collection, and the reverse (PER-03/PJ/2022
	as amended: 02 and 03 are the collectors' codes)."""
	collects = doc.transaction_code != tax.ORDINARY_CODE
	if bool(doc.collects_ppn) != collects:
		frappe.throw(
			_("{0} {1} means the buyer collects the PPN: tick {2} for it, and only for it.").format(
				frappe.bold(_("Transaction Code (Kode Transaksi)")),
				doc.transaction_code,
				frappe.bold(_("Buyer Collects the PPN")),
			)
			if collects
			else _("{0} {1} means ANTARA collects the PPN: untick {2}.").format(
				frappe.bold(_("Transaction Code (Kode Transaksi)")),
				doc.transaction_code,
				frappe.bold(_("Buyer Collects the PPN")),
			)
		)
	if flt(doc.collection_threshold) < 0:
		frappe.throw(_("{0} must not be negative.").format(frappe.bold(_("Not Collected up to"))))
