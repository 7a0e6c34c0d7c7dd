"""Shared set-up of the fulfilment tests (6.8): an organisation whose downstream departments have
people, the settings pointing at them, products with different needs and billing periods, and a
few readers of what the fulfilment service left behind."""

import inspect
from contextlib import contextmanager
from unittest.mock import patch

import frappe
from frappe.utils import background_jobs

from antara_sales import roles
from antara_sales.services.common.settings import SETTINGS
from antara_sales.services.fulfilling import fulfilment
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase

TICKET = "ANTARA Ticket"
INVOICE = "ANTARA Invoice"
CONTRACT = "ANTARA Cooperation Contract"
KIND_ROLE = {"technical": roles.TECHNICAL, "editorial": roles.EDITORIAL, "finance": roles.FINANCE}
SETTINGS_FIELDS = tuple(f"default_{kind}_department" for kind in KIND_ROLE)


def staff_downstream(org) -> frappe._dict:
	"""Each downstream department gets a head (its Manager) and a member, and becomes the settings'
	default for its kind (6.8). The settings are written without a save, so that no Version of them
	outlives a committing test (SETTINGS_FIELDS are what it restores)."""
	people = frappe._dict()
	for kind, role in KIND_ROLE.items():
		head, staff = f.make_user(role), f.make_user(role)
		department = frappe.get_doc("ANTARA Department", org[kind])
		department.manager = head
		department.set("members", [{"user": staff}])
		department.save()
		people[kind] = [staff, head]
	frappe.db.set_single_value(
		SETTINGS,
		{field: org[kind] for field, kind in zip(SETTINGS_FIELDS, KIND_ROLE, strict=True)},
		update_modified=False,
	)
	return people


@contextmanager
def enqueued():
	"""The calls made to frappe.enqueue while the block runs, each as its arguments by name (method,
	job_id, enqueue_after_commit, deduplicate, ..., and the job's own `kwargs`), read through
	frappe.enqueue's public signature. The real frappe.enqueue still runs: with enqueue_after_commit
	it hands the job to RQ at a commit that a rolled-back test never makes, so nothing reaches the
	queue and no job is left there. (A test that commits would hand it to the bench's RQ worker,
	which takes it at once and runs it against the shared site.)"""
	calls, real = [], frappe.enqueue
	signature = inspect.signature(background_jobs.enqueue)  # frappe.enqueue passes all on to it

	def record(*args, **kwargs):
		call = frappe._dict(signature.bind(*args, **kwargs).arguments)
		call.kwargs = call.get("kwargs") or {}
		calls.append(call)
		return real(*args, **kwargs)

	with patch.object(frappe, "enqueue", record):
		yield calls


def fulfilment_jobs(calls, contract: str | None = None) -> list[frappe._dict]:
	"""The fulfilment jobs among `calls` (of `contract`: a site's own contracts may be due too)."""
	return [
		call
		for call in calls
		if call.method == fulfilment.JOB and contract in (None, call.kwargs.get("contract"))
	]


def forget_cached_email_accounts():
	"""Frappe caches the outgoing email account on frappe.local for the whole process: after a test
	that made one is rolled back, the next test would still "find" it, and Frappe's immediate test
	sends (assignment notices) commit the transaction when they finish."""
	if hasattr(frappe.local, "outgoing_email_account"):
		frappe.local.outgoing_email_account = {}


class FulfilmentCase(AntaraTestCase):
	def setUp(self):
		super().setUp()
		forget_cached_email_accounts()
		self.org = f.make_org()
		self.people = staff_downstream(self.org)
		# Text: all three departments, monthly. Photo: technical and finance. Data: editorial and
		# finance, quarterly. Xinhua: yearly. Advertorial: one-off, editorial only.
		self.text = f.make_product(self.org, price=1_000_000)
		self.photo = f.make_product(
			self.org, product_name="Layanan Foto", media_type="Photo", price=500_000, needs_editorial=0
		)
		self.data = f.make_product(
			self.org,
			product_name="Data dan Riset",
			media_type="Data and Research",
			billing_period="Quarterly",
			price=3_000_000,
			needs_technical=0,
		)
		self.xinhua = f.make_product(
			self.org, product_name="Berita Xinhua", billing_period="Yearly", price=12_000_000
		)
		self.advertorial = f.make_product(
			self.org,
			product_name="Advertorial",
			media_type="Advertising",
			billing_period="One-off",
			price=5_000_000,
			needs_technical=0,
			needs_finance=0,
		)
		self.customer = f.make_customer(self.org)

	def tearDown(self):
		super().tearDown()
		# The settings are cached outside the database: forget the rolled-back ones.
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		forget_cached_email_accounts()

	def sign(self, products=None, items=None, billing_terms=None, **kw):
		"""A contract through 6.3-6.7; `items` for lines with discounts or their own dates."""
		if items is not None:
			kw["items"] = items
		order = f.verified_order(self.org, self.customer, products or [self.text], **kw)
		contract = f.make_contract(self.org, order.name)
		if billing_terms:
			f.edit(self.org.ae, contract, billing_terms=billing_terms)
		f.sign_contract(self.org, contract.name)
		return frappe.get_doc(CONTRACT, contract.name)

	def fulfil(self, contract, on="2026-01-01", **kw):
		"""The background job, run here as the user who signed (RQ runs it as the enqueuing user)."""
		with f.as_user(self.org.ae):
			return fulfilment.fulfil_contract(
				contract.name if hasattr(contract, "name") else contract, on=on, **kw
			)

	def rows_of(self, doctype, contract, filters, fields, order_by):
		return frappe.get_all(
			doctype, filters={"contract": contract.name, **filters}, fields=fields, order_by=order_by
		)

	def tickets(self, contract, **filters):
		fields = [
			"name",
			"work_type",
			"department",
			"status",
			"due_date",
			"subscription_change",
			"resolution",
		]
		return self.rows_of(TICKET, contract, filters, fields, "creation asc")

	def invoices(self, contract, **filters):
		fields = [
			"name",
			"invoice_type",
			"period_start",
			"period_end",
			"total_amount",
			"tax_amount",
			"grand_total",
			"status",
			"docstatus",
			"note",
		]
		return self.rows_of(INVOICE, contract, filters, fields, "period_start asc, creation asc")

	def todos(self, ticket_name, status="Open"):
		return sorted(
			frappe.get_all(
				"ToDo",
				filters={"reference_type": TICKET, "reference_name": ticket_name, "status": status},
				pluck="allocated_to",
			)
		)

	def mail_recipients(self, doctype, name) -> list[str]:
		queues = frappe.get_all(
			"Email Queue", filters={"reference_doctype": doctype, "reference_name": name}, pluck="name"
		)
		return sorted(
			frappe.get_all(
				"Email Queue Recipient", filters={"parent": ("in", queues or [""])}, pluck="recipient"
			)
		)

	def contract_state(self, contract):
		return frappe.db.get_value(
			CONTRACT,
			contract.name,
			["fulfilment_status", "fulfilment_summary", "next_invoice_date", "fulfilled_on"],
			as_dict=True,
		)

	def close_ticket(self, ticket_name, user=None, status="Done", resolution="Akses API dan FTP aktif."):
		ticket = frappe.get_doc(TICKET, ticket_name)
		user = user or self.people[ticket.work_type.lower()][0]
		with f.as_user(user):
			ticket = frappe.get_doc(TICKET, ticket_name)
			ticket.status = status
			ticket.resolution = resolution
			ticket.save()
		return ticket
