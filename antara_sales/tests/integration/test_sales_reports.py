"""The reports and cards managers run the weekly meeting on: the right rows, and each user's scope
(an AE sees the numbers of their own sales; a Manager those of their departments)."""

import frappe
from frappe.desk.query_report import run
from frappe.utils import add_days, today

from antara_sales import roles
from antara_sales.tests import factories as f
from antara_sales.tests import sales_factories as sf
from antara_sales.tests.base import AntaraTestCase

CONTRACT, ORDER = "ANTARA Cooperation Contract", "ANTARA Media Order"


def report(name, user, **filters):
	with f.as_user(user):
		out = run(name, filters=filters)
	return out["result"], out


def new_customer_sale(org, products, **kw):
	"""sales_factories.sale to a new customer of the organisation."""
	return sf.sale(org, f.make_customer(org), products, **kw)


def second_ae(org):
	"""Another AE of the same department."""
	ae2 = f.make_user(roles.ACCOUNT_EXECUTIVE)
	dept = frappe.get_doc("ANTARA Department", org.department)
	dept.append("members", {"user": ae2})
	dept.save()
	return frappe._dict(org, ae=ae2)


class TestTargetVsActualAndCustomers(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.org2 = second_ae(self.org)
		self.p1 = f.make_product(self.org, price=2_000_000)
		self.p2 = f.make_product(self.org, price=3_000_000)
		self.returning = f.make_customer(self.org)
		sf.sale(
			self.org,
			self.returning,
			[self.p1],
			order_date="2024-12-01",
			verified_on="2024-12-02",
			signed_on="2024-12-03",
			start="2025-01-01",
			end="2025-12-31",
		)
		sf.make_target(self.org, year=2026, month="April", amount=10_000_000, new_customers=2)
		sf.make_target(self.org, year=2026, month="May", amount=8_000_000, new_customers=1)
		# April: AE 1 wins a new customer (2 000 000); AE 2 sells to a returning one (5 000 000).
		self.a = new_customer_sale(
			self.org, [self.p1], order_date="2026-04-01", verified_on="2026-04-02", signed_on="2026-04-03"
		)
		self.b = sf.sale(
			self.org2,
			self.returning,
			[self.p1, self.p2],
			order_date="2026-04-06",
			verified_on="2026-04-07",
			signed_on="2026-04-08",
		)
		# May: AE 2 wins a new customer (3 000 000).
		self.c = sf.sale(
			self.org2,
			f.make_customer(self.org),
			[self.p2],
			order_date="2026-05-04",
			verified_on="2026-05-05",
			signed_on="2026-05-06",
		)
		# Another department's sale, outside this Manager's scope.
		self.other = f.make_org()
		new_customer_sale(
			self.other,
			[f.make_product(self.other, price=9_000_000)],
			order_date="2026-04-01",
			verified_on="2026-04-02",
			signed_on="2026-04-03",
		)

	def test_target_vs_actual_by_department_bureau_and_month(self):
		rows, out = report(
			"ANTARA Target vs Actual", self.org.manager, from_date="2026-04-01", to_date="2026-05-31"
		)
		self.assertEqual(
			[
				(
					r["month"],
					r["department"],
					r["target"],
					r["actual"],
					r["achievement"],
					r["contracts"],
					r["new_customers_won"],
				)
				for r in rows
			],
			[
				("2026-04", self.org.department, 10_000_000, 7_000_000, 70.0, 2, 1),
				("2026-05", self.org.department, 8_000_000, 3_000_000, 37.5, 1, 1),
			],
		)
		self.assertEqual(rows[0]["bureau_label"], "All bureaus")
		self.assertEqual(out["chart"]["data"]["datasets"][1]["values"], [7_000_000, 3_000_000])
		# 10 of 18 million: "55,6%" in an Indonesian site's number format (Frappe's Percent: "55.6%").
		decimal, thousands, _precision = frappe.utils.get_number_format_info(
			frappe.db.get_default("number_format") or "#,###.##"
		)
		summary = {s["label"]: s["value"] for s in out["report_summary"]}
		self.assertEqual(summary[frappe._("Achieved %")], f"55{decimal}6%")
		# Whole rupiahs without ",00" (Frappe's summary would show "Rp 18.000.000,00").
		self.assertEqual(summary[frappe._("Target")].split()[-1], f"18{thousands}000{thousands}000")
		# The GM of the division sees the same; the other department's Manager sees only theirs.
		gm_rows, _out = report(
			"ANTARA Target vs Actual", self.org.gm, from_date="2026-04-01", to_date="2026-05-31"
		)
		self.assertEqual([r["actual"] for r in gm_rows], [7_000_000, 3_000_000])
		other_rows, _out = report(
			"ANTARA Target vs Actual", self.other.manager, from_date="2026-04-01", to_date="2026-05-31"
		)
		self.assertEqual(
			[(r["department"], r["actual"]) for r in other_rows], [(self.other.department, 9_000_000)]
		)

	def test_an_ae_sees_only_their_own_numbers(self):
		rows, out = report(
			"ANTARA Target vs Actual", self.org.ae, from_date="2026-04-01", to_date="2026-05-31"
		)
		self.assertEqual([(r["month"], r["actual"], r["target"]) for r in rows], [("2026-04", 2_000_000, 0)])
		self.assertIn("own sales", out["message"])
		rows, _out = report(
			"ANTARA Target vs Actual", self.org2.ae, from_date="2026-04-01", to_date="2026-05-31"
		)
		self.assertEqual(
			[(r["month"], r["actual"]) for r in rows], [("2026-04", 5_000_000), ("2026-05", 3_000_000)]
		)
		rows, _out = report(
			"ANTARA New vs Existing Customers",
			self.org.ae,
			from_date="2026-04-01",
			to_date="2026-05-31",
			group_by="Contract",
		)
		self.assertEqual([r["contract"] for r in rows], [self.a.name])
		from antara_sales.api.dashboard import sales_this_month, shortened_decimals

		with f.as_user(self.org.ae):
			card = sales_this_month()
		self.assertEqual((card["value"], card["precision"]), (0, 0))  # "Rp 0", nothing this month
		# The card shows "Rp 18 jt", "Rp 18,5 jt", "Rp 1,4 M" (a miliar), not "Rp 18,00 jt".
		for value, decimals in ((18_000_000, 0), (18_500_000, 1), (18_555_555, 2), (1_400_000_000, 1)):
			self.assertEqual(shortened_decimals(value), decimals, value)

	def test_new_vs_existing_customers(self):
		rows, _out = report(
			"ANTARA New vs Existing Customers", self.org.manager, from_date="2026-04-01", to_date="2026-05-31"
		)
		self.assertEqual(
			[
				(r["month"], r["new_customers_won"], r["new_customers"], r["new_value"], r["existing_value"])
				for r in rows
			],
			[("2026-04", 1, 2, 7_000_000, 0), ("2026-05", 1, 1, 3_000_000, 0)],
		)
		rows, _out = report(
			"ANTARA New vs Existing Customers",
			self.org.manager,
			from_date="2026-04-01",
			to_date="2026-05-31",
			group_by="Contract",
		)
		self.assertEqual(
			[(r["contract"], r["status_at_verification"], r["customer_class"]) for r in rows],
			[(self.a.name, "Prospect", "New"), (self.b.name, "New", "New"), (self.c.name, "Prospect", "New")],
		)


class TestPipelineAndVerification(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()
		self.product = f.make_product(self.org, price=2_000_000)

	def test_the_pipeline_by_workflow_state_with_ageing(self):
		draft = f.make_order(self.org, f.make_customer(self.org), [self.product])
		waiting = f.make_order(self.org, f.make_customer(self.org), [self.product])
		f.request_verification(self.org, waiting)
		sf.record_state_change(ORDER, waiting.name, "Draft", "Submitted for Verification", days_ago=10)
		order = f.verified_order(self.org, f.make_customer(self.org), [self.product])
		contract = f.make_contract(self.org, order.name)
		other = f.make_org()
		f.make_order(other, f.make_customer(other), [f.make_product(other)])

		rows, out = report("ANTARA Sales Pipeline", self.org.manager)
		got = {r["document"]: (r["state"], r["ageing"]) for r in rows}
		self.assertEqual(
			got,
			{
				draft.name: ("Draft", "0-7 days"),
				waiting.name: ("Submitted for Verification", "8-14 days"),
				contract.name: ("Draft", "0-7 days"),
			},
		)
		self.assertAlmostEqual(
			next(r for r in rows if r["document"] == waiting.name)["days_in_state"], 10, places=0
		)
		self.assertEqual(out["report_summary"][0]["value"], 3)
		# The AE column shows the person's name: it goes with the report as a link title.
		frappe.local.response.pop("_link_titles", None)
		report("ANTARA Sales Pipeline", self.org.manager)
		self.assertEqual(
			frappe.local.response["_link_titles"],
			{f"User::{self.org.ae}": frappe.utils.get_fullname(self.org.ae)},
		)
		rows, _out = report("ANTARA Sales Pipeline", self.org.manager, document_type=CONTRACT)
		self.assertEqual([r["document"] for r in rows], [contract.name])

	def test_an_ae_sees_the_same_orders_in_the_list_and_the_pipeline(self):
		"""One scope (antara_sales/permissions.py): an AE's own sales, in the list as in the report."""
		colleague = second_ae(self.org)
		mine = f.make_order(self.org, f.make_customer(self.org), [self.product])
		theirs = f.make_order(colleague, f.make_customer(self.org), [self.product])
		for user, expected in ((self.org.ae, mine.name), (colleague.ae, theirs.name)):
			with f.as_user(user):
				listed = set(
					frappe.get_list(ORDER, filters={"name": ["in", [mine.name, theirs.name]]}, pluck="name")
				)
				self.assertFalse(
					frappe.has_permission(ORDER, doc=({mine.name, theirs.name} - {expected}).pop())
				)
			rows, _out = report("ANTARA Sales Pipeline", user, document_type=ORDER)
			self.assertEqual(listed, {expected}, user)
			self.assertEqual({r["document"] for r in rows} & {mine.name, theirs.name}, {expected}, user)
		rows, _out = report("ANTARA Sales Pipeline", self.org.manager, document_type=ORDER)
		self.assertLessEqual({mine.name, theirs.name}, {r["document"] for r in rows})

	def test_verification_outcomes_and_turnaround(self):
		passed = f.make_order(self.org, f.make_customer(self.org), [self.product])
		f.request_verification(self.org, passed)
		sf.record_state_change(ORDER, passed.name, "Draft", "Submitted for Verification", days_ago=2)
		v1 = f.verify(self.org, passed)
		clarify = f.make_order(self.org, f.make_customer(self.org), [self.product])
		f.request_verification(self.org, clarify)
		sf.record_state_change(ORDER, clarify.name, "Draft", "Submitted for Verification", days_ago=0.02)
		v2 = f.verify(self.org, clarify, outcome="Clarify", remark="Alamat tidak lengkap")
		rows, out = report(
			"ANTARA Verification Turnaround",
			self.org.manager,
			from_date=add_days(today(), -1),
			to_date=today(),
		)
		by_name = {r["verification"]: r for r in rows}
		self.assertEqual(set(by_name), {v1.name, v2.name})
		self.assertEqual((by_name[v1.name]["outcome"], by_name[v2.name]["outcome"]), ("Passed", "Clarify"))
		self.assertAlmostEqual(by_name[v1.name]["turnaround_days"], 2.0, places=1)
		self.assertLess(by_name[v2.name]["turnaround_days"], 0.1)
		self.assertEqual([s["value"] for s in out["report_summary"][:3]], [1, 1, 0])
		rows, _out = report(
			"ANTARA Verification Turnaround",
			self.org.manager,
			from_date=add_days(today(), -1),
			to_date=today(),
			outcome="Clarify",
		)
		self.assertEqual([r["verification"] for r in rows], [v2.name])


class TestExpiringContracts(AntaraTestCase):
	def test_contracts_ending_within_n_days_and_the_days_before_notice_to_the_ae(self):
		org = f.make_org()
		product = f.make_product(org, price=1_000_000)

		def ending_in(days):
			return new_customer_sale(
				org,
				[product],
				order_date="2026-01-02",
				verified_on="2026-01-03",
				signed_on="2026-01-05",
				start="2026-01-06",
				end=add_days(today(), days),
			)

		soon, later = ending_in(60), ending_in(100)
		renewal = f.make_order(org, soon.customer, [product], order_date=today())
		rows, _out = report("ANTARA Expiring Contracts", org.manager, days=60)
		self.assertEqual(
			[(r["contract"], r["days_left"], r["renewal"]) for r in rows], [(soon.name, 60, renewal.name)]
		)
		rows, _out = report("ANTARA Expiring Contracts", org.manager, days=120)
		self.assertEqual([r["contract"] for r in rows], [soon.name, later.name])
		rows, _out = report("ANTARA Expiring Contracts", f.make_org().manager, days=120)
		self.assertEqual(rows, [])

		# Days Before: 60 days before the end, the contract's AE is told to renew it.
		from frappe.email.doctype.notification.notification import evaluate_alert

		alert = frappe.get_doc("Notification", "ANTARA Contract Ending Soon")
		due = [d.name for d in alert.get_documents_for_today()]
		self.assertIn(soon.name, due)
		self.assertNotIn(later.name, due)
		evaluate_alert(frappe.get_doc(CONTRACT, soon.name), alert, alert.event)
		log = frappe.get_last_doc(
			"Notification Log", filters={"document_type": CONTRACT, "document_name": soon.name}
		)
		self.assertEqual(log.for_user, org.ae)
		self.assertIn("Renew", log.subject)
