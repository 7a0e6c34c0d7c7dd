"""Base class for integration tests: runs under pytest (conftest connects) and under
`bench run-tests`. Every test is rolled back, so none leaves data behind."""

import frappe

from antara_sales import permissions

try:  # Frappe v16
	from frappe.tests import IntegrationTestCase as _Base
except ImportError:  # Frappe v15
	from frappe.tests.utils import FrappeTestCase as _Base


class AntaraTestCase(_Base):
	def setUp(self):
		super().setUp()
		frappe.set_user("Administrator")

	def tearDown(self):
		# v15's FrappeTestCase rolls back only per class.
		frappe.set_user("Administrator")
		frappe.db.rollback()
		# Frappe caches the outgoing Email Account in frappe.local, past the rollback: a later test
		# would then send its notification mail "now" through the vanished account, and sending
		# commits (Email Queue status), which leaks that test's data (and its users: "Throttled").
		if hasattr(frappe.local, "outgoing_email_account"):
			del frappe.local.outgoing_email_account
		# The tests share one "request": a scope worked out from rows the rollback removed is
		# forgotten with them (permissions.scope_for caches per request).
		permissions.forget_scopes()
		super().tearDown()
