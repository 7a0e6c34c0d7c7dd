"""The site for the integration tests: what `bench run-tests` does, for pytest. `make test` creates
a throwaway site and passes it in ANTARA_TEST_SITE and ANTARA_SITES_PATH."""

import os
from pathlib import Path

import pytest

# `make test` runs the suite in two pytest-xdist workers, each on a throwaway site of its own (a
# single pytest process kept one of the two cores busy): worker gw<N> takes ANTARA_TEST_SITE_GW<N>
# and ANTARA_TEST_URL_GW<N> where they are set.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
for _key in ("ANTARA_TEST_SITE", "ANTARA_TEST_URL"):
	if own := os.environ.get(f"{_key}_{_WORKER.upper()}"):
		os.environ[_key] = own


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
	from antara_sales.tests.processes import REPORT, REPORT_DIR

	lines = list(REPORT)
	if report_dir := os.environ.get(REPORT_DIR):  # what the xdist workers reported
		lines += [line for f in sorted(Path(report_dir).glob("*.txt")) for line in f.read_text().splitlines()]
	if lines:
		terminalreporter.section("reported by the tests")
		for line in lines:
			terminalreporter.write_line(line)
