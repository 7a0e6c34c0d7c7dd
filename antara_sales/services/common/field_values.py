"""Whether a save changes a field, whatever form the request sent its value in."""

from frappe.utils import cint, cstr, flt, get_datetime, getdate, strip_html


def same_value(df, new, old) -> bool:
	"""Equal as stored: a request sends "2026-01-31" or "1500000" where the database gave a date or
	a number, None where it gave "", and a text editor's words in the markup the editor wraps them in."""
	if df.fieldtype in ("Int", "Check"):
		return cint(new) == cint(old)
	if df.fieldtype in ("Float", "Currency", "Percent"):
		return flt(new, 6) == flt(old, 6)
	if df.fieldtype == "Date":
		return (getdate(new) if new else None) == (getdate(old) if old else None)
	if df.fieldtype == "Datetime":
		return (get_datetime(new) if new else None) == (get_datetime(old) if old else None)
	if df.fieldtype == "Text Editor":
		return " ".join(strip_html(cstr(new)).split()) == " ".join(strip_html(cstr(old)).split())
	return cstr(new) == cstr(old)
