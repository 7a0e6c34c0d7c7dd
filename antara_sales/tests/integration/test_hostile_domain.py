"""Hostile values that have the right shape but a wrong meaning (issue 14), refused by the
controllers with a ValidationError naming the row and the field, nothing saved: negative
quantities, a period that ends before it starts, the same product twice, a line without a product,
a "signed on" day that has not come, look-alike digits in NPWP and phone, and a discount granted by
the AE (6.4: only the price-override role lowers a price). Each as the real role's user, rolled back."""

import frappe
from frappe.utils import add_days, today

from antara_sales.doctypes import CONTRACT, ORDER_ITEM, SUBSCRIPTION_CHANGE
from antara_sales.doctypes import MEDIA_ORDER as ORDER
from antara_sales.domain import identifiers
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.processes import report

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class TestHostileMeaning(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org, price=1_500_000)
		self.customer = f.make_customer(self.org)
		self.tally = 0

	def refused(self, pattern: str, make, *, doctype=ORDER):
		"""`make` is refused with a ValidationError matching `pattern`, and leaves no row."""
		before = frappe.db.count(doctype)
		self.tally += 1
		with self.assertRaisesRegex(frappe.ValidationError, pattern):
			make()
		self.assertEqual(frappe.db.count(doctype), before)

	def line(self, **kw):
		return {
			"product": self.product,
			"quantity": 1,
			"start_date": "2026-01-01",
			"end_date": "2026-06-30",
			**kw,
		}

	def order(self, items, **kw):
		"""The AE saving a new form with these lines (make_order would grant prices as the Manager)."""
		values = {
			"doctype": ORDER,
			"customer": self.customer,
			"account_executive": self.org.ae,
			"department": self.org.department,
			"bureau": self.org.bureau,
			"items": items,
			**kw,
		}

		def make():
			with f.as_user(self.org.ae):
				frappe.get_doc(values).insert()

		return make

	def test_lines_with_a_wrong_meaning_are_refused_naming_the_row(self):
		other = f.make_product(self.org)
		cases = [
			("Row #1: Quantity must be at least 1", [self.line(quantity=-3)]),
			("Row #1: Quantity must be at least 1", [self.line(quantity=0)]),
			(
				"Row #2: End Date must not be before Start Date",
				[self.line(), self.line(product=other, end_date="2025-12-31")],
			),
			("Row #1: Discount % must be between 0 and 100", [self.line(discount_percent=-10)]),
			("Row #2: Product .* is already on row #1", [self.line(), self.line(end_date="2026-12-31")]),
			("Row #3: Product .* is already on row #1", [self.line(), self.line(product=other), self.line()]),
			("Row #1: .*Product.* is required", [self.line(product=None)]),
			("Row #2: .*Product.* is required", [self.line(), self.line(product="")]),
		]
		for pattern, items in cases:
			with self.subTest(pattern=pattern):
				self.refused(pattern, self.order(items))
		report(f"HOSTILE-DOMAIN lines: {len(cases)} refused, 0 rows left")

	def test_signed_on_is_not_after_today(self):
		for day in ("9999-12-31", "2100-01-01", add_days(today(), 1)):
			with self.subTest(day=day):
				self.refused("Signed on.* cannot be after today", self.order([self.line()], signed_on=day))
		order = f.make_order(self.org, self.customer, [self.product], signed_on=today())
		self.assertEqual(str(order.signed_on), today())
		self.refused(
			"Signed on.* cannot be after today", lambda: f.edit(self.org.ae, order, signed_on="9999-12-31")
		)
		self.assertEqual(str(frappe.db.get_value(ORDER, order.name, "signed_on")), today())

	def test_look_alike_digits_are_refused_not_converted(self):
		npwp = frappe.db.get_value("ANTARA Customer", self.customer, "npwp")
		order = f.make_order(self.org, self.customer, [self.product])
		for digits in (FULL_WIDTH, ARABIC_INDIC):
			with self.subTest(digits=digits[ord("1")]):
				self.refused(
					"NPWP .* is not valid: contains characters other than digits",
					lambda: f.make_customer(
						self.org, npwp=npwp.translate(digits), customer_name=f.unique("PT")
					),
					doctype="ANTARA Customer",
				)
				self.refused(
					"Phone .* is not valid: contains characters",
					lambda: f.make_customer(self.org, phone="021 3802383".translate(digits)),
					doctype="ANTARA Customer",
				)
				self.refused(
					"Contact Phone .* is not valid: contains characters",
					lambda: f.make_customer(
						self.org,
						contacts=[
							{
								"contact_name": "Sri",
								"phone": "0812 3456 7890".translate(digits),
								"is_primary": 1,
							}
						],
					),
					doctype="ANTARA Customer",
				)
				# The form's own copy of the customer's data, typed on the order (a new order takes
				# the customer's: its snapshot).
				for field, value in (("phone", "021 3802383"), ("npwp", npwp)):
					self.refused(
						f"{field.upper() if field == 'npwp' else 'Phone'} .* is not valid",
						lambda field=field, value=value: f.edit(
							self.org.ae, order, **{field: value.translate(digits)}
						),
					)
					self.assertEqual(frappe.db.get_value(ORDER, order.name, field), order.get(field))
		# phonenumbers alone would have taken them as the ASCII number.
		self.assertRaises(identifiers.InvalidIdentifier, identifiers.normalize_phone, "０２１ 3802383")
		self.assertEqual(identifiers.normalize_phone("(021) 380-2383"), "+62 21 3802383")


class TestDiscountNeedsThePriceOverrideRole(AntaraTestCase):
	"""6.4 (media_order.PRICE_FIELDS): a discount is a lower price by another name, granted by the
	same role as a typed unit price (ANTARA Manager by default), with the same message."""

	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org, price=1_500_000)
		self.customer = f.make_customer(self.org)
		self.tally = 0

	def test_the_ae_cannot_grant_a_discount(self):
		line = {"product": self.product, "quantity": 1, "start_date": "2026-01-01", "end_date": "2026-12-31"}
		make = TestHostileMeaning.order
		for percent in (10, 100, 0.5):
			with self.subTest(percent=percent):
				TestHostileMeaning.refused(
					self,
					r"Row #1: Discount % of .* only ANTARA Manager may change it",
					make(self, [{**line, "discount_percent": percent}]),
				)
		order = f.make_order(self.org, self.customer, [self.product])
		with self.assertRaisesRegex(frappe.ValidationError, r"Row #1: Discount % of .* only ANTARA Manager"):
			with f.as_user(self.org.ae):
				doc = frappe.get_doc(ORDER, order.name)
				doc.items[0].discount_percent = 50
				doc.save()
		self.assertEqual(frappe.db.get_value(ORDER_ITEM, order.items[0].name, "discount_percent"), 0)

	def test_the_role_grants_it_and_the_ae_keeps_it_while_editing_the_rest(self):
		order = f.make_order(self.org, self.customer, [self.product])
		order = f.edit(self.org.manager, order, items=[{**order.items[0].as_dict(), "discount_percent": 10}])
		self.assertEqual((order.items[0].discount_percent, order.items[0].amount), (10, 16_200_000))
		order = f.edit(self.org.ae, order, contact_person="Budi Santoso")  # the discount stands
		self.assertEqual(order.items[0].discount_percent, 10)
		with self.assertRaisesRegex(frappe.ValidationError, "only ANTARA Manager"):
			f.edit(self.org.ae, order, items=[{**order.items[0].as_dict(), "discount_percent": 20}])
		order = f.edit(self.org.ae, order, items=[{**order.items[0].as_dict(), "discount_percent": 0}])
		self.assertEqual(order.items[0].discount_percent, 0)  # taking it away is no price cut

	def test_an_fkom004_carries_the_contracts_discount_but_the_ae_cannot_raise_it(self):
		line = {"product": self.product, "quantity": 1, "start_date": "2026-01-01", "end_date": "2026-12-31"}
		contract = f.signed_contract(self.org, self.customer, [], items=[{**line, "discount_percent": 10}])
		self.assertEqual(contract.items[0].discount_percent, 10)
		change = {
			"doctype": SUBSCRIPTION_CHANGE,
			"contract": contract.name,
			"change_type": "Change Quantity",
			"effective_date": "2026-07-01",
			"reason": "Pelanggan menambah jumlah pengguna",
			"account_executive": self.org.ae,
		}
		with f.as_user(self.org.ae):  # the contract's lines, prefilled: the discount granted at 6.4 stands
			kept = frappe.get_doc(
				{**change, "items": [{**line, "quantity": 2, "discount_percent": 10}]}
			).insert()
		self.assertEqual((kept.items[0].quantity, kept.items[0].discount_percent), (2, 10))
		before = frappe.db.count(SUBSCRIPTION_CHANGE)
		with self.assertRaisesRegex(frappe.ValidationError, r"Row #1: Discount % of .* only ANTARA Manager"):
			with f.as_user(self.org.ae):
				frappe.get_doc({**change, "items": [{**line, "discount_percent": 20}]}).insert()
		self.assertEqual(frappe.db.count(SUBSCRIPTION_CHANGE), before)


class TestHostileContract(AntaraTestCase):
	"""6.7 on the contract: a signature's date has passed, and the scan of the signed archive copy is
	a PDF or an image by its content, both before and after the signing submits the contract."""

	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.customer = f.make_customer(self.org)
		self.product = f.make_product(self.org)

	def upload(self, name: str, content: bytes) -> str:
		return (
			frappe.get_doc({"doctype": "File", "file_name": name, "content": content, "is_private": 1})
			.insert(ignore_permissions=True)
			.file_url
		)

	def test_no_signature_is_dated_after_today(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		contract = f.make_contract(self.org, order.name)
		f.act(self.org.ae, contract, "Send for Review")
		f.act(self.org.manager, frappe.get_doc(CONTRACT, contract.name), "Approve")
		contract = frappe.get_doc(CONTRACT, contract.name)
		with self.assertRaisesRegex(frappe.ValidationError, "GM Signed on.* cannot be after today"):
			f.edit(self.org.gm, contract, gm_signature=f.SIGNATURE, gm_signed_on=add_days(today(), 1))
		self.assertFalse(frappe.db.get_value(CONTRACT, contract.name, "gm_signed_on"))

	def test_the_archive_copy_is_checked_by_its_content_after_signing(self):
		contract = f.signed_contract(self.org, self.customer, [self.product])
		fake = self.upload("kontrak-arsip.pdf", b"<html><script>alert(1)</script></html>")
		with self.assertRaisesRegex(frappe.ValidationError, "Archive"):
			f.edit(self.org.ae, contract, archive_copy=fake)
		self.assertFalse(frappe.db.get_value(CONTRACT, contract.name, "archive_copy"))
		scan = self.upload("kontrak-arsip.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
		f.edit(self.org.ae, frappe.get_doc(CONTRACT, contract.name), archive_copy=scan)
		self.assertEqual(frappe.db.get_value(CONTRACT, contract.name, "archive_copy"), scan)
