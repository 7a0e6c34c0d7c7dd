"""Dates a user records of something that has happened (a signature, 6.4 and 6.7): never after today."""

import frappe
from frappe import _
from frappe.utils import format_date, getdate, today


def check_not_after_today(doc, *fieldnames: str):
	for fieldname in fieldnames:
		value = doc.get(fieldname)
		if value and getdate(value) > getdate(today()):
			label = _(doc.meta.get_label(fieldname))
			frappe.throw(
				_("{0} cannot be after today ({1}).").format(frappe.bold(label), format_date(today())),
				title=_("Invalid {0}").format(label),
			)
