"""Issue 15 (6.3, 6.4): a guest with nothing but the emailed link (read from the Email Queue) fills
in and submits F/KOM/003 on a phone-sized screen, and the AE sees the filled order with a ToDo.
Its own small organisation (tests/factories.py), committed for the web server and removed by name.
Screenshots: portal-*.png in the walk's folder."""

import email
import re
from urllib.parse import urlsplit

import frappe
import pytest
from frappe.utils.password import update_password

from antara_sales.doctypes import CUSTOMER
from antara_sales.doctypes import MEDIA_ORDER as ORDER
from antara_sales.services.ordering import invitation as invitations
from antara_sales.tests import factories as f
from antara_sales.tests.browser.conftest import shots_dir
from antara_sales.tests.browser.desk import TIMEOUT_MS, encode_label
from antara_sales.tests.browser.world import LANGUAGE, t
from antara_sales.tests.cleanup import purge, purge_org
from antara_sales.tests.integration.test_portal_invitation import org_users, purge_mail_to

PHONE = {"width": 390, "height": 844}
PASSWORD = "Antara-Portal-2026!"


def link_in(raw: str) -> str:
	for part in email.message_from_string(raw).walk():
		if part.get_content_type() in ("text/html", "text/plain"):
			text = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
			if match := re.search(r"https?://[^\s\"'<>]+/formulir-pesanan\?token=[A-Za-z0-9_-]+", text):
				return match.group(0)
	raise AssertionError("no form link in the invitation email")


@pytest.fixture(scope="module")
def sale(site):
	frappe.set_user("Administrator")
	made_account = not frappe.db.exists("Email Account", "ANTARA Test Outbox")
	f.outgoing_email_account(outside_tests=True)
	org = f.make_org()
	update_password(org.ae, PASSWORD)
	frappe.db.set_value("User", org.ae, "language", LANGUAGE)  # the desk in Indonesian (issue 10)
	product = f.make_product(org, price=1_250_000)
	prospect = f.make_customer(
		org, customer_type="Individual", npwp=None, customer_name=f.unique("Calon"), contacts=[]
	)
	order = f.make_order(
		org,
		prospect,
		[product],
		complete=False,
		administrative_terms="<p>Pembayaran 14 hari setelah invoice diterima.</p>",
	)
	with f.as_user(org.ae):
		sent = invitations.send(order.name)
	mail = frappe.get_last_doc(
		"Email Queue", filters={"reference_doctype": invitations.INVITATION, "reference_name": sent.name}
	)
	frappe.db.commit()
	yield frappe._dict(org=org, order=order.name, invitation=sent.name, link=link_in(mail.message))
	frappe.db.rollback()
	purge(invitations.INVITATION, sent.name)
	purge_mail_to(org_users(org))  # Frappe's assignment emails name no document
	purge_org(org)
	if made_account:
		purge("Email Account", "ANTARA Test Outbox")
	frappe.db.commit()


def shot(page, name: str):
	page.screenshot(path=str(shots_dir() / f"portal-{name}.png"), full_page=True)


def draw_signature(page):
	"""A signature drawn with the pointer, as a finger or a mouse draws it."""
	canvas = page.locator("#fp-signature")
	canvas.scroll_into_view_if_needed()
	box = canvas.bounding_box()
	page.mouse.move(box["x"] + 20, box["y"] + 80)
	page.mouse.down()
	for x in range(30, 300, 15):
		page.mouse.move(box["x"] + x, box["y"] + 60 + (x % 40))
	page.mouse.up()


def test_a_guest_fills_in_and_submits_the_form_on_a_phone(sale, desk, tmp_path):
	stamp = tmp_path / "cap-perusahaan.png"
	stamp.write_bytes(f.PNG)
	context = desk.browser.new_context(
		viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID", timezone_id="Asia/Jakarta"
	)
	context.set_default_timeout(TIMEOUT_MS)
	page = context.new_page()
	desk.problems.clear()
	desk.watch(page, "guest")
	try:
		# The link as emailed, on the test server (the email names the site's host).
		link = urlsplit(sale.link)
		page.goto(f"{desk.base_url}{link.path}?{link.query}")
		page.wait_for_selector("#fp-form")
		shot(page, "01-opened")
		assert sale.order in page.content()

		page.check("input[name=customer_type][value=Institution]")
		page.fill("#fp-customer_name", "PT Kabar Ponsel Nusantara")
		page.fill("#fp-npwp", f.valid_npwp())
		page.fill("#fp-phone", "0812 3456 7890")
		page.fill("#fp-address", "Jl. Medan Merdeka Selatan No. 17, Jakarta Pusat")
		product = page.locator(".fp-product").first
		product.locator(".fp-wanted").check()
		product.locator(".fp-quantity").fill("2")
		product.locator(".fp-start").fill("2027-01-01")
		product.locator(".fp-end").fill("2027-12-31")
		page.check("#fp-terms_agreed")
		page.fill("#fp-signatory_name", "Sri Wahyuni")
		page.fill("#fp-signatory_title", "Direktur")
		page.set_input_files("#fp-company_stamp", str(stamp))
		draw_signature(page)

		page.click("#fp-save")  # save and come back later
		page.wait_for_selector("#fp-message.alert-success")
		page.reload()
		assert page.input_value("#fp-customer_name") == "PT Kabar Ponsel Nusantara"
		shot(page, "02-saved-and-reopened")

		assert page.locator("#fp-signature[data-signed='1']").count()  # the saved signature is kept
		page.once("dialog", lambda dialog: dialog.accept())
		page.click("#fp-submit")
		page.wait_for_selector("#fp-done, #fp-message.alert-danger")
		refused = page.locator("#fp-message.alert-danger")
		if refused.count():
			shot(page, "03-REFUSED")
			raise AssertionError(f"the form was refused: {refused.inner_text()}")
		shot(page, "03-submitted-read-only")
		assert not page.locator("#fp-form").count()
	finally:
		context.close()
	assert not desk.problems, desk.problems

	frappe.db.rollback()
	order = frappe.get_doc(ORDER, sale.order)
	assert (order.customer_name, order.customer_type, order.terms_agreed) == (
		"PT Kabar Ponsel Nusantara",
		"Institution",
		1,
	)
	assert order.customer_signature and order.company_stamp and order.items[0].quantity == 2
	todos = frappe.get_all(
		"ToDo",
		filters={
			"reference_type": ORDER,
			"reference_name": order.name,
			"allocated_to": sale.org.ae,
			"status": "Open",
		},
	)
	assert len(todos) == 1

	# The AE sees the order as the customer filled it in.
	page = desk.as_user(sale.org.ae, PASSWORD)
	desk.route(page, f"/app/antara-media-order/{order.name}")
	desk.wait_form(page, ORDER)
	assert "PT Kabar Ponsel Nusantara" in page.content()
	page.screenshot(path=str(shots_dir() / "portal-04-ae-sees-the-order.png"))

	# The AE reads the differences and takes what the prospect filled in into the customer record.
	group = page.locator(
		f'.page-container:visible .inner-group-button[data-label="{encode_label(t("Online Form"))}"]'
	)
	group.locator("button").first.click()
	desk.request(
		page,
		"antara_sales.api.portal.update_customer_from_order",
		group.locator(f'a[data-label="{encode_label(t("Update the Customer from this Form"))}"]').click,
	)
	dialog = page.locator(".modal:visible").last
	dialog.locator("table").wait_for()
	assert "PT Kabar Ponsel Nusantara" in dialog.inner_text()
	assert t("Institution") in dialog.inner_text()  # a Select's value as the desk shows it
	page.screenshot(path=str(shots_dir() / "portal-05-ae-updates-the-customer.png"))
	desk.request(
		page, "antara_sales.api.portal.update_customer_from_order", dialog.locator(".btn-primary").click
	)
	frappe.db.rollback()
	assert frappe.db.get_value(CUSTOMER, order.customer, ("customer_name", "customer_type")) == (
		"PT Kabar Ponsel Nusantara",
		"Institution",
	)
	assert not desk.problems, desk.problems
