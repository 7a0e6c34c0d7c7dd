"""The customer signs the cooperation contract online (6.7; issue 15).

6.7 has the contract carried to the customer's office once the General Manager has signed. Online,
the AE sends instead a signing link from the contract (Send Signing Link): an email (the Email
Template ANTARA Tautan Tanda Tangan Kontrak, which admins edit) with a personal link to the guest
page /tanda-tangan-kontrak. The page shows the contract as it prints (both copies, 6.7), the
administrative terms to agree, and takes the signatory's name, title (jabatan), the date and a drawn
signature. Confirming records them on the contract exactly as the desk's Record Customer Signature
does: the AE's own save and the same workflow action (apply_workflow, with the app's guards:
workflow_guard, contract.check_signing_order, check_stamp_duty, dates.check_not_after_today), run in
the name of the AE who sent the link, for the link is the AE's delegation. 6.8 then starts as after a
paper signature (the contract's on_submit hooks).

The link: one per contract (a unique column: sending again replaces the token), made as every guest
link is (services/common/guest_links.py), expiring after the days the settings give, revocable, and
spent by the signature. The stamp duty (UU 10/2020, domain/signing.py) is paid on the PDFs by
e-Meterai: the link is sent only once both copies' e-Meterai serials are recorded."""

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from antara_sales.doctypes import CONTRACT
from antara_sales.doctypes import SIGNING_INVITATION as INVITATION
from antara_sales.domain import signing
from antara_sales.services.common import guest_links, notify
from antara_sales.services.common.settings import get_settings
from antara_sales.services.contracting import contract as contract_rules
from antara_sales.services.workflow import steps

PAGE_ROUTE = "tanda-tangan-kontrak"
DEFAULT_VALID_DAYS = 7  # when ANTARA Sales Settings leaves "Signing Link Valid for (Days)" empty
# Checks of a token per address (IP): a customer opens the page, perhaps switches language, and
# confirms; a guesser is stopped long before 256 bits could matter.
CHECKS_PER_WINDOW, WINDOW_SECONDS = 30, 60 * 60

SENT, OPENED, SIGNED, REVOKED, EXPIRED = "Sent", "Opened", "Signed", "Revoked", "Expired"


def valid_days() -> int:
	return cint(get_settings().get("signing_invitation_valid_days")) or DEFAULT_VALID_DAYS


def signing_link(token: str) -> str:
	return guest_links.link(PAGE_ROUTE, token)


def check_made_by_service(doc):
	"""The controller's one check: a signing invitation is made by send(), which alone knows the token."""
	if not doc.token_hash:
		frappe.throw(
			_("Send the signing link from the contract (Send Signing Link): it makes the link."),
			title=_("Signing Invitation"),
		)


def awaiting_customer(contract) -> bool:
	"""Whether the contract waits where the GM's signature leaves it (the state after Sign as GM, read
	from the workflow), the step at which the customer signs (6.7)."""
	gm_signed = {
		t.next_state for t in steps.workflow(CONTRACT).transitions if t.get(steps.KEY_FIELD) == "sign_gm"
	}
	return contract.get(steps.state_field(CONTRACT)) in gm_signed


# ------------------------------------------------------------------ the AE's side (desk)


def editable_contract(contract_name: str):
	if not isinstance(contract_name, str) or not frappe.db.exists(CONTRACT, contract_name):
		frappe.throw(_("{0} {1} not found").format(_(CONTRACT), contract_name), frappe.DoesNotExistError)
	contract = frappe.get_doc(CONTRACT, contract_name)
	contract.check_permission("write")
	return contract


def check_sendable(contract):
	"""The GM has signed (6.7: the GM signs first) and the stamp duty of both copies is recorded as
	e-Meterai, affixed to the PDFs the online signing makes (UU 10/2020)."""
	if contract.docstatus != 0 or not awaiting_customer(contract):
		frappe.throw(
			_(
				"{0} is {1}: the signing link is sent once the General Manager has signed, while the contract awaits the customer's signature (6.7)."
			).format(contract.name, _(contract.status)),
			title=_("Signing Link"),
		)
	contract_rules.check_stamp_duty(contract, final=True)
	paper = [
		kind
		for kind, _serial in contract_rules.STAMP_FIELDS.values()
		if contract.get(kind) != signing.E_METERAI
	]
	if paper:
		frappe.throw(
			_(
				"A contract signed online is a PDF: its stamp duty is paid by e-Meterai (UU 10/2020). Choose e-Meterai in {0} and record the serial number of the e-Meterai affixed to it."
			).format(", ".join(frappe.bold(_(contract.meta.get_label(kind))) for kind in paper)),
			title=_("Stamp Duty (Bea Meterai)"),
		)


def send(contract_name: str) -> frappe._dict:
	"""Email the customer a new link to sign the contract (6.7). Returns the invitation's name, where
	the mail went, and (only when no mail could be queued) the link to pass on."""
	contract = editable_contract(contract_name)
	frappe.has_permission(INVITATION, "create", throw=True)
	check_sendable(contract)
	return guest_links.send(
		INVITATION,
		{"contract": contract.name},
		contract,
		{"status": SENT, "signed_on": None},
		email_field="sent_to",
		template=notify.SIGNING_INVITATION,
		link_of=signing_link,
		days=valid_days(),
		title=_("Signing Link"),
	)


def revoke(contract_name: str) -> str:
	"""The link stops working at once (sent to the wrong address, or the contract goes back)."""
	contract = editable_contract(contract_name)
	name = frappe.db.get_value(INVITATION, {"contract": contract.name})
	if not name:
		frappe.throw(_("{0} has no signing link.").format(contract.name), frappe.DoesNotExistError)
	if frappe.db.get_value(INVITATION, name, "status") == SIGNED:
		frappe.throw(_("The customer has signed {0} already.").format(contract.name), title=_("Signing Link"))
	frappe.db.set_value(INVITATION, name, {"status": REVOKED, "revoked_on": now_datetime()})
	return name


def expire_stale() -> int:
	return guest_links.expire_stale(INVITATION, (SENT, OPENED), EXPIRED)


# ------------------------------------------------------------------ the customer's side (guest)


def refuse(message: str):
	frappe.throw(message, frappe.PermissionError, title=_("Signing Link"))


INVITATION_FIELDS = (
	"name",
	"status",
	"expires_on",
	"contract",
	"sent_to",
	"sent_by",
	"opened_on",
	"signed_on",
)


@guest_links.checked(limit=CHECKS_PER_WINDOW, seconds=WINDOW_SECONDS)
def resolve(token) -> frappe._dict:
	"""The invitation of a link's token, with `signable` (may the customer still sign), or a refusal
	the customer understands. Every guest path that reads a token comes through here, so each check
	counts against the caller's address. A signed link stays readable (the "signed" page)."""
	if not guest_links.clean(token):
		refuse(_("Please open this page from the link in our email."))
	invitation = guest_links.find(INVITATION, token, INVITATION_FIELDS)
	if not invitation:
		refuse(_("This link is not valid. Please use the link in our email."))
	if invitation.status == REVOKED:
		refuse(_("This link has been withdrawn. Please ask your ANTARA account executive for a new one."))
	if invitation.status != SIGNED and (
		invitation.status == EXPIRED or guest_links.has_expired(invitation.expires_on)
	):
		refuse(_("This link has expired. Please ask your ANTARA account executive for a new one."))
	invitation.signable = invitation.status != SIGNED and awaiting_customer(
		frappe.get_doc(CONTRACT, invitation.contract)
	)
	return invitation


def check_same_contract(invitation, *names):
	"""Another contract's name beside the token is refused, not ignored: the link shows its own
	contract and nothing else of the site."""
	for name in names:
		if name not in (None, "") and name != invitation.contract:
			refuse(_("This link is for one contract only."))


def mark_opened(invitation):
	values = {"last_ip": guest_links.request_ip()}
	if invitation.status == SENT:
		values.update(status=OPENED, opened_on=now_datetime())
	frappe.db.set_value(INVITATION, invitation.name, values, update_modified=False)


def after_signing(invitation, contract):
	"""The link is spent. The signed copies are made after the commit, once, by the job the
	contract's on_submit queues for a contract signed online (contract_copy.on_contract_signed)."""
	frappe.db.set_value(
		INVITATION,
		invitation.name,
		{"status": SIGNED, "signed_on": now_datetime(), "last_ip": guest_links.request_ip()},
	)
