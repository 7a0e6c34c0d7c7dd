"""6.8: once the customer has signed, tickets for technical, editorial and finance, and the invoice,
each created exactly once by a background job; the contract shows its fulfilment at a glance."""

import frappe
from frappe.utils.background_jobs import is_job_enqueued

from antara_sales.services.fulfilling import fulfilment
from antara_sales.tests import factories as f
from antara_sales.tests.integration.fulfilment_case import (
	CONTRACT,
	INVOICE,
	TICKET,
	FulfilmentCase,
	enqueued,
	fulfilment_jobs,
)

YEAR = {"start": "2026-01-01", "end": "2026-12-31"}


class TestSigning(FulfilmentCase):
	def mixed_items(self):
		line = {"quantity": 1, "start_date": "2026-01-01", "end_date": "2026-12-31"}
		return [
			{**line, "product": self.text},
			{**line, "product": self.data, "discount_percent": 10},
			{**line, "product": self.xinhua},
			{**line, "product": self.advertorial, "start_date": "2026-01-15", "end_date": "2026-01-15"},
		]

	def test_signing_queues_the_job_after_the_commit_and_does_nothing_else_yet(self):
		with enqueued() as calls:
			contract = self.sign()
		[job] = fulfilment_jobs(calls)
		self.assertEqual(job.kwargs, {"contract": contract.name})
		self.assertIn(f"antara_sales:fulfil:{contract.name}:signed", job.job_id)
		# Handed to RQ at the commit (test_fulfilment_race.py sees it there), not before.
		self.assertTrue(job.enqueue_after_commit and job.deduplicate)
		self.assertFalse(is_job_enqueued(job.job_id))
		self.assertEqual(self.contract_state(contract).fulfilment_status, "Queued")
		self.assertEqual((self.tickets(contract), self.invoices(contract)), ([], []))

	def test_a_ticket_gives_the_service_period_in_the_sites_date_format(self):
		"""As the desk shows dates: on an Indonesian site 01-01-2026, not 2026-01-01."""
		before = frappe.db.get_default("date_format")
		frappe.db.set_default("date_format", "dd-mm-yyyy")
		self.addCleanup(frappe.db.set_default, "date_format", before)  # None removes it again
		frappe.local.user_date_format = None  # Frappe's per-request copy of it
		self.addCleanup(setattr, frappe.local, "user_date_format", None)
		contract = self.sign(**YEAR)
		self.assertEqual(self.fulfil(contract), fulfilment.DONE)
		details = frappe.db.get_value(TICKET, self.tickets(contract)[0].name, "details")
		self.assertIn("01-01-2026 – 31-12-2026", details)
		self.assertNotIn(YEAR["start"], details)

	def test_signing_creates_the_expected_tickets_and_invoice(self):
		contract = self.sign(items=self.mixed_items(), **YEAR)
		self.assertEqual(self.fulfil(contract), fulfilment.DONE)

		tickets = self.tickets(contract)
		self.assertEqual([t.work_type for t in tickets], ["Technical", "Editorial", "Finance"])
		self.assertEqual(
			[t.department for t in tickets], [self.org.technical, self.org.editorial, self.org.finance]
		)
		self.assertEqual({t.status for t in tickets}, {"Open"})
		# Due dates from the per-department SLA in the settings (defaults 3, 5 and 2 days).
		self.assertEqual([str(t.due_date) for t in tickets], ["2026-01-04", "2026-01-06", "2026-01-03"])
		for ticket in tickets:
			self.assertEqual(self.todos(ticket.name), sorted(self.people[ticket.work_type.lower()]))
		technical = frappe.get_doc(TICKET, tickets[0].name)
		self.assertIn(contract.name, technical.subject)
		self.assertNotIn("Data dan Riset", technical.details)  # data needs no technical work

		[invoice] = self.invoices(contract)
		# January: monthly text 1,000,000 + quarterly data 3,000,000 less 10% + yearly Xinhua
		# 12,000,000 + the one-off advertorial 5,000,000 (it starts on 15 January); PPN 11%.
		self.assertEqual(
			(invoice.total_amount, invoice.tax_amount, invoice.grand_total),
			(20_700_000, 2_277_000, 22_977_000),
		)
		self.assertEqual((str(invoice.period_start), str(invoice.period_end)), ("2026-01-01", "2026-01-31"))
		doc = frappe.get_doc(INVOICE, invoice.name)
		self.assertTrue(doc.name.startswith("ANT-INV-"))
		# Issued for January 2026 and due on the 15th: unpaid and, by now, overdue.
		self.assertEqual((doc.docstatus, doc.status, str(doc.due_date)), (1, "Overdue", "2026-01-15"))
		self.assertEqual((doc.customer, doc.npwp), (contract.customer, contract.npwp))
		self.assertEqual(doc.in_words, "Dua puluh dua juta sembilan ratus tujuh puluh tujuh ribu rupiah")

		state = self.contract_state(contract)
		self.assertEqual(
			(state.fulfilment_status, state.fulfilment_summary, str(state.next_invoice_date)),
			("In Progress", "Pending: Technical, Editorial, Finance", "2026-02-01"),
		)

	def test_up_front_bills_the_whole_contract_at_once(self):
		contract = self.sign(items=self.mixed_items(), billing_terms="Up Front", **YEAR)
		self.fulfil(contract)
		[invoice] = self.invoices(contract)
		# 12 x 1,000,000 + 4 x 2,700,000 + 12,000,000 + 5,000,000 = 39,800,000; PPN 4,378,000.
		self.assertEqual((invoice.total_amount, invoice.grand_total), (39_800_000, 44_178_000))
		self.assertEqual((str(invoice.period_start), str(invoice.period_end)), ("2026-01-01", "2026-12-31"))
		self.assertIsNone(self.contract_state(contract).next_invoice_date)
		self.assertNotIn(contract.name, fulfilment.bill_due_contracts(on="2026-12-01", now=True))

	def test_an_invoice_keeps_the_ppn_rule_of_its_date(self):
		# A change of law is a row in the settings (issue 11): from 1 March 2026 a made-up 10 % on the
		# whole price. January's invoice stays under PMK 131/2024 (12 % of 11/12), March's takes the new one.
		settings = frappe.get_doc("ANTARA Sales Settings")
		settings.append(
			"ppn_rules",
			{"effective_from": "2026-03-01", "rate": 10, "dpp_numerator": 1, "dpp_denominator": 1},
		)
		settings.save()
		self.addCleanup(self.remove_rule, "2026-03-01")
		contract = self.sign(**YEAR)
		self.fulfil(contract)
		fulfilment.bill_due_contracts(on="2026-03-01", now=True)
		january, _february, march = (frappe.get_doc(INVOICE, r.name) for r in self.invoices(contract)[:3])
		self.assertEqual(
			(january.tax_rate, january.dpp_numerator, january.dpp_denominator, january.dpp_amount),
			(12, 11, 12, 916_667),
		)
		self.assertEqual((january.tax_amount, january.grand_total), (110_000, 1_110_000))
		self.assertEqual((march.tax_rate, march.dpp_amount, march.tax_amount), (10, 1_000_000, 100_000))
		# Saving January again (a payment) does not move it to the new rule.
		with f.as_user(self.people.finance[0]):
			doc = frappe.get_doc(INVOICE, january.name)
			doc.update({"paid_on": "2026-03-05", "paid_amount": doc.grand_total})
			doc.save()
		self.assertEqual(
			frappe.db.get_value(INVOICE, january.name, ["tax_rate", "tax_amount"]), (12, 110_000)
		)

	def remove_rule(self, effective_from):
		settings = frappe.get_doc("ANTARA Sales Settings")
		settings.ppn_rules = [r for r in settings.ppn_rules if str(r.effective_from) != effective_from]
		settings.save()

	def test_running_the_hook_or_the_job_again_creates_nothing_more(self):
		contract = self.sign([self.text, self.photo], **YEAR)
		self.fulfil(contract)
		counted = self.counts(contract)
		fulfilment.on_contract_signed(frappe.get_doc(CONTRACT, contract.name))
		self.assertEqual(self.fulfil(contract), fulfilment.DONE)
		self.assertEqual(self.fulfil(contract), fulfilment.DONE)
		self.assertEqual(self.counts(contract), counted)
		self.assertEqual(counted[:2], (3, 1))

	def counts(self, contract):
		tickets = [t.name for t in self.tickets(contract)]
		return (
			len(tickets),
			len(self.invoices(contract)),
			frappe.db.count("ToDo", {"reference_type": TICKET, "reference_name": ("in", tickets)}),
			frappe.db.count("Notification Log", {"document_type": ("in", (TICKET, INVOICE))}),
		)

	def test_the_database_keeps_one_ticket_and_one_invoice_per_natural_key(self):
		contract = self.sign(**YEAR)
		self.fulfil(contract)
		ticket = frappe.get_doc(TICKET, self.tickets(contract)[0].name)
		copy = frappe.copy_doc(ticket)
		copy.ticket_key = ticket.ticket_key
		with self.assertRaises(frappe.DuplicateEntryError):  # the key names the ticket (issue 13)
			copy.insert(ignore_permissions=True)
		copy.name = f"{ticket.name}-copy"  # under another name, the key's own unique index
		with self.assertRaises(frappe.UniqueValidationError):
			copy.db_insert()
		invoice = frappe.get_doc(INVOICE, self.invoices(contract)[0].name)
		again = frappe.copy_doc(invoice)
		with self.assertRaises(frappe.PermissionError):  # only the fulfilment service issues invoices
			frappe.copy_doc(invoice).insert(ignore_permissions=True)
		again.amended_from = invoice.name  # an amendment passes the origin check, then meets the key
		with self.assertRaises(frappe.UniqueValidationError):
			again.insert(ignore_permissions=True)  # validate recomputes the key contract|period start

	def test_a_job_that_fails_midway_leaves_nothing_behind_and_succeeds_when_retried(self):
		contract = self.sign(**YEAR)
		began = frappe.utils.now_datetime()  # Error Log is MyISAM: it outlives rolled-back tests
		# The technical ticket is made first; the editorial one fails: its department is inactive.
		frappe.db.set_value("ANTARA Department", self.org.editorial, "is_active", 0)
		self.assertEqual(self.fulfil(contract), fulfilment.FAILED)
		self.assertEqual((self.tickets(contract), self.invoices(contract)), ([], []))
		self.assertEqual(self.people_todos(), [])
		self.assertFalse(
			frappe.db.exists(
				"Notification Log", {"document_type": ("in", (TICKET, INVOICE)), "creation": (">=", began)}
			)
		)
		error = frappe.get_all(
			"Error Log",
			filters={
				"reference_doctype": CONTRACT,
				"reference_name": contract.name,
				"creation": (">=", began),
			},
			fields=["method", "error"],
		)
		self.assertEqual(len(error), 1)
		self.assertIn("Set an active Editorial department", error[0].error)
		state = self.contract_state(contract)
		self.assertEqual(state.fulfilment_status, "Failed")
		self.assertIn(contract.name, fulfilment.retry_unfinished())

		frappe.db.set_value("ANTARA Department", self.org.editorial, "is_active", 1)
		self.assertEqual(self.fulfil(contract), fulfilment.DONE)
		self.assertEqual(len(self.tickets(contract)), 3)
		self.assertEqual(len(self.invoices(contract)), 1)
		self.assertEqual(self.contract_state(contract).fulfilment_status, "In Progress")

	def people_todos(self):
		everyone = [u for pair in self.people.values() for u in pair]
		return frappe.get_all("ToDo", filters={"allocated_to": ("in", everyone)})

	def test_notifications_are_queued_to_the_right_people_only(self):
		contract = self.sign([self.text, self.data], **YEAR)
		# After signing: Frappe sends the verifier's assignment mail at once in tests, and sending
		# commits the transaction, which a rolled-back test must not do.
		f.outgoing_email_account()
		self.fulfil(contract)
		email = lambda users: sorted(frappe.db.get_value("User", u, "email") for u in users)  # noqa: E731
		for ticket in self.tickets(contract):
			self.assertEqual(
				self.mail_recipients(TICKET, ticket.name), email(self.people[ticket.work_type.lower()])
			)
			self.assertEqual(
				sorted(
					frappe.get_all(
						"Notification Log", filters={"document_name": ticket.name}, pluck="for_user"
					)
				),
				sorted(self.people[ticket.work_type.lower()]),
			)
		[invoice] = self.invoices(contract)
		self.assertEqual(self.mail_recipients(INVOICE, invoice.name), email(self.people.finance))
		ae_mail = frappe.db.get_value("User", self.org.ae, "email")
		self.assertNotIn(ae_mail, self.mail_recipients(CONTRACT, contract.name))  # not fulfilled yet

		for ticket in self.tickets(contract):
			self.close_ticket(ticket.name)
		self.assertEqual(self.mail_recipients(CONTRACT, contract.name).count(ae_mail), 1)
		self.assertEqual(
			frappe.get_all(
				"Notification Log",
				filters={"document_name": contract.name, "subject": ("like", "%telah terpenuhi%")},
				pluck="for_user",
			),
			[self.org.ae],
		)


class TestTickets(FulfilmentCase):
	def setUp(self):
		super().setUp()
		self.contract = self.sign([self.text], **YEAR)
		self.fulfil(self.contract)
		self.by_work = {t.work_type: t.name for t in self.tickets(self.contract)}

	def test_the_department_works_its_ticket_and_the_contract_shows_what_is_pending(self):
		technical = self.by_work["Technical"]
		staff, head = self.people.technical
		self.assertIn(
			technical,
			frappe.get_all("ToDo", filters={"allocated_to": staff, "status": "Open"}, pluck="reference_name"),
		)
		with f.as_user(staff):
			ticket = frappe.get_doc(TICKET, technical)
			ticket.status = "In Progress"
			ticket.save()
			ticket.status = "Done"
			with self.assertRaisesRegex(frappe.ValidationError, "Resolution Note"):
				ticket.save()
		self.close_ticket(technical, staff)
		ticket = frappe.get_doc(TICKET, technical)
		self.assertEqual(
			(ticket.status, ticket.resolved_by, str(ticket.resolved_on)),
			("Done", staff, frappe.utils.today()),
		)
		self.assertEqual(self.todos(technical), [])
		self.assertEqual(self.todos(technical, "Closed"), sorted([staff, head]))
		self.assertEqual(self.contract_state(self.contract).fulfilment_summary, "Pending: Editorial, Finance")

		self.close_ticket(self.by_work["Editorial"])
		self.close_ticket(self.by_work["Finance"])
		state = self.contract_state(self.contract)
		self.assertEqual((state.fulfilment_status, state.fulfilment_summary), ("Fulfilled", "Fulfilled"))
		self.assertEqual(str(state.fulfilled_on), frappe.utils.today())

	def test_only_the_departments_people_move_its_tickets(self):
		editorial_staff = self.people.editorial[0]
		with f.as_user(editorial_staff), self.assertRaises(frappe.PermissionError):
			ticket = frappe.get_doc(TICKET, self.by_work["Technical"])
			ticket.status = "In Progress"
			ticket.save()
		with (
			f.as_user(self.people.technical[0]),
			self.assertRaisesRegex(frappe.ValidationError, "cannot go from"),
		):
			ticket = frappe.get_doc(TICKET, self.by_work["Technical"])
			ticket.status = "Cancelled"
			ticket.resolution = "x"
			ticket.save()

	def test_only_the_fulfilment_service_opens_tickets(self):
		with f.as_user(self.people.technical[0]), self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": TICKET,
					"subject": "x",
					"contract": self.contract.name,
					"work_type": "Technical",
					"department": self.org.technical,
				}
			).insert()

	def test_a_later_save_of_the_contract_keeps_the_fulfilment(self):
		stale = frappe.get_doc(CONTRACT, self.contract.name)
		frappe.db.set_value(  # as the job writes it, while the form is open
			CONTRACT, self.contract.name, "fulfilment_summary", "Pending: Editorial", update_modified=False
		)
		stale.customer_copy_given_on = "2026-01-07"
		stale.customer_copy_given_to = "Sri Wahyuni"
		with f.as_user(self.org.manager):
			stale.save()
		self.assertEqual(self.contract_state(self.contract).fulfilment_summary, "Pending: Editorial")


class TestCancellation(FulfilmentCase):
	def test_cancelling_cancels_open_tickets_and_unpaid_invoices_and_keeps_paid_ones(self):
		contract = self.sign([self.text], **YEAR)
		self.fulfil(contract)
		fulfilment.bill_due_contracts(on="2026-02-01", now=True)
		january, february = self.invoices(contract)
		with f.as_user(self.people.finance[0]):
			paid = frappe.get_doc(INVOICE, january.name)
			paid.update({"paid_on": "2026-01-10", "paid_amount": paid.grand_total})
			paid.payment_reference = "TRF-0001"
			paid.save()
		self.assertEqual(frappe.db.get_value(INVOICE, january.name, "status"), "Paid")
		finance_ticket = next(t.name for t in self.tickets(contract) if t.work_type == "Finance")
		self.close_ticket(finance_ticket)

		f.edit(self.org.manager, contract, workflow_remark="Pelanggan membatalkan sebelum layanan berjalan.")
		f.act(self.org.manager, contract, "Cancel")

		self.assertEqual(frappe.db.get_value(CONTRACT, contract.name, "docstatus"), 2)
		statuses = {t.work_type: (t.status, t.resolution or "") for t in self.tickets(contract)}
		self.assertEqual(statuses["Finance"][0], "Done")
		for work in ("Technical", "Editorial"):
			self.assertEqual(statuses[work][0], "Cancelled")
			self.assertIn(contract.name, statuses[work][1])
		self.assertEqual(self.todos(finance_ticket), [])
		january, february = self.invoices(contract)
		self.assertEqual((january.docstatus, january.status), (1, "Paid"))
		self.assertIn("Kept", january.note)
		self.assertEqual((february.docstatus, february.status), (2, "Cancelled"))
		self.assertIn("cancelled", february.note)
		self.assertEqual(len(self.tickets(contract)), 3)  # nothing deleted
		state = self.contract_state(contract)
		self.assertEqual(state.fulfilment_status, "Closed")
		self.assertIsNone(state.next_invoice_date)
		# A job that comes after the cancellation does nothing.
		self.assertEqual(self.fulfil(contract), fulfilment.SKIPPED)
