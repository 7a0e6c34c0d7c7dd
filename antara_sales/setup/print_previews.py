"""`make previews`: the first page of each ANTARA print format, rendered from the demo site's data
through Frappe's own PDF path (frappe.get_print, wkhtmltopdf), for reviewers to see in
docs/print-previews/. scripts/previews.sh runs

    bench --site antara.localhost execute antara_sales.setup.print_previews.render --kwargs "{'out_dir': '/tmp/x'}"

and turns each PDF's first page into a PNG (pdftoppm). The demo's web server must answer: the
PDF's HTML links Frappe's print CSS, which wkhtmltopdf fetches from the site (platform note 12).
Rendering is printing: each render is recorded in ANTARA Print Log, as any print is."""

import os

import frappe

from antara_sales.doctypes import MEETING
from antara_sales.services.printing import print_forms
from antara_sales.setup.print_setup import ensure_print_setup

DEMO_CUSTOMER = "Dinas Komunikasi dan Informatika Provinsi Jawa Barat"


def samples() -> list[tuple[str, str, str]]:
	"""(file name, print format, document): the demo's Diskominfo Jawa Barat sale, from its
	Media Order to its contract and the draft change to it, and the demo's weekly meeting's minutes
	(setup/demo.py)."""
	customer = frappe.db.get_value("ANTARA Customer", {"customer_name": DEMO_CUSTOMER})
	order = frappe.db.get_value(print_forms.MEDIA_ORDER, {"customer": customer, "docstatus": 1})
	contract = frappe.db.get_value(print_forms.CONTRACT, {"customer": customer, "docstatus": 1})
	change = frappe.db.get_value(print_forms.SUBSCRIPTION_CHANGE, {"contract": contract})
	meeting = frappe.db.get_value(MEETING, {"docstatus": 1})
	if not (order and contract and change and meeting):
		frappe.throw(
			f"The demo data is incomplete (order {order}, contract {contract}, change {change},"
			f" meeting {meeting}): run make demo."
		)
	return [
		("f-kom-003-formulir-berlangganan", print_forms.MEDIA_ORDER_FORMAT, order),
		("f-kom-004-perubahan-berlangganan", print_forms.SUBSCRIPTION_CHANGE_FORMAT, change),
		("kontrak-kerja-sama-salinan-pelanggan", print_forms.CONTRACT_CUSTOMER_COPY, contract),
		("kontrak-kerja-sama-salinan-arsip", print_forms.CONTRACT_ARCHIVE_COPY, contract),
		("notulen-rapat-penjualan-mingguan", frappe.get_meta(MEETING).default_print_format, meeting),
	]


def render(out_dir: str):
	ensure_print_setup()
	frappe.db.commit()
	frappe.set_user("Administrator")
	for file_name, print_format, name in samples():
		doctype = frappe.db.get_value("Print Format", print_format, "doc_type")
		pdf = frappe.get_print(doctype, name, print_format, as_pdf=True)
		path = os.path.join(out_dir, f"{file_name}.pdf")
		with open(path, "wb") as out:
			out.write(pdf)
		print(f"{path}: {print_format} of {doctype} {name}")
	frappe.db.commit()
