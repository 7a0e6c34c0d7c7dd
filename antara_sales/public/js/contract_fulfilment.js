// The signed contract's follow-up (P/SMM/KOM/001 6.8): its fulfilment at a glance, and Retry when
// the background job failed or is stuck. Loaded through hooks.py doctype_js (issue 5), after
// workflow_turn.js, which shows this line in the form's headline when no one's step is waiting.
// Wrapped: Frappe evaluates a form script again when it reloads the DocType.
(() => {
	frappe.provide("antara_sales.headline");

	// A queued job normally runs within seconds; one still queued after this long is stuck (the daily
	// sweep would also take it up).
	const ANTARA_FULFILMENT_STUCK_MINUTES = 10;

	antara_sales.headline.extra = antara_sales.headline.extra || {};
	antara_sales.headline.extra["ANTARA Cooperation Contract"] = (frm) => {
		const status = frm.doc.fulfilment_status;
		if (frm.doc.docstatus !== 1 || !status) return null;
		const colour =
			{ Queued: "blue", Failed: "red", "In Progress": "orange", Fulfilled: "green", Closed: "gray" }[
				status
			] || "gray";
		// Queued reads as waiting, never as failed.
		const text =
			status === "Queued"
				? __("Signed: the tickets and the invoice are being prepared (6.8).")
				: `${__(frm.doc.status)} — ${frappe.utils.escape_html(frm.doc.fulfilment_summary || "")}`;
		return [`<span class="indicator ${colour}">${text}</span>`, colour === "red" ? "red" : "blue"];
	};

	function antara_fulfilment_stuck(frm) {
		if (frm.doc.fulfilment_status === "Failed") return true;
		if (frm.doc.fulfilment_status !== "Queued") return false;
		const since = frappe.datetime.str_to_obj(frm.doc.modified);
		return (frappe.datetime.system_datetime(true) - since) / 60000 > ANTARA_FULFILMENT_STUCK_MINUTES;
	}

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
			if (frm.doc.docstatus !== 1 || !antara_fulfilment_stuck(frm)) return;
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
		},
	});
})();
