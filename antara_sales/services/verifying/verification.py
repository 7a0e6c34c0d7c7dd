"""Document verification (6.5): one ANTARA Order Verification per round, by an Assistant Manager
whom the department's Manager assigned. Used for new orders (F/KOM/003) and for subscription
changes (F/KOM/004), which are "verified like a new order"."""

import frappe
from frappe import _
from frappe.utils import get_link_to_form, now_datetime

from antara_sales.roles import is_admin
from antara_sales.services.common import field_values
from antara_sales.services.ordering import customer as customer_service
from antara_sales.services.verifying.delegation import acting_for
from antara_sales.services.verifying.people import assigned_verifiers
from antara_sales.services.workflow import steps, workflow_guard

CHECKS = (
	("customer_data_check", "customer_data_remark", "6.5.1 Customer Data Correct"),
	("product_check", "product_remark", "6.5.2 Product Correct"),
	("customer_status_check", "customer_status_remark", "6.5.3 Customer Status Confirmed"),
)


def reference_of(verification) -> tuple[str, str]:
	"""(doctype, name) of the document being verified: a Media Order or a Subscription Change."""
	if bool(verification.media_order) == bool(verification.subscription_change):
		frappe.throw(
			_("Set either {0} or {1}.").format(
				frappe.bold(_("Media Order")), frappe.bold(_("Subscription Change"))
			),
			title=_("What Is Verified?"),
		)
	if verification.media_order:
		return ("ANTARA Media Order", verification.media_order)
	return ("ANTARA Subscription Change", verification.subscription_change)


def target_of(verification):
	"""The document being verified: a Media Order or a Subscription Change."""
	return frappe.get_doc(*reference_of(verification))


# What a round reads of the document it verifies (its validate and its outcome).
TARGET_FIELDS = ("docstatus", "customer", "customer_name", "department", "status_since", "account_executive")


def target_values(verification) -> frappe._dict:
	"""The verified document's fields a round reads, in one statement and once per round (issue 13):
	its validate on insert and on submit and its outcome read the same row, and the outcome's
	transition (apply_workflow) loads the document itself. Not its lines: no check reads them."""
	ref = reference_of(verification)
	loaded = verification.flags.antara_target
	if loaded is None or (loaded.doctype, loaded.name) != ref:
		fields = list(dict.fromkeys((*TARGET_FIELDS, steps.state_field(ref[0]))))
		values = frappe.db.get_value(*ref, fields, as_dict=True)
		if not values:
			frappe.throw(_("{0} {1} not found").format(_(ref[0]), ref[1]), frappe.DoesNotExistError)
		loaded = verification.flags.antara_target = frappe._dict(values, doctype=ref[0], name=ref[1])
	return loaded


# The workflow step each outcome of a round takes (its transitions' conditions read the outcome).
OUTCOME_STEPS = {"Passed": "verify", "Clarify": "clarify", "Rejected": "reject"}
# Where the AE hands the document over from: a new form, or one sent back for clarification.
REQUEST_STEPS = {"draft": "submit", "clarification": "resubmit"}


def request(doc):
	"""The AE hands the documents to the assigned Assistant Manager (6.5): the workflow action
	Submit for Verification (or Resubmit after a clarification, 6.5.3.1)."""
	step = REQUEST_STEPS.get(steps.key_of(doc.doctype, doc.status))
	if not step or doc.docstatus != 0:
		frappe.throw(_("{0} is {1}; it cannot be sent for verification now.").format(doc.name, _(doc.status)))
	return workflow_guard.apply(doc, steps.action(doc.doctype, step))


def handed_over(doc) -> bool:
	"""Whether this save hands the document to the verifier (Submit for Verification, Resubmit);
	if so it waits for a new round's outcome (6.5). Call from the document's validate."""
	entering = (
		not doc.is_new()
		and doc.has_value_changed(steps.state_field(doc.doctype))
		and steps.is_at(doc, "verification")
	)
	if entering:
		doc.verification_outcome = None
	return entering


# What a round records on the document it verifies (apply_outcome), and the workflow's own columns.
RECORDED_FIELDS = ("verification_outcome", "last_verification_remark", "workflow_remark", "status_since")


def check_unchanged_under_verification(doc, steps_held=("verification",), derived=(), table_derived=None):
	"""6.5: the Assistant Manager verifies what the AE handed over, and it stays what was handed over
	while it waits (in `steps_held`) on every path, desk or API, although the verifier may save it:
	what needs correcting goes back to the AE (6.5.3.1, Ask for Clarification), who resubmits it.
	`derived` are the fields the document's own validate works out again; call before it does."""
	before = doc.get_doc_before_save()
	if not before or not steps.is_at(before, *steps_held):
		return
	skip = (steps.state_field(doc.doctype), *RECORDED_FIELDS, *derived)
	changed = field_values.changed_labels(doc, before, skip=skip, table_skip=table_derived)
	if changed:
		frappe.throw(
			_(
				"{0} cannot change while {1} waits for verification (6.5): ask for clarification (6.5.3.1) so that the AE corrects it."
			).format(", ".join(frappe.bold(label) for label in changed), doc.name),
			title=_("Under Verification"),
		)


def department_of(target) -> str:
	return target.department


def prefill(verification, target):
	verification.update(prefilled_values(target, new_round=verification.is_new()))


def prefilled_values(target, new_round: bool = True) -> dict:
	"""What a verification round takes from the document it verifies; the form shows it before the
	first save, so the Assistant Manager confirms 6.5.3 seeing the status and its evidence."""
	values = {
		"customer": target.customer,
		"customer_name": target.customer_name,
		"department": target.department,
		"account_executive": target.account_executive,  # whose own sales it is (permissions.py)
	}
	if new_round:
		values["handed_over_on"] = target.get("status_since")  # the turnaround of 6.5 starts here
		link_field = "media_order" if target.doctype == "ANTARA Media Order" else "subscription_change"
		values["round_no"] = (
			frappe.db.count("ANTARA Order Verification", {link_field: target.name, "docstatus": 1}) + 1
		)
	# 6.5.3: the status as computed from the subscription history, with its evidence.
	result = customer_service.compute_status(target.customer)
	values.update(
		computed_customer_status=result.status,
		computed_periods=result.consecutive_periods,
		status_evidence=result.evidence_text(),
	)
	return values


def check_verifier(verification, target):
	"""6.5: the Assistant Manager assigned by the Manager verifies; the AE who owns the document
	never verifies it (segregation of duties)."""
	if verification.verifier == target.account_executive:
		frappe.throw(
			_("{0} owns this document as its Account Executive and cannot verify it.").format(
				frappe.bold(verification.verifier)
			),
			frappe.PermissionError,
			title=_("Segregation of Duties"),
		)
	if is_admin(verification.verifier):
		return
	department = department_of(target)
	# Read once per round and request (issue 13): the submit's validate asks again for the same
	# verifier and department as the insert's did on this very document.
	asked = (verification.verifier, department)
	if verification.flags.antara_verifier_assigned == asked:
		return
	if not set(acting_for(verification.verifier)) & set(assigned_verifiers(department)):
		frappe.throw(
			_(
				"{0} is not assigned to verify orders of {1} (6.5). The department's Manager assigns verifiers."
			).format(frappe.bold(verification.verifier), get_link_to_form("ANTARA Department", department)),
			frappe.PermissionError,
			title=_("Not an Assigned Verifier"),
		)
	verification.flags.antara_verifier_assigned = asked


def validate(verification):
	target = target_values(verification)
	if verification.docstatus == 0 and not steps.is_at(target, "verification"):
		frappe.throw(
			_("{0} is {1}, not {2}.").format(
				get_link_to_form(target.doctype, target.name),
				_(target.status),
				_(steps.state(target.doctype, "verification")),
			),
			title=_("Not Awaiting Verification"),
		)
	if verification.is_new() or verification.docstatus == 0:
		prefill(verification, target)
	elif verification.docstatus == 1:  # validate sees docstatus 1 only on the submit
		verification.verified_on = now_datetime()  # submitted now: saved with the round (issue 13)
	check_verifier(verification, target)


def check_outcome(verification):
	"""No outcome without every check answered; Passed only when all pass; Clarify (6.5.3.1) and
	Rejected (6.5.3.2) need a remark that says what is wrong."""
	unanswered = [label for field, _remark, label in CHECKS if not verification.get(field)]
	if unanswered:
		frappe.throw(
			_("Answer every check before the outcome: {0}").format(", ".join(_(u) for u in unanswered))
		)
	if not verification.outcome:
		frappe.throw(_("{0} is required.").format(frappe.bold(_("Outcome"))))
	failed = [label for field, _remark, label in CHECKS if verification.get(field) == "Fail"]
	for field, remark, label in CHECKS:
		if verification.get(field) == "Fail" and not verification.get(remark):
			frappe.throw(_("Say what failed in {0}.").format(frappe.bold(_(label))))
	if verification.outcome == "Passed" and failed:
		frappe.throw(
			_("The outcome cannot be Passed while a check failed: {0}").format(
				", ".join(_(f) for f in failed)
			)
		)
	if verification.outcome != "Passed" and not failed:
		frappe.throw(_("Mark the check that failed before choosing {0}.").format(_(verification.outcome)))
	if verification.outcome in ("Clarify", "Rejected") and not (verification.outcome_remark or "").strip():
		frappe.throw(
			_("{0} is required for the outcome {1}.").format(
				frappe.bold(_("What to Clarify / Reason for Rejection")), _(verification.outcome)
			)
		)


def apply_outcome(verification):
	"""Record the round's outcome on the verified document, once, and take the workflow action it
	calls for in the verifier's name; the action's condition reads the recorded outcome."""
	target = target_values(verification)
	remark = None if verification.outcome == "Passed" else verification.outcome_remark
	outcome = {
		"verification_outcome": verification.outcome,
		"last_verification_remark": remark,
		"workflow_remark": remark,
	}
	# Written straight to the row (the transition's condition reads it there): apply_workflow reloads
	# the document and saves it, so Document.db_set's own reload of it would be thrown away (issue 13).
	frappe.db.set_value(target.doctype, target.name, outcome, update_modified=False)
	target.update(outcome)
	target = workflow_guard.apply(target, steps.action(target.doctype, OUTCOME_STEPS[verification.outcome]))
	if verification.outcome == "Rejected":  # 6.5.3.2
		tell_customer_of_rejection(target, verification.outcome_remark)


def tell_customer_of_rejection(target, reason: str):
	"""6.5.3.2: the customer is told the application is rejected, with the reason."""
	email = target.get("email") or frappe.db.get_value("ANTARA Customer", target.customer, "email")
	if not email:
		target.add_comment(
			"Info", _("The customer has no email address: tell them of the rejection another way.")
		)
		return
	from antara_sales.services.common import notify

	letter = notify.render(notify.REJECTION, target, reason=reason)  # admins word it in the desk
	try:
		frappe.sendmail(
			recipients=[email],
			subject=notify.email_subject(letter.subject),
			message=letter.message,
			reference_doctype=target.doctype,
			reference_name=target.name,
		)
	except frappe.OutgoingEmailError:
		# The rejection stands without mail; the AE sees why the customer was not told.
		target.add_comment(
			"Info", _("No outgoing email account: tell the customer of the rejection another way.")
		)
		frappe.msgprint(
			_("The rejection was saved, but no email could be queued to the customer."), alert=True
		)
