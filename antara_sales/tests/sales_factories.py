"""Factories for the weekly meeting, targets and feedback (issue 7), on top of factories.py: sales
run through the whole procedure (6.3-6.7) as the users who take each step, with the dates a test
needs. Dates the system stamps itself (a verification round's verified_on, a feedback's
submitted_on) are moved to the test's calendar after the step, as the demo loader does."""

import json

import frappe

from antara_sales.tests import factories as f


def sale(
	org, customer, products, *, order_date, verified_on, signed_on, start="2026-04-01", end="2026-04-30"
):
	"""A Media Order received on order_date, verified on verified_on, signed by the customer on
	signed_on (the GM signs the same day)."""
	order = f.make_order(
		org, customer, products, start=start, end=end, order_date=order_date, signed_on=order_date
	)
	f.request_verification(org, order)
	verification = f.verify(org, order)
	verification.db_set("verified_on", f"{verified_on} 10:00:00")
	contract = f.make_contract(org, order.name)
	return f.sign_contract(org, contract.name, gm_on=signed_on, customer_on=signed_on)


def verification_round(
	org, customer, products, *, order_date, verified_on, outcome, remark="Data pelanggan belum lengkap"
):
	order = f.make_order(org, customer, products, order_date=order_date, signed_on=order_date)
	f.request_verification(org, order)
	verification = f.verify(org, order, outcome=outcome, remark=remark)
	verification.db_set("verified_on", f"{verified_on} 10:00:00")
	return verification


def make_target(org, *, year, month, amount, new_customers=0, product=None, bureau=None, user=None):
	with f.as_user(user or org.manager):
		return (
			frappe.get_doc(
				{
					"doctype": "ANTARA Sales Target",
					"department": org.department,
					"year": year,
					"month": month,
					"product": product,
					"bureau": bureau,
					"target_amount": amount,
					"target_new_customers": new_customers,
				}
			)
			.insert()
			.name
		)


def make_meeting(org, meeting_date, **kw):
	with f.as_user(org.manager):
		return frappe.get_doc(
			{
				"doctype": "ANTARA Weekly Sales Meeting",
				"department": org.department,
				"meeting_date": meeting_date,
				**kw,
			}
		).insert()


def answer_feedback(key: str, stars: int, comment: str = ""):
	"""The customer answers through the web form, as a guest (5 stars = 1.0)."""
	from frappe.website.doctype.web_form.web_form import accept

	with f.as_user("Guest"):
		return accept(
			web_form="customer-feedback",
			data=json.dumps({"feedback_key": key, "rating": stars / 5, "comment": comment}),
		)


def feedback(contract_name: str, stars: int, submitted_on: str | None = None, comment: str = ""):
	from antara_sales.services.reporting import customer_feedback

	request = customer_feedback.request_feedback(contract_name, reason="test")
	doc = answer_feedback(request.feedback_key, stars, comment)
	if submitted_on:
		doc.db_set("submitted_on", f"{submitted_on} 09:00:00")
	return doc


def record_state_change(doctype: str, name: str, old: str, new: str, *, days_ago: float = 0):
	"""Date a step back in time: the document's `status_since` (what each step writes, and the
	next verification round takes as its hand-over) when it is still in `new`, and the Version
	that documents from before that field carry (Frappe writes no Versions in tests)."""
	from frappe.utils import add_to_date, now_datetime

	when = add_to_date(now_datetime(), seconds=-int(days_ago * 86400))
	if frappe.db.get_value(doctype, name, "status") == new:
		frappe.db.set_value(doctype, name, "status_since", when, update_modified=False)

	version = frappe.get_doc(
		{
			"doctype": "Version",
			"ref_doctype": doctype,
			"docname": name,
			"data": json.dumps(
				{"changed": [["status", old, new]], "added": [], "removed": [], "row_changed": []}
			),
		}
	).insert(ignore_permissions=True)
	frappe.db.set_value("Version", version.name, {"creation": when, "modified": when}, update_modified=False)
	return version.name
