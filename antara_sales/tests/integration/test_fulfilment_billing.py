"""Invoices after signing (6.8): each later period from the daily job, exactly once; what approved
subscription changes (F/KOM/004) imply; payments, overdue invoices and the print format."""

import frappe

from antara_sales.services.fulfilling import fulfilment
from antara_sales.services.fulfilling import invoice as invoice_service
from antara_sales.tests import factories as f
from antara_sales.tests.integration.fulfilment_case import (
	INVOICE,
	FulfilmentCase,
	enqueued,
	fulfilment_jobs,
)

YEAR = {"start": "2026-01-01", "end": "2026-12-31"}


class TestDailyBilling(FulfilmentCase):
	def test_the_scheduler_bills_the_next_period_once(self):
		contract = self.sign([self.text, self.data], **YEAR)
		self.fulfil(contract)
		self.assertEqual(len(self.invoices(contract)), 1)

		# Other test files' contracts may be on the site too: only this one's share of the run counts.
		self.assertIn(contract.name, fulfilment.bill_due_contracts(on="2026-02-01", now=True))
		self.assertNotIn(contract.name, fulfilment.bill_due_contracts(on="2026-02-01", now=True))  # same day
		self.assertNotIn(contract.name, fulfilment.bill_due_contracts(on="2026-02-20", now=True))
		invoices = self.invoices(contract)
		self.assertEqual([str(i.period_start) for i in invoices], ["2026-01-01", "2026-02-01"])
		self.assertEqual(invoices[1].total_amount, 1_000_000)  # the quarterly data comes in April
		self.assertEqual(str(self.contract_state(contract).next_invoice_date), "2026-03-01")

		# A scheduler that was down catches up, one invoice per period.
		fulfilment.bill_due_contracts(on="2026-04-02", now=True)
		invoices = self.invoices(contract)
		self.assertEqual([str(i.period_start) for i in invoices][2:], ["2026-03-01", "2026-04-01"])
		self.assertEqual(invoices[3].total_amount, 1_000_000 + 3_000_000)

	def test_the_scheduler_hands_each_due_contract_to_a_job(self):
		contract = self.sign(**YEAR)
		self.fulfil(contract)
		with enqueued() as calls:
			fulfilment.bill_due_contracts(on="2026-02-01")
		[job] = fulfilment_jobs(calls, contract.name)
		self.assertTrue(job.enqueue_after_commit)
		self.assertEqual(
			job.kwargs, {"contract": contract.name, "on": "2026-02-01", "first_invoice_only": False}
		)
		self.assertEqual(len(self.invoices(contract)), 1)  # nothing until the job runs

	def test_the_whole_year_adds_up_to_the_contract(self):
		line = {"quantity": 2, "start_date": "2026-01-01", "end_date": "2026-12-31"}
		contract = self.sign(
			items=[{**line, "product": self.text, "discount_percent": 7}, {**line, "product": self.data}],
			**YEAR,
		)
		self.fulfil(contract)
		fulfilment.bill_due_contracts(on="2026-12-31", now=True)
		invoices = self.invoices(contract)
		self.assertEqual(len(invoices), 12)
		self.assertEqual(round(sum(i.total_amount for i in invoices), 2), contract.total_amount)
		self.assertIsNone(self.contract_state(contract).next_invoice_date)

	def test_finance_records_payment_and_the_daily_job_marks_overdue(self):
		contract = self.sign(**YEAR)
		self.fulfil(contract)
		fulfilment.bill_due_contracts(on="2026-02-01", now=True)
		january, february = self.invoices(contract)
		with f.as_user(self.people.finance[0]):
			doc = frappe.get_doc(INVOICE, january.name)
			doc.update({"paid_on": "2026-01-12", "paid_amount": doc.grand_total})
			doc.save()
		invoice_service.mark_overdue_invoices()  # both were due in January and February
		self.assertEqual(frappe.db.get_value(INVOICE, january.name, "status"), "Paid")
		self.assertEqual(frappe.db.get_value(INVOICE, february.name, "status"), "Overdue")
		with f.as_user(self.org.ae), self.assertRaises(frappe.PermissionError):
			doc = frappe.get_doc(INVOICE, february.name)
			doc.update({"paid_on": "2026-02-03", "paid_amount": doc.grand_total})
			doc.save()

	def test_finances_cards_add_up_what_is_to_collect_and_the_months_ppn(self):
		# The Fulfilment workspace's number cards (Frappe's Sum cards), as Finance reads them.
		from antara_sales.api.read_replica import number_card_result

		def cards() -> dict:
			with f.as_user(self.people.finance[0]):
				return {
					name: number_card_result(name, frappe.db.get_value("Number Card", name, "filters_json"))
					for name in (
						"ANTARA Invoices to Collect",
						"ANTARA Invoices Overdue",
						"ANTARA PPN This Month",
					)
				}

		before = cards()
		contract = self.sign(**YEAR)
		self.fulfil(contract)
		fulfilment.bill_due_contracts(on="2026-02-01", now=True)
		january, february = (
			frappe.db.get_value(INVOICE, row.name, ["name", "amount_payable", "grand_total"], as_dict=True)
			for row in self.invoices(contract)
		)
		with f.as_user(self.people.finance[0]):
			doc = frappe.get_doc(INVOICE, january.name)
			doc.update({"paid_on": "2026-01-12", "paid_amount": doc.amount_payable})
			doc.save()
		invoice_service.mark_overdue_invoices()  # February's was due in February
		# A sale signed today is invoiced today: its PPN is this month's.
		today = self.sign(start=frappe.utils.today(), end=frappe.utils.add_days(frappe.utils.today(), 364))
		self.fulfil(today, on=frappe.utils.today())
		(this_month,) = self.invoices(today)
		after = cards()
		self.assertAlmostEqual(
			after["ANTARA Invoices to Collect"] - before["ANTARA Invoices to Collect"],
			february.amount_payable + frappe.db.get_value(INVOICE, this_month.name, "amount_payable"),
		)
		self.assertAlmostEqual(
			after["ANTARA Invoices Overdue"] - before["ANTARA Invoices Overdue"], february.amount_payable
		)
		self.assertAlmostEqual(
			after["ANTARA PPN This Month"] - before["ANTARA PPN This Month"], this_month.tax_amount
		)

	def test_finance_corrects_an_invoice_by_cancelling_and_amending_it(self):
		contract = self.sign(**YEAR)
		self.fulfil(contract)
		fulfilment.bill_due_contracts(on="2026-02-01", now=True)
		february = self.invoices(contract)[1].name
		with f.as_user(self.people.finance[0]):
			frappe.get_doc(INVOICE, february).cancel()
			self.assertEqual(str(self.contract_state(contract).next_invoice_date), "2026-02-01")
			amended = frappe.copy_doc(frappe.get_doc(INVOICE, february))
			amended.update({"amended_from": february, "docstatus": 0})  # as the desk's Amend does
			amended.insert()
			amended.submit()
		self.assertEqual(amended.invoice_key, f"{contract.name}|2026-02-01")
		self.assertIn(contract.name, fulfilment.bill_due_contracts(on="2026-02-02", now=True))
		live = self.invoices(contract, docstatus=1)
		self.assertEqual([(str(i.period_start), i.name) for i in live][1], ("2026-02-01", amended.name))
		self.assertEqual(len(live), 2)  # the daily job did not issue February again
		self.assertEqual(str(self.contract_state(contract).next_invoice_date), "2026-03-01")

	def test_a_period_cancelled_without_amendment_is_invoiced_again(self):
		contract = self.sign(**YEAR)
		self.fulfil(contract)
		fulfilment.bill_due_contracts(on="2026-03-01", now=True)
		february = self.invoices(contract)[1].name
		with f.as_user(self.people.finance[0]):
			frappe.get_doc(INVOICE, february).cancel()
		fulfilment.bill_due_contracts(on="2026-03-02", now=True)
		live = self.invoices(contract, docstatus=1)
		self.assertEqual([str(i.period_start) for i in live], ["2026-01-01", "2026-02-01", "2026-03-01"])
		self.assertNotIn(february, [i.name for i in live])

	def test_the_invoice_prints(self):
		contract = self.sign(**YEAR)
		self.fulfil(contract)
		[invoice] = self.invoices(contract)
		html = frappe.get_print(INVOICE, invoice.name, "ANTARA Invoice")
		for text in ("FAKTUR TAGIHAN", invoice.name, contract.customer_name, "Satu juta", "rupiah"):
			self.assertIn(text, html)
		# Dated in Indonesian, as the controlled forms are (issue 10).
		self.assertIn("1 Januari 2026 – 31 Januari 2026", html)


class TestSubscriptionChanges(FulfilmentCase):
	def change(self, contract, change_type, effective, items=None):
		with f.as_user(self.org.ae):
			change = frappe.get_doc(
				{
					"doctype": "ANTARA Subscription Change",
					"contract": contract.name,
					"change_type": change_type,
					"effective_date": effective,
					"reason": "Permintaan pelanggan",
					"account_executive": self.org.ae,
				}
			).insert()
			if items is not None:
				change.extend("items", items)
				change.save()
		f.request_verification(self.org, change)
		f.verify(self.org, change)
		with enqueued() as calls:
			f.act(self.org.manager, change, "Approve")
		self.assertTrue(
			any(
				j.kwargs == {"contract": contract.name} and change.name in j.job_id
				for j in fulfilment_jobs(calls)
			)
		)
		return frappe.get_doc(change.doctype, change.name)

	def test_an_approved_termination_credits_the_rest_and_cancels_open_tickets(self):
		contract = self.sign([self.text], **YEAR)
		self.fulfil(contract)
		fulfilment.bill_due_contracts(on="2026-07-01", now=True)  # February to July
		self.close_ticket(next(t.name for t in self.tickets(contract) if t.work_type == "Technical"))
		change = self.change(contract, "Terminate", "2026-07-16")
		self.assertEqual(self.fulfil(contract, on="2026-07-16"), fulfilment.DONE)

		[credit] = self.invoices(contract, invoice_type="Credit Note")
		# July was billed 1,000,000; from the 16th, 16 of its 31 days come back, with their PPN
		# (12 % of DPP Nilai Lain 473.118, PMK 131/2024).
		self.assertEqual(
			(credit.total_amount, credit.tax_amount), (-516_129.03, -56_774)
		)  # DPP and PPN in whole rupiah
		self.assertEqual((credit.status, credit.docstatus), ("Open Credit", 1))
		self.assertEqual(frappe.db.get_value(INVOICE, credit.name, "subscription_change"), change.name)
		# It corrects July's invoice, under July's rule and tax-invoice code (issue 11: Coretax replaces it).
		july = next(i for i in self.invoices(contract) if str(i.period_start) == "2026-07-01")
		credit_doc = frappe.get_doc(INVOICE, credit.name)
		self.assertEqual({row.corrects_invoice for row in credit_doc.items}, {july.name})
		self.assertEqual(
			(credit_doc.transaction_code, credit_doc.dpp_numerator, credit_doc.dpp_denominator),
			(frappe.db.get_value(INVOICE, july.name, "transaction_code"), 11, 12),
		)
		statuses = {t.work_type: t.status for t in self.tickets(contract)}
		self.assertEqual(statuses, {"Technical": "Done", "Editorial": "Cancelled", "Finance": "Cancelled"})
		self.assertEqual(self.contract_state(contract).fulfilment_status, "Closed")
		# Nothing more is billed, and running the job again changes nothing.
		self.assertNotIn(contract.name, fulfilment.bill_due_contracts(on="2026-09-01", now=True))
		self.fulfil(contract, on="2026-09-01")
		self.assertEqual(len(self.invoices(contract)), 7 + 1)

	def test_an_added_product_opens_tickets_and_charges_the_billed_rest(self):
		contract = self.sign([self.text], **YEAR)
		self.fulfil(contract)
		fulfilment.bill_due_contracts(on="2026-07-10", now=True)
		change = self.change(
			contract,
			"Add Product",
			"2026-07-01",
			[{"product": self.photo, "start_date": "2026-07-01", "end_date": "2026-12-31"}],
		)
		self.fulfil(contract, on="2026-07-10")
		added = self.tickets(contract, subscription_change=change.name)
		self.assertEqual([t.work_type for t in added], ["Technical", "Finance"])  # photo: no editorial work
		[charge] = self.invoices(contract, invoice_type="Prorated Charge")
		self.assertEqual((charge.total_amount, charge.tax_amount), (500_000, 55_000))  # July's photo
		self.assertEqual(
			self.contract_state(contract).fulfilment_summary, "Pending: Technical, Editorial, Finance"
		)

		fulfilment.bill_due_contracts(on="2026-08-01", now=True)
		august = self.invoices(contract, period_start="2026-08-01", invoice_type="Period Invoice")
		self.assertEqual(august[0].total_amount, 1_000_000 + 500_000)  # the next period on the new terms
		self.fulfil(contract, on="2026-08-02")
		self.assertEqual(len(self.tickets(contract)), 5)
		self.assertEqual(len(self.invoices(contract, invoice_type="Prorated Charge")), 1)

	def test_a_reduction_is_credited_prorated(self):
		line = {"start_date": "2026-01-01", "end_date": "2026-12-31"}
		contract = self.sign(items=[{**line, "product": self.text, "quantity": 2}], **YEAR)
		self.fulfil(contract)
		fulfilment.bill_due_contracts(on="2026-06-01", now=True)
		change = frappe.get_doc(
			{
				"doctype": "ANTARA Subscription Change",
				"contract": contract.name,
				"change_type": "Change Quantity",
				"effective_date": "2026-06-16",
				"reason": "Efisiensi anggaran",
				"account_executive": self.org.ae,
			}
		)
		with f.as_user(self.org.ae):
			change.insert()
			change.items[0].quantity = 1
			change.save()
		self.assertEqual(change.items[0].quantity, 1)
		f.request_verification(self.org, change)
		f.verify(self.org, change)
		f.act(self.org.manager, change, "Approve")
		self.fulfil(contract, on="2026-06-16")
		[credit] = self.invoices(contract, invoice_type="Credit Note")
		# June was billed 2 x 1,000,000; one fewer from the 16th: 15 of 30 days of 1,000,000 back.
		self.assertEqual(credit.total_amount, -500_000)
		self.assertEqual(self.tickets(contract, subscription_change=change.name), [])  # nothing added
