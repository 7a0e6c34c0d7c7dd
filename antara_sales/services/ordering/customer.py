"""Customer rules: Indonesian identifiers (6.5.1), duplicates, and the status of 5.3/5.4."""

import frappe
from frappe import _
from frappe.utils import get_link_to_form, getdate, now_datetime

from antara_sales.doctypes import CONTRACT
from antara_sales.domain import customer_status, identifiers
from antara_sales.services.common.settings import get_settings


def throw_invalid(label: str, value: str, reason: str):
	frappe.throw(
		_("{0} {1} is not valid: {2}.").format(_(label), frappe.bold(value), _(reason)),
		title=_("Invalid {0}").format(_(label)),
	)


def normalize_npwp(value: str | None) -> str | None:
	if not value:
		return value
	try:
		return identifiers.normalize_npwp(value)
	except identifiers.InvalidIdentifier as e:
		throw_invalid("NPWP", value, str(e))


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
	doc.npwp = normalize_npwp(doc.npwp)
	doc.phone = normalize_phone(doc.phone)
	doc.email = (doc.email or "").strip().lower() or None
	for contact in doc.contacts:
		contact.phone = normalize_phone(contact.phone, "Contact Phone")
	if doc.customer_type == "Institution" and not doc.npwp:
		frappe.throw(
			_("{0} is required for an institution.").format(frappe.bold(_("NPWP"))), title=_("Missing NPWP")
		)


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
