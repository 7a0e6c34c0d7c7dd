"""Demo data for `make demo`: an ANTARA-like organisation, product catalogue and customers, and real
sales run through the procedure P/SMM/KOM/001 (6.3 Media Order, 6.5 verification, 6.6 contract,
6.7 signing) so that the customers' statuses (5.3, 5.4) come out of the app's own rules.

    bench --site antara.localhost execute antara_sales.setup.demo.load

Idempotent: every record is looked up before it is made, and a sale that stopped half-way is
resumed at the step it reached. Not for production sites. It and the tests' factories build
records with the same builders (setup/builders.py); neither imports the other."""

import frappe
from frappe.utils import add_days, cint, get_first_day, getdate, today

from antara_sales import roles
from antara_sales.doctypes import CONTRACT, CUSTOMER, DEPARTMENT, INVOICE, MEDIA_ORDER, SETTINGS
from antara_sales.services.contracting import contract as contract_service
from antara_sales.services.fulfilling import fulfilment
from antara_sales.services.ordering.departments import PRODUCT_OWNING
from antara_sales.services.workflow import steps
from antara_sales.setup import demo_meetings
from antara_sales.setup.builders import (
	SIGNATURE,
	act,
	as_user,
	edit,
	make_contract,
	make_order,
	meterai,
	request_verification,
	valid_npwp,
	verify,
)
from antara_sales.setup.demo_base import (
	DEPT_CONTENT,
	DEPT_FINANCE,
	DEPT_IT,
	DEPT_MULTIMEDIA,
	DEPT_NEWSROOM,
	DIV_MEDIA,
	DIV_OPS,
	DOMAIN,
	USERS,
	_created,
	_existing,
	created,
	customer_by_name,
	email,
	existing,
)

PASSWORD = "Antara-Demo-2026"
# The desk's language for ANTARA's staff (issue 10): the site and every demo user. Each user can
# switch to English under My Settings; a later `make demo` leaves that choice alone.
LANGUAGE = "id"
LANGUAGE_APPLIED_KEY = "antara_demo_language"

# The admin the setup wizard makes (System Manager and every other role).
ADMIN = frappe._dict(email=f"admin@{DOMAIN}", full_name="Admin Sistem ANTARA")

HEAD_OFFICE = "Kantor Pusat Jakarta"
BUREAUS = [
	# name, type, province, city, head, address
	(
		HEAD_OFFICE,
		"Head Office",
		"DKI Jakarta",
		"Jakarta Pusat",
		None,
		"Wisma ANTARA, Jl. Medan Merdeka Selatan No. 17, Jakarta Pusat 10110",
	),
	(
		"Biro Jawa Barat",
		"Provincial Bureau",
		"Jawa Barat",
		"Bandung",
		"head_jabar",
		"Jl. Braga No. 25, Bandung 40111",
	),
	(
		"Biro Jawa Timur",
		"Provincial Bureau",
		"Jawa Timur",
		"Surabaya",
		"head_jatim",
		"Jl. Pahlawan No. 30, Surabaya 60174",
	),
	(
		"Biro Sumatera Utara",
		"Provincial Bureau",
		"Sumatera Utara",
		"Medan",
		"head_sumut",
		"Jl. Balai Kota No. 8, Medan 20111",
	),
	(
		"Biro Bali",
		"Provincial Bureau",
		"Bali",
		"Denpasar",
		"head_bali",
		"Jl. Gajah Mada No. 12, Denpasar 80112",
	),
	(
		"Biro Sulawesi Selatan",
		"Provincial Bureau",
		"Sulawesi Selatan",
		"Makassar",
		"head_sulsel",
		"Jl. Slamet Riyadi No. 5, Makassar 90111",
	),
]

DIVISIONS = [(DIV_MEDIA, "gm"), (DIV_OPS, "gm2")]

SELLING = [{"user": "ae"}, {"user": "verifier", "is_verifier": 1}]
DEPARTMENTS = [
	# name, kind, division, manager, members
	(DEPT_CONTENT, PRODUCT_OWNING, DIV_MEDIA, "manager", SELLING),
	(DEPT_MULTIMEDIA, PRODUCT_OWNING, DIV_MEDIA, "manager", SELLING),
	(DEPT_IT, "Technical", DIV_OPS, "technical", [{"user": "technical"}]),
	(DEPT_NEWSROOM, "Editorial", DIV_OPS, "editorial", [{"user": "editorial"}]),
	(DEPT_FINANCE, "Finance", DIV_OPS, "finance", [{"user": "finance"}]),
]

# code: name, type, partner, media, department, billing period, price per period (IDR),
# needs technical / editorial / finance, description
PRODUCTS = {
	"ANT-TXT-NAS": (
		"Layanan Berita Teks Nasional",
		"Internal",
		None,
		"Text",
		DEPT_CONTENT,
		"Monthly",
		15_000_000,
		(1, 1, 1),
		"Berita nasional ANTARA dalam bahasa Indonesia, 24 jam, dikirim lewat API dan FTP.",
	),
	"ANT-ENG": (
		"ANTARA English News Service",
		"Internal",
		None,
		"Text",
		DEPT_CONTENT,
		"Monthly",
		12_500_000,
		(1, 1, 1),
		"Berita Indonesia dalam bahasa Inggris untuk media, kedutaan dan korporasi.",
	),
	"ANT-TXT-DAE": (
		"Paket Berita Daerah",
		"Internal",
		None,
		"Text",
		DEPT_CONTENT,
		"Monthly",
		5_000_000,
		(1, 1, 1),
		"Berita dari 34 biro provinsi ANTARA, dapat dipilih per provinsi.",
	),
	"ANT-DATA": (
		"Data dan Riset ANTARA",
		"Internal",
		None,
		"Data and Research",
		DEPT_CONTENT,
		"Quarterly",
		30_000_000,
		(0, 1, 1),
		"Laporan riset, survei dan data olahan ANTARA per triwulan.",
	),
	"ANT-FOTO": (
		"Layanan Foto ANTARA",
		"Internal",
		None,
		"Photo",
		DEPT_MULTIMEDIA,
		"Monthly",
		10_000_000,
		(1, 1, 1),
		"Akses arsip dan foto berita terkini ANTARA Foto, resolusi tinggi.",
	),
	"ANT-TV": (
		"ANTARA TV - Layanan Video Berita",
		"Internal",
		None,
		"Video",
		DEPT_MULTIMEDIA,
		"Monthly",
		20_000_000,
		(1, 1, 1),
		"Paket video berita ANTARA TV siap tayang, termasuk naskah dan grafis.",
	),
	"ANT-INFO": (
		"Infografis ANTARA",
		"Internal",
		None,
		"Infographic",
		DEPT_MULTIMEDIA,
		"Monthly",
		7_500_000,
		(0, 1, 1),
		"Infografis harian dan tematik untuk situs dan media sosial pelanggan.",
	),
	"ANT-ADV": (
		"Advertorial",
		"Internal",
		None,
		"Advertising",
		DEPT_MULTIMEDIA,
		"One-off",
		25_000_000,
		(0, 1, 1),
		"Satu artikel advertorial di antaranews.com, termasuk penulisan dan foto.",
	),
	"KS-XINHUA": (
		"Berita Internasional Xinhua (Bahasa Indonesia)",
		"Cooperation",
		"Xinhua News Agency",
		"Text",
		DEPT_CONTENT,
		"Yearly",
		60_000_000,
		(1, 1, 1),
		"Produk kerja sama: berita internasional Xinhua yang dialihbahasakan ANTARA.",
	),
	"KS-DASBOR": (
		"Dasbor Data Ekonomi Daerah",
		"Cooperation",
		"PT Data Nusantara Analitika",
		"Data and Research",
		DEPT_CONTENT,
		"Quarterly",
		45_000_000,
		(1, 0, 1),
		"Produk kerja sama: dasbor indikator ekonomi provinsi, diperbarui tiap triwulan.",
	),
}

# name: type, NPWP seed, bureau, email, phone, address, city, province, primary contact
# (name, title, phone, email)
CUSTOMERS = {
	"PT Kabar Nusantara Media": (
		"Institution",
		1_234_567,
		HEAD_OFFICE,
		"redaksi@kabarnusantara.example.id",
		"021 5790 1234",
		"Jl. Jend. Sudirman Kav. 52-53, Jakarta Selatan 12190",
		"Jakarta Selatan",
		"DKI Jakarta",
		("Bambang Sutrisno", "Direktur Utama", "0812 1234 5678", "bambang@kabarnusantara.example.id"),
	),
	"Dinas Komunikasi dan Informatika Provinsi Jawa Barat": (
		"Institution",
		2_245_871,
		"Biro Jawa Barat",
		"diskominfo@jabarprov.example.go.id",
		"022 4201234",
		"Jl. Tamansari No. 55, Bandung 40132",
		"Bandung",
		"Jawa Barat",
		("Nining Kurniasih", "Kepala Bidang IKP", "0813 2233 4455", "nining@jabarprov.example.go.id"),
	),
	"PT Surya Timur Televisi": (
		"Institution",
		31_245_678,
		"Biro Jawa Timur",
		"sekretariat@suryatimur-tv.example.id",
		"031 5312345",
		"Jl. Basuki Rahmat No. 101, Surabaya 60271",
		"Surabaya",
		"Jawa Timur",
		("Hari Purnomo", "Manajer Program", "0857 3100 2244", None),
	),
	"Universitas Sumatera Raya": (
		"Institution",
		7_345_612,
		"Biro Sumatera Utara",
		"humas@usr.example.ac.id",
		"061 4512345",
		"Jl. Dr. Mansyur No. 9, Medan 20155",
		"Medan",
		"Sumatera Utara",
		("Dr. Martua Siregar", "Kepala Biro Humas", "0811 6543 210", "martua@usr.example.ac.id"),
	),
	"PT Celebes Media Grup": (
		"Institution",
		84_123_457,
		"Biro Sulawesi Selatan",
		"info@celebesmedia.example.id",
		"0411 871234",
		"Jl. Urip Sumoharjo No. 20, Makassar 90231",
		"Makassar",
		"Sulawesi Selatan",
		("Andi Rahmat", "Pemimpin Redaksi", "0852 4111 2233", None),
	),
	"Ni Luh Putu Ayu Lestari": (
		"Individual",
		92_456_781,
		"Biro Bali",
		"ayu.lestari@example.id",
		"0878 6123 4567",
		"Jl. Raya Ubud No. 7, Gianyar 80571",
		"Gianyar",
		"Bali",
		("Ni Luh Putu Ayu Lestari", "Pemilik (kreator konten)", "0878 6123 4567", None),
	),
}

DEFAULT_TERMS = """<ol>
<li>Harga per periode belum termasuk PPN (12% dari DPP Nilai Lain 11/12 harga, PMK 131/2024).</li>
<li>Pembayaran paling lambat 14 hari kalender setelah invoice diterima, melalui transfer ke rekening
Perum LKBN ANTARA.</li>
<li>Layanan dimulai setelah kontrak kerja sama ditandatangani kedua belah pihak.</li>
<li>Konten ANTARA hanya untuk media milik pelanggan dan wajib mencantumkan sumber "ANTARA".</li>
<li>Perubahan langganan diajukan dengan Formulir Perubahan Langganan (F/KOM/004) paling lambat 30 hari
sebelum berlaku.</li>
</ol>"""

# The days of a sale's steps, in the procedure's order, as far as the sale went.
STEP_DATES = ("order_date", "form_signed", "verified", "gm_signed", "customer_signed")


def sale(customer, department, products, service, target, days, remark=None) -> dict:
	"""A demo sale, found again by (customer, order date) and driven up to `target` (a procedure
	step's key, services/workflow/steps.py). `service` is (start, end); `days` are the days it was
	ordered, its form signed (F/KOM/003), verified (6.5), signed by the GM and by the customer (6.7)."""
	return dict(
		customer=customer,
		department=department,
		products=products,
		start=service[0],
		end=service[1],
		target=target,
		remark=remark,
		**dict(zip(STEP_DATES, days, strict=False)),
	)


#   Signed: verified, contract drawn up, signed by the GM and then by the customer (6.5-6.7).
SALES = [
	# PT Kabar Nusantara Media: three consecutive yearly contracts -> Existing (5.4).
	sale(
		"PT Kabar Nusantara Media",
		DEPT_CONTENT,
		["ANT-TXT-NAS"],
		("2024-01-01", "2024-12-31"),
		"signed",
		("2023-11-20", "2023-11-24", "2023-11-28", "2023-12-11", "2023-12-14"),
	),
	sale(
		"PT Kabar Nusantara Media",
		DEPT_CONTENT,
		["ANT-TXT-NAS", "ANT-ENG"],
		("2025-01-01", "2025-12-31"),
		"signed",
		("2024-11-18", "2024-11-22", "2024-11-26", "2024-12-09", "2024-12-12"),
	),
	sale(
		"PT Kabar Nusantara Media",
		DEPT_CONTENT,
		["ANT-TXT-NAS", "ANT-ENG", "KS-XINHUA"],
		("2026-01-01", "2026-12-31"),
		"signed",
		("2025-11-17", "2025-11-21", "2025-11-25", "2025-12-08", "2025-12-11"),
	),
	# Diskominfo Jawa Barat: one contract -> New (5.3).
	sale(
		"Dinas Komunikasi dan Informatika Provinsi Jawa Barat",
		DEPT_MULTIMEDIA,
		["ANT-FOTO", "ANT-INFO", "ANT-ADV"],
		("2026-04-01", "2027-03-31"),
		"signed",
		("2026-03-02", "2026-03-05", "2026-03-09", "2026-03-16", "2026-03-19"),
	),
	# Orders still in the procedure (the customers stay Prospect).
	sale(
		"Universitas Sumatera Raya",
		DEPT_CONTENT,
		["ANT-DATA", "KS-DASBOR"],
		("2027-01-01", "2027-12-31"),
		"draft",
		("2026-11-16",),
	),
	sale(
		"PT Celebes Media Grup",
		DEPT_MULTIMEDIA,
		["ANT-TV", "ANT-FOTO"],
		("2026-12-01", "2027-11-30"),
		"verification",
		("2026-11-10", "2026-11-12"),
	),
	sale(
		"PT Surya Timur Televisi",
		DEPT_MULTIMEDIA,
		["ANT-TV"],
		("2027-01-01", "2027-12-31"),
		"gm_signature",  # the GM's inbox holds a contract to sign (6.7)
		("2026-11-17", "2026-11-18", "2026-11-20"),
	),
	sale(
		"Ni Luh Putu Ayu Lestari",
		DEPT_MULTIMEDIA,
		["ANT-FOTO"],
		("2026-12-01", "2027-05-31"),
		"clarification",
		("2026-11-03", "2026-11-05"),
		remark=(
			"Pelanggan perorangan meminta paket 30 foto per bulan untuk blog pribadinya, bukan Layanan "
			"Foto penuh. Mohon dikonfirmasi ulang dengan pelanggan produk dan lisensi penggunaannya."
		),
	),
	# Issue 7, the weekly meeting (setup/demo_meetings.py): the sales signed in its week, 16-22 November
	# 2026. An existing customer (three consecutive yearly contracts, 5.4) renews for 2027.
	sale(
		"PT Kabar Nusantara Media",
		DEPT_CONTENT,
		["ANT-TXT-NAS", "ANT-ENG", "KS-XINHUA"],
		("2027-01-01", "2027-12-31"),
		"signed",
		("2026-11-09", "2026-11-10", "2026-11-12", "2026-11-16", "2026-11-18"),
	),
	# A new customer won (a Prospect when verified, 6.5.3).
	sale(
		"PT Surya Timur Televisi",
		DEPT_MULTIMEDIA,
		["ANT-TV", "ANT-FOTO"],
		("2026-12-01", "2027-11-30"),
		"signed",
		("2026-11-11", "2026-11-12", "2026-11-13", "2026-11-16", "2026-11-17"),
	),
]

# Sales that reach a contract: signed, or waiting for the GM's signature.
CONTRACT_TARGETS = ("signed", "gm_signature")


def is_setup_complete() -> bool:
	check = getattr(frappe, "is_setup_complete", None)  # Frappe v16
	if check:
		return bool(check())
	return bool(cint(frappe.db.get_single_value("System Settings", "setup_complete")))


def complete_setup_wizard():
	"""The desk sends every /app page to the setup wizard until it is done (platform note 15)."""
	if is_setup_complete():
		print("Setup wizard: already complete")
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	setup_complete(
		{
			"language": "English",
			"country": "Indonesia",
			"timezone": "Asia/Jakarta",
			"currency": "IDR",
			"full_name": ADMIN.full_name,
			"email": ADMIN.email,
			"password": PASSWORD,
		}
	)
	if not frappe.db.get_default("currency"):
		frappe.db.set_default("currency", "IDR")
	frappe.db.commit()
	print(f"Setup wizard: completed (Indonesia, Asia/Jakarta, IDR; admin {ADMIN.email})")


def ensure_users():
	for login, full_name, role in USERS.values():
		user_email = f"{login}@{DOMAIN}"
		if frappe.db.exists("User", user_email):
			_existing("User")
			continue
		first_name, last_name = full_name.rsplit(" ", 1)
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": user_email,
				"first_name": first_name,
				"last_name": last_name,
				"language": LANGUAGE,
				"time_zone": "Asia/Jakarta",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
				"roles": [{"role": role}],
			}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
		_created("User", user_email)


def ensure_language():
	"""The demo site and its users speak Indonesian (issue 10). Only the demo does this: installing
	the app leaves a site's language alone. The users are switched once per site (remembered in a
	default), so a user who later picks English in My Settings keeps it on the next `make demo`."""
	changed = False
	if frappe.db.get_single_value("System Settings", "language") != LANGUAGE:
		frappe.db.set_single_value("System Settings", "language", LANGUAGE)
		# What System Settings.on_update does: the default that sessions without a user language read.
		frappe.db.set_default("lang", LANGUAGE)
		_created("Language", f"System Settings: {LANGUAGE}")
		changed = True
	if frappe.db.get_default(LANGUAGE_APPLIED_KEY) != LANGUAGE:
		demo_users = [ADMIN.email, *(f"{login}@{DOMAIN}" for login, _name, _role in USERS.values())]
		for user in frappe.get_all("User", filters={"name": ("in", demo_users)}, fields=["name", "language"]):
			if user.language != LANGUAGE:
				frappe.db.set_value("User", user.name, "language", LANGUAGE)
				_created("Language", f"{user.name}: {LANGUAGE}")
		frappe.db.set_default(LANGUAGE_APPLIED_KEY, LANGUAGE)
		changed = True
	if changed:
		frappe.clear_cache()  # the cached users, defaults and boot
	else:
		_existing("Language")
	# What the rest of this run writes for people to read (ToDo descriptions, audit lines, ticket
	# subjects) is written in the demo's language, as the desk would write it for its users.
	frappe.local.lang = LANGUAGE


def insert_once(doctype: str, name: str, values: dict):
	if frappe.db.exists(doctype, name):
		_existing(doctype)
		return name
	doc = frappe.get_doc({"doctype": doctype, **values}).insert()
	_created(doctype, doc.name)
	return doc.name


def ensure_organisation():
	for name, kind, province, city, head, address in BUREAUS:
		insert_once(
			"ANTARA Bureau",
			name,
			{
				"bureau_name": name,
				"bureau_type": kind,
				"province": province,
				"city": city,
				"bureau_head": email(head) if head else None,
				"address": address,
			},
		)
	for name, gm in DIVISIONS:
		insert_once("ANTARA Division", name, {"division_name": name, "general_manager": email(gm)})
	for name, kind, division, manager, members in DEPARTMENTS:
		insert_once(
			DEPARTMENT,
			name,
			{
				"department_name": name,
				"department_kind": kind,
				"division": division,
				"bureau": HEAD_OFFICE,
				"manager": email(manager),
				"members": [{**m, "user": email(m["user"])} for m in members],
			},
		)


def ensure_products():
	for code, (name, kind, partner, media, dept, period, price, needs, description) in PRODUCTS.items():
		insert_once(
			"ANTARA Product",
			code,
			{
				"product_code": code,
				"product_name": name,
				"product_type": kind,
				"cooperation_partner": partner,
				"media_type": media,
				"department": dept,
				"billing_period": period,
				"price": price,
				"needs_technical": needs[0],
				"needs_editorial": needs[1],
				"needs_finance": needs[2],
				"description": f"<p>{description}</p>",
			},
		)


DEMO_SELLER_NPWP = "0" + valid_npwp(1_000_017)  # the 15-digit form of the builders, as DJP maps it
# Buyer categories of the demo's customers (issue 11); the others are Badan Usaha by their type.
DEMO_BUYER_CATEGORIES = {"Dinas Komunikasi dan Informatika Provinsi Jawa Barat": "Instansi Pemerintah"}


def ensure_settings():
	settings = frappe.get_single(SETTINGS)
	wanted = {
		"default_technical_department": DEPT_IT,
		"default_editorial_department": DEPT_NEWSROOM,
		"default_finance_department": DEPT_FINANCE,
		"default_administrative_terms": DEFAULT_TERMS,
		# A made-up identity for the demo (issue 11): a valid 16-digit NPWP, the head office's NITKU.
		"seller_npwp": DEMO_SELLER_NPWP,
		"seller_nitku": DEMO_SELLER_NPWP + "000000",
		"seller_tax_address": "Wisma ANTARA, Jl. Medan Merdeka Selatan No. 17, Gambir, Jakarta Pusat 10110",
	}
	missing = {field: value for field, value in wanted.items() if not settings.get(field)}
	if not missing:
		_existing(SETTINGS)
		return
	settings.update(missing)
	settings.save()
	_created(SETTINGS, ", ".join(missing))


def ensure_customers():
	for name, (kind, seed, bureau, mail, phone, address, city, province, contact) in CUSTOMERS.items():
		if customer_by_name(name):
			_existing(CUSTOMER)
			continue
		contact_name, designation, contact_phone, contact_email = contact
		values = {
			"doctype": CUSTOMER,
			"customer_type": kind,
			"customer_name": name,
			"npwp": valid_npwp(seed),
			"buyer_category": DEMO_BUYER_CATEGORIES.get(name),
			"bureau": bureau,
			"email": mail,
			"phone": phone,
			"address": address,
			"city": city,
			"province": province,
			"contacts": [
				{
					"contact_name": contact_name,
					"designation": designation,
					"phone": contact_phone,
					"email": contact_email,
					"is_primary": 1,
				}
			],
		}
		with as_user(email("ae")):  # the AE records the prospect (6.3)
			doc = frappe.get_doc(values).insert()
		_created(CUSTOMER, f"{doc.name} {name}")


def org_for(department: str, bureau: str) -> frappe._dict:
	"""The people of one sale, as setup/builders.py expects them."""
	return frappe._dict(
		ae=email("ae"),
		verifier=email("verifier"),
		manager=email("manager"),
		gm=frappe.db.get_value(DEPARTMENT, department, "general_manager"),
		department=department,
		bureau=bureau,
	)


def sign(org, contract_name: str, *, gm_on: str, customer_on: str, signatory: str):
	"""6.7 through the workflow: Manager review, the GM signs first, then the customer; the AE
	records the customer's signature, the meterai of both copies and the copy handed over. As factories.sign_contract, with the
	customer's own signatory."""
	contract = frappe.get_doc(CONTRACT, contract_name)
	act(org.ae, contract, steps.action(CONTRACT, "send_for_review"))
	act(org.manager, contract, steps.action(CONTRACT, "approve"))
	edit(org.gm, contract, gm_signature=SIGNATURE, gm_signed_on=gm_on)
	act(org.gm, contract, steps.action(CONTRACT, "sign_gm"))
	edit(
		org.ae,
		contract,
		customer_signature=SIGNATURE,
		customer_signatory_name=signatory,
		customer_signed_on=customer_on,
		customer_copy_given_on=customer_on,
		customer_copy_given_to=signatory,
		**meterai(contract_name),
	)
	return act(org.ae, contract, steps.action(CONTRACT, "sign_customer"))


def run_sale(sale: dict):
	"""One sale up to its target state; resumes at the step it reached on an earlier run."""
	sale = frappe._dict(sale)
	customer = customer_by_name(sale.customer)
	contact_name, designation, *_rest = CUSTOMERS[sale.customer][8]
	org = org_for(sale.department, frappe.db.get_value(CUSTOMER, customer, "bureau"))
	done = []

	name = frappe.db.get_value(
		MEDIA_ORDER, {"customer": customer, "order_date": sale.order_date, "docstatus": ("<", 2)}
	)
	if not name:
		extra = {"order_date": sale.order_date, "administrative_terms": None}  # the settings' terms
		if sale.target != "draft":
			extra.update(signatory_name=contact_name, signatory_title=designation, signed_on=sale.form_signed)
		order = make_order(
			org,
			customer,
			sale.products,
			start=sale.start,
			end=sale.end,
			complete=sale.target != "draft",
			**extra,
		)
		name = order.name
		done.append("order")
	order = frappe.get_doc(MEDIA_ORDER, name)

	if steps.is_at(order, "draft") and sale.target != "draft":
		request_verification(org, order)  # 6.5: the AE hands the form over
		done.append("sent for verification")
		order.reload()

	if steps.is_at(order, "verification") and sale.target == "clarification":
		verify(org, order, outcome="Clarify", remark=sale.remark)  # 6.5.3.1
		done.append("clarification asked")
	elif steps.is_at(order, "verification") and sale.target in CONTRACT_TARGETS:
		verification = verify(org, order)
		if sale.verified:
			# Handed over when the customer's signed form came back (6.5), verified on its day: the
			# turnaround report and the ageing read these, not the day the demo was loaded.
			handed_over = sale.form_signed or sale.order_date
			verification.db_set(
				{"handed_over_on": f"{handed_over} 09:00:00", "verified_on": f"{sale.verified} 10:00:00"}
			)
		done.append("verified")
	order.reload()

	if sale.target in CONTRACT_TARGETS:
		if steps.is_at(order, "verified"):
			make_contract(org, order.name)  # 6.6
			done.append("contract drawn up")
			order.reload()
		contract = frappe.get_doc(CONTRACT, order.contract)
		if sale.target != "signed":
			if steps.is_at(contract, "draft"):
				act(org.ae, contract, steps.action(CONTRACT, "send_for_review"))
				act(org.manager, contract, steps.action(CONTRACT, "approve"))
				done.append("approved by the Manager")
		elif contract.docstatus == 0:
			sign(
				org,
				contract.name,
				gm_on=sale.gm_signed,
				customer_on=sale.customer_signed,
				signatory=contact_name,
			)
			done.append("signed")
		label = f"{order.name} -> {contract.name} ({sale.start} - {sale.end})"
	else:
		label = f"{order.name} ({order.status})"

	if done:
		_created("Sale", f"{sale.customer}: {label}: {', '.join(done)}")
	else:
		_existing("Sale")


def ensure_subscription_change():
	"""A Subscription Change Form (F/KOM/004) as the AE drafts it: Diskominfo Jawa Barat adds
	ANTARA TV to its signed contract (the print previews show it)."""
	customer = customer_by_name("Dinas Komunikasi dan Informatika Provinsi Jawa Barat")
	contract = frappe.db.get_value(CONTRACT, {"customer": customer, "docstatus": 1})
	if not contract:
		return
	if frappe.db.exists("ANTARA Subscription Change", {"contract": contract}):
		_existing("ANTARA Subscription Change")
		return
	values = {
		"doctype": "ANTARA Subscription Change",
		"contract": contract,
		"change_type": "Add Product",
		"effective_date": "2026-10-01",
		"reason": "Diskominfo menambah paket video berita untuk kanal video resmi Pemprov Jawa Barat.",
		"account_executive": email("ae"),
	}
	with as_user(email("ae")):
		change = frappe.get_doc(values).insert()
		change.append("items", {"product": "ANT-TV", "start_date": "2026-10-01", "end_date": "2027-03-31"})
		change.save()
	_created("ANTARA Subscription Change", f"{change.name} (draft, {contract})")


def ensure_fulfilment():
	"""6.8 for the signed contracts (issue 5): the fulfilment job, run here so that the demo needs no
	worker, on the day the customer signed (tickets and the first invoice) and on each later period's
	first day up to today (the daily job's invoices). Idempotent, like the job. As history, the
	tickets of contracts signed before this year are done and invoices due before this month paid."""
	for row in frappe.get_all(
		CONTRACT,
		filters={"docstatus": 1},
		fields=["name", "customer_signed_on", "account_executive"],
		order_by="start_date",
	):
		with as_user(row.account_executive or email("ae")):
			made = frappe.db.count(INVOICE, {"contract": row.name})
			fulfilment.fulfil_contract(row.name, on=row.customer_signed_on)
			day = frappe.db.get_value(CONTRACT, row.name, "next_invoice_date")
			while day and getdate(day) <= getdate(today()):
				fulfilment.fulfil_contract(row.name, on=day, first_invoice_only=False)
				day = frappe.db.get_value(CONTRACT, row.name, "next_invoice_date")
		if getdate(row.customer_signed_on).year < getdate(today()).year:
			for ticket in frappe.get_all(
				"ANTARA Ticket", filters={"contract": row.name, "status": "Open"}, pluck="name"
			):
				doc = frappe.get_doc("ANTARA Ticket", ticket)
				doc.update({"status": "Done", "resolution": "Selesai sesuai kontrak (riwayat demo)."})
				doc.save(ignore_permissions=True)
		for invoice in frappe.get_all(
			INVOICE,
			filters={
				"contract": row.name,
				"docstatus": 1,
				"paid_on": ("is", "not set"),
				"grand_total": (">", 0),
			},
			fields=["name", "due_date"],
		):
			if getdate(invoice.due_date) < get_first_day(today()):
				doc = frappe.get_doc(INVOICE, invoice.name)
				doc.update(
					{
						"paid_on": add_days(invoice.due_date, -3),
						"paid_amount": doc.amount_payable,
						"payment_reference": "TRF (demo)",
						# the buyer's PPh 23 slip, so that the short payment is a full one (issue 11)
						"withholding_slip_number": f"BPPU-{doc.name}" if doc.pph23_amount else None,
					}
				)
				doc.save(ignore_permissions=True)
		now_made = frappe.db.count(INVOICE, {"contract": row.name})
		if now_made > made:
			_created("Fulfilment (6.8)", f"{row.name}: {now_made - made} invoices, tickets")
		else:
			_existing("Fulfilment (6.8)")


def load():
	"""Everything above, then a summary. Runs as Administrator under `bench execute`."""
	created.clear()
	existing.clear()
	frappe.set_user("Administrator")
	complete_setup_wizard()
	ensure_users()
	ensure_language()
	ensure_organisation()
	ensure_products()
	ensure_settings()
	ensure_customers()
	for each in SALES:  # last week's sales among them (issue 7)
		run_sale(each)
	# Issue 7: targets, feedback and last week's meeting (6.1, 6.2).
	demo_meetings.load()
	ensure_subscription_change()
	ensure_fulfilment()
	# Contracts whose period has ended become Expired, as the daily job does.
	contract_service.expire_ended_contracts()
	frappe.db.commit()
	print_summary()


def rupiah(value) -> str:
	return "Rp " + f"{value or 0:,.0f}".replace(",", ".")


def print_summary():
	print()
	print("Demo data: created on this run")
	if not created:
		print("  nothing (everything was already there)")
	for doctype, names in created.items():
		print(f"  {doctype}: {len(names)}")
		for name in names:
			print(f"    - {name}")
	if existing:
		print("Already there: " + ", ".join(f"{d} {n}" for d, n in existing.items()))
	print()
	print("Customers:")
	for row in frappe.get_all(
		CUSTOMER,
		filters={"customer_name": ("in", list(CUSTOMERS))},
		fields=["name", "customer_name", "customer_status", "consecutive_periods"],
		order_by="name",
	):
		print(
			f"  {row.name}  {row.customer_name:<52} {row.customer_status or '':<9} "
			f"periods {row.consecutive_periods or 0}"
		)
	print("Media Orders:")
	for row in frappe.get_all(
		MEDIA_ORDER,
		fields=["name", "customer_name", "status", "grand_total", "contract"],
		order_by="order_date",
	):
		print(
			f"  {row.name}  {row.customer_name:<52} {row.status:<27} "
			f"{rupiah(row.grand_total):>18}  {row.contract or ''}"
		)
	print("Contracts:")
	for row in frappe.get_all(
		CONTRACT,
		fields=["name", "customer_name", "status", "start_date", "end_date", "grand_total"],
		order_by="start_date",
	):
		print(
			f"  {row.name}  {row.customer_name:<52} {row.status:<21} {getdate(row.start_date)} - "
			f"{getdate(row.end_date)}  {rupiah(row.grand_total):>18}"
		)


def users_table() -> list[tuple[str, str, str, str]]:
	rows = [(ADMIN.email, ADMIN.full_name, "System Manager (setup wizard; all roles)", PASSWORD)]
	rows += [(f"{login}@{DOMAIN}", name, role, PASSWORD) for login, name, role in USERS.values()]
	return rows


def print_users(admin_password: str | None = None):
	"""For scripts/demo.sh: needs no site."""
	rows = users_table()
	if admin_password:
		rows.append(("Administrator", "Administrator", "Administrator", admin_password))
	widths = [max(len(r[i]) for r in [*rows, ("Email", "Name", "Role", "Password")]) for i in range(4)]
	line = "  ".join(f"{{:<{w}}}" for w in widths)
	print(line.format("Email", "Name", "Role", "Password"))
	print(line.format(*("-" * w for w in widths)))
	for row in rows:
		print(line.format(*row))
