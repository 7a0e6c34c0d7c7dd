"""Builders of the procedure's records, through the same APIs users hit, each step run as the user
who takes it in P/SMM/KOM/001 (frappe.set_user). Shared by the demo data (setup/demo.py) and the
tests' factories (tests/factories.py), so that neither imports the other."""

import base64
import hashlib
from contextlib import contextmanager

import frappe

from antara_sales.doctypes import MEDIA_ORDER, VERIFICATION
from antara_sales.services.contracting import contract as contract_service
from antara_sales.services.ordering.media_order import PRICE_FIELDS
from antara_sales.services.verifying import verification as verification_service
from antara_sales.services.workflow import workflow_guard

# What the tests' factories offer as theirs (`from antara_sales.setup.builders import *`).
__all__ = [
	"PNG",
	"SIGNATURE",
	"act",
	"as_user",
	"edit",
	"make_contract",
	"make_order",
	"meterai",
	"request_verification",
	"stamp_file",
	"submit_round",
	"valid_npwp",
	"verification_values",
	"verify",
]

# A 1x1 PNG: a real image for the stamp and signature fields.
PNG = base64.b64decode(
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
SIGNATURE = "data:image/png;base64," + base64.b64encode(PNG).decode()


def meterai(seed: str) -> dict:
	"""The meterai of a contract's two copies (UU 10/2020), as the AE records them with the customer's
	signature (6.7): an e-Meterai on the customer's copy, a paper one on the archive copy, with serial
	numbers made from `seed` (the contract's name), so that each contract has its own."""
	serial = hashlib.sha1(seed.encode()).hexdigest().upper()
	return {
		"customer_copy_stamp": "e-Meterai",
		"customer_copy_stamp_serial": serial[:22],
		"archive_copy_stamp": "Paper",
		"archive_copy_stamp_serial": serial[22:39],
	}


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
		"doctype": MEDIA_ORDER,
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
	# A discount or another unit price is granted by the price-override role (6.4), not the AE: the
	# AE saves the lines at the product's price and org.manager (that role by default) lowers them.
	values["items"] = [dict(row) for row in values["items"]]
	granted = [{f: row.pop(f) for f in PRICE_FIELDS if f in row} for row in values["items"]]
	with as_user(org.ae):
		order = frappe.get_doc(values).insert()
	if not any(granted):
		return order
	with as_user(org.manager):
		order = frappe.get_doc(MEDIA_ORDER, order.name)
		for row, prices in zip(order.items, granted, strict=True):
			row.update(prices)
		order.save()
		return order


def verify(org, doc, outcome="Passed", remark=None, verifier=None, **checks):
	"""One verification round (6.5) by the assigned Assistant Manager."""
	with as_user(verifier or org.verifier):
		return submit_round(verification_values(org, doc, outcome, remark, verifier, **checks))


def submit_round(values: dict):
	"""The round inserted and submitted in the session's user's name (its outcome acts on the order)."""
	verification = frappe.get_doc(values).insert()
	verification.submit()
	return verification


def verification_values(org, doc, outcome="Passed", remark=None, verifier=None, **checks) -> dict:
	field = "media_order" if doc.doctype == MEDIA_ORDER else "subscription_change"
	failed = "Fail" if outcome != "Passed" else "Pass"
	values = {
		"doctype": VERIFICATION,
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
	return values


def request_verification(org, doc):
	with as_user(org.ae):
		return verification_service.request(frappe.get_doc(doc.doctype, doc.name))


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
