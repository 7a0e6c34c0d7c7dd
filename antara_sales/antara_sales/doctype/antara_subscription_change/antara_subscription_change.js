// Copyright (c) 2026, Perum LKBN ANTARA and contributors
frappe.ui.form.on("ANTARA Subscription Change", {
	refresh(frm) {
		if (frm.doc.status === "Submitted for Verification") {
			frm.add_custom_button(__("Verify (6.5)"), () =>
				frappe.new_doc("ANTARA Order Verification", { subscription_change: frm.doc.name })
			);
		}
	},
});
