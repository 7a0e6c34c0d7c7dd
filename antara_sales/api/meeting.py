"""Whitelisted endpoints of the weekly meeting (6.1-6.2) and customer feedback."""

import frappe

from antara_sales.doctypes import MEETING
from antara_sales.services.ordering import departments
from antara_sales.services.reporting import customer_feedback, weekly_meeting


@frappe.whitelist()
def new_meeting_defaults() -> dict:
	"""A new weekly meeting's department: the one product-owning department its Manager chairs (6.1),
	where they manage one."""
	frappe.has_permission(MEETING, "create", throw=True)
	department = departments.managed_product_department(frappe.session.user)
	return {"department": department} if department else {}


@frappe.whitelist(methods=["POST"])
def refresh_evaluation(meeting: str) -> dict:
	"""Take last week's figures again for a draft meeting (6.1.1)."""
	return weekly_meeting.refresh_evaluation(meeting).as_dict()


@frappe.whitelist(methods=["POST"])
def request_feedback(contract: str) -> str:
	"""Ask the customer of a signed contract for feedback now (e.g. a one-off service delivered)."""
	frappe.get_doc(customer_feedback.CONTRACT, contract).check_permission("write")
	return customer_feedback.request_feedback(
		contract, reason=frappe._("Asked by {0}").format(frappe.session.user)
	).name


@frappe.whitelist(methods=["POST"])
def resend_feedback_request(request: str) -> None:
	doc = frappe.get_doc(customer_feedback.REQUEST, request)
	frappe.get_doc(customer_feedback.CONTRACT, doc.contract).check_permission("write")
	if doc.status != "Requested":
		frappe.throw(frappe._("The customer has already answered."))
	customer_feedback.send_request(doc)
