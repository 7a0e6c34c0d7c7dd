"""Customer rules: Indonesian identifiers (6.5.1), the tax identity on invoices (issue 11), duplicates,
and the status of 5.3/5.4."""

import frappe
from frappe import _
from frappe.utils import get_link_to_form, getdate, now_datetime

from antara_sales.doctypes import BUYER_CATEGORY, CONTRACT
from antara_sales.domain import customer_status, identifiers
from antara_sales.services.common.settings import get_settings


def throw_invalid(label: str, value: str, reason: str):
	frappe.throw(
		_("{0} {1} is not valid: {2}.").format(_(label), frappe.bold(value), _(reason)),
		title=_("Invalid {0}").format(_(label)),
	)


def normalize_npwp(value: str | None, label: str = "NPWP") -> str | None:
	if not value:
		return value
	try:
		return identifiers.normalize_npwp(value)
	except identifiers.InvalidIdentifier as e:
		throw_invalid(label, value, str(e))


def normalize_phone(value: str | None, label: str = "Phone") -> str | None:
	if not value:
		return value
	try:
		return identifiers.normalize_phone(value)
	except identifiers.InvalidIdentifier as e:
		throw_invalid(label, value, str(e))


def normalize_identifiers(doc):
	doc.customer_name = " ".join((doc.customer_name or "").split())
	doc.normalized_name = identifiers.normalize_name(doc.customer_name)
	doc.npwp = normalize_npwp(doc.npwp, "NIK" if doc.tax_id_type == "NIK" else "NPWP")
	doc.phone = normalize_phone(doc.phone)
	doc.email = (doc.email or "").strip().lower() or None
	for contact in doc.contacts:
		contact.phone = normalize_phone(contact.phone, "Contact Phone")
	if doc.customer_type == "Institution" and not doc.npwp:
		frappe.throw(
			_("{0} is required for an institution.").format(frappe.bold(_("NPWP"))), title=_("Missing NPWP")
		)


# What a customer is by default, by its type: the buyer category the patch gives existing customers
# and the form proposes, and how the tax invoice identifies it.
DEFAULT_TAX_ID_TYPE = {"Institution": "NPWP", "Individual": "NIK"}
DEFAULT_BUYER_CATEGORY = {"Institution": "Badan Usaha", "Individual": "Umum"}


def default_tax_id_type(customer_type: str | None, npwp: str | None) -> str:
	"""NPWP for an institution; NIK for an individual, unless the number is a company-style NPWP
	(0 + the old 15 digits), which no NIK can be (a NIK starts with a province code)."""
	if npwp and not identifiers.is_nik(npwp):
		return "NPWP"
	return DEFAULT_TAX_ID_TYPE.get(customer_type or "", "NPWP")


def set_tax_identity(doc):
	"""Issue 11: the buyer's identity on the Faktur Pajak (PMK 112/PMK.03/2022 Pasal 2 ayat (1)).
	An institution is identified by its 16-digit NPWP; an individual by the NIK, which is also a
	resident's NPWP; the NITKU (PER-6/PJ/2024) is the NPWP + the place of business, 000000 by default.
	Runs after normalize_identifiers, so doc.npwp is in the 16-digit form."""
	doc.tax_id_type = doc.tax_id_type or default_tax_id_type(doc.customer_type, doc.npwp)
	doc.buyer_category = doc.buyer_category or DEFAULT_BUYER_CATEGORY.get(doc.customer_type, "Umum")
	if doc.customer_type == "Institution" and doc.tax_id_type != "NPWP":
		frappe.throw(
			_("An institution is identified by its NPWP: set {0} to NPWP.").format(
				frappe.bold(_("Tax ID Type"))
			),
			title=_("Invalid {0}").format(_("Tax ID Type")),
		)
	if doc.tax_id_type == "NIK" and doc.npwp and not identifiers.is_nik(doc.npwp):
		frappe.throw(
			_("{0} is an NPWP, not a NIK: set {1} to NPWP.").format(
				frappe.bold(doc.npwp), frappe.bold(_("Tax ID Type"))
			),
			title=_("Invalid {0}").format(_("Tax ID Type")),
		)
	check_buyer_category(doc)
	doc.nitku = normalize_nitku(doc)


def check_buyer_category(doc):
	needs_npwp = frappe.db.get_value(BUYER_CATEGORY, doc.buyer_category, "needs_npwp")
	if needs_npwp is None:
		frappe.throw(
			_("{0} {1} not found").format(_("Buyer Category"), frappe.bold(doc.buyer_category)),
			frappe.LinkValidationError,
		)
	if needs_npwp and (doc.tax_id_type != "NPWP" or not doc.npwp):
		frappe.throw(
			_(
				"A customer of buyer category {0} is identified by its NPWP: set {1} to NPWP and fill in {2}."
			).format(frappe.bold(doc.buyer_category), frappe.bold(_("Tax ID Type")), frappe.bold(_("NPWP"))),
			title=_("NPWP Required"),
		)


def normalize_nitku(doc) -> str | None:
	"""The NITKU as DJP writes it; empty means the head office. A NITKU that was the head office of
	the NPWP before this edit follows a corrected NPWP instead of being refused for not matching."""
	value = doc.nitku
	before = doc.get_doc_before_save() if not doc.is_new() else None
	if before and before.npwp != doc.npwp and value == identifiers.default_nitku(before.npwp):
		value = None
	try:
		return identifiers.normalize_nitku(value, doc.npwp)
	except identifiers.InvalidIdentifier as e:
		throw_invalid("NITKU", value, str(e))


def refuse_duplicate(doc):
	"""Same NPWP, or same normalised name and email, is the same customer."""
	others = {"name": ("!=", doc.name or "")}
	# Every stored NPWP passed normalize_npwp (16 digits), so equal numbers are equal strings.
	existing = doc.npwp and frappe.db.get_value("ANTARA Customer", {**others, "npwp": doc.npwp})
	if not existing and doc.email:
		existing = frappe.db.get_value(
			"ANTARA Customer", {**others, "normalized_name": doc.normalized_name, "email": doc.email}
		)
	if existing:
		frappe.throw(
			_("This customer already exists as {0}.").format(get_link_to_form("ANTARA Customer", existing)),
			frappe.DuplicateEntryError,
			title=_("Duplicate Customer"),
		)


def held_periods(customer: str) -> list[customer_status.Period]:
	"""Periods in which the customer held a signed contract; a terminated one ends on termination."""
	rows = frappe.get_all(
		CONTRACT,
		filters={"customer": customer, "docstatus": 1},
		fields=["name", "start_date", "end_date", "terminated_on"],
	)
	return [
		customer_status.Period(getdate(r.start_date), getdate(r.terminated_on or r.end_date), r.name)
		for r in rows
		if r.start_date and (r.terminated_on or r.end_date)
	]


def compute_status(customer: str) -> customer_status.StatusResult:
	settings = get_settings()
	return customer_status.compute_status(
		held_periods(customer),
		new_from=settings.new_customer_min_periods or 1,
		existing_from=settings.existing_customer_min_periods or 3,
		max_gap_days=settings.period_gap_days if settings.period_gap_days is not None else 31,
	)


def refresh_status(customer: str) -> customer_status.StatusResult:
	"""Store the status with the periods that justify it; called when a contract is signed, changed,
	terminated, expires or is cancelled."""
	result = compute_status(customer)
	frappe.db.set_value(
		"ANTARA Customer",
		customer,
		{
			"customer_status": result.status,
			"consecutive_periods": result.consecutive_periods,
			"status_evidence": result.evidence_text(),
			"status_computed_on": now_datetime(),
		},
	)
	return result
