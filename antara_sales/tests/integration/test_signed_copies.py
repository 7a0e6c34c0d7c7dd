"""The signed copies of a cooperation contract and the public check of them (6.7; issue 15).

A contract signed through the desk path (factories.sign_contract: Record Customer Signature with
both copies' meterai) gets, from make_signed_copies, one signed PDF per copy (6.7: the customer's
copy and the archive copy): a private File on the contract whose SHA-256 is recorded, once, however
often the job runs. /verify-contract (antara_sales.api.verify.check_copy), over HTTP as Guest
against the test site's web server, says genuine for the stored bytes and not genuine for an
altered PDF or another contract's hash; hostile input gets a 4xx and writes nothing; Guest reads
neither the File nor the rows over /api/resource.

The class commits (the server is another connection) and removes what it made by name
(tests/cleanup.py). PDFs are rendered with the asset server (platform note 12)."""

import hashlib
import io
import re

import frappe
import pyqrcode
import requests
from pypdf import PdfReader

from antara_sales.doctypes import CONTRACT, SIGNED_COPY
from antara_sales.services.contracting import contract_copy, signed_copies
from antara_sales.setup.print_setup import ensure_print_setup
from antara_sales.tests import factories as f
from antara_sales.tests.asset_server import AssetServer
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.cleanup import purge, purge_org
from antara_sales.tests.integration.test_portal_invitation import org_users, purge_mail_to
from antara_sales.tests.web_server import site_url

CHECK = "/api/method/antara_sales.api.verify.check_copy"
PAGE = "/verify-contract"
LOCAL = "127.0.0.1"  # the address the test server sees


def flat(text: str) -> str:
	return " ".join(text.split())


def signed_file(row) -> bytes:
	return frappe.get_doc("File", {"file_url": row.file, "attached_to_name": row.contract}).get_content()


def qr_modules(page, modules: int) -> set[tuple[int, int]]:
	"""The dark modules (row, column) of the QR code drawn in the page's bottom-right corner, read
	back from the page's content stream (the squares of one module's size)."""
	size, margin, quiet = signed_copies.QR_SIZE, signed_copies.QR_MARGIN, signed_copies.QR_QUIET
	unit = size / (modules + 2 * quiet)
	x0 = float(page.mediabox.right) - size - margin
	y0 = float(page.mediabox.bottom) + margin
	found = set()
	content = page.get_contents().get_data().decode("latin-1")
	for x, y, w, h in re.findall(r"^([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re$", content, flags=re.M):
		if abs(float(w) - unit) < 0.01 and abs(float(h) - unit) < 0.01 and float(x) >= x0 and float(y) >= y0:
			col = round((float(x) - x0) / unit) - quiet
			row = round((y0 + size - float(y)) / unit) - quiet - 1
			found.add((row, col))
	return found


def altered(pdf: bytes) -> bytes:
	"""The same PDF with one byte changed (inside the body, so it still opens)."""
	at = len(pdf) // 2
	return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]


class TestSignedCopies(AntaraTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.url = site_url()
		cls.asset_server = AssetServer().start()
		frappe.set_user("Administrator")
		ensure_print_setup()
		cls.made_account = not frappe.db.exists("Email Account", "ANTARA Test Outbox")
		f.outgoing_email_account()
		cls.org = f.make_org()
		cls.product = f.make_product(cls.org)
		cls.customer = f.make_customer(cls.org)
		cls.contract = f.signed_contract(cls.org, cls.customer, [cls.product]).name
		cls.other = f.signed_contract(cls.org, cls.customer, [cls.product]).name
		frappe.db.commit()
		cls.first = signed_copies.make_signed_copies(cls.contract)  # commits
		cls.second = signed_copies.make_signed_copies(cls.contract)
		signed_copies.make_signed_copies(cls.other)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		contracts = frappe.get_all(CONTRACT, {"department": cls.org.department}, pluck="name")
		for name in frappe.get_all(SIGNED_COPY, {"contract": ("in", contracts or [""])}, pluck="name"):
			purge(SIGNED_COPY, name)
		purge_mail_to(org_users(cls.org))  # the workflow's notification emails name no document
		purge_org(cls.org)  # the contracts, and their files with them (from the disk too)
		if cls.made_account:
			purge("Email Account", "ANTARA Test Outbox")
		frappe.db.commit()
		cls.asset_server.stop()
		super().tearDownClass()

	def setUp(self):
		super().setUp()
		self.clear_counters()

	def tearDown(self):
		self.clear_counters()
		super().tearDown()

	def clear_counters(self):
		frappe.cache.delete(frappe.cache.make_key(f"rl:antara_sales.api.verify.check_copy:{LOCAL}"))

	def rows(self, contract=None):
		return frappe.get_all(
			SIGNED_COPY,
			{"contract": contract or self.contract},
			[
				"name",
				"contract",
				"copy_type",
				"file",
				"sha256",
				"verification_id",
				"page_count",
				"stamp_serial",
			],
			order_by="copy_type desc",
		)

	def row(self, copy, contract=None):
		return next(r for r in self.rows(contract) if r.copy_type == copy)

	def check(self, **data):
		files = {"file": ("copy.pdf", data.pop("pdf"), "application/pdf")} if "pdf" in data else None
		response = requests.post(self.url + CHECK, data={"_lang": "en", **data}, files=files, timeout=60)
		frappe.db.rollback()
		return response

	def answer(self, **data) -> dict:
		response = self.check(**data)
		self.assertEqual(response.status_code, 200, response.text[:400])
		return response.json()["message"]

	# --- made once ----------------------------------------------------------------------------

	def test_each_copy_is_made_once_as_a_private_file_whose_hash_is_recorded(self):
		self.assertEqual(self.first, self.second)  # the re-run found the rows and did nothing
		rows = self.rows()
		self.assertEqual([r.copy_type for r in rows], ["Customer Copy", "Archive Copy"])  # 6.7
		files = frappe.get_all(
			"File",
			{
				"attached_to_doctype": CONTRACT,
				"attached_to_name": self.contract,
				"file_name": ("like", "%signed%"),
			},
			["name", "file_url", "is_private"],
		)
		self.assertEqual(len(files), 2)
		self.assertTrue(all(file.is_private for file in files))
		self.assertEqual({file.file_url for file in files}, {r.file for r in rows})
		contract = frappe.get_doc(CONTRACT, self.contract)
		for row in rows:
			pdf = signed_file(row)
			self.assertEqual(hashlib.sha256(pdf).hexdigest(), row.sha256)
			reader = PdfReader(io.BytesIO(pdf))
			self.assertEqual(len(reader.pages), row.page_count)
			certificate = flat(reader.pages[-1].extract_text())
			self.assertIn(self.contract, certificate)
			self.assertIn(f"vid={row.verification_id}", certificate.replace(" ", ""))
			self.assertIn(contract.customer_copy_stamp_serial, certificate)  # both copies' meterai
			self.assertIn(contract.archive_copy_stamp_serial, certificate)
			self.assertIn("Sri Wahyuni", certificate)
			prefix = signed_copies.copy_prefix(row.copy_type)
			self.assertEqual(row.stamp_serial, contract.get(f"{prefix}_copy_stamp_serial"))

	def test_every_page_carries_the_qr_code_of_its_verification_address(self):
		row = self.row("Customer Copy")
		url = signed_copies.verification_url(self.contract, row.verification_id)
		expected = {
			(r, c)
			for r, line in enumerate(pyqrcode.create(url, error="M").code)
			for c, dark in enumerate(line)
			if dark
		}
		reader = PdfReader(io.BytesIO(signed_file(row)))
		self.assertEqual(reader.metadata.get("/Subject"), url)
		for number, page in enumerate(reader.pages, start=1):
			with self.subTest(page=number):
				self.assertEqual(qr_modules(page, len(pyqrcode.create(url, error="M").code)), expected)

	def test_a_run_that_finds_its_rows_makes_nothing(self):
		before = frappe.db.count("File", {"attached_to_name": self.contract})
		self.assertEqual(signed_copies.make_signed_copies(self.contract), self.first)
		self.assertEqual(frappe.db.count("File", {"attached_to_name": self.contract}), before)
		self.assertEqual(len(self.rows()), 2)

	def test_the_unique_key_refuses_a_second_row_for_a_copy(self):
		row = frappe.get_doc(SIGNED_COPY, self.row("Archive Copy").name)
		duplicate = frappe.copy_doc(row)
		duplicate.sha256, duplicate.verification_id = "0" * 64, "duplicate-id"
		with self.assertRaises(frappe.UniqueValidationError):
			duplicate.insert(ignore_permissions=True)

	def test_a_draft_contract_gets_no_signed_copy(self):
		order = f.verified_order(self.org, self.customer, [self.product])
		draft = f.make_contract(self.org, order.name)
		with self.assertRaises(frappe.ValidationError):
			signed_copies.make_signed_copies(draft.name)
		self.assertFalse(self.rows(draft.name))

	def test_a_failed_job_leaves_no_row_and_no_file(self):
		"""Killed or failing after rendering: the transaction goes, and the files written with it."""
		order = f.verified_order(self.org, self.customer, [self.product])
		contract = f.sign_contract(self.org, f.make_contract(self.org, order.name).name)
		frappe.db.commit()
		calls = []
		original = signed_copies.store

		def fail_on_second(*args, **kwargs):
			calls.append(original(*args, **kwargs))  # the first copy: row and file written
			if len(calls) == 2:
				raise RuntimeError("killed")
			return calls[-1]

		signed_copies.store = fail_on_second
		try:
			with self.assertRaises(RuntimeError):
				signed_copies.make_signed_copies(contract.name)
		finally:
			signed_copies.store = original
		self.assertFalse(self.rows(contract.name))
		self.assertFalse(
			frappe.db.exists("File", {"attached_to_name": contract.name, "file_name": ("like", "%signed%")})
		)
		for made in calls:
			self.assertFalse(made.file_doc.exists_on_disk())

	def test_the_online_signing_emails_the_stored_pdf(self):
		"""6.7 online: the customer's copy email carries the signed PDF as stored, not a new print."""
		f.outgoing_email_account()
		row = self.row("Customer Copy")
		stored = frappe.get_doc("File", {"file_url": row.file, "attached_to_name": self.contract})
		communication = contract_copy.email_customer_copy(
			frappe.get_doc(CONTRACT, self.contract), signed_file=stored
		)
		attached = frappe.get_all(
			"File",
			{"attached_to_doctype": "Communication", "attached_to_name": communication},
			["name", "file_url"],
		)
		self.assertEqual([a.file_url for a in attached], [row.file])  # the same bytes on the disk
		queue = frappe.get_last_doc("Email Queue", {"communication": communication})
		self.assertIn(attached[0].name, queue.attachments)
		self.assertNotIn("print_format", queue.attachments)

	def test_a_contract_signed_online_is_emailed_its_stored_customer_copy(self):
		"""6.7 online: make_signed_copies sends the customer's copy email itself, with the stored
		PDF; missing() (the daily catch-up) lists the contract until its copies exist."""
		order = f.verified_order(self.org, self.customer, [self.product])
		contract = f.sign_contract(self.org, f.make_contract(self.org, order.name).name)
		online = {
			"customer_signed_online": 1,
			"customer_signing_ip": "203.0.113.7",
			"customer_signing_time": "2026-01-01 10:15:00",
			"customer_signatory_title": "Direktur",
		}
		frappe.db.set_value(CONTRACT, contract.name, online, update_modified=False)
		frappe.db.commit()
		self.assertIn(contract.name, signed_copies.missing())
		signed_copies.make_signed_copies(contract.name)
		self.assertNotIn(contract.name, signed_copies.missing())
		row = self.row("Customer Copy", contract.name)
		communication = frappe.get_last_doc(
			"Communication", {"reference_doctype": CONTRACT, "reference_name": contract.name}
		)
		attached = frappe.get_all(
			"File",
			{"attached_to_doctype": "Communication", "attached_to_name": communication.name},
			pluck="file_url",
		)
		self.assertEqual(attached, [row.file])
		certificate = flat(PdfReader(io.BytesIO(signed_file(row))).pages[-1].extract_text())
		self.assertIn("203.0.113.7", certificate)
		self.assertIn("Direktur", certificate)
		audit = frappe.get_doc(SIGNED_COPY, row.name)
		self.assertEqual((audit.signing_ip, audit.signed_online), ("203.0.113.7", 1))
		self.assertEqual(str(audit.signed_at), "2026-01-01 10:15:00")
		for name in frappe.get_all(
			"File",
			{"attached_to_doctype": "Communication", "attached_to_name": communication.name},
			pluck="name",
		):
			purge("File", name)  # the signed PDF itself stays on the disk for the contract's File
		frappe.db.commit()

	# --- /verify-contract -------------------------------------------------------------------

	def test_the_stored_pdf_is_genuine(self):
		row = self.row("Customer Copy")
		answer = self.answer(contract=self.contract, pdf=signed_file(row))
		self.assertTrue(answer["genuine"], answer)
		self.assertEqual(answer["copy"], "Customer Copy")
		self.assertIn("Genuine", answer["message"])
		self.assertEqual(set(answer), {"genuine", "copy", "signed_on", "message"})  # nothing more

	def test_the_hash_is_genuine_with_or_without_the_qr_code_id(self):
		row = self.row("Archive Copy")
		self.assertTrue(self.answer(contract=self.contract, sha256=row.sha256)["genuine"])
		self.assertTrue(
			self.answer(contract=self.contract, sha256=row.sha256.upper(), vid=row.verification_id)["genuine"]
		)
		# the QR code of the other copy beside this copy's bytes: not that copy
		other_vid = self.row("Customer Copy").verification_id
		self.assertFalse(self.answer(contract=self.contract, sha256=row.sha256, vid=other_vid)["genuine"])

	def test_an_altered_pdf_is_not_genuine(self):
		row = self.row("Customer Copy")
		answer = self.answer(contract=self.contract, pdf=altered(signed_file(row)), vid=row.verification_id)
		self.assertFalse(answer["genuine"])
		self.assertIn("Not genuine", answer["message"])
		self.assertEqual(set(answer), {"genuine", "message"})

	def test_another_contracts_hash_is_not_genuine(self):
		other = self.row("Customer Copy", self.other)
		self.assertFalse(self.answer(contract=self.contract, sha256=other.sha256)["genuine"])
		self.assertTrue(self.answer(contract=self.other, sha256=other.sha256)["genuine"])
		unknown = self.answer(contract="KKS-NO-SUCH", sha256=other.sha256)
		self.assertFalse(unknown["genuine"])  # the same answer: an unknown number reveals nothing

	def test_hostile_input_is_refused_with_a_4xx_and_writes_nothing(self):
		sha = self.row("Customer Copy").sha256
		counts = {dt: frappe.db.count(dt) for dt in (SIGNED_COPY, "File", "Error Log", "Communication")}
		cases = {
			"no contract": {"sha256": sha},
			"no hash, no file": {"contract": self.contract},
			"short hash": {"contract": self.contract, "sha256": "abc"},
			"not hex": {"contract": self.contract, "sha256": "z" * 64},
			"sql in contract": {"contract": "x' or '1'='1", "sha256": sha},
			"long contract": {"contract": "K" * 5000, "sha256": sha},
			"script in vid": {"contract": self.contract, "sha256": sha, "vid": "<script>alert(1)</script>"},
			"empty file": {"contract": self.contract, "pdf": b""},
		}
		for label, data in cases.items():
			with self.subTest(label):
				response = self.check(**data)
				self.assertTrue(
					400 <= response.status_code < 500, (label, response.status_code, response.text[:300])
				)
		too_big = self.check(
			contract=self.contract, pdf=b"%PDF-1.4\n" + b"0" * (signed_copies.MAX_UPLOAD_BYTES + 1)
		)
		self.assertEqual(too_big.status_code, 413, too_big.text[:300])
		get = requests.get(self.url + CHECK, params={"contract": self.contract, "sha256": sha}, timeout=30)
		self.assertTrue(400 <= get.status_code < 500, get.status_code)
		page = requests.get(
			self.url + PAGE, params={"contract": '"><script>alert(1)</script>', "vid": "<b>x"}, timeout=30
		)
		self.assertEqual(page.status_code, 200)
		self.assertNotIn("<script>alert(1)</script>", page.text)
		frappe.db.rollback()
		self.assertEqual({dt: frappe.db.count(dt) for dt in counts}, counts)

	def test_checks_are_rate_limited(self):
		sha = self.row("Customer Copy").sha256
		from antara_sales.api.verify import CHECKS_PER_WINDOW

		statuses = [
			self.check(contract=self.contract, sha256=sha).status_code for _ in range(CHECKS_PER_WINDOW + 1)
		]
		self.assertEqual(statuses[:CHECKS_PER_WINDOW], [200] * CHECKS_PER_WINDOW)
		self.assertEqual(statuses[-1], 429)

	def test_the_page_opens_from_the_qr_code_in_both_languages(self):
		row = self.row("Customer Copy")
		query = {"contract": self.contract, "vid": row.verification_id}
		indonesian = requests.get(self.url + PAGE, params=query, timeout=30)
		self.assertEqual(indonesian.status_code, 200)
		self.assertIn(f'value="{self.contract}"', indonesian.text)
		self.assertIn(f'value="{row.verification_id}"', indonesian.text)
		english = requests.get(self.url + PAGE, params={**query, "_lang": "en"}, timeout=30)
		self.assertIn("Verify a Signed Contract", english.text)
		self.assertNotIn(row.sha256, english.text + indonesian.text)  # the page tells nothing

	def test_guest_reads_neither_the_file_nor_the_rows(self):
		row = self.row("Customer Copy")
		file_name = frappe.db.get_value("File", {"file_url": row.file})
		for path in (
			f"/api/resource/{SIGNED_COPY}",
			f"/api/resource/{SIGNED_COPY}/{row.name}",
			f"/api/resource/File/{file_name}",
			row.file,  # /private/files/…
		):
			with self.subTest(path):
				response = requests.get(self.url + path, timeout=30)
				self.assertIn(response.status_code, (403, 404), (path, response.status_code))
				self.assertNotIn(row.sha256, response.text)
		listing = requests.get(self.url + "/api/resource/File", params={"fields": '["file_url"]'}, timeout=30)
		self.assertNotIn(row.file, listing.text)

	def test_the_rows_are_scoped_as_their_contract(self):
		row = self.row("Customer Copy")
		outsider = f.make_org()
		self.assertTrue(frappe.has_permission(SIGNED_COPY, "read", row.name, user=self.org.ae))
		self.assertFalse(frappe.has_permission(SIGNED_COPY, "read", row.name, user=outsider.ae))
		self.assertFalse(frappe.has_permission(SIGNED_COPY, "write", row.name, user=self.org.ae))
		with f.as_user(outsider.ae):
			self.assertNotIn(row.name, frappe.get_list(SIGNED_COPY, pluck="name"))
		with f.as_user(self.org.ae):
			self.assertIn(row.name, frappe.get_list(SIGNED_COPY, pluck="name"))
