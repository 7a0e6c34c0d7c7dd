// Copyright (c) 2026, Perum LKBN ANTARA and contributors
frappe.ui.form.on("ANTARA Subscription Change", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.docstatus === 0 && ["Draft", "Needs Clarification"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Submit for Verification"), () =>
				frappe
					.xcall("antara_sales.api.sales.request_verification", { doctype: frm.doctype, name: frm.doc.name })
					.then(() => frm.reload_doc())
			);
		}
		if (frm.doc.status === "Submitted for Verification") {
			frm.add_custom_button(__("Verify (6.5)"), () =>
				frappe.new_doc("ANTARA Order Verification", { subscription_change: frm.doc.name })
			);
		}
	},
});
