"""Invoices under Indonesian tax law (issue 11; the rules and their sources are in domain/tax.py):
PPN 12 % on DPP Nilai Lain 11/12 (PMK 131/2024), the tax-invoice code by buyer category and
threshold (02 government, 03 BUMN, 04 otherwise), PPh 23 withheld and what is payable, the
withholding slip that makes a short payment full, the seller's and buyer's identities, the stamp
duty on the receipt, and the print that shows them."""

import frappe

from antara_sales.domain.identifiers import normalize_npwp
from antara_sales.services.common.settings import SETTINGS
from antara_sales.tests import factories as f
from antara_sales.tests.integration.fulfilment_case import INVOICE, FulfilmentCase

YEAR = {"start": "2026-01-01", "end": "2026-12-31"}


class InvoiceTaxCase(FulfilmentCase):
	def setUp(self):
		super().setUp()
		self.seller_npwp = normalize_npwp(f.valid_npwp())
		frappe.db.set_single_value(
			SETTINGS,
			{"seller_npwp": self.seller_npwp, "seller_nitku": self.seller_npwp + "000000"},
			update_modified=False,
		)

	def buyer(self, category, **kw):
		self.customer = f.make_customer(self.org, buyer_category=category, **kw)

	def first_invoice(self, products, **kw):
		contract = self.sign(products, **YEAR, **kw)
		self.fulfil(contract)
		return frappe.get_doc(INVOICE, self.invoices(contract)[0].name)


class TestPpnAndCodes(InvoiceTaxCase):
	def test_an_ordinary_buyer_pays_12_percent_of_11_twelfths(self):
		self.buyer("Umum")
		invoice = self.first_invoice([self.text])  # January: Rp 1.000.000
		self.assertEqual((invoice.tax_rate, invoice.dpp_numerator, invoice.dpp_denominator), (12, 11, 12))
		self.assertEqual(
			(invoice.total_amount, invoice.dpp_amount, invoice.tax_amount), (1_000_000, 916_667, 110_000)
		)
		self.assertEqual([(r.dpp_amount, r.tax_amount) for r in invoice.items], [(916_667, 110_000)])
		self.assertEqual((invoice.transaction_code, invoice.ppn_collected_by_buyer), ("04", 0))
		self.assertEqual((invoice.pph23_amount, invoice.amount_payable), (0, 1_110_000))
		self.assertEqual(
			(invoice.seller_npwp, invoice.seller_nitku), (self.seller_npwp, self.seller_npwp + "000000")
		)

	def test_a_bumn_collects_above_10_million_and_withholds_pph_23(self):
		frappe.db.set_single_value(SETTINGS, "bumn_collects_from_perum", 1, update_modified=False)
		self.buyer("BUMN")
		invoice = self.first_invoice([self.xinhua])  # Rp 12.000.000 + PPN: above PMK 8/2021's threshold
		self.assertEqual((invoice.transaction_code, invoice.ppn_collected_by_buyer), ("03", 1))
		self.assertEqual((invoice.grand_total, invoice.tax_amount), (13_320_000, 1_320_000))
		self.assertEqual((invoice.pph23_rate, invoice.pph23_amount), (2, 240_000))
		# The BUMN pays the price less PPh 23, and pays the PPN to the state itself.
		self.assertEqual(invoice.amount_payable, 12_000_000 - 240_000)

	def test_a_bumn_does_not_collect_up_to_10_million(self):
		frappe.db.set_single_value(SETTINGS, "bumn_collects_from_perum", 1, update_modified=False)
		self.buyer("BUMN")
		invoice = self.first_invoice([self.text])  # Rp 1.110.000 with PPN
		self.assertEqual((invoice.transaction_code, invoice.ppn_collected_by_buyer), ("04", 0))
		self.assertEqual(invoice.amount_payable, 1_110_000 - 20_000)

	def test_by_default_a_bumn_does_not_collect_from_antara_a_perum(self):
		self.buyer("BUMN")
		invoice = self.first_invoice([self.xinhua])
		self.assertEqual((invoice.transaction_code, invoice.ppn_collected_by_buyer), ("04", 0))
		self.assertEqual(invoice.amount_payable, 13_320_000 - 240_000)

	def test_a_government_buyer_collects_above_2_million(self):
		self.buyer("Instansi Pemerintah")
		big = self.first_invoice([self.text, self.photo, self.advertorial])  # Rp 6.500.000
		self.assertEqual((big.transaction_code, big.ppn_collected_by_buyer), ("02", 1))
		self.assertEqual(big.amount_payable, 6_500_000 - 130_000)

	def test_an_individual_is_identified_by_nik(self):
		self.buyer(
			"Umum",
			customer_type="Individual",
			customer_name=f.unique("Budi Santoso"),
			npwp="6571011708450001",
		)
		invoice = self.first_invoice([self.text])
		self.assertEqual(
			(invoice.tax_id_type, invoice.npwp, invoice.transaction_code), ("NIK", "6571011708450001", "04")
		)


class TestPayments(InvoiceTaxCase):
	def setUp(self):
		super().setUp()
		self.buyer("Badan Usaha")
		self.invoice = self.first_invoice([self.text])  # payable 1.110.000 - PPh 23 20.000

	def pay(self, amount, slip=None):
		with f.as_user(self.people.finance[0]):
			doc = frappe.get_doc(INVOICE, self.invoice.name)
			doc.update({"paid_on": "2026-01-20", "paid_amount": amount, "withholding_slip_number": slip})
			doc.save()
		return frappe.db.get_value(INVOICE, self.invoice.name, "status")

	def test_a_new_invoice_has_received_nothing_not_an_unset_amount(self):
		"""Unset, Amount Received was 0 in the database and None in the invoice being submitted, and
		every invoice's activity read "Amount Received from 0 to null"."""
		self.assertEqual(frappe.new_doc(INVOICE).paid_amount, 0)
		self.assertEqual(self.invoice.paid_amount, 0)

	def test_short_by_exactly_the_withholding_is_paid_once_the_slip_is_recorded(self):
		self.assertEqual(self.invoice.amount_payable, 1_090_000)
		self.assertEqual(self.pay(1_090_000), "Partly Paid")
		self.assertEqual(self.pay(1_090_000, slip="  BPPU-2026-000123 "), "Paid")
		self.assertEqual(
			frappe.db.get_value(INVOICE, self.invoice.name, "withholding_slip_number"), "BPPU-2026-000123"
		)

	def test_the_whole_grand_total_is_paid_without_a_slip(self):
		self.assertEqual(self.pay(1_110_000), "Paid")

	def test_short_by_another_amount_stays_partly_paid(self):
		self.assertEqual(self.pay(1_000_000, slip="BPPU-1"), "Partly Paid")

	def test_a_payment_needs_its_amount(self):
		with (
			f.as_user(self.people.finance[0]),
			self.assertRaisesRegex(frappe.ValidationError, "Amount Received"),
		):
			doc = frappe.get_doc(INVOICE, self.invoice.name)
			doc.paid_on = "2026-01-20"
			doc.save()
		self.assertFalse(frappe.db.get_value(INVOICE, self.invoice.name, "paid_on"))


class TestPrint(InvoiceTaxCase):
	def test_the_invoice_prints_the_tax_and_the_meterai_place(self):
		frappe.db.set_single_value(SETTINGS, "bumn_collects_from_perum", 1, update_modified=False)
		self.buyer("BUMN")
		invoice = self.first_invoice([self.xinhua])
		html = frappe.get_print(INVOICE, invoice.name, "ANTARA Invoice")
		for text in (
			f"NPWP: {self.seller_npwp}",
			f"NITKU: {self.seller_npwp}000000",
			"Kode Transaksi",
			"DPP Nilai Lain (11/12 x Harga Jual)",
			"Rp 11.000.000",  # DPP Nilai Lain of 12.000.000
			"PPN dipungut oleh pembeli (kode 03)",
			"PPh Pasal 23",
			"Jumlah yang Dibayar",
			"Rp 11.760.000",
			"Bea Meterai",
			"METERAI",
		):
			self.assertIn(text, html)

	def test_a_small_invoice_has_no_meterai(self):
		self.buyer("Umum")
		invoice = self.first_invoice([self.text])
		html = frappe.get_print(INVOICE, invoice.name, "ANTARA Invoice")
		self.assertNotIn("METERAI", html)


class TestSettings(InvoiceTaxCase):
	def test_a_nitku_not_of_the_npwp_is_refused(self):
		settings = frappe.get_doc(SETTINGS)
		settings.seller_nitku = normalize_npwp(f.valid_npwp()) + "000000"
		with self.assertRaisesRegex(frappe.ValidationError, "NITKU"):
			settings.save()

	def test_two_rules_on_one_date_are_refused(self):
		settings = frappe.get_doc(SETTINGS)
		settings.append(
			"ppn_rules",
			{"effective_from": "2025-01-01", "rate": 12, "dpp_numerator": 1, "dpp_denominator": 1},
		)
		with self.assertRaisesRegex(frappe.ValidationError, "same date"):
			settings.save()
