"""Issue 15 (6.7): a guest with nothing but the emailed signing link (read from the Email Queue) reads
the contract, draws a signature with the mouse on a phone-sized screen, confirms, and sees the
signed page; the contract is then Signed through the desk's own step, in the AE's name, and the AE
sees it; the customer then checks the signed copy on /verify-contract from its QR code (genuine;
with one byte changed, not). Its own small organisation (tests/factories.py), committed for the web server and removed
by name. Screenshots: signing-*.png in the walk's folder (docs/walk/ holds the ones looked at)."""

import email
import re
from urllib.parse import urlsplit

import frappe
import pytest
from frappe.utils.password import update_password
from playwright.sync_api import Error as PlaywrightError

from antara_sales.doctypes import CONTRACT
from antara_sales.domain.print_text import MONTHS
from antara_sales.services.contracting import signing_invitation as invitations
from antara_sales.services.workflow import steps
from antara_sales.setup.print_setup import ensure_print_setup
from antara_sales.tests import factories as f
from antara_sales.tests.asset_server import AssetServer
from antara_sales.tests.browser.conftest import shots_dir
from antara_sales.tests.browser.desk import TIMEOUT_MS, encode_label
from antara_sales.tests.browser.test_verify_contract import (
	genuine_and_altered,
	open_from_the_qr_code,
	signed_copy,
)
from antara_sales.tests.browser.world import LANGUAGE, t
from antara_sales.tests.cleanup import purge, purge_org
from antara_sales.tests.integration.test_contract_signing_online import gm_signed, purge_invitations
from antara_sales.tests.integration.test_portal_invitation import org_users, purge_mail_to

PHONE = {"width": 390, "height": 844}
PASSWORD = "Antara-Signing-2026!"


def link_in(raw: str) -> str:
	for part in email.message_from_string(raw).walk():
		if part.get_content_type() in ("text/html", "text/plain"):
			text = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
			if match := re.search(r"https?://[^\s\"'<>]+/tanda-tangan-kontrak\?token=[A-Za-z0-9_-]+", text):
				return match.group(0)
	raise AssertionError("no signing link in the email")


@pytest.fixture(scope="module")
def sale(site):
	frappe.set_user("Administrator")
	ensure_print_setup()
	made_account = not frappe.db.exists("Email Account", "ANTARA Test Outbox")
	f.outgoing_email_account(outside_tests=True)
	org = f.make_org()
	update_password(org.ae, PASSWORD)
	frappe.db.set_value("User", org.ae, "language", LANGUAGE)  # the desk in Indonesian (issue 10)
	product = f.make_product(org, price=2_500_000)
	customer = f.make_customer(org)
	contract = gm_signed(org, customer, product)
	frappe.db.commit()
	yield frappe._dict(org=org, contract=contract)
	frappe.db.rollback()
	purge_invitations(org)
	purge_mail_to(org_users(org))
	purge_org(org)
	if made_account:
		purge("Email Account", "ANTARA Test Outbox")
	frappe.db.commit()


def send_from_the_desk(desk, sale) -> str:
	"""The AE opens the GM-signed contract and sends the link (Online Signing → Send Signing Link);
	returns the link as the customer reads it in the queued email."""
	page = desk.as_user(sale.org.ae, PASSWORD)
	desk.route(page, f"/app/antara-cooperation-contract/{sale.contract}")
	desk.wait_form(page, CONTRACT)
	group = page.locator(
		f'.page-container:visible .inner-group-button[data-label="{encode_label(t("Online Signing"))}"]'
	)
	group.locator("button").first.click()
	group.locator(f'a[data-label="{encode_label(t("Send Signing Link"))}"]').click()
	yes = page.locator(".modal:visible").last.locator(".btn-primary")
	desk.request(page, "antara_sales.api.signing.send_signing_link", yes.click)
	page.screenshot(path=str(shots_dir() / "signing-00-ae-sends-the-link.png"))
	frappe.db.rollback()
	invitation = frappe.db.get_value(invitations.INVITATION, {"contract": sale.contract})
	mail = frappe.get_last_doc(
		"Email Queue", filters={"reference_doctype": invitations.INVITATION, "reference_name": invitation}
	)
	return link_in(mail.message)


def shot(page, name: str, *, full_page=True):
	page.screenshot(path=str(shots_dir() / f"signing-{name}.png"), full_page=full_page)


def draw_signature(page):
	"""A signature drawn with the mouse."""
	canvas = page.locator("#ts-signature")
	canvas.scroll_into_view_if_needed()
	box = canvas.bounding_box()
	page.mouse.move(box["x"] + 20, box["y"] + 90)
	page.mouse.down()
	for x in range(25, 320, 12):
		page.mouse.move(box["x"] + x, box["y"] + 50 + (x * 7 % 60))
	page.mouse.up()


def agree(page):
	"""Tick "I agree" as a finger does. Chromium runs the sandboxed contract copies in a process of
	their own and routes a tap by hit-test data the compositor sent before the scroll: where a copy
	was, the tap goes to the copy and the page sees no event at all (1 run in 3 to 10 here, and a
	second tap fared no better while no new frame came). Then the box is ticked from the keyboard,
	the way a screen-reader or keyboard user does: focused, Space."""
	page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
	try:
		page.check("#ts-terms_agreed")
	except PlaywrightError:
		page.focus("#ts-terms_agreed")
		page.keyboard.press("Space")
	assert page.is_checked("#ts-terms_agreed")


def test_a_guest_signs_the_contract_on_a_phone_and_checks_the_copy(sale, desk, tmp_path):
	emailed = send_from_the_desk(desk, sale)
	assert not desk.problems, desk.problems
	context = desk.browser.new_context(viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta")
	context.set_default_timeout(TIMEOUT_MS)
	page = context.new_page()
	desk.problems.clear()
	desk.watch(page, "guest")
	try:
		link = urlsplit(emailed)  # the link as emailed, on the test server
		page.goto(f"{desk.base_url}{link.path}?{link.query}")
		page.wait_for_selector("#ts-form")
		assert sale.contract in page.content()
		shot(page, "01-opened", full_page=False)
		page.evaluate("window.scrollBy(0, 560)")  # the customer's copy as it prints
		shot(page, "02-the-contract", full_page=False)

		agree(page)
		page.fill("#ts-signatory_name", "Sri Wahyuni")
		page.fill("#ts-signatory_title", "Direktur Utama")
		assert page.input_value("#ts-signed_on") == frappe.utils.today()
		today = frappe.utils.getdate()  # shown as the contract prints it, not in the OS's format
		assert page.input_value("#ts-signed_on_text") == f"{today.day} {MONTHS[today.month - 1]} {today.year}"
		draw_signature(page)
		shot(page, "03-signed-by-hand", full_page=False)

		page.once("dialog", lambda dialog: dialog.accept())
		page.click("#ts-confirm")
		page.wait_for_selector("#ts-done, #ts-message.alert-danger")
		refused = page.locator("#ts-message.alert-danger")
		if refused.count():
			shot(page, "04-REFUSED")
			raise AssertionError(f"the signature was refused: {refused.inner_text()}")
		shot(page, "04-signed-read-only")
		assert not page.locator("#ts-form").count()
	finally:
		context.close()
	assert not desk.problems, desk.problems

	frappe.db.rollback()
	contract = frappe.get_doc(CONTRACT, sale.contract)
	assert (contract.status, contract.docstatus) == (steps.state(CONTRACT, "signed"), 1)
	assert contract.customer_signed_online and contract.customer_signature.startswith(
		"data:image/png;base64,"
	)
	assert (contract.customer_signatory_name, contract.customer_signatory_title) == (
		"Sri Wahyuni",
		"Direktur Utama",
	)

	# The AE sees the contract signed online.
	page = desk.as_user(sale.org.ae, PASSWORD)
	page.reload()  # the AE's tab still holds the contract as it was before the customer signed
	desk.wait_ready(page)
	desk.wait_form(page, CONTRACT)
	assert "Sri Wahyuni" in page.content()
	page.locator('[data-fieldname="customer_signatory_title"]').first.scroll_into_view_if_needed()
	page.screenshot(path=str(shots_dir() / "signing-05-ae-sees-the-contract.png"))
	assert not desk.problems, desk.problems

	# 6.7: the customer checks the signed copy they were sent on /verify-contract, opened from its
	# QR code; the same PDF with one byte changed is not genuine.
	assets = AssetServer().start()  # wkhtmltopdf fetches Frappe's print CSS (platform note 12)
	try:
		copy = signed_copy(sale.contract, tmp_path)  # made once, whether or not the job ran first
	finally:
		assets.stop()
	context = desk.browser.new_context(viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta")
	context.set_default_timeout(TIMEOUT_MS)
	page = context.new_page()
	desk.problems.clear()
	desk.watch(page, "guest")
	try:
		open_from_the_qr_code(page, desk, copy)
		genuine_and_altered(page, copy)
		shot(page, "06-the-customer-checks-the-copy")
	finally:
		context.close()
	assert not desk.problems, desk.problems
