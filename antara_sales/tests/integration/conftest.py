"""The site for the integration tests: what `bench run-tests` does, for pytest. `make test` creates
a throwaway site and passes it in ANTARA_TEST_SITE and ANTARA_SITES_PATH."""

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def frappe_site():
	import frappe

	from antara_sales.tests.testmode import set_test_mode

	site = os.environ.get("ANTARA_TEST_SITE")
	sites_path = os.environ.get("ANTARA_SITES_PATH")
	if not (site and sites_path):
		pytest.exit(
			"integration tests need ANTARA_TEST_SITE and ANTARA_SITES_PATH (run `make test`)", returncode=2
		)
	# Frappe's v15 logger writes to paths relative to the sites folder.
	os.chdir(sites_path)
	frappe.init(site, sites_path=".")
	frappe.connect()
	set_test_mode(True)  # frappe.flags.in_test (v15) and frappe.in_test (v16)
	frappe.clear_cache()
	for fn in frappe.get_hooks("before_tests"):
		frappe.get_attr(fn)()
	yield site
	frappe.db.rollback()
	set_test_mode(False)
	frappe.destroy()


def pytest_terminal_summary(terminalreporter):
	"""The counts and timings the process tests report (tests/processes.py: report), in CI's log."""
	from antara_sales.tests.processes import REPORT

	if REPORT:
		terminalreporter.section("reported by the tests")
		for line in REPORT:
			terminalreporter.write_line(line)
