"""Shipped workflows vs admins' edits on migrate (issue 4): install, keep, or leave alone."""

import unittest

from antara_sales.domain.workflow_sync import INSTALL, KEEP_CUSTOMISED, NOTHING, decide, fingerprint

BASE = {
	"document_type": "ANTARA Media Order",
	"workflow_state_field": "status",
	"states": [{"state": "Draft", "doc_status": "0", "allow_edit": "AE"}],
	"transitions": [{"state": "Draft", "action": "Submit", "next_state": "Draft", "allowed": "AE"}],
}


class TestWorkflowSync(unittest.TestCase):
	def test_fingerprint_ignores_noise_and_sees_changes(self):
		noisy = dict(
			BASE, name="x", modified="2026-01-01", states=[dict(BASE["states"][0], idx=3, name="abc")]
		)
		self.assertEqual(fingerprint(BASE), fingerprint(noisy))
		renamed = dict(BASE, states=[dict(BASE["states"][0], allow_edit="Manager")])
		self.assertNotEqual(fingerprint(BASE), fingerprint(renamed))

	def test_decisions(self):
		self.assertEqual(decide("new", None, None), INSTALL)  # fresh site
		self.assertEqual(decide("v1", "v1", "v1"), NOTHING)  # nothing changed
		self.assertEqual(decide("v1", "edited", "v1"), NOTHING)  # admin's edit stands
		self.assertEqual(decide("v2", "v1", "v1"), INSTALL)  # app update, site not customised
		self.assertEqual(decide("v2", "edited", "v1"), KEEP_CUSTOMISED)  # app update over an edit
		self.assertEqual(decide("v2", "v2", "v1"), NOTHING)  # site already has it
