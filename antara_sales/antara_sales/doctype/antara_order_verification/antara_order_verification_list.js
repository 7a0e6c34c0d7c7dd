// Issue 10: the Assistant Manager's list shows each round's outcome (6.5.3) as its indicator.
frappe.listview_settings["ANTARA Order Verification"] = {
	add_fields: ["outcome"],
	colours: { Passed: "green", Clarify: "orange", Rejected: "red" },
	get_indicator(doc) {
		if (doc.docstatus === 0) return [__("Draft"), "red", "docstatus,=,0"];
		if (doc.docstatus === 2) return [__("Cancelled"), "gray", "docstatus,=,2"];
		const colour = frappe.listview_settings["ANTARA Order Verification"].colours[doc.outcome];
		if (colour) return [__(doc.outcome), colour, `outcome,=,${doc.outcome}`];
	},
};
