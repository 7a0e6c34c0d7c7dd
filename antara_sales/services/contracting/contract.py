"""The cooperation contract (6.6, 6.7): made from a verified Media Order by one action, signed by the
General Manager first and then by the customer; one copy to the customer, one archived, each with
its meterai (UU 10/2020, domain/signing.py)."""

import frappe
from frappe import _
from frappe.utils import get_link_to_form, getdate, now_datetime, today

from antara_sales.doctypes import BUYER_CATEGORY, CONTRACT, CUSTOMER
from antara_sales.domain import print_text, signing
from antara_sales.roles import is_admin
from antara_sales.services.common import attachments, field_values, tax_rules
from antara_sales.services.common.dates import check_not_after_today
from antara_sales.services.common.settings import get_settings
from antara_sales.services.ordering import customer as customer_service
from antara_sales.services.ordering import order_lines
from antara_sales.services.verifying.delegation import acting_for
from antara_sales.services.workflow import steps, workflow_guard

PARTY_FIELDS = ("customer", "customer_name", "customer_type", "npwp", "email", "phone", "address")
# The order's PPN rule goes with it (services/common/tax_rules.py: a document keeps its rule).
ORDER_FIELDS = ("department", "bureau", "account_executive", "administrative_terms", *tax_rules.RULE_FIELDS)
# 6.6-6.7: what the Manager approved is what the GM and then the customer sign.
APPROVED_FIELDS = (
	*PARTY_FIELDS,
	*ORDER_FIELDS,
	"media_order",
	"general_manager",
	"scope",
	"start_date",
	"end_date",
	"billing_terms",
	"pph23_rate",
)
APPROVED_LINE_FIELDS = ("product", "quantity", "start_date", "end_date", "unit_price", "discount_percent")
SIGNING_STEPS = ("gm_signature", "customer_signature")


def existing_contract(order_name: str) -> str | None:
	return frappe.db.get_value(CONTRACT, {"media_order": order_name, "docstatus": ("<", 2)})


def make_from_order(order_name: str):
	"""6.6: a Media Order that passed verification becomes a contract; anything else is refused."""
	order = frappe.get_doc("ANTARA Media Order", order_name)
	order.check_permission("read")
	frappe.has_permission(CONTRACT, "create", throw=True)
	if order.docstatus != 1 or not steps.is_at(order, "verified"):
		frappe.throw(
			_("{0} is {1}; a contract is drawn up only from a verified order (6.6).").format(
				get_link_to_form(order.doctype, order.name), _(order.status)
			),
			title=_("Order Not Verified"),
		)
	# Only an order that names a contract can have one (set below; issue 13: no query for none).
	if order.contract and (existing := existing_contract(order.name)):
		frappe.throw(
			_("{0} already has the contract {1}.").format(order.name, get_link_to_form(CONTRACT, existing)),
			frappe.DuplicateEntryError,
		)
	contract = frappe.new_doc(CONTRACT)
	contract.media_order = order.name
	for field in PARTY_FIELDS + ORDER_FIELDS:
		contract.set(field, order.get(field))
	contract.general_manager = frappe.get_cached_value(
		"ANTARA Department", order.department, "general_manager"
	)
	contract.pph23_rate = default_pph23_rate(order.customer)
	order_lines.copy_lines(order.items, contract)
	contract.flags.made_from_order = True
	contract.insert()
	# Straight to the row: the transition below reloads the order and saves it (issue 13: not
	# Document.db_set's own reload of it first).
	frappe.db.set_value(order.doctype, order.name, "contract", contract.name)
	workflow_guard.apply(order, steps.action(order.doctype, "draw_up_contract"))
	return contract


def default_pph23_rate(customer: str) -> str:
	"""The PPh 23 rate the customer's buyer category proposes for its contracts (a company or a
	government body withholds 2 % on services, UU PPh Pasal 23 ayat (1) huruf c); "0" when the
	customer has no category or the category names no rate. The AE may change it on the draft."""
	category = frappe.db.get_value(CUSTOMER, customer, "buyer_category")
	# A master an admin keeps (shipped_records.py): from Frappe's document cache (issue 13).
	rate = frappe.get_cached_value(BUYER_CATEGORY, category, "default_pph23_rate") if category else None
	return str(rate or "0")


def check_made_from_order(contract):
	"""6.6: a contract is drawn up from its verified order by make_from_order, never typed in or
	posted over REST with lines of its own (an amendment of a cancelled contract is the exception)."""
	if not (contract.flags.made_from_order or contract.amended_from):
		frappe.throw(
			_("A cooperation contract is drawn up from a verified Media Order with {0} (6.6).").format(
				frappe.bold(_("Make Contract (6.6)"))
			),
			frappe.PermissionError,
			title=_("Use the Media Order"),
		)


def validate(contract):
	check_approved_content(contract)
	order_lines.set_totals(contract)
	record_gm_signature(contract)
	check_not_after_today(contract, "gm_signed_on", "customer_signed_on")  # 6.7: signatures held
	attachments.check_document_files(contract)  # the signed archive copy, by content (6.7)
	check_signing_order(contract, final=False)
	check_stamp_duty(contract, final=False)
	check_online_signature(contract)


def check_approved_content(contract):
	"""While it waits for the GM's and the customer's signatures (6.7), a contract says what its
	Manager approved (6.6): its party, products, period and terms change only after a Send Back to
	Draft and a new review, in the desk as through the API (a state's editor may save the form)."""
	before = contract.get_doc_before_save()
	if not before or not steps.is_at(before, *SIGNING_STEPS):
		return
	line_meta = frappe.get_meta(contract.meta.get_field("items").options)
	changed = field_values.changed_labels(
		contract,
		before,
		skip=[
			df.fieldname
			for df in field_values.data_fields(contract.meta)
			if df.fieldname not in APPROVED_FIELDS
		],
		table_skip={
			"items": [
				df.fieldname
				for df in field_values.data_fields(line_meta)
				if df.fieldname not in APPROVED_LINE_FIELDS
			]
		},
	)
	if changed:
		frappe.throw(
			_(
				"{0} cannot change once the Manager has approved the contract (6.6): send it back to Draft to change it."
			).format(", ".join(frappe.bold(label) for label in changed)),
			title=_("Approved Contract"),
		)


# Written by the signing page alone (online_signing.sign, issue 15): read-only in the desk is not
# enough, the API would take them.
ONLINE_SIGNATURE_FIELDS = ("customer_signed_online", "customer_signing_ip", "customer_signing_time")


def check_online_signature(contract):
	"""That the customer signed online, when and from where, is recorded by the signing page only
	(6.7): a save from the desk or the API cannot claim it."""
	if frappe.flags.online_signature_of == contract.name:
		return
	for field in ONLINE_SIGNATURE_FIELDS:
		if contract.get(field):
			frappe.throw(
				_("{0} is recorded by the online signing page only.").format(
					frappe.bold(_(contract.meta.get_label(field)))
				),
				title=_("Online Signing"),
			)


def validate_after_submit(contract):
	"""A signed contract's own saves: the scan of the signed archive copy arrives after signing (6.7)."""
	attachments.check_document_files(contract)


def check_signed(contract):
	"""Before submit. Submitting is the step that records the customer's signature (the workflow's
	sign_customer, 6.7; the guard lets no other path submit): both parties have signed, in order,
	and each copy carries its meterai."""
	check_signing_order(contract, final=True)
	check_stamp_duty(contract, final=True)


def record_gm_signature(contract):
	"""Only the contract's General Manager signs as GM (6.7); the signer is recorded."""
	if not contract.gm_signature or not contract.has_value_changed("gm_signature"):
		return
	user = frappe.session.user
	if contract.general_manager not in acting_for(user) and not is_admin(user):
		frappe.throw(
			_("Only {0}, the General Manager of this contract, signs it as GM (6.7).").format(
				frappe.bold(contract.general_manager)
			),
			frappe.PermissionError,
		)
	if frappe.db.exists(
		"ANTARA Order Verification", {"media_order": contract.media_order, "verifier": user, "docstatus": 1}
	):
		frappe.throw(
			_("{0} verified this order and cannot also sign its contract as GM.").format(frappe.bold(user)),
			frappe.PermissionError,
			title=_("Segregation of Duties"),
		)
	contract.gm_signed_by = user
	contract.gm_signed_on = contract.gm_signed_on or today()


MESSAGES = {
	signing.GM_SIGNATURE_MISSING: "The General Manager signs first (6.7): add the GM's signature and date before the customer's.",
	signing.CUSTOMER_BEFORE_GM: "{0} cannot be before {1}: the General Manager signs first (6.7).",
	signing.CUSTOMER_SIGNATURE_MISSING: "The customer's signature and date are required to mark the contract as signed (6.7).",
}


def check_signing_order(contract, *, final: bool):
	problems = signing.signing_problems(
		gm_signed=bool(contract.gm_signature),
		gm_signed_on=getdate(contract.gm_signed_on) if contract.gm_signed_on else None,
		customer_signed=bool(contract.customer_signature),
		customer_signed_on=getdate(contract.customer_signed_on) if contract.customer_signed_on else None,
		final=final,
	)
	if problems:
		frappe.throw(
			_(MESSAGES[problems[0]]).format(
				frappe.bold(_("Customer Signed on")), frappe.bold(_("GM Signed on"))
			),
			title=_("Signing Order"),
		)


def on_signed(contract):
	"""Submitting is the customer's signature: from here the downstream work of 6.8 may start."""
	customer_service.refresh_status(contract.customer)


def on_cancel(contract):
	customer_service.refresh_status(contract.customer)


def expire_ended_contracts():
	"""Daily: signed contracts whose period has ended become Expired, and the customer's status
	is recomputed (a status counts periods held, so it changes when one ends). The system, not a
	person, takes this step, so it is written directly rather than as a workflow action."""
	ended = frappe.get_all(
		CONTRACT,
		filters={"docstatus": 1, "status": steps.state(CONTRACT, "signed"), "end_date": ("<", today())},
		fields=["name", "customer"],
	)
	for row in ended:
		# It enters Expired now: the pipeline's ageing counts from here, as after any step.
		frappe.db.set_value(
			CONTRACT,
			row.name,
			{"status": steps.state(CONTRACT, "expired"), workflow_guard.SINCE_FIELD: now_datetime()},
		)
		customer_service.refresh_status(row.customer)


# The fields of the meterai of each copy: (kind, serial number).
STAMP_FIELDS = {
	signing.CUSTOMER_COPY: ("customer_copy_stamp", "customer_copy_stamp_serial"),
	signing.ARCHIVE_COPY: ("archive_copy_stamp", "archive_copy_stamp_serial"),
}

# {0} the kind's field, {1} the serial's field, {2} the kind, {3} the duty or the serial's length.
STAMP_MESSAGES = {
	signing.STAMP_DUTY_MISSING: "Each copy of the contract owes the stamp duty of {3} when it is signed (UU 10/2020): record its meterai in {0} and {1} before recording the customer's signature (6.7).",
	signing.STAMP_SERIAL_MISSING: "{1} is required: {0} is {2}.",
	signing.STAMP_KIND_MISSING: "Choose Paper or e-Meterai in {0}: {1} is filled in.",
	signing.STAMP_SERIAL_INVALID: "{1} must be the serial number printed on the meterai: {3} letters (A-Z) and digits (0-9) for {2}, with no spaces or other signs.",
	signing.STAMP_SERIAL_REUSED: "{1} is the serial number of the customer's copy's meterai: each copy carries a meterai of its own (UU 10/2020).",
}


def stamp_of(contract, copy: str) -> signing.Stamp:
	kind, serial = STAMP_FIELDS[copy]
	return signing.Stamp(contract.get(kind) or None, contract.get(serial))


def check_stamp_duty(contract, *, final: bool):
	"""The meterai recorded for the two copies (domain/signing.py); `final` when signing."""
	for _kind, serial in STAMP_FIELDS.values():
		if contract.get(serial) is not None:
			contract.set(serial, signing.clean_serial(contract.get(serial)) or None)
	problems = signing.stamp_problems(
		customer_copy=stamp_of(contract, signing.CUSTOMER_COPY),
		archive_copy=stamp_of(contract, signing.ARCHIVE_COPY),
		final=final,
	)
	if not problems:
		return
	problem = problems[0]
	kind_field, serial_field = STAMP_FIELDS[problem.copy]
	kind = contract.get(kind_field)
	if problem.key == signing.STAMP_DUTY_MISSING:
		detail = print_text.rupiah(get_settings().get("stamp_duty_amount"))
	else:
		detail = signing.SERIAL_LENGTHS.get(kind, "")
	frappe.throw(
		_(STAMP_MESSAGES[problem.key]).format(
			frappe.bold(_(contract.meta.get_label(kind_field))),
			frappe.bold(_(contract.meta.get_label(serial_field))),
			_(kind, context=CONTRACT) if kind else "",
			detail,
		),
		title=_("Stamp Duty (Bea Meterai)"),
	)
