"""Customer satisfaction (clause 1: "putting customer satisfaction with the service first"; 6.1.1
evaluates results against it).

Once a contract is fulfilled, its customer is emailed a link to the web form /customer-feedback
with a random key kept on the ANTARA Feedback Request of that contract. The form asks a score
(1-5 stars) and a comment; the answer lands on the contract the key belongs to, and a key answers
once (the request is marked Answered, and ANTARA Customer Feedback.feedback_request is unique, so
the database refuses a second answer even when two arrive at once).

A contract is fulfilled when its follow-up work of 6.8 is done (the fulfilment of issue 5 marks it
Fulfilled when every ticket is Done), or at the latest when its period has ended (or it was
terminated). The daily job asks about contracts fulfilled in the last 30 days, once each."""

import frappe
from frappe import _
from frappe.utils import add_days, get_url, getdate, now_datetime, today

from antara_sales.doctypes import CONTRACT, FEEDBACK
from antara_sales.doctypes import FEEDBACK_REQUEST as REQUEST
from antara_sales.services.workflow import steps

FULFILLED = "Fulfilled"  # the contract's fulfilment status once every ticket of 6.8 is Done (issue 5)
WEB_FORM_ROUTE = "customer-feedback"
KEY_FIELD = "feedback_key"
RECENT_DAYS = 30  # the daily job asks about contracts that ended this recently, not about old history


def feedback_link(key: str) -> str:
	# /new: a web form redirects /customer-feedback to /customer-feedback/new and drops the query.
	return get_url(f"/{WEB_FORM_ROUTE}/new?{KEY_FIELD}={key}")


def request_feedback(contract_name: str, *, reason: str) -> "frappe.model.document.Document":
	"""One request per contract: made once, then the same request (and link) is returned."""
	if existing := frappe.db.get_value(REQUEST, {"contract": contract_name}):
		return frappe.get_doc(REQUEST, existing)
	contract = frappe.get_doc(CONTRACT, contract_name)
	if contract.docstatus != 1:
		frappe.throw(
			_("{0} is not signed; feedback is asked on signed contracts only.").format(contract_name),
			title=_("Contract Not Signed"),
		)
	email = contract.email or frappe.db.get_value("ANTARA Customer", contract.customer, "email")
	if not email:
		frappe.throw(
			_("{0} has no email address to send the feedback link to.").format(
				frappe.bold(contract.customer_name)
			)
		)
	request = frappe.get_doc(
		{
			"doctype": REQUEST,
			"contract": contract.name,
			"email": email,
			"status": "Requested",
			"feedback_key": frappe.generate_hash(length=32),
			"requested_on": now_datetime(),
			"requested_by": frappe.session.user,
			"reason": reason,
		}
	).insert(ignore_permissions=True)
	send_request(request)
	return request


def send_request(request):
	contract_name = request.contract
	try:
		frappe.sendmail(
			recipients=[request.email],
			subject=_("How did we do? Your feedback on contract {0} with ANTARA").format(contract_name),
			message=_(
				'Dear {0},<br><br>Thank you for working with Perum LKBN ANTARA under contract {1}. Please tell us how satisfied you are with our service; it takes a minute:<br><br><a href="{2}">{2}</a><br><br>The link is for your company only and can be used once.<br><br>Perum LKBN ANTARA'
			).format(
				frappe.utils.escape_html(request.customer_name or ""),
				contract_name,
				feedback_link(request.feedback_key),
			),
			reference_doctype=REQUEST,
			reference_name=request.name,
		)
	except frappe.OutgoingEmailError:
		frappe.get_doc(REQUEST, request.name).add_comment(
			"Info", _("No outgoing email account: send the customer the feedback link another way.")
		)


def fulfilment_reason(contract) -> str | None:
	"""Why the contract counts as fulfilled, or None."""
	ended_on = contract.terminated_on or contract.end_date
	if steps.key_of(CONTRACT, contract.status) in ("expired", "terminated") or (
		ended_on and getdate(ended_on) < getdate(today())
	):
		return _("Contract period ended")
	if contract.get("fulfilment_status") == FULFILLED:  # every ticket of 6.8 is Done (issue 5)
		return _("Follow-up work done (6.8)")
	return None


def request_due_feedback() -> list[str]:
	"""Daily: ask the customers of contracts fulfilled recently, once per contract."""
	since = add_days(today(), -RECENT_DAYS)
	asked = set(frappe.get_all(REQUEST, pluck="contract"))
	candidates = frappe.get_all(
		CONTRACT,
		filters={"docstatus": 1, "status": ["!=", steps.state(CONTRACT, "cancelled")]},
		or_filters=[
			["end_date", "between", [since, today()]],
			["terminated_on", "between", [since, today()]],
		],
		fields=["name", "status", "end_date", "terminated_on"],
	)
	if frappe.get_meta(CONTRACT).has_field("fulfilled_on"):  # running contracts whose 6.8 work is done
		candidates += frappe.get_all(
			CONTRACT,
			filters={
				"docstatus": 1,
				"fulfilment_status": FULFILLED,
				"fulfilled_on": ["between", [since, today()]],
			},
			fields=["name", "status", "end_date", "terminated_on", "fulfilment_status"],
		)
	requested = []
	for contract in candidates:
		if contract.name in asked:
			continue
		reason = fulfilment_reason(contract)
		if not reason:
			continue
		try:
			request_feedback(contract.name, reason=reason)
			requested.append(contract.name)
			asked.add(contract.name)
		except frappe.ValidationError:
			frappe.log_error(title=f"Feedback request for {contract.name} not sent")
	return requested


# ------------------------------------------------------------------ the web form's answer


def invalid_link(message: str):
	frappe.throw(message, frappe.PermissionError, title=_("Feedback Link"))


def take_answer(feedback):
	"""The answer goes to the contract of the link's key; a key answers once."""
	key = (feedback.get(KEY_FIELD) or "").strip()
	if not key:
		invalid_link(_("Please open this form from the link in our email."))
	request = frappe.db.get_value(
		REQUEST,
		{KEY_FIELD: key},
		[
			"name",
			"status",
			"contract",
			"customer",
			"customer_name",
			"department",
			"bureau",
			"account_executive",
		],
		as_dict=True,
	)
	if not request:
		invalid_link(_("This feedback link is not valid. Please use the link in our email."))
	if request.status == "Answered" or frappe.db.exists(FEEDBACK, {"feedback_request": request.name}):
		invalid_link(_("This feedback link has already been used. Thank you, your answer was recorded."))
	feedback.feedback_request = request.name
	for field in ("contract", "customer", "customer_name", "department", "bureau", "account_executive"):
		feedback.set(field, request.get(field))
	feedback.set(KEY_FIELD, None)  # the secret stays on the request only
	feedback.submitted_on = now_datetime()


def set_score(feedback):
	"""The form's stars (stored as a fraction of 5) give the score 1-5."""
	score = round(float(feedback.rating or 0) * 5)
	if not 1 <= score <= 5:
		frappe.throw(
			_("{0}: choose from 1 to 5 stars.").format(
				frappe.bold(_("How satisfied are you with our service?"))
			)
		)
	feedback.score = score


def mark_answered(feedback):
	frappe.db.set_value(
		REQUEST,
		feedback.feedback_request,
		{"status": "Answered", "feedback": feedback.name, "answered_on": feedback.submitted_on},
	)


def web_form_context(context):
	"""The web form shows whose contract it asks about, and says so when a link is spent."""
	key = (frappe.form_dict.get(KEY_FIELD) or "").strip()
	if not key:
		return
	request = frappe.db.get_value(
		REQUEST, {KEY_FIELD: key}, ["contract", "customer_name", "status"], as_dict=True
	)
	if not request:
		invalid_link(_("This feedback link is not valid. Please use the link in our email."))
	if request.status == "Answered":
		invalid_link(_("This feedback link has already been used. Thank you, your answer was recorded."))
	context.feedback_about = _("Your feedback on contract {0} ({1})").format(
		request.contract, request.customer_name
	)
