"""When a shipped workflow may be (re)installed over what is on a site.

Admins may adjust a workflow in the desk (a state's label, an extra approval step). The app keeps
the fingerprint of the definition it installed last; on migrate:
- the shipped definition did not change since then: leave the site's workflow alone (edits stand);
- it changed, and the site's workflow still equals what the app installed last (not customised):
  install the new definition;
- it changed and the site customised its copy: keep the site's copy and tell the admin, who merges
  the change by hand or resets to the shipped one (`antara_sales.setup.workflows.reset`).
"""

import hashlib
import json

INSTALL, KEEP_CUSTOMISED, NOTHING = "install", "keep-customised", "nothing"
STATE_KEYS = ("state", "doc_status", "allow_edit", "update_field", "update_value")
TRANSITION_KEYS = ("state", "action", "next_state", "allowed", "allow_self_approval", "condition")
WORKFLOW_KEYS = ("document_type", "workflow_state_field", "is_active", "send_email_alert")


def fingerprint(definition: dict) -> str:
	"""A stable hash of what matters in a workflow, from a shipped JSON or an installed record."""

	def pick(row, keys):
		return {k: str(row.get(k) if row.get(k) is not None else "") for k in keys}

	canonical = {
		"workflow": pick(definition, WORKFLOW_KEYS),
		"states": [pick(s, STATE_KEYS) for s in definition.get("states", [])],
		"transitions": [pick(t, TRANSITION_KEYS) for t in definition.get("transitions", [])],
	}
	return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


def decide(shipped: str, on_site: str | None, last_installed: str | None) -> str:
	if on_site is None:
		return INSTALL
	if shipped == last_installed or shipped == on_site:
		return NOTHING
	if last_installed is None or on_site == last_installed:
		return INSTALL
	return KEEP_CUSTOMISED
