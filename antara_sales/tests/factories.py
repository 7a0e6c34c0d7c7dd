"""Shared factories: plain functions with keyword arguments that build records through the same
APIs users hit, each step run as the user who does it in the procedure (frappe.set_user)."""

import frappe

from antara_sales import roles
from antara_sales.doctypes import CONTRACT, DEPARTMENT
from antara_sales.services.ordering.departments import PRODUCT_OWNING

# The builders the demo data uses too (setup/builders.py: its __all__), as the tests' factories.
from antara_sales.setup.builders import *


def unique(prefix: str) -> str:
	return f"{prefix} {frappe.generate_hash(length=6)}"


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
	org.department = make_department(org, PRODUCT_OWNING, members=members)
	for kind in ("Technical", "Editorial", "Finance"):
		org[kind.lower()] = make_department(org, kind)
	return org


def make_department(org, kind: str, members=()) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": DEPARTMENT,
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


def verified_order(org, customer, products, **kw):
	order = make_order(org, customer, products, **kw)
	request_verification(org, order)
	verify(org, order)
	return frappe.get_doc(order.doctype, order.name)


def sign_contract(org, contract_name: str, *, gm_on=None, customer_on=None):
	"""6.7 through the workflow: the AE sends the draft for review, the Manager approves, the GM
	signs, and the AE records the customer's signature with the meterai of both copies, which
	submits the contract."""
	contract = frappe.get_doc(CONTRACT, contract_name)
	act(org.ae, contract, "Send for Review")
	act(org.manager, contract, "Approve")
	edit(org.gm, contract, gm_signature=SIGNATURE, gm_signed_on=gm_on or contract.start_date)
	act(org.gm, contract, "Sign as GM")
	contract = frappe.get_doc(CONTRACT, contract_name)
	edit(
		org.ae,
		contract,
		customer_signature=SIGNATURE,
		customer_signatory_name="Sri Wahyuni",
		customer_signed_on=customer_on or contract.gm_signed_on,
		**meterai(contract.name),
	)
	return act(org.ae, contract, "Record Customer Signature")


def signed_contract(org, customer, products, **kw):
	"""A sale through the whole procedure, 6.3 to 6.7."""
	order = verified_order(org, customer, products, **kw)
	contract = make_contract(org, order.name)
	return sign_contract(org, contract.name)


def outgoing_email_account(*, outside_tests: bool = False) -> str:
	"""An outgoing account so that mail is queued (nothing is sent: tests never flush the queue).
	Outside the tests (the benchmark, rolled back) Frappe would try its SMTP server on insert."""
	name = "ANTARA Test Outbox"
	if not frappe.db.exists("Email Account", name):
		account = frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": name,
				"email_id": "noreply@test.antara.local",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "localhost",
				"no_smtp_authentication": 1,
			}
		)
		account.flags.ignore_validate = outside_tests
		account.insert(ignore_permissions=True)
	return name
