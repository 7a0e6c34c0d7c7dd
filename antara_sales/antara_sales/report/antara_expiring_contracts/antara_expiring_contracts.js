// Copyright (c) 2026, Perum LKBN ANTARA and contributors
frappe.query_reports["ANTARA Expiring Contracts"] = {
	formatter: antara_sales.list_amounts.report_cell, // whole rupiahs, Indonesian percentages
	filters: [
		{ fieldname: "days", label: __("Days Ahead"), fieldtype: "Int", default: 60, reqd: 1 },
		antara_sales.report_filters.department(),
		antara_sales.report_filters.bureau(),
		antara_sales.report_filters.account_executive(),
	],
};
