// Copyright (c) 2026, Perum LKBN ANTARA and contributors
frappe.query_reports["ANTARA New vs Existing Customers"] = {
	formatter: antara_sales.list_amounts.report_cell, // whole rupiahs, Indonesian percentages
	filters: [
		...antara_sales.report_filters.period(),
		antara_sales.report_filters.department(),
		antara_sales.report_filters.bureau(),
		{
			fieldname: "group_by",
			label: __("Rows"),
			fieldtype: "Select",
			options: ["Month", "Contract"],
			default: "Month",
		},
	],
};
