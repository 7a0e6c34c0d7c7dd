"""Indonesian wording of the printed forms (F/KOM/003, F/KOM/004, the contract of 6.6/6.7)."""

import unittest
from datetime import date, datetime

from antara_sales.domain import print_text as t


class TestDates(unittest.TestCase):
	def test_indonesian_long_date(self):
		self.assertEqual(t.tanggal(date(2021, 6, 1)), "1 Juni 2021")
		self.assertEqual(t.tanggal("2026-12-31"), "31 Desember 2026")
		self.assertEqual(t.tanggal(datetime(2026, 3, 5, 10, 0)), "5 Maret 2026")
		self.assertEqual(t.tanggal("2026-08-17 09:00:00"), "17 Agustus 2026")

	def test_empty_date_prints_nothing(self):
		self.assertEqual(t.tanggal(None), "")
		self.assertEqual(t.tanggal(""), "")


class TestMoney(unittest.TestCase):
	def test_rupiah_uses_dots_for_thousands(self):
		self.assertEqual(t.rupiah(1_200_000), "Rp 1.200.000")
		self.assertEqual(t.rupiah(0), "Rp 0")
		self.assertEqual(t.rupiah(None), "Rp 0")
		self.assertEqual(t.rupiah(999), "Rp 999")

	def test_sen_only_when_there_are_any(self):
		self.assertEqual(t.rupiah(1_332_000.5), "Rp 1.332.000,50")
		self.assertEqual(t.rupiah("1500.005"), "Rp 1.500,01")  # half up
		self.assertEqual(t.rupiah(-2500), "-Rp 2.500")

	def test_split(self):
		self.assertEqual(t.split_rupiah(1_200_000), (1_200_000, 0))
		self.assertEqual(t.split_rupiah(10.25), (10, 25))

	def test_percent_and_number(self):
		self.assertEqual(t.persen(11), "11%")
		self.assertEqual(t.persen(12.5), "12,5%")
		self.assertEqual(t.persen(None), "0%")
		self.assertEqual(t.number(30_000), "30.000")


class TestTerbilang(unittest.TestCase):
	"""The words themselves come from Frappe's in_words (num2words, lang "id")."""

	def test_rupiah_is_appended(self):
		self.assertEqual(t.terbilang_rupiah("satu juta dua ratus ribu"), "satu juta dua ratus ribu rupiah")

	def test_sen(self):
		self.assertEqual(t.terbilang_rupiah("sepuluh", "dua puluh lima"), "sepuluh rupiah dua puluh lima sen")

	def test_one_thousand_is_seribu(self):
		self.assertEqual(t.seribu("satu ribu"), "seribu")
		self.assertEqual(t.seribu("satu ribu lima ratus"), "seribu lima ratus")
		self.assertEqual(t.seribu("dua juta satu ribu"), "dua juta seribu")
		self.assertEqual(t.seribu("satu miliar satu juta satu ribu"), "satu miliar satu juta seribu")

	def test_twenty_one_thousand_stays(self):
		self.assertEqual(t.seribu("dua puluh satu ribu"), "dua puluh satu ribu")
		self.assertEqual(t.seribu("seratus satu ribu"), "seratus satu ribu")


class TestLabels(unittest.TestCase):
	def test_select_values_in_indonesian(self):
		self.assertEqual(t.label("Institution"), "Lembaga")
		self.assertEqual(t.label("Monthly"), "Bulanan")
		self.assertEqual(t.label("Add Product"), "Penambahan produk")
		self.assertEqual(t.label("Something New"), "Something New")
		self.assertEqual(t.label(None), "")

	def test_copy_markings_of_6_7(self):
		self.assertEqual(t.copy_marking("customer"), "SALINAN PELANGGAN")
		self.assertEqual(t.copy_marking("archive"), "SALINAN ARSIP")
		self.assertEqual(t.copy_marking(None), "")

	def test_control_block(self):
		self.assertEqual(
			t.control_block("F/KOM/003", "2021-06-01", "03"),
			[("No. Dok.", "F/KOM/003"), ("Tgl. Terbit", "1 Juni 2021"), ("No. Revisi", "03")],
		)


class TestPlainValues(unittest.TestCase):
	"""Custom fields added through Customize Form print by their field type."""

	def test_by_field_type(self):
		self.assertEqual(t.plain_value("Check", 1), "Ya")
		self.assertEqual(t.plain_value("Check", 0), "Tidak")
		self.assertEqual(t.plain_value("Date", "2026-02-01"), "1 Februari 2026")
		self.assertEqual(t.plain_value("Datetime", "2026-02-01 13:45:10"), "1 Februari 2026 13:45")
		self.assertEqual(t.plain_value("Currency", 2_500_000), "Rp 2.500.000")
		self.assertEqual(t.plain_value("Percent", 7.5), "7,5%")
		self.assertEqual(t.plain_value("Int", 12000), "12.000")
		self.assertEqual(t.plain_value("Float", 1.50), "1,5")
		self.assertEqual(t.plain_value("Select", "Quarterly"), "Triwulanan")
		self.assertEqual(t.plain_value("Data", "PO-77"), "PO-77")

	def test_empty_is_blank_for_the_customer_to_fill_in(self):
		self.assertEqual(t.plain_value("Data", None), "")
		self.assertEqual(t.plain_value("Currency", ""), "")

	def test_short_date(self):
		self.assertEqual(t.tanggal_pendek("2026-01-05"), "05/01/2026")
		self.assertEqual(t.tanggal_pendek(None), "")
