// Copyright (c) 2026, Perum LKBN ANTARA and contributors
frappe.ui.form.on("ANTARA Feedback Request", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status === "Requested") {
			frm.add_custom_button(__("Send the Link Again"), () =>
				frappe
					.xcall("antara_sales.api.meeting.resend_feedback_request", { request: frm.doc.name })
					.then(() => frappe.show_alert({ message: __("Sent"), indicator: "green" }))
			);
		}
	},
});
