"""When a record the app ships may be (re)installed over what is on a site (issues 4 and 12).

The app ships Workflows, Email Templates and Assignment Rules as JSON (setup/shipped_records.py);
admins adjust them in the desk (a state's label, a letter's wording, who gets assigned). For each
record the site remembers two fingerprints from the last install: of the shipped JSON, and of the
record as it landed (Frappe may normalise what it saves: sanitised HTML, defaults). On migrate:
- the site's record is missing: install it;
- the site's record already equals the shipped JSON: nothing to do (remember it as installed);
- the shipped JSON did not change since the last install: leave the site's record alone, edits
  and all;
- it changed, and the site's record is still as the app installed it (not customised): install;
- it changed and the site customised its record: keep the site's copy and tell the admin, who
  merges the change by hand or resets to the shipped one (`antara_sales.setup.shipped_records.reset`).

Pure: no site needed, so unit tests reach every case.
"""

import hashlib
import json
from typing import NamedTuple

INSTALL, KEEP_CUSTOMISED, NOTHING = "install", "keep-customised", "nothing"
# Stands for a fingerprint from before the two-fingerprint record: equal to no real fingerprint.
LEGACY = "legacy"


class Spec(NamedTuple):
	"""What matters in a record of one doctype: its fields, and its child tables' fields."""

	fields: tuple[str, ...]
	tables: dict[str, tuple[str, ...]]


# A state's `message` is left out on purpose: admins word it, and setup/workflows.py only fills an
# empty one (fill_state_messages). `antara_key` is the procedure step a row is (services/workflow/steps.py).
STATE_KEYS_BEFORE_12 = ("state", "doc_status", "allow_edit", "update_field", "update_value")
TRANSITION_KEYS_BEFORE_12 = ("state", "action", "next_state", "allowed", "allow_self_approval", "condition")
STATE_KEYS = (*STATE_KEYS_BEFORE_12, "antara_key")
TRANSITION_KEYS = (*TRANSITION_KEYS_BEFORE_12, "antara_key")
WORKFLOW_KEYS = ("document_type", "workflow_state_field", "is_active", "send_email_alert")

SPECS = {
	"Workflow": Spec(WORKFLOW_KEYS, {"states": STATE_KEYS, "transitions": TRANSITION_KEYS}),
	"Email Template": Spec(("subject", "use_html", "response", "response_html"), {}),
	"Assignment Rule": Spec(
		(
			"document_type",
			"priority",
			"disabled",
			"description",
			"assign_condition",
			"unassign_condition",
			"close_condition",
			"rule",
			"field",
			"due_date_based_on",
			"antara_department_people",  # custom field: who on ANTARA's documents (services/workflow/routing.py)
		),
		{"users": ("user",), "assignment_days": ("day",)},
	),
	"ANTARA Buyer Category": Spec(
		(
			"transaction_code",
			"collects_ppn",
			"collection_threshold",
			"threshold_includes_ppn",
			"is_bumn",
			"default_pph23_rate",
			"needs_npwp",
			"legal_basis",
		),
		{},
	),
}


def legacy_fingerprint(definition: dict) -> str:
	"""The one fingerprint the app kept of a Workflow before issue 12 (exactly as it was computed),
	read once to carry a site over to the Installed record."""

	def pick(row, keys):
		return {k: str(row.get(k) if row.get(k) is not None else "") for k in keys}

	canonical = {
		"workflow": pick(definition, WORKFLOW_KEYS),
		"states": [pick(s, STATE_KEYS_BEFORE_12) for s in definition.get("states", [])],
		"transitions": [pick(t, TRANSITION_KEYS_BEFORE_12) for t in definition.get("transitions", [])],
	}
	return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


class Installed(NamedTuple):
	"""What the site remembers of the app's last install of a record."""

	shipped: str  # fingerprint of the JSON installed
	on_site: str  # fingerprint of the record as it landed


def _value(value) -> str:
	# An unset Check or Int is 0 on the site and often absent from the JSON: the same thing.
	if value in (None, "", 0, "0", False):
		return ""
	if isinstance(value, float) and value.is_integer():
		value = int(value)
	return str(value)


def fingerprint(record: dict, spec: Spec) -> str:
	"""A stable hash of what matters in a record, from a shipped JSON or an installed record."""

	def pick(row, keys):
		return {k: _value(row.get(k)) for k in keys}

	canonical = {
		"fields": pick(record, spec.fields),
		"tables": {
			table: [pick(row, keys) for row in record.get(table) or []] for table, keys in spec.tables.items()
		},
	}
	return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


def decide(shipped: str, on_site: str | None, last: Installed | None) -> str:
	"""`shipped`: fingerprint of the JSON now; `on_site`: of the site's record (None: missing)."""
	if on_site is None:
		return INSTALL
	if on_site == shipped:
		return NOTHING
	if last is None:  # never installed by the app (or before it kept fingerprints): take ours
		return INSTALL
	if shipped == last.shipped:
		return NOTHING  # nothing new shipped: the admin's edit stands
	if on_site == last.on_site:
		return INSTALL  # not customised: take the update
	return KEEP_CUSTOMISED


def from_legacy(
	legacy: str, legacy_shipped: str, legacy_on_site: str, shipped: str, on_site: str
) -> Installed:
	"""What a site that kept one fingerprint (of the JSON installed, then also the record's) has
	installed. `legacy_*` are the old-style fingerprints of the JSON and the record now; `shipped`
	and `on_site` the new ones. Not customised: the record is as installed, so the next decision
	takes the shipped JSON. Customised: the edit stands, unless the JSON changed since."""
	if legacy_on_site == legacy:
		return Installed(LEGACY, on_site)
	return Installed(shipped if legacy_shipped == legacy else LEGACY, LEGACY)
