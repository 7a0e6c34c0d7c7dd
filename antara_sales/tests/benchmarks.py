"""Cost of the procedure's operations, as ratios to bare Frappe operations measured in the same run
(a ToDo insert, a SELECT 1), so the figures mean the same on a fast or a loaded machine.

Run on a site (everything is rolled back at the end; nothing is committed):
    make benchmark                     # the demo site
    bench --site SITE execute antara_sales.tests.benchmarks.run --kwargs "{'rounds': 10}"
"""

import statistics
import time

import frappe

from antara_sales.tests import factories as f


def timed(fn, rounds: int) -> float:
	"""Median milliseconds of `rounds` calls."""
	samples = []
	for _ in range(rounds):
		start = time.perf_counter()
		fn()
		samples.append((time.perf_counter() - start) * 1000)
	return statistics.median(samples)


def run(rounds: int = 10) -> dict:
	frappe.flags.mute_emails = True
	try:
		results = measure(rounds)
	finally:
		frappe.db.rollback()
		frappe.set_user("Administrator")
	yardstick = results["bare ToDo insert"]
	print(f"{'operation':48} {'median ms':>10} {'x ToDo insert':>14}")
	for name, ms in results.items():
		print(f"{name:48} {ms:10.1f} {ms / yardstick:14.1f}")
	return results


def measure(rounds: int) -> dict:
	from antara_sales.services.fulfilling.fulfilment import fulfil_contract

	frappe.set_user("Administrator")
	org = f.make_org()
	product = f.make_product(org, needs_technical=1, needs_editorial=1, needs_finance=1)
	customer = f.make_customer(org)
	results = {
		"SELECT 1": timed(lambda: frappe.db.sql("select 1"), rounds * 10),
		"bare ToDo insert": timed(
			lambda: frappe.get_doc({"doctype": "ToDo", "description": "benchmark"}).insert(), rounds
		),
		"customer insert (NPWP, phone, duplicates)": timed(lambda: f.make_customer(org), rounds),
		"media order insert (1 line, prices, totals)": timed(
			lambda: f.make_order(org, customer, [product]), rounds
		),
		"verification round (6.5) incl. workflow step": timed(
			lambda: f.verify(org, f.request_verification(org, f.make_order(org, customer, [product]))), rounds
		),
	}
	orders = [f.verified_order(org, customer, [product]).name for _ in range(rounds)]
	contracts = iter([f.make_contract(org, name).name for name in orders])
	results["signing path 6.7 (review, GM, customer)"] = timed(
		lambda: f.sign_contract(org, next(contracts)), rounds
	)
	signed = iter([f.signed_contract(org, customer, [product]).name for _ in range(rounds)])
	results["fulfilment job 6.8 (3 tickets, invoice)"] = timed(lambda: fulfil_contract(next(signed)), rounds)
	with f.as_user(org.ae):
		results["order list as AE (row-level scope)"] = timed(
			lambda: frappe.get_list("ANTARA Media Order", limit=100), rounds * 5
		)
	results["order list as Administrator (no scope)"] = timed(
		lambda: frappe.get_list("ANTARA Media Order", limit=100), rounds * 5
	)
	return results
