"""Demo data of the weekly sales meeting (6.1, 6.2), issue 7: monthly targets for 2026, customer
feedback given through the web form, and last week's meeting of Kerjasama dan Konten with its minutes
submitted and acknowledged and two actions open. The two sales signed in the week of 16-22 November
2026 (an existing customer's renewal and a new customer won) are among demo.SALES. A Manager who
creates this week's meeting (week 48) then finds last week's evaluation filled in and the open
actions carried over.

Called from antara_sales.setup.demo.load after the sales; idempotent like the rest of the demo (each
record is looked up before it is made). The demo's calendar is fixed (its "today" is late November
2026)."""

import frappe
from frappe.model.workflow import apply_workflow

from antara_sales.doctypes import CONTRACT, FEEDBACK, FEEDBACK_REQUEST, MEETING, SALES_TARGET
from antara_sales.services.reporting import customer_feedback
from antara_sales.services.reporting.sales_facts import MONTHS
from antara_sales.services.workflow import steps
from antara_sales.setup import demo_base
from antara_sales.setup.builders import as_user

# Department: (sales target per month, IDR before PPN; new customers to win per month).
TARGETS = {demo_base.DEPT_CONTENT: (150_000_000, 2), demo_base.DEPT_MULTIMEDIA: (100_000_000, 2)}

# (customer, contract start, stars, answered on, comment)
ANSWERS = [
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
	department=demo_base.DEPT_CONTENT,
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
			if frappe.db.exists(SALES_TARGET, {"target_key": key}):
				demo_base._existing(SALES_TARGET)
				continue
			with as_user(demo_base.email("manager")):  # the department's Manager sets it (6.1)
				frappe.get_doc(
					{
						"doctype": SALES_TARGET,
						"department": department,
						"year": 2026,
						"month": month,
						"target_amount": amount,
						"target_new_customers": new_customers,
					}
				).insert()
			demo_base._created(SALES_TARGET, f"{department} 2026-{month}")


def ensure_feedback():
	"""Each answer goes through the web form with the link's key, as the customer gives it."""
	from frappe.website.doctype.web_form.web_form import accept

	for customer_name, start, stars, answered_on, comment in ANSWERS:
		customer = demo_base.customer_by_name(customer_name)
		contract = frappe.db.get_value(CONTRACT, {"customer": customer, "start_date": start, "docstatus": 1})
		if not contract:
			continue
		if frappe.db.exists(FEEDBACK, {"contract": contract}):
			demo_base._existing(FEEDBACK)
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
		frappe.db.set_value(FEEDBACK_REQUEST, request.name, "answered_on", f"{answered_on} 10:00:00")
		demo_base._created(FEEDBACK, f"{answer.name} {customer_name}: {stars} stars")


def ensure_last_weeks_meeting():
	"""Week 47 of Kerjasama dan Konten: minutes submitted by the Manager, acknowledged by the GM;
	the renewal action is done (its ToDo closed), the other two stay open and carry over."""
	manager = demo_base.email("manager")
	key = f"{LAST_WEEKS_MEETING['department']}|2026-11-16"
	if frappe.db.exists(MEETING, {"meeting_key": key}):
		demo_base._existing(MEETING)
		return
	with as_user(manager):
		meeting = frappe.get_doc({"doctype": MEETING, **LAST_WEEKS_MEETING})
		for who, action, due in ACTIONS:
			meeting.append(
				"action_items", {"description": action, "assigned_to": demo_base.email(who), "due_date": due}
			)
		meeting.insert()
		meeting = apply_workflow(meeting, steps.action(MEETING, "submit_minutes"))
	with as_user(meeting.supervisor):
		meeting = apply_workflow(frappe.get_doc(MEETING, meeting.name), steps.action(MEETING, "acknowledge"))
	done = meeting.action_items[0].todo
	with as_user(demo_base.email("ae")):  # the AE closes the renewal action: the contract was signed
		todo = frappe.get_doc("ToDo", done)
		todo.status = "Closed"
		todo.save()
	demo_base._created(MEETING, f"{meeting.name} (minutes acknowledged)")


def load():
	"""After the demo's sales, last week's among them (setup/demo.py runs every sale)."""
	ensure_targets()
	ensure_feedback()
	ensure_last_weeks_meeting()
