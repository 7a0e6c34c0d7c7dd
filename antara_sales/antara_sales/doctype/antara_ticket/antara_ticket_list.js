// Issue 10: a department opens its tickets as a work queue: the work still to do, soonest due first
// (sort in the DocType); the list's own filter shows the rest.
frappe.listview_settings["ANTARA Ticket"] = {
	filters: [["status", "in", ["Open", "In Progress"]]],
	// Its name is the contract's and the department's: the contract is a column and a department
	// sees its own tickets, so without the ID column the contract's customer shows uncut.
	hide_name_column: true,
};
