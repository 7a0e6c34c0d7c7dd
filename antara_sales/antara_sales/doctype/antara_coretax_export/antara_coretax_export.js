// Copyright (c) 2026, Perum LKBN ANTARA and contributors
// For license information, please see license.txt

// Issue 11: the period's invoices not exported yet, and the file once the export is submitted.
frappe.ui.form.on("ANTARA Coretax Export", {
	refresh(frm) {
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Get Invoices"), () =>
				frm.call("get_invoices").then((r) => {
					frm.dirty();
					frappe.show_alert({
						message: __("{0} invoices added", [r.message || 0]),
						indicator: r.message ? "green" : "blue",
					});
				})
			);
		}
		if (frm.doc.docstatus === 1 && frm.doc.file) {
			frm.add_custom_button(__("Download File"), () => window.open(frm.doc.file));
		}
	},
});
