"""The cooperation contract (6.6, 6.7), its PPh 23 rate and the meterai of its copies (issue 11)."""

import re

import frappe

from antara_sales.doctypes import BUYER_CATEGORY, CONTRACT, CUSTOMER
from antara_sales.services.printing import print_forms
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.integration.test_print_formats import set_up_printing, visible_text

E_SERIAL = "A1B2C3D4E5F6G7H8J9K0LM"  # an e-Meterai's serial: 22 letters and digits
PAPER_SERIAL = "5AJX1234567890123"  # a paper meterai's: 17


class TestContract(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org, price=2_000_000)
		self.customer = f.make_customer(self.org)

	def test_contract_carries_everything_over_from_the_verified_order(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		from antara_sales.api.sales import make_contract

		with f.as_user(self.org.ae):
			contract = frappe.get_doc("ANTARA Cooperation Contract", make_contract(order.name))
		for field in (
			"customer",
			"customer_name",
			"npwp",
			"address",
			"department",
			"bureau",
			"account_executive",
			"grand_total",
		):
			self.assertEqual(contract.get(field), order.get(field), field)
		self.assertEqual(
			[(i.product, i.amount) for i in contract.items], [(i.product, i.amount) for i in order.items]
		)
		self.assertEqual(contract.general_manager, self.org.gm)
		self.assertEqual((str(contract.start_date), str(contract.end_date)), ("2026-01-01", "2026-12-31"))
		self.assertEqual(
			frappe.db.get_value(order.doctype, order.name, ["status", "contract"]),
			("Contract Drafted", contract.name),
		)
		self.assertTrue(contract.name.startswith("KKS-"))

	def test_refused_for_an_unverified_order_and_made_only_once(self):
		order = f.make_order(self.org, self.customer, [self.product])
		with self.assertRaisesRegex(frappe.ValidationError, "only from a verified order"):
			f.make_contract(self.org, order.name)
		order = f.verified_order(self.org, self.customer, [self.product])
		f.make_contract(self.org, order.name)
		with self.assertRaises(frappe.ValidationError):
			f.make_contract(self.org, order.name)

	def test_only_the_drawing_up_role_makes_a_contract(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		from antara_sales.services.contracting.contract import make_from_order

		with f.as_user(self.org.verifier), self.assertRaises(frappe.PermissionError):
			make_from_order(order.name)

	def test_a_contract_cannot_be_typed_in_past_the_order(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		with (
			f.as_user(self.org.ae),
			self.assertRaisesRegex(frappe.PermissionError, "drawn up from a verified"),
		):
			frappe.get_doc(
				{
					"doctype": "ANTARA Cooperation Contract",
					"media_order": order.name,
					"customer": self.customer,
					"department": self.org.department,
					"general_manager": self.org.gm,
					"items": [
						{"product": self.product, "start_date": "2026-01-01", "end_date": "2026-01-31"}
					],
				}
			).insert()
		self.assertFalse(frappe.db.exists("ANTARA Cooperation Contract", {"media_order": order.name}))

	def test_gm_signs_first_then_the_customer(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		contract = f.make_contract(self.org, order.name)
		with self.assertRaisesRegex(frappe.ValidationError, "General Manager signs first"):
			f.edit(self.org.ae, contract, customer_signature=f.SIGNATURE, customer_signed_on="2026-01-02")
		f.act(self.org.ae, contract, "Send for Review")
		f.act(self.org.manager, contract, "Approve")
		with self.assertRaises(frappe.PermissionError):  # only the contract's GM signs as GM
			f.edit(self.org.manager, contract, gm_signature=f.SIGNATURE)
		with self.assertRaises(frappe.ValidationError):  # no signature yet: the action is not offered
			f.act(self.org.gm, contract, "Sign as GM")
		contract = f.edit(self.org.gm, contract, gm_signature=f.SIGNATURE, gm_signed_on="2026-01-05")
		self.assertEqual(contract.gm_signed_by, self.org.gm)
		contract = f.act(self.org.gm, contract, "Sign as GM")
		self.assertEqual(contract.status, "Awaiting Customer Signature")
		with self.assertRaises(frappe.ValidationError):  # no customer signature and date yet
			f.act(self.org.ae, contract, "Record Customer Signature")
		with self.assertRaisesRegex(frappe.ValidationError, "cannot be before"):
			f.edit(self.org.ae, contract, customer_signature=f.SIGNATURE, customer_signed_on="2026-01-02")
		f.edit(
			self.org.ae,
			contract,
			customer_signature=f.SIGNATURE,
			customer_signed_on="2026-01-06",
			**f.meterai(contract.name),
		)
		contract = f.act(self.org.ae, contract, "Record Customer Signature")
		self.assertEqual((contract.status, contract.docstatus), ("Signed", 1))
		self.assertEqual(frappe.db.get_value("ANTARA Customer", self.customer, "customer_status"), "New")

	def test_what_the_manager_approved_is_what_is_signed(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		contract = f.make_contract(self.org, order.name)
		f.act(self.org.ae, contract, "Send for Review")
		f.act(self.org.manager, contract, "Approve")
		# 6.7: the GM, who may save the form to sign it, cannot change what the Manager approved (6.6)
		with self.assertRaisesRegex(frappe.ValidationError, "Manager has approved"):
			f.edit(self.org.gm, contract, administrative_terms="<p>Pembayaran 90 hari.</p>")
		with f.as_user(self.org.gm), self.assertRaisesRegex(frappe.ValidationError, "Manager has approved"):
			doc = frappe.get_doc(CONTRACT, contract.name)
			doc.items[0].unit_price += 1_000_000
			doc.save()
		# Sent back, it is a draft again: the AE changes it, and it goes through review again.
		f.edit(self.org.gm, contract, workflow_remark="Syarat pembayaran perlu diubah.")
		f.act(self.org.gm, contract, "Send Back")
		f.edit(self.org.ae, contract, administrative_terms="<p>Pembayaran 30 hari.</p>")
		f.act(self.org.ae, contract, "Send for Review")
		f.act(self.org.manager, contract, "Approve")
		approved = frappe.get_doc(CONTRACT, contract.name)
		# The same values in another form (a date as text, the terms wrapped anew by the editor) are
		# no change: the GM signs.
		f.edit(
			self.org.gm,
			contract,
			start_date=str(approved.start_date),
			administrative_terms=f"<div>{approved.administrative_terms}</div>",
			gm_signature=f.SIGNATURE,
			gm_signed_on=frappe.utils.today(),
		)
		contract = f.act(self.org.gm, contract, "Sign as GM")
		with self.assertRaisesRegex(frappe.ValidationError, "Manager has approved"):  # nor the AE
			f.edit(self.org.ae, contract, end_date=frappe.utils.add_days(approved.end_date, -30))
		self.assertEqual(frappe.db.get_value(CONTRACT, contract.name, "end_date"), approved.end_date)

	def test_copies_are_recorded_after_signing(self):
		contract = f.signed_contract(self.org, self.customer, [self.product])
		f.edit(
			self.org.manager,
			contract,
			customer_copy_given_on="2026-01-07",
			customer_copy_given_to="Sri Wahyuni",
		)
		self.assertEqual(
			frappe.db.get_value(contract.doctype, contract.name, "customer_copy_given_to"), "Sri Wahyuni"
		)

	def test_expired_contracts_are_marked_daily(self):
		from antara_sales.services.contracting.contract import expire_ended_contracts

		contract = f.signed_contract(
			self.org, self.customer, [self.product], start="2024-01-01", end="2024-12-31"
		)
		signed_since = frappe.db.get_value(contract.doctype, contract.name, "status_since")
		expire_ended_contracts()
		status, since = frappe.db.get_value(contract.doctype, contract.name, ["status", "status_since"])
		self.assertEqual(status, "Expired")
		self.assertGreater(since, signed_since, "the pipeline's ageing counts from the expiry")


def awaiting_customer(org, customer, product):
	"""A contract the GM has signed, with the customer's signature entered but not yet recorded."""
	order = f.verified_order(org, customer, [product])
	contract = f.make_contract(org, order.name)
	f.act(org.ae, contract, "Send for Review")
	f.act(org.manager, contract, "Approve")
	f.edit(org.gm, contract, gm_signature=f.SIGNATURE, gm_signed_on="2026-01-05")
	f.act(org.gm, contract, "Sign as GM")
	return f.edit(org.ae, contract, customer_signature=f.SIGNATURE, customer_signed_on="2026-01-06")


class TestStampDuty(AntaraTestCase):
	"""UU 10/2020: each copy owes the meterai; Record Customer Signature (6.7) needs both."""

	def setUp(self):
		super().setUp()
		set_up_printing(self)  # the print setup, self.org and self.customer
		self.contract = awaiting_customer(self.org, self.customer, f.make_product(self.org))

	def assertStillAwaiting(self):
		self.assertEqual(
			frappe.db.get_value(CONTRACT, self.contract.name, ["status", "docstatus"]),
			("Awaiting Customer Signature", 0),
		)

	def test_signing_is_refused_without_the_meterai_naming_the_field(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Customer copy: meterai") as caught:
			f.act(self.org.ae, self.contract, "Record Customer Signature")
		self.assertIn("Rp 10.000", str(caught.exception))
		self.assertStillAwaiting()
		f.edit(
			self.org.ae,
			self.contract,
			customer_copy_stamp="e-Meterai",
			customer_copy_stamp_serial=E_SERIAL,
		)
		with self.assertRaisesRegex(frappe.ValidationError, "Archive copy: meterai"):
			f.act(self.org.ae, self.contract, "Record Customer Signature")
		self.assertStillAwaiting()
		self.assertFalse(frappe.db.get_value(CONTRACT, self.contract.name, "archive_copy_stamp"))

	def test_the_same_serial_on_both_copies_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "serial number of the customer's copy"):
			f.edit(
				self.org.ae,
				self.contract,
				customer_copy_stamp="e-Meterai",
				customer_copy_stamp_serial=E_SERIAL,
				archive_copy_stamp="e-Meterai",
				archive_copy_stamp_serial=" " + E_SERIAL.lower(),
			)
		self.assertFalse(frappe.db.get_value(CONTRACT, self.contract.name, "customer_copy_stamp_serial"))
		self.assertStillAwaiting()

	def test_a_serial_must_be_one_and_a_kind_needs_it(self):
		for values, message in (
			({"customer_copy_stamp": "Paper"}, "Customer copy: meterai serial number.* is required"),
			(
				{"customer_copy_stamp": "Paper", "customer_copy_stamp_serial": "5AJX-123456789012"},
				"17 letters",
			),
			({"archive_copy_stamp_serial": PAPER_SERIAL}, "Choose Paper or e-Meterai in .*Archive copy"),
		):
			with self.subTest(values=values), self.assertRaisesRegex(frappe.ValidationError, message):
				f.edit(self.org.ae, self.contract, **values)

	def test_signing_with_both_meterai(self):
		f.edit(
			self.org.ae,
			self.contract,
			customer_copy_stamp="e-Meterai",
			customer_copy_stamp_serial=f"  {E_SERIAL} ",
			archive_copy_stamp="Paper",
			archive_copy_stamp_serial=PAPER_SERIAL,
		)
		contract = f.act(self.org.ae, self.contract, "Record Customer Signature")
		self.assertEqual((contract.status, contract.docstatus), ("Signed", 1))
		self.assertEqual(
			frappe.db.get_value(
				CONTRACT,
				contract.name,
				[
					"customer_copy_stamp",
					"customer_copy_stamp_serial",
					"archive_copy_stamp",
					"archive_copy_stamp_serial",
				],
			),
			("e-Meterai", E_SERIAL, "Paper", PAPER_SERIAL),
		)
		# Signed, the meterai are part of the signed contract: no longer changed.
		with self.assertRaises(frappe.ValidationError):
			f.edit(self.org.manager, contract, archive_copy_stamp_serial="5AJX9999999999999")

	def test_each_copy_prints_the_place_of_its_meterai(self):
		customer_copy, archive_copy = (
			print_forms.CONTRACT_CUSTOMER_COPY,
			print_forms.CONTRACT_ARCHIVE_COPY,
		)
		for print_format in (customer_copy, archive_copy):
			text = self.printed(print_format)
			self.assertIn("Meterai Rp 10.000 ditempel / dibubuhkan di sini", text)
			self.assertEqual(text.count("Meterai Rp 10.000"), 1, print_format)
		f.edit(
			self.org.ae,
			self.contract,
			customer_copy_stamp="e-Meterai",
			customer_copy_stamp_serial=E_SERIAL,
			archive_copy_stamp="Paper",
			archive_copy_stamp_serial=PAPER_SERIAL,
		)
		f.act(self.org.ae, self.contract, "Record Customer Signature")
		customer_text, archive_text = self.printed(customer_copy), self.printed(archive_copy)
		self.assertIn(f"Meterai Rp 10.000 e-Meterai No. seri: {E_SERIAL}", customer_text)
		self.assertNotIn(PAPER_SERIAL, customer_text)
		self.assertIn(f"Meterai Rp 10.000 Meterai tempel No. seri: {PAPER_SERIAL}", archive_text)
		self.assertNotIn(E_SERIAL, archive_text)
		# by the signature of the party receiving the copy: the customer's on its copy, the GM's on ANTARA's
		self.assertEqual(self.signer_by_the_meterai(customer_copy), "PIHAK KEDUA")
		self.assertEqual(self.signer_by_the_meterai(archive_copy), "PIHAK PERTAMA")

	def test_the_amount_comes_from_the_settings(self):
		frappe.db.set_single_value("ANTARA Sales Settings", "stamp_duty_amount", 12_000)
		text = self.printed(print_forms.CONTRACT_ARCHIVE_COPY)
		self.assertIn("Meterai Rp 12.000", text)
		with self.assertRaisesRegex(frappe.ValidationError, "Rp 12.000"):
			f.act(self.org.ae, self.contract, "Record Customer Signature")

	def printed(self, print_format, *, text=True) -> str:
		with f.as_user(self.org.ae):
			html = frappe.get_print(CONTRACT, self.contract.name, print_format)
		return visible_text(html) if text else html

	def signer_by_the_meterai(self, print_format) -> str:
		"""The role of the signing column that holds the meterai's box."""
		table = self.printed(print_format, text=False).split('<table class="signatures">')[1]
		[column] = [td for td in table.split("</table>")[0].split("<td>") if 'class="meterai"' in td]
		return re.search(r'<div class="sign-role">([^<]*)</div>', column).group(1)


class TestPph23Rate(AntaraTestCase):
	"""The contract carries the PPh 23 rate its customer withholds (issue 11)."""

	def setUp(self):
		super().setUp()
		set_up_printing(self)  # the print setup, self.org (and a customer)
		self.product = f.make_product(self.org)

	def category(self, rate: str) -> str:
		return (
			frappe.get_doc(
				{
					"doctype": BUYER_CATEGORY,
					"category_name": f.unique("Badan Usaha Uji"),
					"transaction_code": "04",
					"default_pph23_rate": rate,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)

	def drawn_up(self, customer):
		order = f.verified_order(self.org, customer, [self.product])
		return f.make_contract(self.org, order.name)

	def test_the_rate_comes_from_the_customers_buyer_category(self):
		customer = f.make_customer(self.org, buyer_category=self.category("2"))
		contract = self.drawn_up(customer)
		self.assertEqual(contract.pph23_rate, "2")
		# the AE may change it on the draft, as the billing terms
		contract = f.edit(self.org.ae, contract, pph23_rate="15")
		self.assertEqual(frappe.db.get_value(CONTRACT, contract.name, "pph23_rate"), "15")

	def test_no_rate_in_the_category_is_none(self):
		customer = f.make_customer(self.org, buyer_category=self.category("0"))
		self.assertEqual(self.drawn_up(customer).pph23_rate, "0")
		customer = f.make_customer(self.org)
		frappe.db.set_value(CUSTOMER, customer, "buyer_category", None)
		self.assertEqual(self.drawn_up(customer).pph23_rate, "0")

	def test_the_print_states_the_withholding(self):
		customer = f.make_customer(self.org, buyer_category=self.category("2"))
		contract = self.drawn_up(customer)
		with f.as_user(self.org.ae):
			text = visible_text(frappe.get_print(CONTRACT, contract.name, print_forms.CONTRACT_ARCHIVE_COPY))
		self.assertIn("memotong PPh Pasal 23 sebesar 2% dari jumlah sebelum PPN", text)
		contract = f.edit(self.org.ae, contract, pph23_rate="0")
		with f.as_user(self.org.ae):
			text = visible_text(frappe.get_print(CONTRACT, contract.name, print_forms.CONTRACT_ARCHIVE_COPY))
		self.assertNotIn("PPh Pasal 23", text)
