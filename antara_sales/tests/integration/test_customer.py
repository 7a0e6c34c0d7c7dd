"""Customer data (5.3, 5.4, 6.5.1): validation, duplicates, and the status computed from the
subscription history of real signed contracts."""

import frappe

from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase


class TestCustomerValidation(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()

	def test_npwp_is_stored_in_the_16_digit_form(self):
		npwp = f.valid_npwp()
		printed = f"{npwp[:2]}.{npwp[2:5]}.{npwp[5:8]}.{npwp[8]}-{npwp[9:12]}.{npwp[12:]}"
		name = f.make_customer(self.org, npwp=printed)
		self.assertEqual(frappe.db.get_value("ANTARA Customer", name, "npwp"), "0" + npwp)

	def test_bad_npwp_is_refused_naming_the_field(self):
		with self.assertRaisesRegex(frappe.ValidationError, "NPWP.*check digit"):
			f.make_customer(self.org, npwp="01.234.567.5-012.000")

	def test_institution_needs_an_npwp_an_individual_does_not(self):
		with self.assertRaisesRegex(frappe.ValidationError, "NPWP.*required"):
			f.make_customer(self.org, npwp=None)
		f.make_customer(self.org, npwp=None, customer_type="Individual", customer_name=f.unique("Budi"))

	def test_phone_numbers_are_validated_and_normalised(self):
		name = f.make_customer(self.org, phone="0812 3456 7890")
		self.assertEqual(frappe.db.get_value("ANTARA Customer", name, "phone"), "+62 812-3456-7890")
		with self.assertRaisesRegex(frappe.ValidationError, "Phone.*Indonesian"):
			f.make_customer(self.org, phone="+1 202 555 0100")
		with self.assertRaisesRegex(frappe.ValidationError, "Contact Phone"):
			f.make_customer(self.org, contacts=[{"contact_name": "X", "phone": "123"}])

	def test_bad_email_is_refused(self):
		with self.assertRaises(frappe.InvalidEmailAddressError):
			f.make_customer(self.org, email="not-an-email")

	def test_duplicate_npwp_in_either_form_is_refused_with_a_link(self):
		npwp = f.valid_npwp()
		first = f.make_customer(self.org, npwp=npwp)
		with self.assertRaises(frappe.DuplicateEntryError) as ctx:
			f.make_customer(self.org, npwp="0" + npwp)
		self.assertIn(first, str(ctx.exception))

	def test_duplicate_name_and_email_is_refused(self):
		name = f.unique("PT. Maju  Jaya")
		first = f.make_customer(self.org, customer_name=name, email="humas@majujaya.co.id")
		with self.assertRaises(frappe.DuplicateEntryError) as ctx:
			f.make_customer(
				self.org, customer_name=name.upper().replace(".", ""), email="HUMAS@majujaya.co.id"
			)
		self.assertIn(first, str(ctx.exception))

	def test_status_cannot_be_typed_in(self):
		name = f.make_customer(self.org)
		self.assertEqual(frappe.db.get_value("ANTARA Customer", name, "customer_status"), "Prospect")


class TestCustomerTaxIdentity(AntaraTestCase):
	"""Issue 11: the buyer's NPWP or NIK, NITKU and buyer category, as the Faktur Pajak needs them."""

	def setUp(self):
		super().setUp()
		self.org = f.make_org()

	def stored(self, name):
		return frappe.db.get_value(
			"ANTARA Customer", name, ["npwp", "tax_id_type", "nitku", "buyer_category"], as_dict=True
		)

	def test_an_institution_gets_the_head_office_nitku_and_npwp_type(self):
		npwp = f.valid_npwp()
		customer = self.stored(f.make_customer(self.org, npwp=npwp))
		self.assertEqual(customer.npwp, "0" + npwp)
		self.assertEqual(customer.nitku, "0" + npwp + "000000")
		self.assertEqual(customer.tax_id_type, "NPWP")
		# left empty, an institution is a company that withholds PPh 23 (issue 11)
		self.assertEqual(customer.buyer_category, "Badan Usaha")

	def test_a_branch_nitku_is_kept_without_separators(self):
		npwp = "0" + f.valid_npwp()
		name = f.make_customer(self.org, npwp=npwp, nitku=f"{npwp} 000002")
		self.assertEqual(self.stored(name).nitku, npwp + "000002")

	def test_a_nitku_of_another_npwp_is_refused_naming_the_nitku(self):
		other = "0" + f.valid_npwp()
		with self.assertRaisesRegex(frappe.ValidationError, "NITKU.*does not begin with the NPWP"):
			f.make_customer(self.org, npwp=f.valid_npwp(), nitku=other + "000000")
		with self.assertRaisesRegex(frappe.ValidationError, "NITKU.*22 digits"):
			f.make_customer(self.org, npwp=f.valid_npwp(), nitku="123")

	def test_a_nitku_follows_a_corrected_npwp(self):
		name = f.make_customer(self.org)
		corrected = "0" + f.valid_npwp()
		customer = frappe.get_doc("ANTARA Customer", name)
		customer.npwp = corrected
		customer.save()
		self.assertEqual(self.stored(name).nitku, corrected + "000000")

	def test_a_nik_from_kalimantan_utara_is_accepted(self):
		name = f.make_customer(
			self.org,
			customer_type="Individual",
			customer_name=f.unique("Yohanes Lasan"),
			npwp="6571 0117 0845 0001",
		)
		customer = self.stored(name)
		self.assertEqual(customer.npwp, "6571011708450001")
		self.assertEqual(customer.tax_id_type, "NIK")
		self.assertEqual(customer.nitku, "6571011708450001000000")

	def test_a_bad_nik_is_refused_naming_the_nik(self):
		with self.assertRaisesRegex(frappe.ValidationError, "NIK.*birth date"):
			f.make_customer(
				self.org,
				customer_type="Individual",
				customer_name=f.unique("Budi"),
				tax_id_type="NIK",
				npwp="3171018108450001",  # day 81, which stdnum takes for the 1st
			)

	def test_an_institution_with_a_nik_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "institution.*Tax ID Type"):
			f.make_customer(self.org, tax_id_type="NIK")

	def test_an_individual_with_a_company_style_npwp_is_npwp_not_nik(self):
		name = f.make_customer(self.org, customer_type="Individual", customer_name=f.unique("Sari"))
		self.assertEqual(self.stored(name).tax_id_type, "NPWP")
		with self.assertRaisesRegex(frappe.ValidationError, "not a NIK.*Tax ID Type"):
			f.make_customer(
				self.org, customer_type="Individual", customer_name=f.unique("Sari"), tax_id_type="NIK"
			)

	def test_a_category_that_needs_an_npwp_refuses_a_nik(self):
		category = frappe.get_doc(
			{
				"doctype": "ANTARA Buyer Category",
				"category_name": f.unique("Pemungut"),
				"transaction_code": "04",
				"default_pph23_rate": "2",
				"needs_npwp": 1,
			}
		).insert()
		with self.assertRaisesRegex(frappe.ValidationError, "NPWP.*Tax ID Type"):
			f.make_customer(
				self.org,
				customer_type="Individual",
				customer_name=f.unique("Budi"),
				npwp="6571011708450001",
				buyer_category=category.name,
			)
		name = f.make_customer(self.org, buyer_category=category.name)
		self.assertEqual(self.stored(name).buyer_category, category.name)

	def test_look_alike_digits_are_refused_not_converted(self):
		full_width_one = "\uff11"
		with self.assertRaisesRegex(frappe.ValidationError, "NPWP.*other than digits"):
			f.make_customer(self.org, npwp=full_width_one + f.valid_npwp()[1:])


class TestCustomerStatusFromContracts(AntaraTestCase):
	"""Status over period histories: none, one, two, three consecutive, broken, terminated."""

	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org, billing_period="Yearly", price=12_000_000)
		self.customer = f.make_customer(self.org)

	def sign_year(self, year: int, customer=None):
		return f.signed_contract(
			self.org, customer or self.customer, [self.product], start=f"{year}-01-01", end=f"{year}-12-31"
		)

	def status(self):
		return frappe.db.get_value(
			"ANTARA Customer",
			self.customer,
			["customer_status", "consecutive_periods", "status_evidence"],
			as_dict=True,
		)

	def test_history(self):
		self.assertEqual(self.status().customer_status, "Prospect")
		first = self.sign_year(2023)
		self.assertEqual((self.status().customer_status, self.status().consecutive_periods), ("New", 1))
		self.sign_year(2024)
		self.assertEqual((self.status().customer_status, self.status().consecutive_periods), ("New", 2))
		self.sign_year(2025)
		status = self.status()
		self.assertEqual((status.customer_status, status.consecutive_periods), ("Existing", 3))
		self.assertIn(first.name, status.status_evidence)

	def test_broken_streak(self):
		for year in (2020, 2021, 2022):
			self.sign_year(year)
		self.assertEqual(self.status().customer_status, "Existing")
		self.sign_year(2025)
		self.assertEqual((self.status().customer_status, self.status().consecutive_periods), ("New", 1))

	def test_thresholds_come_from_settings(self):
		for year in (2023, 2024, 2025):
			self.sign_year(year)
		settings = frappe.get_single("ANTARA Sales Settings")
		settings.existing_customer_min_periods = 4
		settings.save()
		from antara_sales.services.ordering.customer import refresh_status

		self.assertEqual(refresh_status(self.customer).status, "New")
