// Issue 10: Finance reads an invoice's payment status (6.8), not only that it is submitted, and opens
// the list on what is still to collect (the list's own filter shows the rest).
frappe.listview_settings["ANTARA Invoice"] = {
	add_fields: ["status"],
	filters: [["status", "in", ["Draft", "Unpaid", "Overdue", "Partly Paid"]]],
	has_indicator_for_draft: true,
	has_indicator_for_cancelled: true,
	onload: antara_sales.list_amounts.whole_rupiah,
	colours: {
		Draft: "red",
		Unpaid: "orange",
		Overdue: "red",
		// issue 11: paid short of the PPh 23 while its withholding slip is awaited
		"Partly Paid": "yellow",
		Paid: "green",
		"Open Credit": "blue",
		Settled: "green",
		Cancelled: "gray",
	},
	get_indicator(doc) {
		const colour = frappe.listview_settings["ANTARA Invoice"].colours[doc.status];
		if (colour) return [__(doc.status), colour, `status,=,${doc.status}`];
	},
};
