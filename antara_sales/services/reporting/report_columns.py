"""The columns of the script reports, so that a column the reports share reads the same in each."""

from frappe import _


def column(fieldname: str, label: str, fieldtype: str, width: int, **extra) -> dict:
	"""A report column; `label` is translated by the caller, `extra` is options or precision."""
	return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, **extra, "width": width}


def link(fieldname: str, label: str, doctype: str, width: int = 150) -> dict:
	return column(fieldname, label, "Link", width, options=doctype)


def customer_name(width: int = 200) -> dict:
	return column("customer_name", _("Customer"), "Data", width)


def department(width: int = 170) -> dict:
	return link("department", _("Department"), "ANTARA Department", width)


def account_executive() -> dict:
	return link("account_executive", _("Account Executive"), "User", 170)


def percent_text(value: float) -> str:
	"""A percentage for a report's summary, in the site's number format ("32,8%", "235%")."""
	from frappe.utils import flt, fmt_money

	value = flt(value, 1)
	return fmt_money(value, precision=0 if value.is_integer() else 1) + "%"
