"""Issue 12, "Data flows one way", seen from the database: the fulfilment job writes the contract's
fulfilment at a glance once (6.8), not once more for every ticket it opens or cancels; a person's
move of a ticket still writes it; the invoice service alone moves `next_invoice_date`; a print in a
GET request is logged without making the request commit.

What is counted is the SQL the code really issues: frappe.db.sql is wrapped the way Frappe's own
FrappeTestCase.assertQueryCount does, and each statement's text is read from the connection."""

from contextlib import contextmanager

import frappe
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from antara_sales.doctypes import MEDIA_ORDER
from antara_sales.services.fulfilling import fulfilment
from antara_sales.services.printing import print_log
from antara_sales.tests import factories as f
from antara_sales.tests.cleanup import purge_org
from antara_sales.tests.integration.fulfilment_case import CONTRACT, INVOICE, TICKET, FulfilmentCase
from antara_sales.tests.integration.test_print_formats import F003, PrintCase

YEAR = {"start": "2026-01-01", "end": "2026-12-31"}


@contextmanager
def statements():
	"""The SQL statements issued inside the block, as sent to MariaDB."""
	issued = []
	original = frappe.db.__class__.sql

	def sql(db, *args, **kwargs):
		result = original(db, *args, **kwargs)
		issued.append(db.last_query or "")
		return result

	frappe.db.__class__.sql = sql
	try:
		yield issued
	finally:
		frappe.db.__class__.sql = original


def contract_writes(issued: list[str], field: str) -> int:
	"""UPDATEs of `field` alone on a contract (the services' set_value), not the contract's own save,
	which writes every column."""
	return sum(
		1
		for query in issued
		if query.lstrip().upper().startswith("UPDATE")
		and f"`tab{CONTRACT}`" in query
		and f"`{field}`" in query
		and "`owner`" not in query
	)


def summary_writes(issued: list[str]) -> int:
	"""The contract's fulfilment at a glance written (fulfilment.refresh or mark)."""
	return contract_writes(issued, "fulfilment_summary")


def next_invoice_date_writes(issued: list[str]) -> int:
	return contract_writes(issued, "next_invoice_date")


class TestFulfilmentRefresh(FulfilmentCase):
	def test_the_job_writes_the_contracts_fulfilment_once_for_all_its_tickets(self):
		contract = self.sign([self.text], **YEAR)  # text needs all three departments
		with statements() as issued:
			self.assertEqual(self.fulfil(contract), fulfilment.DONE)
		self.assertEqual(len(self.tickets(contract)), 3)
		self.assertEqual(summary_writes(issued), 1)
		self.assertEqual(
			self.contract_state(contract).fulfilment_summary, "Pending: Technical, Editorial, Finance"
		)

	def test_each_move_by_a_department_member_writes_it_once(self):
		contract = self.sign([self.text], **YEAR)
		self.fulfil(contract)
		technical = next(t.name for t in self.tickets(contract) if t.work_type == "Technical")
		staff = self.people.technical[0]
		with f.as_user(staff), statements() as issued:
			ticket = frappe.get_doc(TICKET, technical)
			ticket.status = "In Progress"
			ticket.save()
		self.assertEqual(summary_writes(issued), 1)
		with statements() as issued:
			self.close_ticket(technical, staff)
		self.assertEqual(summary_writes(issued), 1)
		self.assertEqual(self.contract_state(contract).fulfilment_summary, "Pending: Editorial, Finance")
		for work in ("Editorial", "Finance"):
			self.close_ticket(next(t.name for t in self.tickets(contract) if t.work_type == work))
		state = self.contract_state(contract)
		self.assertEqual((state.fulfilment_status, state.fulfilment_summary), ("Fulfilled", "Fulfilled"))

	def test_cancelling_the_contract_writes_it_once_for_the_tickets_it_cancels(self):
		contract = self.sign([self.text], **YEAR)
		self.fulfil(contract)
		f.edit(self.org.manager, contract, workflow_remark="Pelanggan membatalkan sebelum layanan berjalan.")
		with statements() as issued:
			f.act(self.org.manager, contract, "Cancel")
		self.assertEqual({t.status for t in self.tickets(contract)}, {"Cancelled"})
		self.assertEqual(summary_writes(issued), 1)
		state = self.contract_state(contract)
		self.assertEqual(state.fulfilment_status, "Closed")
		self.assertIsNone(state.next_invoice_date)

	def test_a_department_member_still_cannot_cancel_a_ticket_of_a_live_contract(self):
		contract = self.sign([self.text], **YEAR)
		self.fulfil(contract)
		technical = next(t.name for t in self.tickets(contract) if t.work_type == "Technical")
		with self.assertRaisesRegex(frappe.ValidationError, "cannot go from"):
			self.close_ticket(technical, self.people.technical[0], status="Cancelled")


class TestNextInvoiceDate(FulfilmentCase):
	def test_cancelling_a_period_invoice_moves_the_date_back_to_its_period(self):
		contract = self.sign([self.text], **YEAR)
		self.fulfil(contract)
		fulfilment.bill_due_contracts(on="2026-03-01", now=True)
		self.assertEqual(str(self.contract_state(contract).next_invoice_date), "2026-04-01")
		february = self.invoices(contract)[1].name
		with f.as_user(self.people.finance[0]), statements() as issued:
			frappe.get_doc(INVOICE, february).cancel()
		self.assertEqual(next_invoice_date_writes(issued), 1)
		self.assertEqual(str(self.contract_state(contract).next_invoice_date), "2026-02-01")

	def test_only_the_service_issues_an_invoice_even_with_its_key(self):
		contract = self.sign([self.text], **YEAR)
		self.fulfil(contract)
		[invoice] = self.invoices(contract)
		copy = frappe.copy_doc(frappe.get_doc(INVOICE, invoice.name))
		with self.assertRaises(frappe.PermissionError):
			copy.insert(ignore_permissions=True)
		# An amendment passes the origin check; the unique key refuses a second one for the period.
		copy.amended_from = invoice.name
		with self.assertRaises(frappe.UniqueValidationError):
			copy.insert(ignore_permissions=True)


@contextmanager
def get_request():
	"""This thread inside a GET request, as printview and download_pdf are."""
	before = getattr(frappe.local, "request", None)
	frappe.local.request = Request(EnvironBuilder(method="GET", path="/printview").get_environ())
	try:
		yield
	finally:
		frappe.local.request = before


class TestPrintInAGetRequest(PrintCase):
	def test_each_render_is_logged_once_and_the_request_is_not_made_to_commit(self):
		# Frappe's Access Log of a print commits in a GET request (make_access_log): what this test
		# made is then committed, and removed by name.
		order = f.make_order(self.org, self.customer, [f.make_product(self.org)])
		self.addCleanup(purge_committed, self.org, order.name)
		frappe.local.flags.commit = False
		with get_request():
			self.render(self.org.ae, order, F003)
			self.render(self.org.ae, order, F003)
			self.assertFalse(frappe.local.flags.commit)
		[log] = print_log.logs_for(order.doctype, order.name)
		self.assertEqual(
			(log.form_code, log.print_count, log.first_printed_by), ("F/KOM/003", 2, self.org.ae)
		)


def purge_committed(org, order: str):
	frappe.db.rollback()
	frappe.db.delete("Access Log", {"export_from": MEDIA_ORDER, "reference_document": order})
	purge_org(org)
	frappe.db.commit()
