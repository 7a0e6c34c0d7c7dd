// Copyright (c) 2026, Perum LKBN ANTARA and contributors
frappe.query_reports["ANTARA Sales Pipeline"] = {
	formatter: antara_sales.list_amounts.report_cell, // whole rupiahs, Indonesian percentages
	filters: [
		{
			fieldname: "document_type",
			label: __("Document Type"),
			fieldtype: "Select",
			options: ["", "ANTARA Media Order", "ANTARA Cooperation Contract", "ANTARA Subscription Change"],
		},
		antara_sales.report_filters.department(),
		antara_sales.report_filters.bureau(),
		antara_sales.report_filters.account_executive(),
	],
};
