"""What a save changes, whatever form the request sent the values in."""

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
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


def changed_labels(doc, before, *, skip=(), table_skip=None) -> list[str]:
	"""The labels of what this save changes in `doc` and its tables' rows ("Row #2: Quantity",
	"Products: a line added or removed"), leaving out the fields in `skip` and, in a table, those
	that `table_skip` names for its fieldname."""
	changed = [
		_(df.label)
		for df in data_fields(doc.meta, skip=skip)
		if not same_value(df, doc.get(df.fieldname), before.get(df.fieldname))
	]
	for table in doc.meta.get_table_fields():
		label = _(table.label)
		old_rows = {row.name: row for row in before.get(table.fieldname) or []}
		new_rows = {row.name: row for row in doc.get(table.fieldname) or [] if row.name in old_rows}
		if len(new_rows) != len(doc.get(table.fieldname) or []) or len(new_rows) != len(old_rows):
			changed.append(_("{0}: a line added or removed").format(label))
		row_skip = (table_skip or {}).get(table.fieldname, ())
		for name, row in new_rows.items():
			changed += [
				_("Row #{0}: {1}").format(row.idx, _(df.label))
				for df in data_fields(frappe.get_meta(table.options), skip=row_skip)
				if not same_value(df, row.get(df.fieldname), old_rows[name].get(df.fieldname))
			]
	return changed


def data_fields(meta, skip=()):
	return [
		df
		for df in meta.fields
		if df.fieldtype not in no_value_fields
		and df.fieldtype not in table_fields
		and df.fieldname not in skip
	]
