"""Shipped records vs admins' edits on migrate (issues 4 and 12): install, keep, or leave alone."""

import unittest

from antara_sales.domain.shipped_sync import (
	INSTALL,
	KEEP_CUSTOMISED,
	NOTHING,
	SPECS,
	Installed,
	decide,
	fingerprint,
	from_legacy,
	legacy_fingerprint,
)

WORKFLOW = SPECS["Workflow"]
BASE = {
	"document_type": "ANTARA Media Order",
	"workflow_state_field": "status",
	"states": [{"state": "Draft", "doc_status": "0", "allow_edit": "AE", "antara_key": "draft"}],
	"transitions": [
		{"state": "Draft", "action": "Submit", "next_state": "Draft", "allowed": "AE", "antara_key": "submit"}
	],
}


class TestFingerprint(unittest.TestCase):
	def test_fingerprint_ignores_noise_and_sees_changes(self):
		noisy = dict(
			BASE,
			name="x",
			modified="2026-01-01",
			is_active=0,
			states=[dict(BASE["states"][0], idx=3, name="abc", message="Isi formulir", update_value=None)],
		)
		self.assertEqual(fingerprint(BASE, WORKFLOW), fingerprint(noisy, WORKFLOW))
		renamed = dict(BASE, states=[dict(BASE["states"][0], allow_edit="Manager")])
		self.assertNotEqual(fingerprint(BASE, WORKFLOW), fingerprint(renamed, WORKFLOW))

	def test_the_step_key_counts_for_workflows_but_not_for_the_legacy_fingerprint(self):
		rekeyed = dict(BASE, transitions=[dict(BASE["transitions"][0], antara_key="other")])
		self.assertNotEqual(fingerprint(BASE, WORKFLOW), fingerprint(rekeyed, WORKFLOW))
		self.assertEqual(legacy_fingerprint(BASE), legacy_fingerprint(rekeyed))

	def test_the_legacy_fingerprint_is_the_one_sites_stored(self):
		# As the app computed it before issue 12: a site's stored value must still compare equal.
		self.assertEqual(
			legacy_fingerprint({"document_type": "X", "states": [], "transitions": []}),
			"216ef4577fe6a299eda27689139b0a7728eb33b0cc57d5014637677f2a0d3b12",
		)

	def test_email_template_wording_counts(self):
		spec = SPECS["Email Template"]
		shipped = {"subject": "Tiket baru {{ doc.name }}", "response": "<p>Buka</p>"}
		self.assertEqual(fingerprint(shipped, spec), fingerprint(dict(shipped, use_html=0, owner="a"), spec))
		self.assertNotEqual(fingerprint(shipped, spec), fingerprint(dict(shipped, response="<p>x</p>"), spec))

	def test_assignment_rule_users_count(self):
		spec = SPECS["Assignment Rule"]
		rule = {"document_type": "ANTARA Media Order", "rule": "Round Robin", "users": [{"user": "a"}]}
		self.assertEqual(fingerprint(rule, spec), fingerprint(dict(rule, last_user="a", priority=0.0), spec))
		self.assertNotEqual(fingerprint(rule, spec), fingerprint(dict(rule, users=[{"user": "b"}]), spec))


class TestDecide(unittest.TestCase):
	def test_decisions(self):
		v1 = Installed("v1", "v1")
		self.assertEqual(decide("new", None, None), INSTALL)  # fresh site
		self.assertEqual(decide("new", None, v1), INSTALL)  # an admin deleted it: it comes back
		self.assertEqual(decide("v1", "v1", v1), NOTHING)  # nothing changed
		self.assertEqual(decide("v1", "edited", v1), NOTHING)  # admin's edit stands
		self.assertEqual(decide("v2", "v1", v1), INSTALL)  # app update, site not customised
		self.assertEqual(decide("v2", "edited", v1), KEEP_CUSTOMISED)  # app update over an edit
		self.assertEqual(decide("v2", "v2", v1), NOTHING)  # site already has it
		self.assertEqual(decide("v2", "other", None), INSTALL)  # never installed by the app

	def test_what_landed_is_what_counts_as_not_customised(self):
		# Frappe normalised the record on save (sanitised HTML): still ours, not an admin's edit.
		landed = Installed("v1", "v1-as-saved")
		self.assertEqual(decide("v1", "v1-as-saved", landed), NOTHING)
		self.assertEqual(decide("v2", "v1-as-saved", landed), INSTALL)
		self.assertEqual(decide("v2", "edited", landed), KEEP_CUSTOMISED)

	def test_a_site_with_the_old_single_fingerprint_carries_over(self):
		# Not customised: the next decision installs the shipped JSON (with its step keys).
		plain = from_legacy("L1", legacy_shipped="L1", legacy_on_site="L1", shipped="v2", on_site="s")
		self.assertEqual(decide("v2", "s", plain), INSTALL)
		# Customised, nothing new shipped: the edit stands.
		edited = from_legacy("L1", legacy_shipped="L1", legacy_on_site="E", shipped="v2", on_site="e")
		self.assertEqual(decide("v2", "e", edited), NOTHING)
		# Customised, and the JSON changed since: keep the copy and tell the admin.
		both = from_legacy("L1", legacy_shipped="L2", legacy_on_site="E", shipped="v2", on_site="e")
		self.assertEqual(decide("v2", "e", both), KEEP_CUSTOMISED)
