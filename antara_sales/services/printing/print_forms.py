"""The app's print formats and the controlled forms they print (ISO 9001 document control).

F/KOM/003 (Formulir Berlangganan / Media Order, 6.3-6.4) and F/KOM/004 (Formulir Perubahan
Berlangganan) carry their form code, issue date and revision on every page, as the procedure does
("No. Dok. / Tgl. Terbit / No. Revisi"); the three values come from ANTARA Sales Settings, so that
raising a revision there changes what new prints carry. The cooperation contract (6.6, 6.7) is
not one of the procedure's forms: it carries its own number and revision instead, and is printed
as one of its two copies (6.7: one to the customer, one archived).

This registry is the one place that ties a print format to its document type, its form settings
and its copy; the templates (print_format/<name>/<name>.html) and the print log read it."""

from dataclasses import dataclass

import frappe
from frappe import _

from antara_sales.doctypes import CONTRACT, MEDIA_ORDER, SUBSCRIPTION_CHANGE
from antara_sales.services.common.settings import SETTINGS, get_settings

MEDIA_ORDER_FORMAT = "F-KOM-003 Formulir Berlangganan"
SUBSCRIPTION_CHANGE_FORMAT = "F-KOM-004 Perubahan Berlangganan"
CONTRACT_CUSTOMER_COPY = "Kontrak Kerja Sama Salinan Pelanggan"
CONTRACT_ARCHIVE_COPY = "Kontrak Kerja Sama Salinan Arsip"


@dataclass(frozen=True)
class PrintedForm:
	doctype: str
	settings_prefix: str | None = None  # "f003": f003_code, f003_issue_date, f003_revision
	settings_label: str | None = None  # the form's name as the settings' labels spell it
	copy: str | None = None  # "customer" or "archive" (6.7)


FORMS = {
	MEDIA_ORDER_FORMAT: PrintedForm(MEDIA_ORDER, "f003", "F/KOM/003"),
	SUBSCRIPTION_CHANGE_FORMAT: PrintedForm(SUBSCRIPTION_CHANGE, "f004", "F/KOM/004"),
	CONTRACT_CUSTOMER_COPY: PrintedForm(CONTRACT, copy="customer"),
	CONTRACT_ARCHIVE_COPY: PrintedForm(CONTRACT, copy="archive"),
}

DOCTYPES = (MEDIA_ORDER, SUBSCRIPTION_CHANGE, CONTRACT)


def form_for(print_format: str | None) -> PrintedForm | None:
	return FORMS.get(print_format or "")


def form_control(doc, print_format: str | None) -> frappe._dict:
	"""What a print of `doc` in `print_format` carries as its control data: the form's code,
	issue date and revision from the settings (controlled forms), and the document's own revision
	(the contract's, raised by each approved subscription change)."""
	form = form_for(print_format)
	control = frappe._dict(
		print_format=print_format or "Standard",
		form_code=None,
		form_issue_date=None,
		form_revision=None,
		document_revision=doc.get("revision") if doc.doctype == CONTRACT else None,
		copy_of=form.copy if form else None,
	)
	if not (form and form.settings_prefix):
		return control
	settings = get_settings()
	for key in ("code", "issue_date", "revision"):
		fieldname = f"{form.settings_prefix}_{key}"
		value = settings.get(fieldname)
		if not value:
			frappe.throw(
				_("Set {0} in {1} before printing {2}: every print of a controlled form carries it.").format(
					frappe.bold(_(settings.meta.get_label(fieldname))), _(SETTINGS), form.settings_label
				),
				title=_("Form Control Missing"),
			)
		control[f"form_{key}"] = value
	return control
