"""NPWP, NIK and NITKU (PMK 112/PMK.03/2022, PER-6/PJ/2024) and Indonesian phone numbers (6.5.1)."""

import unittest

from stdnum.id import nik as stdnum_nik

from antara_sales.domain.identifiers import (
	PROVINCE_CODES,
	InvalidIdentifier,
	is_nik,
	normalize_name,
	normalize_nitku,
	normalize_npwp,
	normalize_phone,
	validate_nik,
)

# One regency or city in use per province (Kemendagri code), mostly the provincial capital.
REGENCY_PER_PROVINCE = {
	"11": "71",  # Aceh: Kota Banda Aceh
	"12": "75",  # Sumatera Utara: Kota Medan
	"13": "71",  # Sumatera Barat: Kota Padang
	"14": "71",  # Riau: Kota Pekanbaru
	"15": "71",  # Jambi: Kota Jambi
	"16": "71",  # Sumatera Selatan: Kota Palembang
	"17": "71",  # Bengkulu: Kota Bengkulu
	"18": "71",  # Lampung: Kota Bandar Lampung
	"19": "71",  # Kepulauan Bangka Belitung: Kota Pangkalpinang
	"21": "71",  # Kepulauan Riau: Kota Batam
	"31": "73",  # DKI Jakarta: Kota Jakarta Pusat
	"32": "73",  # Jawa Barat: Kota Bandung
	"33": "74",  # Jawa Tengah: Kota Semarang
	"34": "71",  # DI Yogyakarta: Kota Yogyakarta
	"35": "78",  # Jawa Timur: Kota Surabaya
	"36": "73",  # Banten: Kota Serang
	"51": "71",  # Bali: Kota Denpasar
	"52": "71",  # Nusa Tenggara Barat: Kota Mataram
	"53": "71",  # Nusa Tenggara Timur: Kota Kupang
	"61": "71",  # Kalimantan Barat: Kota Pontianak
	"62": "71",  # Kalimantan Tengah: Kota Palangka Raya
	"63": "71",  # Kalimantan Selatan: Kota Banjarmasin
	"64": "72",  # Kalimantan Timur: Kota Samarinda
	"65": "71",  # Kalimantan Utara: Kota Tarakan
	"71": "71",  # Sulawesi Utara: Kota Manado
	"72": "71",  # Sulawesi Tengah: Kota Palu
	"73": "71",  # Sulawesi Selatan: Kota Makassar
	"74": "71",  # Sulawesi Tenggara: Kota Kendari
	"75": "71",  # Gorontalo: Kota Gorontalo
	"76": "04",  # Sulawesi Barat (no city): Kabupaten Mamuju
	"81": "71",  # Maluku: Kota Ambon
	"82": "71",  # Maluku Utara: Kota Ternate
	"91": "71",  # Papua: Kota Jayapura
	"92": "02",  # Papua Barat: Kabupaten Manokwari
	"93": "01",  # Papua Selatan (UU 14/2022): Kabupaten Merauke
	"94": "01",  # Papua Tengah (UU 15/2022): Kabupaten Nabire
	"95": "01",  # Papua Pegunungan (UU 16/2022): Kabupaten Jayawijaya
	"96": "71",  # Papua Barat Daya (UU 29/2022): Kota Sorong
}

OLD_NPWP = "01.234.567.4-012.000"  # check digit 4 = Luhn over 01234567
CONVERTED_NPWP = "0012345674012000"


def nik(province="31", regency="71", district="01", birth="170845", serial="0001") -> str:
	return province + regency + district + birth + serial


class TestNIKProvinces(unittest.TestCase):
	def test_the_list_is_the_38_provinces(self):
		self.assertEqual(set(REGENCY_PER_PROVINCE), PROVINCE_CODES)
		self.assertEqual(len(PROVINCE_CODES), 38)

	def test_a_nik_from_every_province_is_accepted(self):
		for province, regency in REGENCY_PER_PROVINCE.items():
			with self.subTest(province=province):
				number = nik(province, regency)
				self.assertEqual(validate_nik(number), number)
				self.assertEqual(normalize_npwp(number), number)  # a resident's NIK is the NPWP

	def test_kalimantan_utara_which_stdnum_refuses(self):
		self.assertFalse(stdnum_nik.is_valid("6571011708450001"))  # why we check the codes ourselves
		self.assertEqual(validate_nik("6571011708450001"), "6571011708450001")
		self.assertEqual(normalize_npwp("6571 0117 0845 0001"), "6571011708450001")

	def test_codes_not_in_use_are_refused(self):
		unused = "00 10 20 22 30 37 50 54 60 66 70 77 83 90 97 99".split()
		for province in unused:
			with self.subTest(province=province):
				with self.assertRaisesRegex(InvalidIdentifier, "province code"):
					validate_nik(nik(province))

	def test_00_regency_district_and_0000_serial_are_refused(self):
		with self.assertRaisesRegex(InvalidIdentifier, "regency or city code is 00"):
			validate_nik(nik(regency="00"))
		with self.assertRaisesRegex(InvalidIdentifier, "district code is 00"):
			validate_nik(nik(district="00"))
		with self.assertRaisesRegex(InvalidIdentifier, "serial number is 0000"):
			validate_nik(nik(serial="0000"))

	def test_length(self):
		for number in ("317101170845000", "31710117084500011", ""):
			with self.subTest(number=number):
				with self.assertRaisesRegex(InvalidIdentifier, "16 digits"):
					validate_nik(number)


class TestNIKBirthDate(unittest.TestCase):
	def test_women_add_40_to_the_day(self):
		for birth in ("570845", "410101", "710199", "690296"):  # 17-08-45, 1-1-01, 31-1-99, 29-2-96
			with self.subTest(birth=birth):
				self.assertEqual(validate_nik(nik(birth=birth)), nik(birth=birth))

	def test_days_that_are_no_day_are_refused(self):
		# 81 passes stdnum (81 % 40 = 1); 00, 32-40 and 72 up are no day for anyone.
		for day in ("00", "32", "39", "40", "72", "80", "81", "99"):
			with self.subTest(day=day):
				with self.assertRaisesRegex(InvalidIdentifier, "birth date"):
					validate_nik(nik(birth=day + "0845"))

	def test_dates_that_do_not_exist_are_refused(self):
		for birth in ("310445", "300290", "290201", "690201", "171345", "170045", "710445"):
			with self.subTest(birth=birth):
				with self.assertRaisesRegex(InvalidIdentifier, "birth date"):
					validate_nik(nik(birth=birth))

	def test_29_february_in_either_century(self):
		for birth in ("290200", "290296", "290204", "690200"):  # 2000, 1996, 2004 (1904); women's 2000
			with self.subTest(birth=birth):
				self.assertEqual(validate_nik(nik(birth=birth)), nik(birth=birth))


class TestNPWP(unittest.TestCase):
	def test_old_15_digit_form_becomes_16_digits(self):
		self.assertEqual(normalize_npwp(OLD_NPWP), CONVERTED_NPWP)
		self.assertEqual(normalize_npwp("012345674012000"), CONVERTED_NPWP)

	def test_converted_16_digit_form(self):
		self.assertEqual(normalize_npwp(CONVERTED_NPWP), CONVERTED_NPWP)
		self.assertEqual(normalize_npwp("0012.345.674-012.000"), CONVERTED_NPWP)
		self.assertFalse(is_nik(CONVERTED_NPWP))

	def test_nik_as_npwp(self):
		self.assertEqual(normalize_npwp("3171011505900001"), "3171011505900001")
		self.assertTrue(is_nik("3171011505900001"))

	def test_wrong_check_digit_in_either_form(self):
		for value in ("01.234.567.5-012.000", "0012345675012000"):
			with self.subTest(value=value):
				with self.assertRaisesRegex(InvalidIdentifier, "check digit"):
					normalize_npwp(value)

	def test_wrong_length_and_letters(self):
		for value in ("12345", "01234567401200", "00123456740120000"):
			with self.subTest(value=value):
				with self.assertRaisesRegex(InvalidIdentifier, "15 or 16"):
					normalize_npwp(value)
		with self.assertRaisesRegex(InvalidIdentifier, "digits"):
			normalize_npwp("01234567A012000")

	def test_invalid_nik(self):
		with self.assertRaisesRegex(InvalidIdentifier, "NIK"):
			normalize_npwp("1234567890123456")  # day 78
		with self.assertRaisesRegex(InvalidIdentifier, "province"):
			normalize_npwp("9971011708450001")


class TestNITKU(unittest.TestCase):
	def test_empty_is_the_head_office(self):
		for value in (None, "", "   "):
			with self.subTest(value=value):
				self.assertEqual(normalize_nitku(value, CONVERTED_NPWP), CONVERTED_NPWP + "000000")
		self.assertIsNone(normalize_nitku("", None))

	def test_branch_with_separators(self):
		self.assertEqual(
			normalize_nitku("0012345674012000 000001", CONVERTED_NPWP), CONVERTED_NPWP + "000001"
		)
		self.assertEqual(
			normalize_nitku("6571011708450001-000000", "6571011708450001"), "6571011708450001000000"
		)

	def test_another_taxpayers_nitku_is_refused(self):
		with self.assertRaisesRegex(InvalidIdentifier, "does not begin with"):
			normalize_nitku("0099999999999999000000", CONVERTED_NPWP)

	def test_length_and_characters(self):
		for value in (CONVERTED_NPWP, CONVERTED_NPWP + "00000", CONVERTED_NPWP + "0000000"):
			with self.subTest(value=value):
				with self.assertRaisesRegex(InvalidIdentifier, "22 digits"):
					normalize_nitku(value, CONVERTED_NPWP)
		with self.assertRaisesRegex(InvalidIdentifier, "other than digits"):
			normalize_nitku(CONVERTED_NPWP + "00000A", CONVERTED_NPWP)

	def test_a_nitku_without_its_npwp_is_refused(self):
		with self.assertRaisesRegex(InvalidIdentifier, "NPWP"):
			normalize_nitku(CONVERTED_NPWP + "000000", None)


class TestLookAlikes(unittest.TestCase):
	"""Digits that look like ASCII ones are refused, never converted (str.isdigit takes them all)."""

	LOOK_ALIKES = {
		"full-width one": "\uff11",
		"superscript two": "\u00b2",
		"Arabic-Indic three": "\u0663",
		"Devanagari four": "\u096a",
		"mathematical bold zero": "\U0001d7ce",
		"letter O": "O",
		"letter l": "l",
	}

	def test_refused_in_every_identifier(self):
		for what, char in self.LOOK_ALIKES.items():
			with self.subTest(what=what):
				with self.assertRaisesRegex(InvalidIdentifier, "other than digits"):
					normalize_npwp(char + CONVERTED_NPWP[1:])
				with self.assertRaisesRegex(InvalidIdentifier, "other than digits"):
					normalize_npwp("01234567" + char + "012000")
				with self.assertRaisesRegex(InvalidIdentifier, "other than digits"):
					validate_nik("657101170845000" + char)
				with self.assertRaisesRegex(InvalidIdentifier, "other than digits"):
					normalize_nitku(CONVERTED_NPWP + "00000" + char, CONVERTED_NPWP)

	def test_full_width_number_is_not_converted(self):
		full_width = "".join(chr(ord(c) - ord("0") + 0xFF10) for c in "6571011708450001")
		self.assertTrue(full_width.isdigit())
		with self.assertRaises(InvalidIdentifier):
			normalize_npwp(full_width)


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
