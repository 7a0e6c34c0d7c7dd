// Copyright (c) 2026, Perum LKBN ANTARA and contributors
frappe.query_reports["ANTARA Verification Turnaround"] = {
	formatter: antara_sales.list_amounts.report_cell, // whole rupiahs, Indonesian percentages
	filters: [
		{
			fieldname: "from_date",
			label: __("Verified from"),
			fieldtype: "Date",
			default: frappe.datetime.add_days(frappe.datetime.get_today(), -90),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("Verified to"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		antara_sales.report_filters.department(),
		{
			fieldname: "outcome",
			label: __("Outcome"),
			fieldtype: "Select",
			options: ["", "Passed", "Clarify", "Rejected"],
		},
		{ fieldname: "verifier", label: __("Verifier"), fieldtype: "Link", options: "User" },
	],
};
