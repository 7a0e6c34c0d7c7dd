"""Demo data of the weekly sales meeting (6.1, 6.2), issue 7: monthly targets for 2026, two sales
signed in the week of 16-22 November 2026 (an existing customer's renewal and a new customer won),
customer feedback given through the web form, and last week's meeting of Kerjasama dan Konten
with its minutes submitted and acknowledged and two actions open. A Manager who creates this week's
meeting (week 48) then finds last week's evaluation filled in and the open actions carried over.

Called from antara_sales.setup.demo.load; idempotent like the rest of the demo (each record is
looked up before it is made). The demo's calendar is fixed (its "today" is late November 2026)."""

import frappe
from frappe.model.workflow import apply_workflow

from antara_sales.services import customer_feedback
from antara_sales.services.sales_facts import MONTHS
from antara_sales.setup import demo
from antara_sales.tests.factories import as_user

# Department: (sales target per month, IDR before PPN; new customers to win per month).
TARGETS = {demo.DEPT_CONTENT: (150_000_000, 2), demo.DEPT_MULTIMEDIA: (100_000_000, 2)}

RECENT_SALES = [
	# An existing customer (three consecutive yearly contracts, 5.4) renews for 2027.
	dict(
		customer="PT Kabar Nusantara Media",
		department=demo.DEPT_CONTENT,
		products=["ANT-TXT-NAS", "ANT-ENG", "KS-XINHUA"],
		order_date="2026-11-09",
		form_signed="2026-11-10",
		verified="2026-11-12",
		start="2027-01-01",
		end="2027-12-31",
		gm_signed="2026-11-16",
		customer_signed="2026-11-18",
		target="Signed",
	),
	# A new customer won (a Prospect when verified, 6.5.3).
	dict(
		customer="PT Surya Timur Televisi",
		department=demo.DEPT_MULTIMEDIA,
		products=["ANT-TV", "ANT-FOTO"],
		order_date="2026-11-11",
		form_signed="2026-11-12",
		verified="2026-11-13",
		start="2026-12-01",
		end="2027-11-30",
		gm_signed="2026-11-16",
		customer_signed="2026-11-17",
		target="Signed",
	),
]

# (customer, contract start, stars, answered on, comment)
FEEDBACK = [
	(
		"PT Kabar Nusantara Media",
		"2025-01-01",
		5,
		"2026-11-20",
		"Berita ANTARA selalu cepat dan akurat; layanan English News sangat membantu redaksi kami.",
	),
	(
		"Dinas Komunikasi dan Informatika Provinsi Jawa Barat",
		"2026-04-01",
		4,
		"2026-11-18",
		"Foto dan infografis bagus. Mohon advertorial dijadwalkan lebih awal.",
	),
	(
		"PT Kabar Nusantara Media",
		"2024-01-01",
		2,
		"2026-11-04",
		"Akses API sempat terputus dua hari pada awal kontrak dan tagihan terlambat dikirim.",
	),
]

LAST_WEEKS_MEETING = dict(
	department=demo.DEPT_CONTENT,
	meeting_date="2026-11-17",
	evaluation_commentary="<p>Penjualan minggu lalu belum ada; fokus pada perpanjangan kontrak pelanggan lama.</p>",
	strategy_summary="<p>Desember: amankan perpanjangan 2027 semua pelanggan lama dan tawarkan Data dan Riset ke perguruan tinggi di Sumatera.</p>",
	minutes=(
		"<p>Rapat mingguan Departemen Kerjasama dan Konten dipimpin Manajer dan diawasi GM. Dibahas "
		"perpanjangan kontrak PT Kabar Nusantara Media untuk 2027 dan order Universitas Sumatera Raya "
		"yang masih draf.</p>"
	),
)
ACTIONS = [
	("ae", "Tuntaskan tanda tangan perpanjangan 2027 PT Kabar Nusantara Media", "2026-11-20"),
	("ae", "Lengkapi formulir Universitas Sumatera Raya (NPWP dan cap) lalu ajukan verifikasi", "2026-11-27"),
	("verifier", "Siapkan verifikasi order Universitas Sumatera Raya begitu diajukan (6.5)", "2026-11-30"),
]


def ensure_targets():
	for department, (amount, new_customers) in TARGETS.items():
		for month in MONTHS:
			key = f"{department}|||2026-{MONTHS.index(month) + 1:02d}"
			if frappe.db.exists("ANTARA Sales Target", {"target_key": key}):
				demo._existing("ANTARA Sales Target")
				continue
			with as_user(demo.email("manager")):  # the department's Manager sets it (6.1)
				frappe.get_doc(
					{
						"doctype": "ANTARA Sales Target",
						"department": department,
						"year": 2026,
						"month": month,
						"target_amount": amount,
						"target_new_customers": new_customers,
					}
				).insert()
			demo._created("ANTARA Sales Target", f"{department} 2026-{month}")


def ensure_feedback():
	"""Each answer goes through the web form with the link's key, as the customer gives it."""
	from frappe.website.doctype.web_form.web_form import accept

	for customer_name, start, stars, answered_on, comment in FEEDBACK:
		customer = demo.customer_by_name(customer_name)
		contract = frappe.db.get_value(
			"ANTARA Cooperation Contract", {"customer": customer, "start_date": start, "docstatus": 1}
		)
		if not contract:
			continue
		if frappe.db.exists("ANTARA Customer Feedback", {"contract": contract}):
			demo._existing("ANTARA Customer Feedback")
			continue
		request = customer_feedback.request_feedback(contract, reason="Demo")
		with as_user("Guest"):
			answer = accept(
				web_form=customer_feedback.WEB_FORM_ROUTE,
				data=frappe.as_json(
					{"feedback_key": request.feedback_key, "rating": stars / 5, "comment": comment}
				),
			)
		answer.db_set("submitted_on", f"{answered_on} 10:00:00")
		frappe.db.set_value("ANTARA Feedback Request", request.name, "answered_on", f"{answered_on} 10:00:00")
		demo._created("ANTARA Customer Feedback", f"{answer.name} {customer_name}: {stars} stars")


def ensure_last_weeks_meeting():
	"""Week 47 of Kerjasama dan Konten: minutes submitted by the Manager, acknowledged by the GM;
	the renewal action is done (its ToDo closed), the other two stay open and carry over."""
	manager = demo.email("manager")
	key = f"{LAST_WEEKS_MEETING['department']}|2026-11-16"
	if frappe.db.exists("ANTARA Weekly Sales Meeting", {"meeting_key": key}):
		demo._existing("ANTARA Weekly Sales Meeting")
		return
	with as_user(manager):
		meeting = frappe.get_doc({"doctype": "ANTARA Weekly Sales Meeting", **LAST_WEEKS_MEETING})
		for who, action, due in ACTIONS:
			meeting.append(
				"action_items", {"description": action, "assigned_to": demo.email(who), "due_date": due}
			)
		meeting.insert()
		meeting = apply_workflow(meeting, "Submit Minutes")
	with as_user(meeting.supervisor):
		meeting = apply_workflow(frappe.get_doc("ANTARA Weekly Sales Meeting", meeting.name), "Acknowledge")
	done = meeting.action_items[0].todo
	with as_user(demo.email("ae")):  # the AE closes the renewal action: the contract was signed
		todo = frappe.get_doc("ToDo", done)
		todo.status = "Closed"
		todo.save()
	demo._created("ANTARA Weekly Sales Meeting", f"{meeting.name} (minutes acknowledged)")


def load():
	ensure_targets()
	for sale in RECENT_SALES:
		demo.run_sale(sale)
	ensure_feedback()
	ensure_last_weeks_meeting()
