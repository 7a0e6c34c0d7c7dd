// Copyright (c) 2026, Perum LKBN ANTARA and contributors
frappe.query_reports["ANTARA Target vs Actual"] = {
	filters: [
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
		{
			fieldname: "department",
			label: __("Department"),
			fieldtype: "Link",
			options: "ANTARA Department",
			get_query: () => ({ filters: { department_kind: "Product-Owning" } }),
		},
		{ fieldname: "bureau", label: __("Bureau"), fieldtype: "Link", options: "ANTARA Bureau" },
	],
};
