"""Issue 15 (6.7): anyone holding a signed copy checks it on /verify-contract, on a phone-sized
screen: opened from the copy's QR code (the address it carries is the PDF's, read from the stored
file), the genuine PDF uploaded is "genuine", the same PDF with one byte changed is "not genuine";
in English, the pasted SHA-256 is genuine too. A contract signed through the desk path
(tests/factories.py), its signed copies made by make_signed_copies, committed for the web server
and removed by name. Screenshots: verify-*.png in the walk's folder."""

import hashlib
import io
from urllib.parse import urlsplit

import frappe
import pytest
from pypdf import PdfReader

from antara_sales.doctypes import SIGNED_COPY
from antara_sales.services.contracting import signed_copies
from antara_sales.setup.print_setup import ensure_print_setup
from antara_sales.tests import factories as f
from antara_sales.tests.asset_server import AssetServer
from antara_sales.tests.browser.conftest import shots_dir
from antara_sales.tests.browser.desk import TIMEOUT_MS
from antara_sales.tests.cleanup import purge, purge_org

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def signed(site, tmp_path_factory):
	frappe.set_user("Administrator")
	assets = AssetServer().start()  # wkhtmltopdf fetches Frappe's print CSS (platform note 12)
	ensure_print_setup()
	org = f.make_org()
	product = f.make_product(org)
	customer = f.make_customer(org)
	contract = f.signed_contract(org, customer, [product]).name  # Record Customer Signature
	frappe.db.commit()
	yield signed_copy(contract, tmp_path_factory.mktemp("verify"))
	frappe.db.rollback()
	for name in frappe.get_all(SIGNED_COPY, {"contract": contract}, pluck="name"):
		purge(SIGNED_COPY, name)
	purge_org(org)
	frappe.db.commit()
	assets.stop()


def signed_copy(contract: str, folder) -> frappe._dict:
	"""The contract's Customer Copy as its holder has it (made once by make_signed_copies), the same
	PDF with one byte changed, and the address its QR code carries."""
	signed_copies.make_signed_copies(contract)
	row = frappe.get_all(
		SIGNED_COPY,
		{"contract": contract, "copy_type": "Customer Copy"},
		["file", "sha256", "verification_id"],
	)[0]
	pdf = frappe.get_doc("File", {"file_url": row.file, "attached_to_name": contract}).get_content()
	assert hashlib.sha256(pdf).hexdigest() == row.sha256
	genuine = folder / f"{contract}-salinan-pelanggan.pdf"
	genuine.write_bytes(pdf)
	at = len(pdf) // 2
	altered = folder / f"{contract}-salinan-pelanggan-diubah.pdf"
	altered.write_bytes(pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :])
	qr_url = PdfReader(io.BytesIO(pdf)).metadata["/Subject"]  # what every page's QR code carries
	assert qr_url == signed_copies.verification_url(contract, row.verification_id)
	return frappe._dict(contract=contract, row=row, genuine=genuine, altered=altered, qr_url=qr_url)


def open_from_the_qr_code(page, desk, copy, lang: str = ""):
	"""The QR code's address, on the test server (the PDF names the host it was made on)."""
	qr = urlsplit(copy.qr_url)
	page.goto(f"{desk.base_url}{qr.path}?{qr.query}{lang}")
	page.wait_for_selector("#vc-form")


def genuine_and_altered(page, copy, shot=None):
	"""The genuine PDF uploaded is genuine; with one byte changed it is not."""
	genuine, text = check(page, file=copy.genuine)
	assert genuine == "1", text
	assert "Asli" in text and copy.contract in text, text
	if shot:
		shot(page, "02-genuine")
	genuine, text = check(page, file=copy.altered)
	assert genuine == "0", text
	assert "Tidak asli" in text, text
	if shot:
		shot(page, "03-altered-not-genuine")


def shot(page, name: str):
	page.screenshot(path=str(shots_dir() / f"verify-{name}.png"), full_page=True)


def check(page, **upload):
	page.evaluate("document.getElementById('vc-result').removeAttribute('data-genuine')")
	if "file" in upload:
		page.set_input_files("#vc-file", str(upload["file"]))
	if "sha256" in upload:
		page.fill("#vc-sha256", upload["sha256"])
	page.click("#vc-check")
	page.wait_for_selector("#vc-result[data-genuine]")
	return page.get_attribute("#vc-result", "data-genuine"), page.inner_text("#vc-result")


def test_a_copy_is_checked_from_its_qr_code_on_a_phone(signed, desk):
	context = desk.browser.new_context(
		viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID", timezone_id="Asia/Jakarta"
	)
	context.set_default_timeout(TIMEOUT_MS)
	page = context.new_page()
	desk.problems.clear()
	desk.watch(page, "guest")
	try:
		open_from_the_qr_code(page, desk, signed)
		assert page.input_value("#vc-contract") == signed.contract
		assert page.locator("#vc-from-qr").count()
		assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scroll
		shot(page, "01-opened-from-qr")
		genuine_and_altered(page, signed, shot)

		open_from_the_qr_code(page, desk, signed, "&_lang=en")
		genuine, text = check(page, sha256=signed.row.sha256)
		assert genuine == "1", text
		assert "Genuine and unaltered" in text and "Customer Copy" in text, text
		shot(page, "04-english-hash-genuine")
	finally:
		context.close()
	assert not desk.problems, desk.problems
