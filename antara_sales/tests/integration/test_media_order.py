"""The Subscription Form / Media Order, F/KOM/003 (6.3, 6.4)."""

import frappe

from antara_sales import roles
from antara_sales.doctypes import MEDIA_ORDER as ORDER
from antara_sales.doctypes import ORDER_ITEM, SETTINGS
from antara_sales.services.workflow import steps
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase


class TestMediaOrder(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org, price=1_500_000)
		self.customer = f.make_customer(self.org)

	def test_totals_and_ppn_are_computed_on_the_server(self):
		yearly = f.make_product(self.org, billing_period="Yearly", price=24_000_000)
		order = f.make_order(
			self.org,
			self.customer,
			[self.product, yearly],
			total_amount=1,
			grand_total=1,
		)
		monthly, yearly_line = order.items
		self.assertEqual((monthly.periods, monthly.amount), (12, 18_000_000))
		self.assertEqual((yearly_line.periods, yearly_line.amount), (1, 24_000_000))
		self.assertEqual(order.total_amount, 42_000_000)
		# PMK 131/2024 (issue 11): 12 % of DPP Nilai Lain, 11/12 of the price, line by line.
		self.assertEqual((order.tax_rate, order.dpp_numerator, order.dpp_denominator), (12, 11, 12))
		self.assertEqual(order.dpp_amount, 16_500_000 + 22_000_000)
		self.assertEqual(order.tax_amount, 4_620_000)
		self.assertEqual(order.grand_total, 46_620_000)

	def test_at_least_one_product(self):
		with self.assertRaisesRegex(frappe.ValidationError, "at least one product"):
			f.make_order(self.org, self.customer, [])

	def test_start_before_end(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Row #1: End Date must not be before Start Date"):
			f.make_order(self.org, self.customer, [self.product], start="2026-06-01", end="2026-01-01")

	def test_no_negative_amounts(self):
		order = f.make_order(self.org, self.customer, [self.product])
		with self.assertRaisesRegex(
			frappe.ValidationError, "Row #1: Unit Price per Period must not be negative"
		):
			with f.as_user(self.org.manager):  # even the role allowed to override prices
				order = frappe.get_doc(order.doctype, order.name)
				order.items[0].unit_price = -5
				order.save()
		with self.assertRaisesRegex(frappe.ValidationError, "Discount % must be between 0 and 100"):
			with f.as_user(self.org.ae):
				order = frappe.get_doc(order.doctype, order.name)
				order.items[0].discount_percent = 120
				order.save()

	def test_price_comes_from_the_product_unless_a_permitted_role_overrides(self):
		order = f.make_order(self.org, self.customer, [self.product])
		self.assertEqual(order.items[0].unit_price, 1_500_000)
		with (
			f.as_user(self.org.ae),
			self.assertRaisesRegex(frappe.ValidationError, "only ANTARA Manager may change it"),
		):
			order.items[0].unit_price = 1_000_000
			order.save()
		with f.as_user(self.org.manager):
			order = frappe.get_doc(order.doctype, order.name)
			order.items[0].unit_price = 1_000_000
			order.save()
		self.assertEqual(order.items[0].amount, 12_000_000)

	def test_products_of_another_department_are_refused(self):
		other = f.make_org()
		foreign = f.make_product(other)
		with self.assertRaisesRegex(frappe.ValidationError, "belongs to"):
			f.make_order(self.org, self.customer, [foreign])

	def test_customer_data_is_a_snapshot(self):
		order = f.make_order(self.org, self.customer, [self.product])
		self.assertEqual(
			order.customer_name, frappe.db.get_value("ANTARA Customer", self.customer, "customer_name")
		)
		customer = frappe.get_doc("ANTARA Customer", self.customer)
		customer.address = "Jl. Baru No. 1, Bandung"
		customer.save()
		order.reload()
		order.save()
		self.assertEqual(order.address, "Jl. Merdeka Selatan No. 17, Jakarta Pusat")

	def test_an_incomplete_form_is_not_sent_for_verification(self):
		order = f.make_order(self.org, self.customer, [self.product], complete=False)
		with self.assertRaisesRegex(frappe.ValidationError, "not complete.*Company Stamp.*Signature"):
			f.request_verification(self.org, order)
		self.assertEqual(frappe.db.get_value(order.doctype, order.name, "status"), "Draft")

	def test_status_cannot_be_set_through_the_api(self):
		from frappe.model.workflow import WorkflowPermissionError

		order = f.make_order(self.org, self.customer, [self.product])
		with self.assertRaises((frappe.PermissionError, WorkflowPermissionError)):
			f.edit(self.org.ae, order, status="Verified")
		with self.assertRaises((frappe.PermissionError, WorkflowPermissionError)):
			f.make_order(self.org, self.customer, [self.product], status="Verified")

	def test_request_verification_endpoint(self):
		from antara_sales.api.sales import request_verification

		order = f.make_order(self.org, self.customer, [self.product])
		with f.as_user(self.org.ae):
			result = request_verification("ANTARA Media Order", order.name)
		self.assertEqual(result.status, steps.state("ANTARA Media Order", "verification"))
		with f.as_user(self.org.ae), self.assertRaises(frappe.ValidationError):
			request_verification("ANTARA Customer", self.customer)


class TestPriceOverrideChangesOnlyPrices(AntaraTestCase):
	"""6.4: the price-override role (settings, ANTARA Manager by default) may change an editable
	order's prices, and nothing else; the AE and the admins keep editing the whole form."""

	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org, price=1_500_000)
		self.customer = f.make_customer(self.org)
		self.order = f.make_order(self.org, self.customer, [self.product])

	def save_as(self, user, change):
		"""Save the order as `user` the way a REST PUT does: the whole document back as JSON
		(dates and numbers as text), with `change` applied to it."""
		import json

		with f.as_user(user):
			values = json.loads(frappe.as_json(frappe.get_doc(ORDER, self.order.name).as_dict()))
			change(values)
			doc = frappe.get_doc(ORDER, self.order.name)
			doc.update(values)
			doc.save()
			return doc

	def assert_refused(self, change, field: str):
		before = frappe.get_doc(ORDER, self.order.name).as_dict()
		with self.assertRaisesRegex(frappe.PermissionError, f"only the prices.*not {field}"):
			self.save_as(self.org.manager, change)
		after = frappe.get_doc(ORDER, self.order.name).as_dict()
		self.assertEqual(strip(after), strip(before))  # nothing saved

	def test_the_role_changes_the_unit_price_and_the_discount(self):
		def lower(values):
			values["items"][0].update(unit_price=1_000_000, discount_percent=10)

		self.assertNotIn(roles.ACCOUNT_EXECUTIVE, frappe.get_roles(self.org.manager))
		self.assertEqual(frappe.db.get_single_value(SETTINGS, "price_override_role"), roles.MANAGER)
		doc = self.save_as(self.org.manager, lower)
		line = doc.items[0]
		self.assertEqual((line.unit_price, line.discount_percent, line.amount), (1_000_000, 10, 10_800_000))
		self.assertEqual(doc.total_amount, 10_800_000)  # the totals follow the price
		self.assertEqual(frappe.db.get_value(ORDER, doc.name, "modified_by"), self.org.manager)

	def test_the_customer_data_is_refused(self):
		self.assert_refused(lambda v: v.update(customer_name="PT Lain Sekali"), "Legal Name")
		self.assert_refused(lambda v: v.update(npwp="0000000000000000"), "NPWP")
		self.assert_refused(lambda v: v.update(administrative_terms="<p>Gratis</p>"), "Administrative Terms")

	def test_the_lines_beyond_their_price_are_refused(self):
		self.assert_refused(lambda v: v["items"][0].update(quantity=9), "Row #1: Quantity")
		self.assert_refused(lambda v: v["items"][0].update(end_date="2027-12-31"), "Row #1: End Date")
		other = f.make_product(self.org, price=1_500_000)
		self.assert_refused(lambda v: v["items"][0].update(product=other), "Row #1: Product")
		added = {"product": self.product, "quantity": 1, "start_date": "2026-01-01", "end_date": "2026-12-31"}
		self.assert_refused(lambda v: v["items"].append(added), "Items: a line added")
		self.assert_refused(lambda v: v.update(items=[]), "Items: a line")

	def test_a_price_change_with_another_change_is_refused_whole(self):
		def both(values):
			values["items"][0]["unit_price"] = 1_000_000
			values["contact_person"] = "Orang Lain"

		self.assert_refused(both, "Contact Person")
		self.assertEqual(frappe.db.get_value(ORDER_ITEM, self.order.items[0].name, "unit_price"), 1_500_000)

	def test_the_ae_and_an_admin_still_edit_the_form(self):
		doc = self.save_as(self.org.ae, lambda v: v.update(customer_name="PT Nama Baru"))
		self.assertEqual(doc.customer_name, "PT Nama Baru")
		admin = f.make_user(roles.SALES_ADMIN)
		doc = self.save_as(admin, lambda v: v.update(customer_name="PT Nama Admin"))
		self.assertEqual(doc.customer_name, "PT Nama Admin")


def strip(values: dict) -> dict:
	return frappe.as_json({k: v for k, v in values.items() if k not in ("modified",)})
