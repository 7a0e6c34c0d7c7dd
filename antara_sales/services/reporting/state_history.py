"""When a document entered its workflow state: the ageing of the pipeline and the turnaround of
verification (6.5) are measured from it. Each step writes the document's `status_since` (and the
verification round its `handed_over_on`); documents from before those fields are read from their
Version history, and a state written without either falls back to the last change."""

import json
from collections import defaultdict
from datetime import datetime

import frappe
from frappe.utils import get_datetime

from antara_sales.services.workflow import steps


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


def in_state_since(doctype: str, docs: list, field: str = "status") -> dict:
	"""name -> when the document entered its current state: its own `status_since` (written by
	the workflow guard on each step), or for documents older than that field, its Versions."""
	since = {d.name: get_datetime(d.status_since) for d in docs if d.get("status_since")}
	older = [d for d in docs if d.name not in since]
	changes = state_changes(doctype, [d.name for d in older], field)
	first_state = steps.state(doctype, "draft")
	for doc in older:
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
