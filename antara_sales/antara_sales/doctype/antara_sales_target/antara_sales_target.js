// Copyright (c) 2026, Perum LKBN ANTARA and contributors
// Targets per department and month (6.1.1); products are the department's own.
frappe.ui.form.on("ANTARA Sales Target", {
	setup(frm) {
		frm.set_query("product", () => ({ filters: { department: frm.doc.department } }));
	},
	onload(frm) {
		if (frm.is_new() && !frm.doc.year) {
			const today = frappe.datetime.str_to_obj(frappe.datetime.get_today());
			frm.set_value("year", today.getFullYear());
			frm.set_value("month", moment(today).locale("en").format("MMMM"));
		}
	},
});
