// Copyright (c) 2026, Perum LKBN ANTARA and contributors
// The filters the ANTARA query reports share (issue 12), written once. Listed in hooks.py
// app_include_js, so it is loaded before a report's own JS, which Frappe evaluates when the report
// opens: `filters: [...antara_sales.report_filters.period(), antara_sales.report_filters.department()]`.
// Each call returns fresh objects (Frappe keeps state on a report's filter definitions); labels
// are translated at that call, when the report opens.
frappe.provide("antara_sales.report_filters");

Object.assign(antara_sales.report_filters, {
	// From the start of this year to the end of this month, both required.
	period() {
		return [
			{
				fieldname: "from_date",
				label: __("From"),
				fieldtype: "Date",
				default: frappe.datetime.year_start(),
				reqd: 1,
			},
			{
				fieldname: "to_date",
				label: __("To"),
				fieldtype: "Date",
				default: frappe.datetime.month_end(),
				reqd: 1,
			},
		];
	},
	// A product-owning department: the ones that sell (P/SMM/KOM/001).
	department() {
		return {
			fieldname: "department",
			label: __("Department"),
			fieldtype: "Link",
			options: "ANTARA Department",
			get_query: () => ({ filters: { department_kind: "Product-Owning" } }),
		};
	},
	bureau() {
		return { fieldname: "bureau", label: __("Bureau"), fieldtype: "Link", options: "ANTARA Bureau" };
	},
	account_executive() {
		return {
			fieldname: "account_executive",
			label: __("Account Executive"),
			fieldtype: "Link",
			options: "User",
		};
	},
});
