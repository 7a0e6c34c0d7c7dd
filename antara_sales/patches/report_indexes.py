"""Issue 13: the composite indexes the Script Reports read through, so that a year's report reads
index pages rather than every row's page (each ≤ 1 s at 100,000 orders and 30,000 contracts).

A wide row (an order or contract is 1.5-2 KB) read for a handful of its columns is one random page
per row; with these indexes MariaDB answers those reads from the index alone ("Using index"):
- the pipeline (services/reporting/pipeline_reports.py) counts the open states by how long each
  document has waited and lists the longest waiting: status, since when, value and the scope's
  columns (department, account executive; permissions.Scope.condition);
- the expiring contracts' renewals: a customer's later orders in the same department;
- by order name, its date (the expiring contracts, for each contract's own order);
- the sales (services/reporting/sales_facts.py): the signed contracts of a span with what the
  reports group by, their product lines, and the customer status confirmed at verification;
- the verification rounds of a span (the turnaround lists each), with the department the scope
  narrows them by;
- the invoices still to collect (Finance's number cards, Sum of the amount payable by status),
  with the scope's columns.

Idempotent (add_index skips an index that exists). A new site marks its patches done without
running them: it needs this run on install too, as list_sort_indexes is (setup/install.py). The
reports are right without these indexes, only slower: where one is forced, its presence is checked."""

import frappe

from antara_sales.doctypes import CONTRACT, INVOICE, MEDIA_ORDER, ORDER_ITEM, VERIFICATION

SCOPE = ("department", "account_executive")
# The pipeline's open documents: for a user who sees everything, by state; for one whose scope is
# departments, by department first (else MariaDB reads the rows of the department's every order).
PIPELINE = {
	"report_pipeline": ("status", "status_since", "docstatus", *SCOPE, "grand_total"),
	"report_pipeline_department": ("department", "status", "status_since", "docstatus", "grand_total"),
}

INDEXES = {
	MEDIA_ORDER: {
		**PIPELINE,
		"report_renewal": ("customer", "department", "order_date", "docstatus"),
		"report_order_date": ("name", "order_date"),
	},
	CONTRACT: {
		**PIPELINE,
		"report_sales": (
			"docstatus",
			"customer_signed_on",
			"department",
			"bureau",
			"account_executive",
			"customer",
			"media_order",
			"total_amount",
		),
	},
	ORDER_ITEM: {"report_lines": ("parent", "parenttype", "parentfield", "idx", "product", "amount")},
	INVOICE: {
		"card_receivables": (
			"status",
			"docstatus",
			"owning_department",
			"account_executive",
			"amount_payable",
		)
	},
	VERIFICATION: {
		"report_passed": ("media_order", "docstatus", "outcome", "round_no", "computed_customer_status"),
		"report_rounds": (
			"docstatus",
			"verified_on",
			"department",
			"media_order",
			"outcome",
			"round_no",
			"verifier",
			"handed_over_on",
			"customer_name",
		),
	},
}


def execute():
	for doctype, indexes in INDEXES.items():
		for name, columns in indexes.items():
			frappe.db.add_index(doctype, [f"`{c}`" for c in columns], index_name=name)
