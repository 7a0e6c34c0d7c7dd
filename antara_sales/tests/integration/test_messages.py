"""Issue 12: what the procedure says to people is an Email Template an admin words in the desk,
shipped by the app and kept on migrate when edited (setup/shipped_records.py)."""

import frappe
from frappe.client import save as desk_save

from antara_sales.domain import shipped_sync
from antara_sales.services.common import notify
from antara_sales.services.reporting import weekly_meeting
from antara_sales.setup import shipped_records
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.integration.fulfilment_case import CONTRACT, INVOICE, TICKET, FulfilmentCase

TEMPLATE = "Email Template"
SHIPPED = {
	notify.REJECTION: "6.5.3.2",
	notify.CONTRACT_COPY: "6.7",
	notify.NEW_TICKET: "6.8",
	notify.NEW_INVOICE: "6.8",
	notify.CONTRACT_FULFILLED: "6.8",
	notify.MEETING_REMINDER: "6.1",
	notify.ORDER_INVITATION: "6.3",
	notify.ORDER_RECEIVED: "6.3",
	notify.SIGNING_INVITATION: "6.7",
}


class MessagesCase(AntaraTestCase):
	def keep_template(self, name: str):
		"""Put the site's template back as it was, should anything in the test have committed."""
		before = frappe.db.get_value(TEMPLATE, name, ["subject", "response"], as_dict=True)
		stored = frappe.db.get_default(shipped_records.INSTALLED_KEY.format(TEMPLATE, name))

		def restore():
			if frappe.db.get_value(TEMPLATE, name, ["subject", "response"], as_dict=True) != before:
				shipped_records.install(shipped_records.definition(TEMPLATE, name))
				frappe.db.set_value(TEMPLATE, name, before)
				frappe.db.set_default(shipped_records.INSTALLED_KEY.format(TEMPLATE, name), stored)
				frappe.db.commit()  # nosemgrep: undoes a commit, with one
			frappe.clear_cache()  # site defaults are cached outside the rolled-back transaction

		self.addCleanup(restore)

	def edit_in_the_desk(self, name: str, **values):
		"""As an admin saves the form: frappe.client.save with the document the form holds."""
		form = frappe.get_doc(TEMPLATE, name).as_dict()
		form.update(values)
		return desk_save(form)


class TestAdminWordsTheRejection(MessagesCase):
	def setUp(self):
		super().setUp()
		self.keep_template(notify.REJECTION)
		self.org = f.make_org()
		self.customer = f.make_customer(self.org)
		self.order = f.make_order(self.org, self.customer, [f.make_product(self.org)])
		f.request_verification(self.org, self.order)
		f.outgoing_email_account()

	def queued_letter(self):
		[queued] = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": self.order.doctype, "reference_name": self.order.name},
			fields=["name", "message"],
		)
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": queued.name}, pluck="recipient"
		)
		self.assertEqual(recipients, [frappe.db.get_value("ANTARA Customer", self.customer, "email")])
		return queued.message.replace("=\r\n", "")  # quoted-printable's soft line breaks

	def test_the_next_rejection_uses_the_admins_wording(self):
		# The desk's Text Editor saves its HTML wrapped in a Quill block.
		self.edit_in_the_desk(
			notify.REJECTION,
			subject="Pemberitahuan: pengajuan {{ doc.name }} belum dapat kami proses",
			response='<div class="ql-editor read-mode"><p>Bapak/Ibu {{ doc.customer_name|e }} yang kami '
			"hormati,</p><p>Pengajuan {{ doc.name }} belum dapat kami proses karena: {{ reason|e }}.</p>"
			"<p>Salam,<br>Tim Penjualan ANTARA</p></div>",
		)
		f.verify(self.org, self.order, "Rejected", remark="NPWP tidak terdaftar & kedaluwarsa")
		message = self.queued_letter()
		self.assertIn("Subject: Pemberitahuan: pengajuan " + self.order.name, message)
		self.assertIn(
			"Bapak/Ibu " + frappe.db.get_value("ANTARA Customer", self.customer, "customer_name"), message
		)
		self.assertIn("Tim Penjualan ANTARA", message)
		self.assertNotIn("Dengan menyesal", message)  # the shipped wording is gone
		self.assertIn("karena: NPWP tidak terdaftar &amp; kedaluwarsa.", message)  # typed text, escaped

	def test_the_shipped_wording_serves_when_the_admin_deleted_the_template(self):
		frappe.delete_doc(TEMPLATE, notify.REJECTION, ignore_permissions=True)
		f.verify(self.org, self.order, "Rejected", remark="NPWP tidak terdaftar")
		message = self.queued_letter()
		self.assertIn("Dengan menyesal kami sampaikan", message)
		self.assertIn("NPWP tidak terdaftar", message)


class TestMigrateKeepsEdits(MessagesCase):
	def sync(self, shipped=None):
		return shipped_records.sync(shipped or shipped_records.definition(TEMPLATE, notify.NEW_TICKET))

	def setUp(self):
		super().setUp()
		for name in SHIPPED:
			self.keep_template(name)

	def test_every_shipped_template_is_installed_and_stays_as_shipped(self):
		self.assertEqual(set(SHIPPED), {d["name"] for d in shipped_records.definitions(TEMPLATE)})
		decisions = shipped_records.sync_all((TEMPLATE,))
		self.assertEqual(set(decisions.values()), {shipped_sync.NOTHING})
		for name in SHIPPED:
			shipped = shipped_records.definition(TEMPLATE, name)
			self.assertEqual(frappe.db.get_value(TEMPLATE, name, "subject"), shipped["subject"])

	def test_an_edited_template_is_kept_and_a_missing_one_installed(self):
		self.edit_in_the_desk(notify.NEW_TICKET, subject="Ada tiket untuk Anda: {{ doc.name }}")
		frappe.delete_doc(TEMPLATE, notify.MEETING_REMINDER, ignore_permissions=True)
		decisions = shipped_records.sync_all((TEMPLATE,))  # what after_migrate runs
		self.assertEqual(decisions[(TEMPLATE, notify.NEW_TICKET)], shipped_sync.NOTHING)
		self.assertEqual(
			frappe.db.get_value(TEMPLATE, notify.NEW_TICKET, "subject"),
			"Ada tiket untuk Anda: {{ doc.name }}",
		)
		self.assertEqual(decisions[(TEMPLATE, notify.MEETING_REMINDER)], shipped_sync.INSTALL)
		self.assertEqual(
			frappe.db.get_value(TEMPLATE, notify.MEETING_REMINDER, "subject"),
			shipped_records.definition(TEMPLATE, notify.MEETING_REMINDER)["subject"],
		)

	def test_an_app_update_reaches_an_unedited_template_and_spares_an_edited_one(self):
		shipped = shipped_records.definition(TEMPLATE, notify.NEW_TICKET)
		update = dict(shipped, subject="Tiket {{ doc.name }} menunggu Anda")
		self.assertEqual(self.sync(update), shipped_sync.INSTALL)  # not edited: the update lands
		self.assertEqual(frappe.db.get_value(TEMPLATE, notify.NEW_TICKET, "subject"), update["subject"])
		self.edit_in_the_desk(notify.NEW_TICKET, subject="Kata-kata admin {{ doc.name }}")
		again = dict(update, response="<p>{{ link }}</p>")
		self.assertEqual(self.sync(again), shipped_sync.KEEP_CUSTOMISED)
		self.assertEqual(
			frappe.db.get_value(TEMPLATE, notify.NEW_TICKET, "subject"), "Kata-kata admin {{ doc.name }}"
		)
		self.assertTrue(
			frappe.db.exists("Error Log", {"method": f"{TEMPLATE} {notify.NEW_TICKET}: customised copy kept"})
		)
		shipped_records.reset(notify.NEW_TICKET)  # the admin takes the shipped one
		self.assertEqual(frappe.db.get_value(TEMPLATE, notify.NEW_TICKET, "subject"), shipped["subject"])


class TestEachMessageRenders(FulfilmentCase):
	"""Each shipped message, for a real document, in Indonesian, with no field left unfilled."""

	def assertRendered(self, email, *indonesian):
		for text in (email.subject, email.message):
			self.assertTrue(text.strip())
			self.assertNotIn("{{", text)  # Frappe's Jinja leaves an unknown field as written
			self.assertNotIn("{%", text)
		for words in indonesian:
			self.assertIn(words, email.subject + email.message)

	def test_the_rejection_and_the_contract_copy(self):
		order = f.make_order(self.org, self.customer, [self.text])
		self.assertRendered(
			notify.render(notify.REJECTION, order, reason="Alamat <tidak> lengkap"),
			"tidak dapat diterima",
			"Alasan: Alamat &lt;tidak&gt; lengkap",
			order.customer_name,
		)
		contract = self.sign(start="2026-01-01", end="2026-12-31")
		email = notify.render(notify.CONTRACT_COPY, contract)
		self.assertRendered(
			email, "Salinan Pelanggan", "ditandatangani oleh kedua belah pihak", contract.name
		)

	def test_the_fulfilment_notices_of_6_8(self):
		contract = self.sign(start="2026-01-01", end="2026-12-31")
		self.fulfil(contract)
		ticket = frappe.get_doc(TICKET, self.tickets(contract)[0].name)
		email = notify.render(notify.NEW_TICKET, ticket, due_date="4 Januari 2026", link="(tautan)")
		self.assertRendered(email, f"Tiket baru {ticket.name}", "jatuh tempo 4 Januari 2026", "Buka:")
		# The notices the fulfilment wrote came from the templates.
		self.assertIn(
			f"Tiket baru {ticket.name}",
			frappe.db.get_value("Notification Log", {"document_name": ticket.name}, "subject"),
		)
		invoice = frappe.get_doc(INVOICE, self.invoices(contract)[0].name)
		[subject] = set(frappe.get_all("Notification Log", {"document_name": invoice.name}, pluck="subject"))
		self.assertIn(f"Faktur Periode baru {invoice.name} untuk", subject)
		self.assertIn("jatuh tempo", subject)
		self.assertRendered(
			notify.render(
				notify.CONTRACT_FULFILLED, frappe.get_doc(CONTRACT, contract.name), link="(tautan)"
			),
			"telah terpenuhi",
			"Semua tiket (tautan) telah selesai",
		)

	def test_the_weekly_meeting_reminder(self):
		self.assertIn(self.org.department, weekly_meeting.send_meeting_reminders("2026-04-06"))
		[log] = frappe.get_all(
			"Notification Log",
			filters={"document_name": self.org.department, "for_user": self.org.manager},
			fields=["subject", "email_content"],
		)
		self.assertRendered(
			frappe._dict(subject=log.subject, message=log.email_content),
			"Rapat penjualan mingguan",
			"2026-W15",
			"belum dicatat (6.1)",
			"evaluasinya (6.1.1) terisi otomatis",
		)
