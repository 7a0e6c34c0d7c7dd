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
