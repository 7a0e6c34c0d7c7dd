"""Shared factories: plain functions with keyword arguments that build records through the same
APIs users hit, each step run as the user who does it in the procedure (frappe.set_user)."""

import base64
from contextlib import contextmanager

import frappe
from frappe.utils import add_days, getdate

from antara_sales import roles
from antara_sales.services import contract as contract_service
from antara_sales.services import verification as verification_service
from antara_sales.services import workflow_guard

# A 1x1 PNG: a real image for the stamp and signature fields.
PNG = base64.b64decode(
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
SIGNATURE = "data:image/png;base64," + base64.b64encode(PNG).decode()


def unique(prefix: str) -> str:
	return f"{prefix} {frappe.generate_hash(length=6)}"


def valid_npwp(seed: int | None = None) -> str:
	"""A 15-digit NPWP with a correct check digit (Luhn over the first nine digits)."""
	from stdnum import luhn

	seed = seed if seed is not None else int(frappe.generate_hash(length=6), 16)
	base = f"{seed % 10**8:08d}"
	return base + luhn.calc_check_digit(base) + "012000"


@contextmanager
def as_user(user: str):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


def make_user(role: str, email: str | None = None, first_name: str | None = None) -> str:
	email = email or f"{frappe.generate_hash(length=8)}@test.antara.local"
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": first_name or role, "send_welcome_email": 0}
		)
		user.append("roles", {"role": role})
		user.insert(ignore_permissions=True)
	return email


def make_org(*, verifiers: int = 1) -> frappe._dict:
	"""A bureau, a division with its GM, a product-owning department with its Manager, AE and
	assigned Assistant Manager(s), and the three downstream departments."""
	org = frappe._dict(
		ae=make_user(roles.ACCOUNT_EXECUTIVE),
		manager=make_user(roles.MANAGER),
		gm=make_user(roles.GENERAL_MANAGER),
		verifiers=[make_user(roles.ASSISTANT_MANAGER) for _ in range(verifiers)],
		other_am=make_user(roles.ASSISTANT_MANAGER),
	)
	org.verifier = org.verifiers[0]
	org.bureau = (
		frappe.get_doc(
			{
				"doctype": "ANTARA Bureau",
				"bureau_name": unique("Biro"),
				"bureau_type": "Provincial Bureau",
				"province": "Jawa Barat",
			}
		)
		.insert()
		.name
	)
	org.division = (
		frappe.get_doc(
			{"doctype": "ANTARA Division", "division_name": unique("Divisi"), "general_manager": org.gm}
		)
		.insert()
		.name
	)
	members = (
		[{"user": org.ae}] + [{"user": v, "is_verifier": 1} for v in org.verifiers] + [{"user": org.other_am}]
	)
	org.department = make_department(org, "Product-Owning", members=members)
	for kind in ("Technical", "Editorial", "Finance"):
		org[kind.lower()] = make_department(org, kind)
	return org


def make_department(org, kind: str, members=()) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "ANTARA Department",
				"department_name": unique(f"Dept {kind}"),
				"department_kind": kind,
				"division": org.division,
				"bureau": org.bureau,
				"manager": org.manager,
				"members": list(members),
			}
		)
		.insert()
		.name
	)


def make_product(org, **kw) -> str:
	values = {
		"doctype": "ANTARA Product",
		"product_code": unique("PRD").replace(" ", "-"),
		"product_name": unique("Layanan Berita Teks"),
		"product_type": "Internal",
		"media_type": "Text",
		"department": org.department,
		"billing_period": "Monthly",
		"price": 1_000_000,
		"needs_technical": 1,
		"needs_editorial": 1,
		"needs_finance": 1,
	}
	values.update(kw)
	return frappe.get_doc(values).insert().name


def make_customer(org, **kw) -> str:
	values = {
		"doctype": "ANTARA Customer",
		"customer_type": "Institution",
		"customer_name": unique("PT Media Nusantara"),
		"npwp": valid_npwp(),
		"email": f"{frappe.generate_hash(length=8)}@customer.example.id",
		"phone": "021 3802383",
		"address": "Jl. Merdeka Selatan No. 17, Jakarta Pusat",
		"city": "Jakarta",
		"province": "DKI Jakarta",
		"bureau": org.bureau,
		"contacts": [
			{
				"contact_name": "Sri Wahyuni",
				"designation": "Humas",
				"phone": "0812 3456 7890",
				"is_primary": 1,
			}
		],
	}
	values.update(kw)
	with as_user(org.ae):
		return frappe.get_doc(values).insert().name


def stamp_file() -> str:
	return (
		frappe.get_doc(
			{"doctype": "File", "file_name": "cap-perusahaan.png", "content": PNG, "is_private": 1}
		)
		.insert(ignore_permissions=True)
		.file_url
	)


def make_order(
	org, customer: str, products: list[str], *, start="2026-01-01", end="2026-12-31", complete=True, **kw
):
	"""A Media Order (F/KOM/003) as the AE fills it in from the returned form."""
	values = {
		"doctype": "ANTARA Media Order",
		"customer": customer,
		"account_executive": org.ae,
		"department": org.department,
		"bureau": org.bureau,
		"items": [{"product": p, "quantity": 1, "start_date": start, "end_date": end} for p in products],
	}
	if complete:
		values.update(
			administrative_terms="<p>Pembayaran 14 hari setelah invoice.</p>",
			terms_agreed=1,
			signatory_name="Sri Wahyuni",
			signatory_title="Direktur",
			signed_on=start,
			company_stamp=stamp_file(),
			customer_signature=SIGNATURE,
		)
	values.update(kw)
	with as_user(org.ae):
		return frappe.get_doc(values).insert()


def verify(org, doc, outcome="Passed", remark=None, verifier=None, **checks):
	"""One verification round (6.5) by the assigned Assistant Manager."""
	field = "media_order" if doc.doctype == "ANTARA Media Order" else "subscription_change"
	failed = "Fail" if outcome != "Passed" else "Pass"
	values = {
		"doctype": "ANTARA Order Verification",
		field: doc.name,
		"verifier": verifier or org.verifier,
		"customer_data_check": "Pass",
		"product_check": failed,
		"product_remark": remark if outcome != "Passed" else None,
		"customer_status_check": "Pass",
		"outcome": outcome,
		"outcome_remark": remark,
	}
	values.update(checks)
	with as_user(verifier or org.verifier):
		verification = frappe.get_doc(values).insert()
		verification.submit()
	return verification


def request_verification(org, doc):
	with as_user(org.ae):
		return verification_service.request(frappe.get_doc(doc.doctype, doc.name))


def verified_order(org, customer, products, **kw):
	order = make_order(org, customer, products, **kw)
	request_verification(org, order)
	verify(org, order)
	return frappe.get_doc(order.doctype, order.name)


def make_contract(org, order_name: str):
	"""6.6: the AE draws up the contract from the verified order (one action)."""
	with as_user(org.ae):
		return contract_service.make_from_order(order_name)


def act(user: str, doc, action: str):
	"""A workflow action taken by `user`, as from the desk's Actions menu."""
	with as_user(user):
		return workflow_guard.apply(frappe.get_doc(doc.doctype, doc.name), action)


def edit(user: str, doc, **values):
	with as_user(user):
		doc = frappe.get_doc(doc.doctype, doc.name)
		doc.update(values)
		doc.save()
		return doc


def sign_contract(org, contract_name: str, *, gm_on=None, customer_on=None):
	"""6.7 through the workflow: the AE sends the draft for review, the Manager approves, the GM
	signs, and the AE records the customer's signature, which submits the contract."""
	contract = frappe.get_doc("ANTARA Cooperation Contract", contract_name)
	act(org.ae, contract, "Send for Review")
	act(org.manager, contract, "Approve")
	edit(org.gm, contract, gm_signature=SIGNATURE, gm_signed_on=gm_on or contract.start_date)
	act(org.gm, contract, "Sign as GM")
	contract = frappe.get_doc("ANTARA Cooperation Contract", contract_name)
	edit(
		org.ae,
		contract,
		customer_signature=SIGNATURE,
		customer_signatory_name="Sri Wahyuni",
		customer_signed_on=customer_on or contract.gm_signed_on,
	)
	return act(org.ae, contract, "Record Customer Signature")


def signed_contract(org, customer, products, **kw):
	"""A sale through the whole procedure, 6.3 to 6.7."""
	order = verified_order(org, customer, products, **kw)
	contract = make_contract(org, order.name)
	return sign_contract(org, contract.name)


def outgoing_email_account() -> str:
	"""An outgoing account so that mail is queued (nothing is sent: tests never flush the queue)."""
	name = "ANTARA Test Outbox"
	if not frappe.db.exists("Email Account", name):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": name,
				"email_id": "noreply@test.antara.local",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "localhost",
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)
	return name
