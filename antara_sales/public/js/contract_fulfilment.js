// The signed contract's follow-up (P/SMM/KOM/001 6.8): its fulfilment at a glance, and Retry when
// the background job failed. Loaded through hooks.py doctype_js (issue 5).
frappe.ui.form.on("ANTARA Cooperation Contract", {
	setup(frm) {
		// Cancelling the contract cancels its unpaid invoices on the server and keeps paid ones
		// with a note, so the desk must not offer to cancel every linked invoice.
		frm.ignore_doctypes_on_cancel_all = [
			...(frm.ignore_doctypes_on_cancel_all || []),
			"ANTARA Invoice",
		];
	},
	refresh(frm) {
		if (frm.doc.docstatus !== 1 || !frm.doc.fulfilment_status) return;
		const colour =
			{
				Queued: "blue",
				Failed: "red",
				"In Progress": "orange",
				Fulfilled: "green",
				Closed: "gray",
			}[frm.doc.fulfilment_status] || "gray";
		const summary = frappe.utils.escape_html(frm.doc.fulfilment_summary || "");
		frm.dashboard.set_headline_alert(
			`<span class="indicator ${colour}">${__(frm.doc.status)} — ${summary}</span>`
		);
		if (["Queued", "Failed"].includes(frm.doc.fulfilment_status)) {
			frm.add_custom_button(__("Retry Fulfilment"), () =>
				frappe.call({
					method: "antara_sales.api.fulfilment.retry",
					args: { contract: frm.doc.name },
					freeze: true,
					callback: () => {
						frappe.show_alert({ message: __("Fulfilment queued"), indicator: "blue" });
						frm.reload_doc();
					},
				})
			);
		}
	},
});
