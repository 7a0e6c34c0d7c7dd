"""F/KOM/003 filled in by the prospect on the guest page /formulir-pesanan (6.3, 6.4).

What the page may change is a closed list (the customer's data, the products wanted with their
quantities and dates, the administrative terms agreed, the signatory, the stamp and the signature);
anything else in the request is refused, never ignored. The order is then saved through the desk's
own path, as its Account Executive (the workflow lets the AE edit a Draft or a Needs Clarification
order, 6.5.3.1): the same controller, media_order.validate, order_lines (prices from the product,
catalogue of the owning department), customer rules (NPWP/NIK, phone), attachment content checks
and, on submit, the completeness check of 6.4 that the hand-over to verification makes (6.5).
The page never sends a price: prices and totals are the server's (6.4)."""

import base64
import binascii
import json
import os

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.utils import cint, escape_html, now_datetime, today

from antara_sales.doctypes import CUSTOMER, DEPARTMENT, MEDIA_ORDER, PRODUCT
from antara_sales.services.common import attachments, guest_links, guest_pages, notify, request_guard
from antara_sales.services.ordering import customer as customer_rules
from antara_sales.services.ordering import invitation as invitations
from antara_sales.services.ordering import media_order
from antara_sales.services.printing.print_forms import MEDIA_ORDER_FORMAT

CUSTOMER_FIELDS = (
	"customer_type",
	"customer_name",
	"npwp",
	"email",
	"phone",
	"address",
	"city",
	"province",
	"contact_person",
)
SIGNATORY_FIELDS = ("signatory_name", "signatory_title")
ITEM_FIELDS = ("product", "quantity", "start_date", "end_date")
FILE_FIELDS = ("company_stamp", "signed_form")
ACCEPTED = (*CUSTOMER_FIELDS, *SIGNATORY_FIELDS, "items", "terms_agreed", "customer_signature", *FILE_FIELDS)
MAX_UPLOAD_CHARS = 8 * 1024 * 1024  # base64 of attachments.IMAGE_LIMIT (5 MB) and a little more


invalid = guest_pages.invalid


# ------------------------------------------------------------------ what the page shows


def catalogue(department: str) -> list[dict]:
	"""The owning department's active products, with their price and billing period (6.3, 5.5)."""
	return frappe.get_all(
		PRODUCT,
		filters={"department": department, "is_active": 1},
		fields=["name", "product_name", "price", "billing_period", "description"],
		order_by="product_name asc",
	)


def page_context(invitation) -> dict:
	order = frappe.get_doc(MEDIA_ORDER, invitation.media_order)
	return {
		"invitation": invitation,
		"order": order,
		"editable": invitation.editable,
		"products": catalogue(order.department),
		"department_name": frappe.db.get_value(DEPARTMENT, order.department, "department_name"),
		"verifier_remark": order.last_verification_remark if invitation.editable else None,
		"file_names": {f: file_name(order.get(f)) for f in FILE_FIELDS},
	}


def file_name(url: str | None) -> str | None:
	return os.path.basename(url) if url else None


# ------------------------------------------------------------------ what the page sends


def save(invitation, data, *, submit: bool) -> dict:
	"""Save the prospect's answers on the invitation's order; with `submit`, hand it back (6.3)."""
	# One request at a time per link: the row stays locked to the end of the request, and the
	# state is read again under the lock (a second Submit sent at once finds the first one's).
	status = frappe.db.get_value(invitations.INVITATION, invitation.name, "status", for_update=True)
	if not invitations.is_editable(status, invitation.media_order):
		invitations.refuse(_("This form has been sent to ANTARA and can no longer be changed."))
	data = parsed_answers(data)
	order = frappe.get_doc(MEDIA_ORDER, invitation.media_order)
	uploads = {f: data.pop(f) for f in FILE_FIELDS if f in data}
	request_guard.check_document(order.meta, data, _("Subscription Form"))
	with as_user(order.account_executive):
		match_customer(order, data)
		apply_answers(order, data)
		for fieldname, upload in uploads.items():
			order.set(fieldname, stored_upload(order, fieldname, upload))
		if submit:
			order.signed_on = today()  # the day the customer signs online (6.4)
		order.save()
		if submit:
			media_order.check_complete(order)  # what the hand-over to verification needs (6.4, 6.5)
	if submit:
		finish(invitation, order)
	invitations.mark_opened(invitation)
	return {"status": "submitted" if submit else "saved", "order": order.name}


def parsed_answers(data) -> dict:
	data = guest_pages.answers(data, ACCEPTED)
	items = data.get("items")
	if items is not None:
		if not isinstance(items, list) or not all(isinstance(row, dict) for row in items):
			invalid(_("{0}: each product must be a row of the list.").format(_("Products Wanted")))
		for row in items:
			extra = sorted(str(k) for k in row if k not in ITEM_FIELDS)
			if extra:
				invalid(_("The form cannot change: {0}.").format(", ".join(escape_html(k) for k in extra)))
	return data


def match_customer(order, data):
	"""The customer of the order is the existing customer with the NPWP (or NIK) the prospect typed,
	so that no duplicate is made (6.5.3 existing or new); the verifier and the AE see who it is."""
	if not data.get("npwp"):
		return
	label = "NIK" if data.get("customer_type", order.customer_type) == "Individual" else "NPWP"
	data["npwp"] = customer_rules.normalize_npwp(data["npwp"], label)
	existing = frappe.db.get_value(CUSTOMER, {"npwp": data["npwp"]})
	if existing and existing != order.customer:
		order.customer = existing
		order.save()  # the snapshot of the existing customer; the prospect's answers go over it


def apply_answers(order, data):
	for field in (*CUSTOMER_FIELDS, *SIGNATORY_FIELDS, "customer_signature"):
		if field in data:
			order.set(field, data[field])
	if "terms_agreed" in data:
		order.terms_agreed = 1 if cint(data["terms_agreed"]) else 0
	if data.get("items") is not None:
		apply_items(order, data["items"])


def apply_items(order, rows):
	"""A product's existing line keeps its row (and any price the price-override role gave it); a new
	product is a new line at the product's price; a product left out is removed."""
	current = {row.product: row for row in order.items}
	order.set("items", [])
	for values in rows:
		row = current.pop(values.get("product"), None)
		line = {f: values.get(f) for f in ITEM_FIELDS}
		line["quantity"] = cint(line["quantity"]) or 1
		if row:
			row.update(line)
			order.append("items", row)
		else:
			order.append("items", line)


def stored_upload(order, fieldname: str, upload):
	"""A stamp or a signed scan sent by the page: checked by content (services/common/attachments.py)
	and kept as a private file of the order. Only a new upload, the file already there, or nothing
	is accepted: the page cannot point the order at another file of the site."""
	label = frappe.bold(_(order.meta.get_label(fieldname)))
	if upload in (None, ""):
		return None
	if isinstance(upload, str) and upload == order.get(fieldname):
		return upload
	if not isinstance(upload, dict) or not isinstance(upload.get("data"), str):
		invalid(_("{0}: please choose the file again.").format(label))
	filename = os.path.basename(str(upload.get("filename") or ""))[:140]
	if not filename or len(upload["data"]) > MAX_UPLOAD_CHARS:
		invalid(_("{0}: please choose a file of at most {1} MB.").format(label, 5))
	try:
		content = base64.b64decode(upload["data"].split(",", 1)[-1], validate=True)
	except (binascii.Error, ValueError):
		invalid(_("{0}: the file could not be read. Please choose it again.").format(label))
	attachments.check_not_active(content, filename, label)
	attachments.check_content(content, filename, order.meta.get_field(fieldname).fieldtype, label)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": filename,
			"content": content,
			"is_private": 1,
			"attached_to_doctype": MEDIA_ORDER,
			"attached_to_name": order.name,
			"attached_to_field": fieldname,
		}
	)
	file.insert(ignore_permissions=True)
	return file.file_url


# ------------------------------------------------------------------ after submitting


def finish(invitation, order):
	"""The invitation is spent, the AE gets a ToDo to review and hand the order to verification
	(6.5), and the prospect a confirmation with the F/KOM/003 print of what they sent."""
	frappe.db.set_value(
		invitations.INVITATION,
		invitation.name,
		{
			"status": invitations.SUBMITTED,
			"submitted_on": now_datetime(),
			"last_ip": invitations.request_ip(),
		},
	)
	order.add_comment(
		"Info",
		_("Filled in and submitted online by the customer ({0}, from {1}).").format(
			invitation.email, invitations.request_ip() or "-"
		),
	)
	assign_reviewer(order)
	attachment = {
		"print_format_attachment": 1,
		"doctype": MEDIA_ORDER,
		"name": order.name,
		"print_format": MEDIA_ORDER_FORMAT,
		"lang": "id",
	}
	link = frappe.get_doc(invitations.INVITATION, invitation.name)  # the page's is a read of a few fields
	guest_links.email_link(link, link.email, notify.ORDER_RECEIVED, order, attachments=[attachment])


def assign_reviewer(order):
	"""A ToDo for the AE, once per submission: an open one on the order is described anew instead."""
	description = _(
		"The customer filled in {0} online: review it, confirm the customer's data and submit it for verification (6.5)."
	).format(order.name)
	open_todo = frappe.db.get_value(
		"ToDo",
		{
			"reference_type": MEDIA_ORDER,
			"reference_name": order.name,
			"allocated_to": order.account_executive,
			"status": "Open",
		},
	)
	if open_todo:
		frappe.db.set_value("ToDo", open_todo, "description", description)
		return
	assign_to.add(
		{
			"assign_to": [order.account_executive],
			"doctype": MEDIA_ORDER,
			"name": order.name,
			"description": description,
			"notify": 1,
		},
		ignore_permissions=True,
	)


as_user = guest_links.as_user  # run the order's save as its AE (the workflow's editor of a Draft)
