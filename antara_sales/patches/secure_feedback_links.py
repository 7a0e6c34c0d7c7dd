"""Issue 14: feedback links are looked up by the SHA-256 of their key and expire. Requests made
before keep their link when its key is long enough (the first release's keys are 32 hex digits,
128 bits): the hash is filled in, and a link not yet answered gets the settings' full validity from
today, so a customer who has the email in hand can still answer. A key too short to keep is
replaced; its customer needs the link sent again ("Send the Link Again" on the request)."""

import frappe
from frappe.utils import add_days, now_datetime

from antara_sales.doctypes import FEEDBACK_REQUEST
from antara_sales.services.reporting import customer_feedback as cf


def execute():
	requests = frappe.get_all(
		FEEDBACK_REQUEST,
		filters={cf.HASH_FIELD: ("is", "not set")},
		fields=["name", "status", cf.KEY_FIELD, "expires_on"],
	)
	renewed = []
	for row in requests:
		key = row.get(cf.KEY_FIELD) or ""
		if len(key) >= cf.MIN_KEY_CHARS:
			values = {cf.HASH_FIELD: cf.key_hash(key)}
			if row.status == "Requested" and not row.expires_on:
				values["expires_on"] = add_days(now_datetime(), cf.valid_days())
		else:
			values = cf.new_link()
			renewed.append(row.name)
		frappe.db.set_value(FEEDBACK_REQUEST, row.name, values, update_modified=False)
	for name in renewed:
		frappe.get_doc(FEEDBACK_REQUEST, name).add_comment(
			"Info", frappe._("The feedback link was too short to keep and was replaced: send it again.")
		)
