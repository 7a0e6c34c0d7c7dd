"""Customer satisfaction (clause 1: "putting customer satisfaction with the service first"; 6.1.1
evaluates results against it).

Once a contract is fulfilled, its customer is emailed a link to the web form /customer-feedback
with a random key kept on the ANTARA Feedback Request of that contract. The form asks a score
(1-5 stars) and a comment; the answer lands on the contract the key belongs to, and a key answers
once (the request is marked Answered, and ANTARA Customer Feedback.feedback_request is unique, so
the database refuses a second answer even when two arrive at once).

The link is a guest's only credential, so it is made not to be guessed or replayed (issue 14): a
key of 256 random bits (links of the first release carry 128, still accepted), looked up by its
SHA-256 and compared in constant time, valid for the days the settings give, spent by the answer,
and every check of a key rate-limited per address (frappe.rate_limiter.rate_limit) on both guest
paths, the form's page and Frappe's web form submit.

A contract is fulfilled when its follow-up work of 6.8 is done (the fulfilment of issue 5 marks it
Fulfilled when every ticket is Done), or at the latest when its period has ended (or it was
terminated). The daily job asks about contracts fulfilled in the last 30 days, once each."""

import frappe
from frappe import _
from frappe.utils import add_days, cint, get_datetime, get_url, getdate, now_datetime, today

from antara_sales.doctypes import CONTRACT, FEEDBACK
from antara_sales.doctypes import FEEDBACK_REQUEST as REQUEST
from antara_sales.services.common import guest_links
from antara_sales.services.common.settings import get_settings
from antara_sales.services.workflow import steps

FULFILLED = "Fulfilled"  # the contract's fulfilment status once every ticket of 6.8 is Done (issue 5)
WEB_FORM_ROUTE = "customer-feedback"
KEY_FIELD = "feedback_key"
HASH_FIELD = "feedback_key_hash"
RECENT_DAYS = 30  # the daily job asks about contracts that ended this recently, not about old history
# The shortest key accepted: the first release's frappe.generate_hash(length=32), 32 hex digits or
# 128 bits. A shorter one is refused before any lookup.
MIN_KEY_CHARS = 32
DEFAULT_VALID_DAYS = 30  # when the settings leave "Feedback Link Valid for (Days)" empty
# Checks of a link key per address (IP) and guest path: a customer opens the page and sends the
# form, perhaps twice; a guesser is stopped long before a 128-bit key could matter.
CHECKS_PER_WINDOW, WINDOW_SECONDS = 10, 60 * 60


# The token's mechanics are every guest link's (services/common/guest_links.py).
new_key = guest_links.new_token
key_hash = guest_links.token_hash


def valid_days() -> int:
	return cint(get_settings().get("feedback_link_valid_days")) or DEFAULT_VALID_DAYS


def new_link() -> dict:
	"""The key, its hash and the expiry of a fresh link."""
	key = new_key()
	return {KEY_FIELD: key, HASH_FIELD: key_hash(key), "expires_on": add_days(now_datetime(), valid_days())}


def expires_on(request):
	"""When the link dies: as stamped on the request, or (a request made before links expired, not
	yet stamped by the patch) its request date plus the settings' days."""
	if request.get("expires_on"):
		return get_datetime(request.expires_on)
	if request.get("requested_on"):
		return add_days(get_datetime(request.requested_on), valid_days())
	return None


def has_expired(request) -> bool:
	until = expires_on(request)
	return until is None or until < now_datetime()


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
			**new_link(),
			"requested_on": now_datetime(),
			"requested_by": frappe.session.user,
			"reason": reason,
		}
	).insert(ignore_permissions=True)
	send_request(request)
	return request


def send_request(request):
	"""Email the link; a link that has expired is replaced by a new one first (the old key dies)."""
	if request.status == "Requested" and has_expired(request):
		request.db_set(new_link())
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


REQUEST_FIELDS = (
	"name",
	"status",
	"expires_on",
	"requested_on",
	"contract",
	"customer",
	"customer_name",
	"department",
	"bureau",
	"account_executive",
)


@guest_links.checked(limit=CHECKS_PER_WINDOW, seconds=WINDOW_SECONDS)
def open_request(key: str | None):
	"""The unanswered, unexpired request of a link key, or a refusal. Every guest path that reads a
	key comes through here, so each check counts against the caller's address (rate_limit, a no-op
	outside a web request)."""
	if not guest_links.clean(key):
		invalid_link(_("Please open this form from the link in our email."))
	request = guest_links.find(REQUEST, key, REQUEST_FIELDS, hash_field=HASH_FIELD, min_chars=MIN_KEY_CHARS)
	if not request:
		invalid_link(_("This feedback link is not valid. Please use the link in our email."))
	if request.status == "Answered" or frappe.db.exists(FEEDBACK, {"feedback_request": request.name}):
		invalid_link(_("This feedback link has already been used. Thank you, your answer was recorded."))
	if has_expired(request):
		invalid_link(
			_("This feedback link has expired. Please ask your ANTARA account executive for a new one.")
		)
	return request


def take_answer(feedback):
	"""The answer goes to the contract of the link's key; a key answers once."""
	request = open_request(feedback.get(KEY_FIELD))
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
	key = frappe.form_dict.get(KEY_FIELD)
	if not key:
		return
	request = open_request(key)
	context.feedback_about = _("Your feedback on contract {0} ({1})").format(
		request.contract, request.customer_name
	)
