"""Issue 10: the control block of each controlled form dates itself in Indonesian, as the body does
("Tanggal 1 Desember 2026"), whatever the desk user's language is: F/KOM/003, F/KOM/004 and the
contract's two copies (domain/print_text.py words every printed date)."""

import re

import frappe

from antara_sales.services.printing import print_forms
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.integration.test_print_formats import set_up_printing, visible_text

ENGLISH_MONTHS = re.compile(r"\b(January|February|March|May|June|July|August|October|December)\b")
DECEMBER = {"start": "2026-12-01", "end": "2027-11-30"}


class TestPrintDatesInIndonesian(AntaraTestCase):
	def setUp(self):
		super().setUp()
		set_up_printing(self)
		self.product = f.make_product(self.org, product_name="Layanan Berita Teks Nasional")
		previous = frappe.local.lang
		frappe.local.lang = "en"  # the desk user works in English; the forms stay Indonesian
		self.addCleanup(setattr, frappe.local, "lang", previous)

	def printed(self, user, doc, print_format) -> str:
		with f.as_user(user):
			return visible_text(frappe.get_print(doc.doctype, doc.name, print_format))

	def control_date(self, text: str) -> str:
		"""The control block's Tanggal: the row between No. Formulir / Revisi Kontrak and Halaman."""
		match = re.search(r"Tanggal (\d{1,2} \w+ \d{4}) Halaman 1 dari", text)
		self.assertIsNotNone(match, text[:400])
		return match.group(1)

	def test_the_order_and_the_change_forms(self):
		contract = f.signed_contract(self.org, self.customer, [self.product], **DECEMBER)
		order = frappe.get_doc("ANTARA Media Order", contract.media_order)
		frappe.db.set_value(order.doctype, order.name, "order_date", "2026-12-01", update_modified=False)
		with f.as_user(self.org.ae):
			change = frappe.get_doc(
				{
					"doctype": "ANTARA Subscription Change",
					"contract": contract.name,
					"change_type": "Change Quantity",
					"effective_date": "2027-01-01",
					"reason": "Pelanggan menambah jumlah pengguna",
					"account_executive": self.org.ae,
				}
			).insert()
		frappe.db.set_value(
			change.doctype, change.name, "creation", "2026-12-01 09:00:00", update_modified=False
		)
		for doc, print_format in (
			(order, print_forms.MEDIA_ORDER_FORMAT),
			(change, print_forms.SUBSCRIPTION_CHANGE_FORMAT),
		):
			text = self.printed(self.org.ae, frappe.get_doc(doc.doctype, doc.name), print_format)
			self.assertEqual(self.control_date(text), "1 Desember 2026", print_format)
			self.assertIsNone(ENGLISH_MONTHS.search(text), print_format)
		self.assertIn("Tanggal Berlaku : 1 Januari 2027", text)

	def test_the_contract_copies(self):
		contract = f.signed_contract(self.org, self.customer, [self.product], **DECEMBER)
		self.assertEqual(str(contract.gm_signed_on), "2026-12-01")
		for print_format in (print_forms.CONTRACT_CUSTOMER_COPY, print_forms.CONTRACT_ARCHIVE_COPY):
			text = self.printed(self.org.manager, contract, print_format)
			self.assertEqual(self.control_date(text), "1 Desember 2026", print_format)
			self.assertIn("sejak 1 Desember 2026 sampai dengan 30 November 2027", text)
			self.assertIsNone(ENGLISH_MONTHS.search(text), print_format)
