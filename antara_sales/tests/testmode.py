"""Test mode on Frappe v15 and v16 alike.

v15 reads `frappe.flags.in_test`, which lives in `frappe.local` and so is per thread and reset by
every `frappe.init`. v16 reads `frappe.in_test`, a module attribute (process-wide) that
`frappe.tests.utils.toggle_test_mode` sets together with the old flag (frappe/tests/utils/__init__.py
on v16); v16 reads it, for example, to send no mail from the Email Queue and to run Data Import
jobs at once. v15 has neither the attribute nor the function, so set both by hand there."""

import frappe


def set_test_mode(enable: bool = True) -> None:
	try:  # Frappe v16
		from frappe.tests.utils import toggle_test_mode
	except ImportError:  # Frappe v15
		toggle_test_mode = None
	if toggle_test_mode:
		toggle_test_mode(enable)
	frappe.in_test = enable
	frappe.flags.in_test = enable
