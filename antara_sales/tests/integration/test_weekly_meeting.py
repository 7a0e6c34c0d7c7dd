"""The weekly sales meeting (6.1, 6.1.1, 6.1.2, 6.2) on a real site."""

import frappe
from frappe.model.workflow import apply_workflow

from antara_sales import roles
from antara_sales.api import meeting as meeting_api
from antara_sales.services.reporting import weekly_meeting
from antara_sales.tests import factories as f
from antara_sales.tests import sales_factories as sf
from antara_sales.tests.base import AntaraTestCase

MEETING = "ANTARA Weekly Sales Meeting"


def figures(meeting) -> dict:
	return {(r.section, r.metric, r.period): r for r in meeting.evaluation}


class TestMeetingEvaluation(AntaraTestCase):
	"""6.1.1 pre-filled from a seeded data set, against numbers computed by hand. The meeting of
	Monday 6 April 2026 evaluates 30 March - 5 April (a week across March and April) and the month
	to date 1-5 April."""

	def test_the_evaluation_equals_hand_computed_values(self):
		org = f.make_org()
		p1 = f.make_product(org, product_name="Berita Teks Uji", price=2_000_000)
		p2 = f.make_product(org, product_name="Foto Uji", price=3_000_000)
		c1, c2, c3, c4, c5, c6, c7 = (f.make_customer(org) for _ in range(7))
		# Earlier years make c2 New (one period) and c3 Existing (three periods) when verified (6.5.3).
		for year, customers in ((2023, [c3]), (2024, [c3]), (2025, [c2, c3])):
			for customer in customers:
				sf.sale(
					org,
					customer,
					[p1],
					order_date=f"{year - 1}-12-01",
					verified_on=f"{year - 1}-12-02",
					signed_on=f"{year - 1}-12-03",
					start=f"{year}-01-01",
					end=f"{year}-12-31",
				)
		# Targets: March for the whole department; April per product (they must not overlap).
		sf.make_target(org, year=2026, month="March", amount=31_000_000, new_customers=31)
		sf.make_target(org, year=2026, month="April", amount=30_000_000, new_customers=3, product=p1)
		sf.make_target(org, year=2026, month="April", amount=30_000_000, new_customers=3, product=p2)
		# The sales (contracts of April, one period each: P1 2 000 000, P2 3 000 000 before PPN).
		a = sf.sale(org, c1, [p1], order_date="2026-03-27", verified_on="2026-03-30", signed_on="2026-03-31")
		b = sf.sale(
			org, c2, [p1, p2], order_date="2026-03-30", verified_on="2026-04-01", signed_on="2026-04-02"
		)
		e = sf.sale(org, c3, [p2], order_date="2026-04-01", verified_on="2026-04-02", signed_on="2026-04-03")
		sf.sale(
			org, c4, [p1], order_date="2026-03-20", verified_on="2026-03-25", signed_on="2026-03-29"
		)  # the week before
		sf.sale(
			org, c5, [p1], order_date="2026-04-06", verified_on="2026-04-06", signed_on="2026-04-06"
		)  # after it
		clarify = sf.verification_round(
			org, c6, [p2], order_date="2026-04-04", verified_on="2026-04-05", outcome="Clarify"
		)
		reject = sf.verification_round(
			org, c7, [p2], order_date="2026-03-25", verified_on="2026-03-31", outcome="Rejected"
		)
		draft = f.make_order(org, c6, [p1], order_date="2026-04-05")
		# Satisfaction: two answers in the week (4 and 2 stars), one before it.
		fb1 = sf.feedback(
			frappe.db.get_value("ANTARA Cooperation Contract", {"customer": c2, "start_date": "2025-01-01"}),
			4,
			"2026-03-31",
		)
		fb2 = sf.feedback(
			frappe.db.get_value("ANTARA Cooperation Contract", {"customer": c3, "start_date": "2025-01-01"}),
			2,
			"2026-04-02",
		)
		sf.feedback(
			frappe.db.get_value("ANTARA Cooperation Contract", {"customer": c3, "start_date": "2024-01-01"}),
			5,
			"2026-03-28",
		)

		meeting = sf.make_meeting(org, "2026-04-06")

		self.assertEqual((meeting.chair, meeting.supervisor), (org.manager, org.gm))
		self.assertEqual(meeting.week_label, "2026-W15")
		self.assertEqual(
			(str(meeting.evaluated_from), str(meeting.evaluated_to)), ("2026-03-30", "2026-04-05")
		)
		self.assertEqual(str(meeting.month_to_date_from), "2026-04-01")
		self.assertIn(org.ae, [row.user for row in meeting.attendees])
		rows = figures(meeting)
		lw, mtd = "Last Week", "Month to Date"

		def check(section, metric, period, value, target=None, records=None):
			row = rows[(section, metric, period)]
			self.assertAlmostEqual(row.value, value, msg=f"{metric} {period}")
			if target is not None:
				self.assertAlmostEqual(row.target, target, msg=f"{metric} {period} target")
			if records is not None:
				self.assertEqual(
					sorted(row.reference_names.split("\n")) if row.reference_names else [], sorted(records)
				)
			return row

		# Sales against target: 2 days of March (1 000 000 a day) + 5 of April (2 000 000 a day).
		total = check("Sales", "Total", lw, 10_000_000, 12_000_000, [a.name, b.name, e.name])
		self.assertAlmostEqual(total.achievement, 83.33)
		self.assertEqual(total.reference_doctype, "ANTARA Cooperation Contract")
		check("Sales", "Berita Teks Uji", lw, 4_000_000, 5_000_000, [a.name, b.name])
		check("Sales", "Foto Uji", lw, 6_000_000, 5_000_000, [b.name, e.name])
		check("Sales", "Total", mtd, 8_000_000, 10_000_000, [b.name, e.name])
		check("Sales", "Berita Teks Uji", mtd, 2_000_000, 5_000_000, [b.name])
		check("Contracts", "Contracts Signed", lw, 3, records=[a.name, b.name, e.name])
		check("Customers", "New Customers Won", lw, 1, 3, [a.name])
		check("Customers", "New Customers Won", mtd, 0, 1, [])
		check("Customers", "New Customers (5.3)", lw, 2, records=[a.name, b.name])
		check("Customers", "Existing Customers (5.4)", lw, 1, records=[e.name])
		check("Customers", "Sales to Existing Customers", mtd, 3_000_000)
		received = check("Orders", "Orders Received", lw, 4)
		self.assertIn(draft.name, received.reference_names.split("\n"))
		check("Orders", "Orders Received", mtd, 3)
		check("Orders", "Orders Verified", lw, 3)
		check("Orders", "Orders Verified", mtd, 2)
		check("Orders", "Orders to Clarify (6.5.3.1)", lw, 1, records=[clarify.name])
		check("Orders", "Orders Rejected (6.5.3.2)", lw, 1, records=[reject.name])
		check("Orders", "Orders Rejected (6.5.3.2)", mtd, 0)
		check("Satisfaction", "Feedback Received", lw, 2, records=[fb1.name, fb2.name])
		check("Satisfaction", "Average Score (1-5)", lw, 3.0)
		check("Satisfaction", "Low Scores (1-2)", lw, 1, records=[fb2.name])
		check("Satisfaction", "Average Score (1-5)", mtd, 2.0)
		# The summary at the top of the form.
		self.assertEqual(
			(
				meeting.week_sales,
				meeting.week_target,
				meeting.mtd_sales,
				meeting.mtd_target,
				meeting.month_target,
			),
			(10_000_000, 12_000_000, 8_000_000, 10_000_000, 60_000_000),
		)
		self.assertAlmostEqual(meeting.mtd_achievement, 80.0)
		self.assertEqual(meeting.week_new_customers, 1)
		self.assertAlmostEqual(meeting.week_average_score, 3.0)

	def test_refreshing_takes_the_figures_again_while_draft(self):
		org = f.make_org()
		product = f.make_product(org, price=2_000_000)
		meeting = sf.make_meeting(org, "2026-04-06")
		self.assertEqual(figures(meeting)[("Sales", "Total", "Last Week")].value, 0)
		sf.sale(
			org,
			f.make_customer(org),
			[product],
			order_date="2026-04-01",
			verified_on="2026-04-01",
			signed_on="2026-04-01",
		)
		from antara_sales.api.meeting import refresh_evaluation

		with f.as_user(org.manager):
			refresh_evaluation(meeting.name)
		meeting.reload()
		self.assertEqual(figures(meeting)[("Sales", "Total", "Last Week")].value, 2_000_000)


class TestMeetingRecord(AntaraTestCase):
	def setUp(self):
		super().setUp()
		self.org = f.make_org()

	def test_one_meeting_per_department_and_week_chaired_by_its_manager(self):
		sf.make_meeting(self.org, "2026-04-06")
		with self.assertRaises(frappe.DuplicateEntryError):
			sf.make_meeting(self.org, "2026-04-09")  # the same week
		sf.make_meeting(self.org, "2026-04-13")  # the next week
		other_manager = f.make_user(roles.MANAGER)
		with f.as_user(other_manager), self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{"doctype": MEETING, "department": self.org.department, "meeting_date": "2026-04-20"}
			).insert()
		with self.assertRaisesRegex(frappe.ValidationError, "product-owning"):
			frappe.get_doc(
				{"doctype": MEETING, "department": self.org.finance, "meeting_date": "2026-04-20"}
			).insert()

	def test_a_new_meeting_starts_with_the_department_its_manager_chairs(self):
		with f.as_user(self.org.manager):  # 6.1: the Manager chairs their department's meeting
			self.assertEqual(meeting_api.new_meeting_defaults(), {"department": self.org.department})
		f.make_department(self.org, "Product-Owning")  # a second one they manage: they choose
		with f.as_user(self.org.manager):
			self.assertEqual(meeting_api.new_meeting_defaults(), {})

	def test_the_manager_submits_the_minutes_and_the_gm_acknowledges_them(self):
		meeting = sf.make_meeting(self.org, "2026-04-06")
		with f.as_user(self.org.manager):
			with self.assertRaisesRegex(frappe.ValidationError, "Minutes"):
				apply_workflow(frappe.get_doc(MEETING, meeting.name), "Submit Minutes")
			meeting = frappe.get_doc(MEETING, meeting.name)
			meeting.evaluation_commentary = "<p>Penjualan foto di atas target; teks tertinggal.</p>"
			meeting.strategy_summary = "<p>Fokus pada pelanggan pemerintah daerah.</p>"
			meeting.append(
				"strategy_actions",
				{
					"action": "Kunjungi 5 Diskominfo",
					"responsible": self.org.ae,
					"target_description": "2 kontrak baru",
				},
			)
			meeting.minutes = "<p>Rapat dibuka pukul 09.00.</p>"
			meeting.save()
		with f.as_user(self.org.ae), self.assertRaises(frappe.PermissionError):  # not the chair
			apply_workflow(frappe.get_doc(MEETING, meeting.name), "Submit Minutes")
		with f.as_user(self.org.manager):
			meeting = apply_workflow(frappe.get_doc(MEETING, meeting.name), "Submit Minutes")
		self.assertEqual(
			(meeting.docstatus, meeting.status, meeting.submitted_by),
			(1, "Minutes Submitted", self.org.manager),
		)
		self.assertEqual(str(meeting.strategy_month), "2026-04-01")
		other_gm = f.make_user(roles.GENERAL_MANAGER)
		with f.as_user(other_gm), self.assertRaises((frappe.PermissionError, frappe.ValidationError)):
			apply_workflow(frappe.get_doc(MEETING, meeting.name), "Acknowledge")
		with f.as_user(self.org.gm):
			meeting = apply_workflow(frappe.get_doc(MEETING, meeting.name), "Acknowledge")
		self.assertEqual((meeting.status, meeting.acknowledged_by), ("Acknowledged", self.org.gm))
		self.assertTrue(meeting.acknowledged_on)
		# The attendees read the minutes they took part in (shared on submission).
		with f.as_user(self.org.ae):
			self.assertTrue(frappe.has_permission(MEETING, "read", meeting.name))

	def draft_minutes(self, meeting, minutes, *action_items):
		"""The Manager writes the meeting's minutes and action items, and saves them as draft."""
		with f.as_user(self.org.manager):
			meeting = frappe.get_doc(MEETING, meeting.name)
			meeting.minutes = minutes
			for item in action_items:
				meeting.append("action_items", item)
			meeting.save()
		return meeting

	def test_action_items_become_todos_and_carry_over_until_closed(self):
		owner_a, owner_b = self.org.ae, self.org.verifier
		first = self.draft_minutes(
			sf.make_meeting(self.org, "2026-04-06"),
			"<p>Notulen minggu 15.</p>",
			{
				"description": "Tawarkan paket foto ke Diskominfo Jabar",
				"assigned_to": owner_a,
				"due_date": "2026-04-10",
			},
			{
				"description": "Periksa ulang NPWP pelanggan baru",
				"assigned_to": owner_b,
				"due_date": "2026-04-08",
			},
		)
		self.assertFalse(any(item.todo for item in first.action_items))  # ToDos on submission
		with f.as_user(self.org.manager):
			first = apply_workflow(first, "Submit Minutes")
		first.reload()
		todo_a, todo_b = (item.todo for item in first.action_items)
		self.assertEqual(
			frappe.db.get_value(
				"ToDo", todo_a, ["allocated_to", "status", "reference_type", "reference_name", "date"]
			),
			(owner_a, "Open", MEETING, first.name, frappe.utils.getdate("2026-04-10")),
		)
		self.assertEqual(frappe.db.get_value("ToDo", todo_b, "allocated_to"), owner_b)

		second = sf.make_meeting(self.org, "2026-04-13")
		self.assertEqual(
			[(i.todo, i.carried_from, i.status) for i in second.action_items],
			[(todo_a, first.name, "Open"), (todo_b, first.name, "Open")],
		)

		with f.as_user(owner_b):  # the owner closes the ToDo: the action is done wherever it was carried
			todo = frappe.get_doc("ToDo", todo_b)
			todo.status = "Closed"
			todo.save()
		self.assertEqual(
			frappe.db.get_value(
				"ANTARA Meeting Action Item", {"parent": second.name, "todo": todo_b}, "status"
			),
			"Done",
		)
		self.assertEqual(
			frappe.db.get_value(
				"ANTARA Meeting Action Item", {"parent": first.name, "todo": todo_b}, "status"
			),
			"Done",
		)

		third = sf.make_meeting(self.org, "2026-04-20")  # only the open action carries over
		self.assertEqual([(i.todo, i.carried_from) for i in third.action_items], [(todo_a, first.name)])
		with f.as_user(self.org.manager):  # marking it done at the meeting closes the owner's ToDo
			third = frappe.get_doc(MEETING, third.name)
			third.action_items[0].status = "Done"
			third.minutes = "<p>Selesai.</p>"
			third.save()
			apply_workflow(third, "Submit Minutes")
		self.assertEqual(frappe.db.get_value("ToDo", todo_a, "status"), "Closed")
		self.assertEqual(len(sf.make_meeting(self.org, "2026-04-27").action_items), 0)

	def test_acknowledging_the_minutes_leaves_the_action_items_open(self):
		meeting = self.draft_minutes(
			sf.make_meeting(self.org, "2026-05-04"),
			"<p>Notulen minggu 19.</p>",
			{"description": "Kunjungi Biro Bali", "assigned_to": self.org.ae, "due_date": "2026-05-08"},
		)
		with f.as_user(self.org.manager):
			meeting = apply_workflow(meeting, "Submit Minutes")
		with f.as_user(self.org.gm):
			meeting = apply_workflow(frappe.get_doc(MEETING, meeting.name), "Acknowledge")
		todo = frappe.get_doc(MEETING, meeting.name).action_items[0].todo
		self.assertEqual(frappe.db.get_value("ToDo", todo, "status"), "Open")  # 6.2: followed up


class TestMeetingReminder(AntaraTestCase):
	def test_the_reminder_goes_only_to_departments_without_a_meeting_that_week(self):
		held, missing = f.make_org(), f.make_org()
		sf.make_meeting(held, "2026-04-07")
		sf.make_meeting(missing, "2026-03-31")  # last week's does not count
		reminded = weekly_meeting.send_meeting_reminders("2026-04-06")
		self.assertIn(missing.department, reminded)
		self.assertNotIn(held.department, reminded)
		self.assertNotIn(missing.finance, reminded)  # downstream departments hold no sales meeting
		logs = frappe.get_all(
			"Notification Log",
			filters={
				"document_type": "ANTARA Department",
				"document_name": ["in", [held.department, missing.department]],
			},
			fields=["for_user", "document_name", "subject"],
		)
		self.assertEqual(
			[(log.for_user, log.document_name) for log in logs], [(missing.manager, missing.department)]
		)
		self.assertIn("2026-W15", logs[0].subject)
		self.assertNotIn(
			missing.department, weekly_meeting.send_meeting_reminders("2026-04-08")
		)  # once a week
