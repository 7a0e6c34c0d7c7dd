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
