"""The columns of the script reports, so that a column the reports share reads the same in each."""

import frappe
from frappe import _
from frappe.desk.form.load import send_link_titles
from frappe.utils import flt, fmt_money


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


def send_people_names(columns: list, rows: list) -> None:
	"""The desk draws a report's User link as the login email unless it already knows the person's
	name (the link titles it caches from responses, as a loaded form sends them): the names of the
	people in the rows go with the report's response, one query. Other links keep their IDs (a
	contract's number, not its customer again)."""
	fields = [c["fieldname"] for c in columns if c.get("fieldtype") == "Link" and c.get("options") == "User"]
	users = {row[f] for row in rows if isinstance(row, dict) for f in fields if row.get(f)}
	if not users:
		return
	names = dict(
		frappe.get_all(
			"User", filters={"name": ("in", sorted(users))}, fields=["name", "full_name"], as_list=True
		)
	)
	send_link_titles({f"User::{user}": names.get(user) or user for user in users})


# A report's summary is formatted by frappe.utils.build_summary_item, which takes no precision
# and whose Percent ignores the number format: these give it the figure as text.


def percent_text(value: float) -> str:
	"""A percentage in the site's number format ("32,8%", "235%"; Frappe's Percent: "32.8%")."""
	value = flt(value, 1)
	return fmt_money(value, precision=0 if value.is_integer() else 1) + "%"


def rupiah_summary(value: float, label: str) -> dict:
	"""A summary item in rupiahs, without the ",00" of a whole rupiah ("Rp 3.000.000.000")."""
	value = flt(value, 2)
	text = fmt_money(value, precision=0 if value.is_integer() else 2, currency="IDR")
	return {"value": text, "label": label, "datatype": "Data"}
