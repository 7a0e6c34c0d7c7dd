"""The site for the integration tests: what `bench run-tests` does, for pytest. `make test` creates
a throwaway site and passes it in ANTARA_TEST_SITE and ANTARA_SITES_PATH."""

import os
from pathlib import Path

import pytest

from antara_sales import doctypes

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
	# In test mode Frappe sends a notification's email at once (notification_log: now=in_test), and
	# sending commits (EmailQueue "Sending"): a rolled-back test would leave its rows behind. The
	# desk's "Suspend Sending" keeps mail queued, where the tests read it.
	suspended = frappe.db.get_default("suspend_email_queue")
	frappe.db.set_default("suspend_email_queue", 1)
	frappe.db.commit()
	yield site
	frappe.db.rollback()
	frappe.db.set_default("suspend_email_queue", suspended)
	frappe.db.commit()
	set_test_mode(False)
	frappe.destroy()


# Tests remove only what they made: what a test file committed and left behind is reported (LEFT
# BEHIND lines), so a leak is seen where it happens rather than as another file's odd count.
LEAK_WATCHED = (
	doctypes.CUSTOMER,
	doctypes.MEDIA_ORDER,
	doctypes.CONTRACT,
	doctypes.SUBSCRIPTION_CHANGE,
	doctypes.TICKET,
	doctypes.INVOICE,
	doctypes.MEETING,
	doctypes.ORDER_INVITATION,
	doctypes.SIGNING_INVITATION,
	doctypes.SIGNED_COPY,
	doctypes.DEPARTMENT,
	doctypes.BUREAU,
	"User",
)


def committed_names() -> dict[str, set[str]]:
	import frappe

	frappe.db.rollback()  # what is committed, as the next request sees it
	return {dt: set(frappe.get_all(dt, pluck="name", order_by=None)) for dt in LEAK_WATCHED}


@pytest.fixture(scope="module", autouse=True)
def nothing_left_behind(request, frappe_site):
	from antara_sales.tests.processes import report

	before = committed_names()
	yield
	after = committed_names()
	left = {dt: sorted(after[dt] - before[dt]) for dt in LEAK_WATCHED if after[dt] - before[dt]}
	if left:
		listed = "; ".join(f"{len(names)} {dt} ({', '.join(names[:3])})" for dt, names in left.items())
		report(f"LEFT BEHIND by {request.node.name}: {listed}")


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
