"""Print formats (issue 6): F/KOM/003 Formulir Berlangganan / Media Order (6.3, 6.4), F/KOM/004
Formulir Perubahan Berlangganan, and the cooperation contract with its two copies (6.6, 6.7).

Each is rendered through Frappe's own print path (frappe.get_print: /printview, then wkhtmltopdf
for PDF) as the role's user, for documents with one and with thirty product lines.

The throwaway test site's host name does not resolve, and wkhtmltopdf fails when it cannot reach
the host it fetches Frappe's print CSS from (platform note 12): a small server for the bench's
assets answers instead (tests/asset_server.py). The formats carry their own CSS inline, so the PDF
looks as on the demo site. Private images (the company stamp) are inlined by Frappe; signatures
are data URIs."""

import html as html_lib
import io
import json
import os
import re

import frappe
from pypdf import PdfReader

from antara_sales.services.printing import print_context, print_forms, print_log
from antara_sales.setup.print_setup import LETTER_HEAD, ensure_print_setup
from antara_sales.tests import factories as f
from antara_sales.tests import sales_factories as sf
from antara_sales.tests.asset_server import AssetServer
from antara_sales.tests.base import AntaraTestCase

A4 = (595, 842)  # points
MEDIA_ORDER = print_forms.MEDIA_ORDER
ORDER_ITEM = "ANTARA Order Item"
F003 = print_forms.MEDIA_ORDER_FORMAT
F004 = print_forms.SUBSCRIPTION_CHANGE_FORMAT
CUSTOMER_COPY = print_forms.CONTRACT_CUSTOMER_COPY
ARCHIVE_COPY = print_forms.CONTRACT_ARCHIVE_COPY


def flat(text: str) -> str:
	return " ".join(text.split())


def pdf_pages(pdf: bytes) -> list[str]:
	reader = PdfReader(io.BytesIO(pdf))
	for page in reader.pages:
		box = page.mediabox
		assert (round(float(box.width)), round(float(box.height))) == A4, "not A4"
	return [flat(page.extract_text()) for page in reader.pages]


def our_part(html: str) -> str:
	"""What the print format rendered, without the /printview page around it (whose own script
	follows the format, and whose print button precedes it)."""
	body = re.split(r'<div class="antara-(?:print|invoice|notulen)">', html, maxsplit=1)[-1]
	return re.split(r"<script>\s*document\.addEventListener", body)[0]


def visible_text(html: str) -> str:
	"""The print's body text, without tags (entities decoded), to assert what a reader sees."""
	body = our_part(html)
	body = re.sub(r"<style.*?</style>", " ", body, flags=re.S)
	body = re.sub(r"</?(b|i|strong|em|span)\b[^>]*>", "", body)  # inline: no word break
	return flat(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)))


def set_up_printing(case):
	"""A print test's setUp: the print setup, and an organisation with a customer (case.org,
	case.customer)."""
	# Settings are read from the document cache, which a rollback does not reset.
	case.addCleanup(frappe.clear_document_cache, "ANTARA Sales Settings", "ANTARA Sales Settings")
	ensure_print_setup()
	case.org = f.make_org()
	case.customer = f.make_customer(case.org)


class PrintCase(AntaraTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.asset_server = AssetServer().start()

	@classmethod
	def tearDownClass(cls):
		cls.asset_server.stop()
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		set_up_printing(self)

	def render(self, user, doc, print_format, *, as_pdf=False):
		with f.as_user(user):
			output = frappe.get_print(doc.doctype, doc.name, print_format, as_pdf=as_pdf)
		if dump_dir := os.environ.get("ANTARA_PRINT_DUMP"):  # to look at what a test printed
			name = f"{self._testMethodName}-{frappe.scrub(print_format)}.{'pdf' if as_pdf else 'html'}"
			with open(os.path.join(dump_dir, name), "wb" if as_pdf else "w") as out:
				out.write(output)
		return output

	def products(self, count: int, *, long_every: int = 0) -> list[str]:
		"""Products with distinct names; every `long_every`-th has a name that wraps in the table."""
		# Digits only: a hex tag with "ff" or "fi" prints as a ligature, which the PDF's text no
		# longer matches (a flaky failure seen once).
		tag = f"{int(frappe.generate_hash(length=6), 16) % 10_000:04d}"
		long = " Layanan Berita Foto dan Video Eksklusif Nasional"
		return [
			f.make_product(
				self.org,
				product_name=f"Produk Baris {i:02d} {tag}"
				+ (long * 2 if long_every and i % long_every == 0 else ""),
				price=100_000 * i,
			)
			for i in range(1, count + 1)
		]

	def pdf(self, user, doc, print_format) -> list[str]:
		"""The PDF's pages as text, checked against the page plan: a page that spilled over would
		be a page without the control block."""
		pages = pdf_pages(self.render(user, doc, print_format, as_pdf=True))
		with f.as_user(user):
			planned = print_context.antara_print(doc, print_format).page_count
		self.assertEqual(len(pages), planned, "the PDF has pages the plan did not make")
		for number, text in enumerate(pages, 1):
			self.assertIn(f"Halaman {number} dari {planned}", text)
		return pages

	def assertEveryPage(self, pages, *needles):
		for number, text in enumerate(pages, 1):
			for needle in needles:
				self.assertIn(needle, text, f"page {number} of {len(pages)} lacks {needle!r}")

	def assertEachLinePrinted(self, pages, contract, times) -> str:
		"""The pages as one text, in which each of the contract's lines is printed `times` times."""
		document = " ".join(pages)
		for row in contract.items:
			self.assertEqual(document.count(row.product_name), times, row.product_name)
		return document


class TestMediaOrderPrint(PrintCase):
	"""F/KOM/003 (6.3, 6.4)."""

	def test_one_line_carries_the_form_the_customer_the_products_and_the_totals(self):
		product = f.make_product(self.org, product_name="Layanan Berita Teks Nasional", price=1_000_000)
		order = f.make_order(self.org, self.customer, [product])
		html = self.render(self.org.ae, order, F003)
		text = visible_text(html)
		for needle in (
			"FORMULIR BERLANGGANAN",
			"Subscription Form / Media Order",
			"No. Dok. F/KOM/003",
			"Tgl. Terbit 1 Juni 2021",
			"No. Revisi 00",
			f"No. Formulir {order.name}",
			order.customer_name,
			order.npwp,
			"Jl. Merdeka Selatan No. 17, Jakarta Pusat",
			"Jakarta, DKI Jakarta",
			"Sri Wahyuni",  # contact person and signatory
			"Lembaga",
			"Layanan Berita Teks Nasional",
			"Bulanan",
			"01/01/2026 31/12/2026 12 Rp 1.000.000",
			"Jumlah (sebelum PPN) Rp 12.000.000",
			"DPP Nilai Lain (11/12 x Jumlah) Rp 11.000.000",  # PMK 131/2024 (issue 11)
			"PPN 12% x DPP Nilai Lain Rp 1.320.000",
			"Total Rp 13.320.000",
			"Terbilang: tiga belas juta tiga ratus dua puluh ribu rupiah",
			"Pembayaran 14 hari setelah invoice.",
			"[X] Pelanggan menyetujui",
			"Direktur",
			"PERUM LKBN ANTARA",  # the ANTARA Letter Head
		):
			self.assertIn(needle, text)
		self.assertRegex(html, r'<img class="antara-image" src="/private/files/cap-perusahaan[^"]*\.png"')
		self.assertIn(f'<img class="antara-image" src="{f.SIGNATURE}"', html)

		pages = self.pdf(self.org.ae, order, F003)
		self.assertEqual(len(pages), 1)
		self.assertEveryPage(pages, "F/KOM/003", "No. Revisi", order.name)
		self.assertIn("tiga belas juta tiga ratus dua puluh ribu rupiah", pages[0])

	def test_thirty_lines_run_over_pages_without_losing_a_line_or_the_control_block(self):
		products = self.products(30, long_every=3)
		order = f.make_order(self.org, self.customer, products)
		self.assertEqual(len(order.items), 30)
		html = self.render(self.org.ae, order, F003)
		self.assertEqual(html.count('<td class="center">30</td>'), 1)

		pages = self.pdf(self.org.ae, order, F003)
		self.assertEqual(len(pages), 2)
		self.assertEveryPage(pages, "No. Dok.", "F/KOM/003", "No. Revisi 00", order.name)
		# the table runs over to page 2, with its header again
		self.assertEveryPage(pages, "Produk / Layanan Periode Tagih")
		self.assertIn("Bersambung ke halaman berikutnya.", pages[0])
		self.assertIn("B. PRODUK YANG DIPESAN (LANJUTAN)", pages[1])
		document = " ".join(pages)
		for row in order.items:
			# every line whole: its name and its amount (the right-most column) are there
			self.assertEqual(document.count(row.product_name), 1, row.product_name)
			self.assertIn(print_context.print_text.rupiah(row.amount), document)
		self.assertIn(print_context.print_text.rupiah(order.grand_total), document)

	def test_a_new_revision_in_the_settings_is_what_new_prints_carry_and_each_print_is_logged(self):
		order = f.make_order(self.org, self.customer, [f.make_product(self.org)])
		self.render(self.org.ae, order, F003)
		self.render(self.org.ae, order, F003)
		settings = frappe.get_single("ANTARA Sales Settings")
		settings.f003_revision = "01"
		settings.f003_issue_date = "2026-07-01"
		settings.save()
		html = self.render(self.org.manager, order, F003)
		self.assertIn("No. Revisi 01", visible_text(html))
		self.assertIn("Tgl. Terbit 1 Juli 2026", visible_text(html))

		logs = print_log.logs_for(order.doctype, order.name)
		self.assertEqual(
			[(log.form_code, log.form_revision, str(log.form_issue_date), log.print_count) for log in logs],
			[("F/KOM/003", "00", "2021-06-01", 2), ("F/KOM/003", "01", "2026-07-01", 1)],
		)
		self.assertEqual(logs[0].first_printed_by, self.org.ae)
		self.assertEqual(logs[1].last_printed_by, self.org.manager)
		self.assertEqual({log.print_format for log in logs}, {F003})

	def test_the_standard_format_is_logged_without_a_form_revision(self):
		order = f.make_order(self.org, self.customer, [f.make_product(self.org)])
		self.render(self.org.ae, order, "Standard")
		[log] = print_log.logs_for(order.doctype, order.name)
		self.assertEqual((log.print_format, log.form_code, log.form_revision), ("Standard", None, None))

	def test_a_controlled_form_without_its_revision_is_not_printed(self):
		order = f.make_order(self.org, self.customer, [f.make_product(self.org)])
		frappe.db.set_single_value("ANTARA Sales Settings", "f003_revision", "")
		frappe.clear_document_cache("ANTARA Sales Settings", "ANTARA Sales Settings")
		with self.assertRaisesRegex(frappe.ValidationError, "F/KOM/003 Revision"):
			self.render(self.org.ae, order, F003)

	def test_hostile_text_prints_as_text(self):
		hostile_name = 'PT <b>Tebal</b> & <img src=x onerror="alert(1)"> <script>alert(2)</script>'
		customer = f.make_customer(self.org, customer_name=hostile_name)
		order = f.make_order(self.org, customer, [f.make_product(self.org)])
		# values that reach the database without Frappe's sanitiser (db_set, imports, API scripts)
		frappe.db.set_value(
			order.doctype,
			order.name,
			{
				"contact_person": '<img src=x onerror="alert(3)">Budi',
				"signatory_name": "</td></tr></table><script>alert(4)</script>",
				"administrative_terms": '<p>Syarat <b>tebal</b></p><script>alert(5)</script><a href="javascript:alert(6)">x</a>',
				"city": "{{ frappe.session.user }}",
				"company_stamp": "javascript:alert(7)",
				"customer_signature": 'data:image/png;base64,x" onerror="alert(8)',
			},
		)
		html = self.render(self.org.ae, frappe.get_doc(order.doctype, order.name), F003)
		body = our_part(html)
		elements = re.findall(r"<[a-zA-Z][^>]*>", body)  # the tags a browser would build
		self.assertFalse([e for e in elements if re.search(r"\son\w+\s*=|javascript:", e)])
		self.assertFalse(
			[e for e in elements if e.lower().startswith(("<script", "<img src=x", '<img src="x"'))]
		)
		self.assertNotIn("<b>Tebal</b>", body)
		self.assertNotIn('class="antara-image"', body)  # neither image source is an image
		self.assertIn("&lt;b&gt;Tebal&lt;/b&gt;", body)
		self.assertIn("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(4)", body)
		self.assertIn("&lt;img src=x onerror=&#34;alert(3)&#34;&gt;Budi", body)
		self.assertIn("<p>Syarat <b>tebal</b></p>", body)  # rich text stays rich, sanitised
		self.assertIn("{{ frappe.session.user }}", body)  # user text is never a template

	def test_letter_head_ships_once_and_stays_the_admins(self):
		content, source = frappe.db.get_value("Letter Head", LETTER_HEAD, ["content", "source"])
		self.assertIn("PERUM LKBN ANTARA", content)
		self.assertEqual(source, "HTML")
		frappe.db.set_value("Letter Head", LETTER_HEAD, "content", "<p>Kop ANTARA Biro Bandung</p>")
		ensure_print_setup()
		self.assertEqual(
			frappe.db.get_value("Letter Head", LETTER_HEAD, "content"), "<p>Kop ANTARA Biro Bandung</p>"
		)
		order = f.make_order(self.org, self.customer, [f.make_product(self.org)])
		html = self.render(self.org.ae, order, F003)
		self.assertTrue("Kop ANTARA Biro Bandung" in html or "PERUM LKBN ANTARA" not in html)


class TestSubscriptionChangePrint(PrintCase):
	"""F/KOM/004: the contract changed, before and after, the effective date, the reason."""

	def make_change(self, contract, change_type, **values):
		doc = {
			"doctype": "ANTARA Subscription Change",
			"contract": contract.name,
			"change_type": change_type,
			"effective_date": "2026-07-01",
			"reason": "Pelanggan menambah jumlah pengguna",
			"account_executive": self.org.ae,
		}
		doc.update(values)
		with f.as_user(self.org.ae):
			return frappe.get_doc(doc).insert()

	def test_one_line_change_shows_before_and_after(self):
		product = f.make_product(self.org, product_name="Layanan Foto Harian", price=1_000_000)
		contract = f.signed_contract(self.org, self.customer, [product])
		change = self.make_change(contract, "Change Quantity")
		with f.as_user(self.org.ae):
			change.items[0].quantity = 2
			change.save()
		text = visible_text(self.render(self.org.ae, change, F004))
		for needle in (
			"FORMULIR PERUBAHAN BERLANGGANAN",
			"No. Dok. F/KOM/004",
			"Tgl. Terbit 1 Juni 2021",
			f"No. Kontrak Kerja Sama : {contract.name}",
			"Jangka Waktu Kontrak : 1 Januari 2026 s.d. 31 Desember 2026",
			"Jenis Perubahan : Perubahan jumlah",
			"Tanggal Berlaku : 1 Juli 2026",
			"Alasan Perubahan : Pelanggan menambah jumlah pengguna",
			"Nilai sebelum perubahan (termasuk PPN) Rp 13.320.000",
			"Total Rp 26.640.000",
			"Selisih nilai +Rp 13.320.000",
			"Terbilang: dua puluh enam juta enam ratus empat puluh ribu rupiah",
		):
			self.assertIn(needle, text)
		self.assertEqual(text.count("Layanan Foto Harian"), 2)  # before and after

		pages = self.pdf(self.org.ae, change, F004)
		self.assertEqual(len(pages), 1)
		self.assertEveryPage(pages, "F/KOM/004", "No. Revisi", change.name)

	def test_thirty_lines_before_and_after(self):
		contract = f.signed_contract(self.org, self.customer, self.products(30))
		change = self.make_change(contract, "Change Quantity")
		with f.as_user(self.org.ae):
			change.items[29].quantity = 3
			change.save()
		pages = self.pdf(self.org.ae, change, F004)
		self.assertEqual(len(pages), 2)
		self.assertEveryPage(pages, "No. Dok.", "F/KOM/004", change.name)
		document = self.assertEachLinePrinted(pages, contract, 2)
		self.assertIn(print_context.print_text.rupiah(change.grand_total), document)

	def test_termination_says_so_instead_of_a_product_table(self):
		contract = f.signed_contract(self.org, self.customer, [f.make_product(self.org)])
		change = self.make_change(contract, "Terminate", reason="Anggaran pelanggan dihentikan")
		text = visible_text(self.render(self.org.ae, change, F004))
		self.assertIn("Jenis Perubahan : Pemutusan kontrak", text)
		self.assertIn("diakhiri (kontrak diputus) mulai 1 Juli 2026", text)


class TestContractPrint(PrintCase):
	"""The cooperation contract (6.6, 6.7) and its customer and archive copies."""

	def test_one_line_contract_both_copies(self):
		product = f.make_product(self.org, product_name="Layanan Video Mingguan", price=1_000_000)
		contract = f.signed_contract(self.org, self.customer, [product])
		gm_name = frappe.utils.get_fullname(self.org.gm)
		for print_format, marking, other in (
			(CUSTOMER_COPY, "SALINAN PELANGGAN", "SALINAN ARSIP"),
			(ARCHIVE_COPY, "SALINAN ARSIP", "SALINAN PELANGGAN"),
		):
			html = self.render(self.org.manager, contract, print_format)
			text = visible_text(html)
			for needle in (
				"KONTRAK KERJA SAMA",
				f"No. Kontrak {contract.name}",
				"Revisi Kontrak 0",
				marking,
				f"Lembar ini: {marking}",
				"Perum LKBN ANTARA",
				f"diwakili oleh {gm_name} selaku General Manager {self.org.division}",
				contract.customer_name,
				f"NPWP {contract.npwp}",
				"Layanan Video Mingguan",
				"Nilai kontrak sebesar Rp 13.320.000 (tiga belas juta tiga ratus dua puluh ribu rupiah)",
				"sudah termasuk PPN 12% dari DPP Nilai Lain (11/12 x harga) Rp 11.000.000 sebesar Rp 1.320.000",
				"Kontrak berlaku sejak 1 Januari 2026 sampai dengan 31 Desember 2026",
				"Pembayaran 14 hari setelah invoice.",
				f"Formulir Berlangganan / Media Order No. {contract.media_order}",
			):
				self.assertIn(needle, text)
			self.assertNotIn(other, text)
			# 6.7: the General Manager signs first, then the customer
			first, second = (
				text.index("PIHAK PERTAMA 1. Ditandatangani lebih dahulu"),
				text.index("PIHAK KEDUA 2. Ditandatangani sesudah PIHAK PERTAMA"),
			)
			self.assertLess(first, second)
			self.assertIn("Tanggal: 1 Januari 2026", text[first:])
			self.assertEqual(html.count(f'src="{f.SIGNATURE}"'), 2)

			pages = self.pdf(self.org.manager, contract, print_format)
			self.assertEqual(len(pages), 1)
			self.assertEveryPage(pages, marking, contract.name)

	def test_thirty_lines_keep_the_copy_marking_on_every_page(self):
		contract = f.signed_contract(self.org, self.customer, self.products(30, long_every=3))
		pages = self.pdf(self.org.manager, contract, ARCHIVE_COPY)
		self.assertEqual(len(pages), 2)
		self.assertEveryPage(pages, "SALINAN ARSIP", "KONTRAK KERJA SAMA", contract.name)
		document = self.assertEachLinePrinted(pages, contract, 1)
		self.assertIn(print_context.terbilang(contract.grand_total), document)
		self.assertIn("PASAL 2 · PRODUK DAN LAYANAN (LANJUTAN)", pages[1])

	def test_terbilang_is_frappes_money_in_words_in_indonesian(self):
		self.assertEqual(print_context.terbilang(1_200_000), "satu juta dua ratus ribu rupiah")
		self.assertEqual(print_context.terbilang(2_001_000), "dua juta seribu rupiah")
		self.assertEqual(print_context.terbilang(10.25), "sepuluh rupiah dua puluh lima sen")
		self.assertEqual(frappe.local.lang, frappe.local.lang)  # the session's language is restored

	def test_the_contracts_revision_is_logged_with_each_print(self):
		contract = f.signed_contract(self.org, self.customer, [f.make_product(self.org)])
		self.render(self.org.manager, contract, CUSTOMER_COPY)
		frappe.db.set_value(contract.doctype, contract.name, "revision", 1)
		self.render(self.org.manager, frappe.get_doc(contract.doctype, contract.name), CUSTOMER_COPY)
		self.render(self.org.manager, frappe.get_doc(contract.doctype, contract.name), ARCHIVE_COPY)
		logs = print_log.logs_for(contract.doctype, contract.name)
		self.assertEqual(
			[(log.print_format, log.document_revision, log.form_code) for log in logs],
			[(CUSTOMER_COPY, 0, None), (CUSTOMER_COPY, 1, None), (ARCHIVE_COPY, 1, None)],
		)


def customize(doctype: str, label: str, fieldtype: str, **props) -> str:
	"""Add a field as an admin does, through Customize Form; returns its fieldname."""
	form = frappe.get_doc("Customize Form")
	form.doc_type = doctype
	form.fetch_to_customize()
	form.append("fields", {"label": label, "fieldtype": fieldtype, "is_custom_field": 1, **props})
	form.save_customization()
	return frappe.db.get_value("Custom Field", {"dt": doctype, "label": label}, "fieldname")


def remove_custom_field(doctype: str, fieldname: str, since):
	"""Undo `customize`: the field, its column, the field order Customize Form saved, and the
	records Frappe keeps of the deletion."""
	name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": fieldname})
	if name:
		frappe.delete_doc("Custom Field", name, force=True, ignore_permissions=True)
		frappe.db.delete("Deleted Document", {"deleted_doctype": "Custom Field", "deleted_name": name})
		frappe.db.delete(
			"Comment",
			{"comment_type": "Deleted", "reference_doctype": "Custom Field", "creation": (">=", since)},
		)
	frappe.db.delete(
		"Property Setter", {"doc_type": doctype, "property": "field_order", "creation": (">=", since)}
	)
	if frappe.db.has_column(doctype, fieldname):
		frappe.db.sql_ddl(f"alter table `tab{doctype}` drop column `{fieldname}`")
	frappe.clear_cache(doctype=doctype)


class TestCustomFieldsPrint(PrintCase):
	"""Fields an admin adds through Customize Form print without a code change. Adding a column is
	DDL, which commits in MariaDB: the fields are added once for the class, committed, and removed
	(with their columns) after it."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.started = frappe.utils.now_datetime()
		cls.added = [
			(MEDIA_ORDER, customize(MEDIA_ORDER, "Nomor PO Pelanggan", "Data")),
			(MEDIA_ORDER, customize(MEDIA_ORDER, "Catatan Internal", "Data", print_hide=1)),
			(ORDER_ITEM, customize(ORDER_ITEM, "Kode Materi", "Data")),
		]
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for doctype, fieldname in cls.added:
			remove_custom_field(doctype, fieldname, cls.started)
		frappe.db.commit()
		super().tearDownClass()

	def test_custom_fields_print_as_a_section_and_as_product_columns(self):
		[(_, po_field), (_, internal_field), (_, item_field)] = self.added
		self.assertTrue(po_field.startswith("custom_"))
		order = f.make_order(self.org, self.customer, self.products(2))
		with f.as_user(self.org.ae):
			order = frappe.get_doc(order.doctype, order.name)
			order.set(po_field, "PO/ANT/2026/077")
			order.set(internal_field, "jangan dicetak")
			order.items[0].set(item_field, "MAT-01")
			order.save()
		text = visible_text(self.render(self.org.ae, order, F003))
		self.assertIn("D. Data Tambahan Nomor PO Pelanggan : PO/ANT/2026/077", text)
		self.assertIn("E. Pengesahan", text)
		self.assertIn("Diskon Jumlah Kode Materi", text)  # the column header
		self.assertIn("MAT-01", text)
		self.assertNotIn("jangan dicetak", text)
		self.assertNotIn("Catatan Internal", text)

		document = " ".join(self.pdf(self.org.ae, order, F003))
		self.assertIn("PO/ANT/2026/077", document)
		self.assertIn("MAT-01", document)


class TestEmailingPrints(PrintCase):
	"""The Email button sends the print as a PDF; the signed contract's customer copy is emailed on
	signing and the send is logged against the contract (6.7).

	Emails are muted: with an outgoing account, Frappe sends notification emails at once in tests
	(NotificationLog, now=in_test) and marks them sent with a commit, which would keep the test's
	data. Muted, mail is still queued, and nothing is sent or committed."""

	def setUp(self):
		super().setUp()
		frappe.local.outgoing_email_account = {}  # EmailAccount.find_outgoing caches per process
		self.addCleanup(setattr, frappe.local, "outgoing_email_account", {})
		self.addCleanup(setattr, frappe.flags, "mute_emails", frappe.flags.mute_emails)
		frappe.flags.mute_emails = True

	def queued_attachment(self, communication: str) -> dict:
		[queue] = frappe.get_all(
			"Email Queue", filters={"communication": communication}, fields=["attachments"]
		)
		[attachment] = json.loads(queue.attachments)
		self.assertEqual(attachment.pop("print_format_attachment"), 1)
		return attachment

	def test_the_email_button_attaches_the_form_as_a_pdf(self):
		f.outgoing_email_account()
		order = f.make_order(self.org, self.customer, [f.make_product(self.org)])
		from frappe.core.doctype.communication.email import make

		with f.as_user(self.org.ae):
			sent = make(
				doctype=order.doctype,
				name=order.name,
				subject=f"Formulir Berlangganan {order.name}",
				content="Mohon diisi dan dikembalikan.",
				recipients=order.email,
				send_email=True,
				print_format=F003,
			)
		attachment = self.queued_attachment(sent["name"])
		self.assertEqual(attachment["print_format"], F003)
		pdf = frappe.attach_print(**attachment)
		self.assertTrue(pdf["fname"].endswith(".pdf"))
		self.assertEveryPage(pdf_pages(pdf["fcontent"]), "F/KOM/003", order.name)

	def test_signing_emails_the_customer_copy_and_logs_it_on_the_contract(self):
		f.outgoing_email_account()
		contract = f.signed_contract(self.org, self.customer, [f.make_product(self.org)])
		communications = frappe.get_all(
			"Communication",
			filters={"reference_doctype": contract.doctype, "reference_name": contract.name},
			fields=["name", "recipients", "subject", "sent_or_received", "communication_medium"],
		)
		self.assertEqual(len(communications), 1)
		[sent] = communications
		self.assertEqual((sent.recipients, sent.sent_or_received), (contract.email, "Sent"))
		self.assertIn("Salinan Pelanggan", sent.subject)
		attachment = self.queued_attachment(sent.name)
		self.assertEqual((attachment["print_format"], attachment["lang"]), (CUSTOMER_COPY, "id"))
		pages = pdf_pages(frappe.attach_print(**attachment)["fcontent"])
		self.assertEveryPage(pages, "SALINAN PELANGGAN", contract.name)
		self.assertNotIn("SALINAN ARSIP", " ".join(pages))

	def test_no_email_address_no_mail_and_a_note_on_the_contract(self):
		f.outgoing_email_account()
		order = f.verified_order(self.org, self.customer, [f.make_product(self.org)])
		contract = f.make_contract(self.org, order.name)
		frappe.db.set_value(contract.doctype, contract.name, "email", None)
		frappe.db.set_value("ANTARA Customer", self.customer, "email", None)
		f.sign_contract(self.org, contract.name)
		self.assertFalse(frappe.db.exists("Communication", {"reference_name": contract.name}))
		self.assertIn(
			"no email address",
			" ".join(frappe.get_all("Comment", filters={"reference_name": contract.name}, pluck="content")),
		)

	def test_no_outgoing_account_signing_goes_on_with_a_note(self):
		frappe.flags.mute_emails = False  # muted, Frappe would stand in a dummy account
		for account in frappe.get_all("Email Account", filters={"enable_outgoing": 1}, pluck="name"):
			frappe.db.set_value("Email Account", account, "enable_outgoing", 0)
		contract = f.signed_contract(self.org, self.customer, [f.make_product(self.org)])
		self.assertEqual(frappe.db.get_value(contract.doctype, contract.name, "docstatus"), 1)
		self.assertFalse(frappe.db.exists("Communication", {"reference_name": contract.name}))
		self.assertIn(
			"No outgoing email account",
			" ".join(frappe.get_all("Comment", filters={"reference_name": contract.name}, pluck="content")),
		)


class TestMeetingMinutesPrint(PrintCase):
	"""6.2: the weekly meeting's results written into minutes (notulen), printed for the file."""

	MINUTES = "Notulen Rapat Penjualan Mingguan"

	def test_the_minutes_print_in_indonesian_with_the_weeks_figures_side_by_side(self):
		from frappe.model.workflow import apply_workflow

		meeting_doctype = "ANTARA Weekly Sales Meeting"
		self.assertEqual(frappe.get_meta(meeting_doctype).default_print_format, self.MINUTES)
		meeting = sf.make_meeting(self.org, "2026-04-06")
		with f.as_user(self.org.manager):
			meeting = frappe.get_doc(meeting_doctype, meeting.name)
			meeting.evaluation_commentary = "<p>Penjualan foto di atas target.</p>"
			meeting.strategy_summary = "<p>Fokus pada pemerintah daerah.</p>"
			meeting.append(
				"strategy_actions",
				{"action": "Kunjungi 5 Diskominfo", "responsible": self.org.ae, "due_date": "2026-04-30"},
			)
			meeting.minutes = "<p>Rapat dibuka pukul 09.00.</p>"
			meeting.append(
				"action_items",
				{
					"description": "Tawarkan paket foto <script>alert(1)</script>",
					"assigned_to": self.org.ae,
					"due_date": "2026-04-10",
				},
			)
			meeting.save()
			apply_workflow(meeting, "Submit Minutes")
		with f.as_user(self.org.gm):
			meeting = apply_workflow(frappe.get_doc(meeting_doctype, meeting.name), "Acknowledge")

		html = self.render(self.org.gm, meeting, self.MINUTES)
		text = visible_text(html)
		for needle in (
			"NOTULEN RAPAT PENJUALAN MINGGUAN",
			meeting.name,
			"Diketahui",  # the status, in the print's language
			"6 April 2026",
			"Pemimpin Rapat",  # the Manager's role in the meeting (6.1)
			"Minggu Lalu Bulan Berjalan",
			"Rencana Strategi Penjualan dan Pemasaran Bulan April 2026 (6.1.2)",
			"Kunjungi 5 Diskominfo",
			"Rapat dibuka pukul 09.00.",
			"10 April 2026 Terbuka",  # the action item's due date and status (6.2)
			frappe.utils.get_fullname(self.org.gm),
		):
			self.assertIn(needle, text)
		for english in ("Last Week", "Month to Date", "Acknowledged", "Contracts Signed", "Chair"):
			self.assertNotIn(english, text)
		# One row per figure, both periods in it: each figure's name once, in Indonesian.
		metrics = list(dict.fromkeys(row.metric for row in meeting.evaluation))
		self.assertGreater(len(metrics), 10)
		for metric in metrics:
			self.assertEqual(text.count(f" {frappe._(metric, lang='id')} "), 1, metric)
		self.assertIn("Rp 0", text)  # the sales figures, in rupiah
		self.assertNotIn("<script>alert(1)", our_part(html))  # what was typed is escaped
		self.assertIn("Tawarkan paket foto", text)

		pages = pdf_pages(self.render(self.org.gm, meeting, self.MINUTES, as_pdf=True))  # A4
		self.assertIn("NOTULEN RAPAT PENJUALAN MINGGUAN", pages[0])
		sign_off = [page for page in pages if "E. Pengesahan" in page]
		self.assertEqual(len(sign_off), 1)
		# The heading and both signatures on one page, not split by a page break.
		self.assertIn(f"Diketahui oleh {frappe.utils.get_fullname(self.org.gm)}", sign_off[0])
