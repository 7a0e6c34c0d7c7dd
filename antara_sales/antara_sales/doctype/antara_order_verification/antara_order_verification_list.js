// Issue 10: the Assistant Manager's list shows each round's outcome (6.5.3) as its indicator.
// A round is found by its customer, verifier and day; its VER- number is on the form.
frappe.listview_settings["ANTARA Order Verification"] = {
	add_fields: ["outcome"],
	hide_name_column: true,
	colours: { Passed: "green", Clarify: "orange", Rejected: "red" },
	get_indicator(doc) {
		if (doc.docstatus === 0) return [__("Draft"), "red", "docstatus,=,0"];
		if (doc.docstatus === 2) return [__("Cancelled"), "gray", "docstatus,=,2"];
		const colour = frappe.listview_settings["ANTARA Order Verification"].colours[doc.outcome];
		if (colour) return [__(doc.outcome), colour, `outcome,=,${doc.outcome}`];
	},
};
