// The title is the department and the ISO week (weekly_meeting.py), as the ID is: without the ID
// column the title shows uncut.
frappe.listview_settings["ANTARA Weekly Sales Meeting"] = {
	hide_name_column: true,
};
