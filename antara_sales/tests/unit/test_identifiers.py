"""NPWP and Indonesian phone numbers (6.5.1), through python-stdnum and phonenumbers."""

import unittest

from antara_sales.domain.identifiers import InvalidIdentifier, normalize_name, normalize_npwp, normalize_phone


class TestNPWP(unittest.TestCase):
	def test_old_15_digit_form_becomes_16_digits(self):
		self.assertEqual(normalize_npwp("01.234.567.4-012.000"), "0012345674012000")
		self.assertEqual(normalize_npwp("012345674012000"), "0012345674012000")

	def test_new_16_digit_forms(self):
		self.assertEqual(normalize_npwp("0012345674012000"), "0012345674012000")
		self.assertEqual(normalize_npwp("3171011505900001"), "3171011505900001")  # NIK

	def test_wrong_check_digit(self):
		with self.assertRaisesRegex(InvalidIdentifier, "check digit"):
			normalize_npwp("01.234.567.5-012.000")

	def test_wrong_length_and_letters(self):
		with self.assertRaisesRegex(InvalidIdentifier, "15 or 16"):
			normalize_npwp("12345")
		with self.assertRaisesRegex(InvalidIdentifier, "digits"):
			normalize_npwp("01234567A012000")

	def test_invalid_nik(self):
		with self.assertRaisesRegex(InvalidIdentifier, "NIK"):
			normalize_npwp("1234567890123456")


class TestPhone(unittest.TestCase):
	def test_local_and_international_forms(self):
		self.assertEqual(normalize_phone("021 3802383"), "+62 21 3802383")
		self.assertEqual(normalize_phone("0812-3456-7890"), "+62 812-3456-7890")
		self.assertEqual(normalize_phone("+62 812 3456 7890"), "+62 812-3456-7890")

	def test_foreign_or_garbage_is_refused(self):
		for value in ("12345", "+1 202 555 0100", "telepon"):
			with self.assertRaises(InvalidIdentifier, msg=value):
				normalize_phone(value)


class TestNames(unittest.TestCase):
	def test_case_spacing_and_punctuation_fold(self):
		self.assertEqual(normalize_name("PT. Maju  Jaya"), normalize_name("pt maju jaya"))
