"""Stored user text never reaches a print, an email or the desk unescaped (issue 14), Attach and
Attach Image values included. Markup is written into every text and file field of a Media Order, of
its contract, of a signed contract's invoice, of an F/KOM/004 and of a weekly meeting's minutes the way that skips Frappe's sanitiser (db_set: imports, scripts, a future bug), then
the app's print formats for those DocTypes (read from the Print Format records of the module) are
rendered through frappe.get_print, and the app's email templates and notifications through the
paths the app sends them by; no tag may come out of the stored text."""

import re

import frappe
from frappe.model import no_value_fields, table_fields

from antara_sales.doctypes import CONTRACT, INVOICE, MEDIA_ORDER, MEETING, SUBSCRIPTION_CHANGE
from antara_sales.services.common import notify
from antara_sales.services.common.settings import SETTINGS
from antara_sales.services.fulfilling import fulfilment
from antara_sales.tests import factories as f
from antara_sales.tests import sales_factories as sf
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.integration.fulfilment_case import staff_downstream
from antara_sales.tests.integration.test_print_formats import our_part, set_up_printing
from antara_sales.tests.processes import report

MODULE = "ANTARA Sales"
TEXT = '"><img src=x onerror="alert(1)"><script>alert(2)</script>'
FILE = 'javascript:alert(3)"><img src=x onerror=alert(4)>'
TEXT_TYPES = ("Data", "Small Text", "Text", "Long Text", "Text Editor", "Link", "Select", "Read Only")
FILE_TYPES = ("Attach", "Attach Image", "Signature")


def injected(html: str) -> list[str]:
	"""The tags in `html` that stored text could have made: a script, an event handler, a
	javascript: address, or the <img src=x> of the payload."""
	tags = re.findall(r"<[^>]+>", html)
	return [
		tag
		for tag in tags
		if re.match(r"<\s*script", tag, re.I)
		or re.search(r"\son\w+\s*=", tag, re.I)
		or re.search(r"javascript:", tag, re.I)
		or re.match(r"<img\s+src=x\b", tag, re.I)
	]


def poison(doc) -> int:
	"""Every text and file field of `doc` and of its rows set to markup, past the sanitiser."""
	count = 0
	for row in [doc, *[r for t in doc.meta.get_table_fields() for r in doc.get(t.fieldname)]]:
		for df in row.meta.fields:
			if df.fieldtype in no_value_fields or df.fieldtype in table_fields:
				continue
			if df.fieldtype in TEXT_TYPES and df.fieldname not in ("naming_series", "status"):
				value = TEXT[: df.length] if df.length else TEXT  # a short code column holds what it can
				frappe.db.set_value(row.doctype, row.name, df.fieldname, value, update_modified=False)
			elif df.fieldtype in FILE_TYPES:
				frappe.db.set_value(row.doctype, row.name, df.fieldname, FILE, update_modified=False)
			else:
				continue
			count += 1
	return count


class HostileDoc(frappe._dict):
	"""A document whose every text field holds markup, for the letters' templates (dates and
	amounts are formatted by the template, so they hold a date and a number)."""

	def __init__(self):
		day = frappe.utils.today()
		super().__init__(
			{
				k: day
				for k in ("start_date", "end_date", "due_date", "period_start", "period_end", "posting_date")
			}
			| {k: 1_000_000 for k in ("grand_total", "total_amount", "amount", "outstanding_amount")}
		)

	def __getattr__(self, key):
		if key.startswith("__"):
			raise AttributeError(key)
		return self.get(key, TEXT)


class TestStoredMarkupIsEscaped(AntaraTestCase):
	def setUp(self):
		super().setUp()
		set_up_printing(self)
		product = f.make_product(self.org)
		order = f.verified_order(self.org, self.customer, [product])
		contract = f.make_contract(self.org, order.name)
		# A second sale signed (6.7) and fulfilled (6.8): its invoice, and an F/KOM/004 on it.
		self.addCleanup(frappe.clear_document_cache, SETTINGS, SETTINGS)
		staff_downstream(self.org)
		signed = f.signed_contract(self.org, self.customer, [product])
		with f.as_user(self.org.ae):
			fulfilment.fulfil_contract(signed.name, on=signed.start_date)
			change = frappe.get_doc(
				{
					"doctype": SUBSCRIPTION_CHANGE,
					"contract": signed.name,
					"change_type": "Change Quantity",
					"effective_date": frappe.utils.add_days(signed.start_date, 30),
					"reason": "Pelanggan menambah jumlah pengguna",
					"account_executive": self.org.ae,
				}
			).insert()
		invoice = frappe.get_all(INVOICE, {"contract": signed.name}, pluck="name", limit=1)
		self.assertTrue(invoice, "the signed contract has no invoice")
		# The minutes (6.2), with a row in each of its tables.
		meeting = sf.make_meeting(self.org, frappe.utils.today())
		with f.as_user(self.org.manager):
			meeting.append("strategy_actions", {"action": "Strategi", "responsible": self.org.ae})
			meeting.append(
				"action_items",
				{
					"description": "Tindak lanjut",
					"assigned_to": self.org.ae,
					"due_date": frappe.utils.today(),
				},
			)
			meeting.save()
		self.docs = {
			MEETING: meeting.name,
			MEDIA_ORDER: order.name,
			CONTRACT: contract.name,
			INVOICE: invoice[0],
			SUBSCRIPTION_CHANGE: change.name,
		}

	def test_prints_escape_every_stored_field(self):
		rendered, fields = 0, 0
		found = []
		for doctype, name in self.docs.items():
			fields += poison(frappe.get_doc(doctype, name))
			formats = frappe.get_all(
				"Print Format", {"module": MODULE, "doc_type": doctype, "disabled": 0}, pluck="name"
			)
			self.assertTrue(formats, f"no print format of {doctype}")
			for print_format in formats:
				frappe.clear_document_cache(doctype, name)
				html = frappe.get_print(doctype, name, print_format=print_format)
				rendered += 1
				found += [f"{print_format}: {tag}" for tag in injected(our_part(html))]
		report(f"HOSTILE prints: {rendered} prints, {fields} fields with markup, {len(found)} unescaped")
		self.assertEqual(found, [])

	def test_letters_and_notifications_escape_stored_text(self):
		found, rendered = [], 0
		templates = frappe.get_all("Email Template", {"name": ("like", "ANTARA %")}, pluck="name")
		self.assertTrue(templates)
		for template in templates:
			# What the code builds (links, amounts, dates) is the code's; `reason` is typed.
			letter = notify.render(template, HostileDoc(), reason=TEXT)
			rendered += 1
			found += [f"{template}: {tag}" for tag in injected(letter.subject + letter.message)]
		for name in frappe.get_all("Notification", {"module": MODULE}, pluck="name"):
			notification = frappe.get_doc("Notification", name)
			message = frappe.render_template(notification.message, {"doc": HostileDoc()})
			subject = frappe.render_template(notification.subject, {"doc": HostileDoc()})
			rendered += 1
			found += [f"{name}: {tag}" for tag in injected(subject + message)]
		report(f"HOSTILE letters: {rendered} templates, {len(found)} unescaped")
		self.assertEqual(found, [])
