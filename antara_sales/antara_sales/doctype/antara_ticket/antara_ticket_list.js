// Issue 10: a department opens its tickets as a work queue: the work still to do, soonest due first
// (sort in the DocType); the list's own filter shows the rest.
const TICKET_COLOURS = { Open: "orange", "In Progress": "blue", Done: "green", Cancelled: "gray" };

frappe.listview_settings["ANTARA Ticket"] = {
	add_fields: ["status", "due_date"],
	filters: [["status", "in", ["Open", "In Progress"]]],
	// Its name is the contract's and the department's: the contract is a column and a department
	// sees its own tickets, so without the ID column the contract's customer shows uncut.
	hide_name_column: true,
	// 6.8: work still to do past its due date says so (as the workspace's "Tickets Past Due" counts it).
	get_indicator(doc) {
		const to_do = doc.status === "Open" || doc.status === "In Progress";
		const today = frappe.datetime.get_today();
		if (to_do && doc.due_date && doc.due_date < today) {
			return [__("Past Due"), "red", `due_date,<,${today}`];
		}
		const colour = TICKET_COLOURS[doc.status];
		if (colour) return [__(doc.status, null, "ANTARA Ticket"), colour, `status,=,${doc.status}`];
	},
};
