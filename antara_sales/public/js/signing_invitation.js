// Online signing (P/SMM/KOM/001 6.7, issue 15): once the General Manager has signed, the AE emails
// the customer a personal link to sign the contract online instead of carrying the paper, or
// withdraws it. Loaded through hooks.py doctype_js after workflow_turn.js and guest_link_buttons.js.
// The server decides who may send and when (antara_sales.api.signing: the contract's own
// permission, the workflow state after Sign as GM, and the e-Meterai of both copies); the buttons
// show on a draft the AE may edit.
frappe.ui.form.on("ANTARA Cooperation Contract", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0 || !frm.perm[0]?.write || !frm.doc.gm_signature) return;
		antara_sales.guest_link_buttons(frm, {
			group: __("Online Signing"),
			send: __("Send Signing Link"),
			confirm: __("Email {0} a personal link to sign this contract online? A link sent before stops working.", [
				frappe.utils.escape_html(frm.doc.email || frm.doc.customer_name || ""),
			]),
			send_method: "antara_sales.api.signing.send_signing_link",
			withdraw: __("Withdraw Signing Link"),
			withdraw_method: "antara_sales.api.signing.revoke_signing_link",
			args: { contract: frm.doc.name },
		});
	},
});
