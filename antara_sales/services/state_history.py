"""When a document entered its workflow state, from its Version history (the procedure's DocTypes
track changes): the ageing of the pipeline and the turnaround of verification (6.5) are measured
from it. A state written without a Version (a system job's db_set) falls back to the last change."""

import json
from collections import defaultdict
from datetime import datetime

import frappe
from frappe.utils import get_datetime


def state_changes(doctype: str, names: list[str], field: str = "status") -> dict[str, list[tuple]]:
	"""name -> [(when, old, new)] in time order."""
	out: dict[str, list[tuple]] = defaultdict(list)
	if not names:
		return out
	for row in frappe.get_all(
		"Version",
		filters={"ref_doctype": doctype, "docname": ["in", names]},
		fields=["docname", "creation", "data"],
		order_by="creation asc",
	):
		try:
			changed = json.loads(row.data or "{}").get("changed") or []
		except ValueError:
			continue
		for fieldname, old, new in (c for c in changed if len(c) == 3):
			if fieldname == field:
				out[row.docname].append((get_datetime(row.creation), old, new))
	return out


def in_state_since(doctype: str, docs: list, field: str = "status", first_state: str = "Draft") -> dict:
	"""name -> when the document entered its current state."""
	changes = state_changes(doctype, [d.name for d in docs], field)
	since = {}
	for doc in docs:
		entered = [when for when, _old, new in changes.get(doc.name, []) if new == doc.get(field)]
		if entered:
			since[doc.name] = entered[-1]
		elif doc.get(field) == first_state or not doc.get("modified"):
			since[doc.name] = get_datetime(doc.creation)
		else:
			since[doc.name] = get_datetime(doc.modified)
	return since


def last_entry_before(changes: list[tuple], state: str, moment: datetime) -> datetime | None:
	"""The last time the document entered `state` at or before `moment`."""
	entered = [when for when, _old, new in changes if new == state and when <= moment]
	return entered[-1] if entered else None
