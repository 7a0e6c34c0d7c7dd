// Copyright (c) 2026, Perum LKBN ANTARA and contributors
frappe.query_reports["ANTARA Sales Pipeline"] = {
	filters: [
		{
			fieldname: "document_type",
			label: __("Document Type"),
			fieldtype: "Select",
			options: ["", "ANTARA Media Order", "ANTARA Cooperation Contract", "ANTARA Subscription Change"],
		},
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
