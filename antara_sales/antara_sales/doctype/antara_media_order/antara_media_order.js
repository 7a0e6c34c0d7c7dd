// Copyright (c) 2026, Perum LKBN ANTARA and contributors
// Buttons for the steps of P/SMM/KOM/001; the server decides whether each step is allowed.
frappe.ui.form.on("ANTARA Media Order", {
	refresh(frm) {
		const editable = ["Draft", "Needs Clarification"].includes(frm.doc.status);
		if (!frm.is_new() && frm.doc.docstatus === 0 && editable) {
			frm.add_custom_button(__("Submit for Verification"), () =>
				frappe
					.xcall("antara_sales.api.sales.request_verification", { doctype: frm.doctype, name: frm.doc.name })
					.then(() => frm.reload_doc())
			);
		}
		if (frm.doc.status === "Submitted for Verification") {
			frm.add_custom_button(__("Verify (6.5)"), () =>
				frappe.new_doc("ANTARA Order Verification", { media_order: frm.doc.name })
			);
		}
		if (frm.doc.docstatus === 1 && frm.doc.status === "Verified") {
			frm.add_custom_button(__("Make Contract (6.6)"), () =>
				frappe
					.xcall("antara_sales.api.sales.make_contract", { media_order: frm.doc.name })
					.then((name) => frappe.set_route("Form", "ANTARA Cooperation Contract", name))
			);
		}
	},
});

