// Copyright (c) 2026, Perum LKBN ANTARA and contributors
frappe.query_reports["ANTARA Expiring Contracts"] = {
	filters: [
		{ fieldname: "days", label: __("Days Ahead"), fieldtype: "Int", default: 60, reqd: 1 },
		{
			fieldname: "department",
			label: __("Department"),
			fieldtype: "Link",
			options: "ANTARA Department",
			get_query: () => ({ filters: { department_kind: "Product-Owning" } }),
		},
		{ fieldname: "bureau", label: __("Bureau"), fieldtype: "Link", options: "ANTARA Bureau" },
		{ fieldname: "account_executive", label: __("Account Executive"), fieldtype: "Link", options: "User" },
	],
};
