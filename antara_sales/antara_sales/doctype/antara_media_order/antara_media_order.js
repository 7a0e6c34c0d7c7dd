// Copyright (c) 2026, Perum LKBN ANTARA and contributors
// The workflow's actions (Submit for Verification, Resubmit) come from the Workflow; these buttons
// open the records that the other steps need. The server decides whether each step is allowed.
frappe.ui.form.on("ANTARA Media Order", {
	onload(frm) {
		if (frm.is_new() && !frm.doc.administrative_terms) {
			frappe
				.xcall("antara_sales.api.sales.new_order_defaults")
				.then((values) => {
					if (frm.doc.department) delete values.department; // chosen already (route options)
					return frm.set_value(values);
				});
		}
	},
	customer(frm) {
		// 6.4: what the system holds on the customer fills the form at once; the server takes
		// its own snapshot on save and stays the authority.
		if (!frm.doc.customer || frm.doc.docstatus !== 0) return;
		frappe
			.xcall("antara_sales.api.sales.customer_snapshot", { customer: frm.doc.customer })
			.then((values) => {
				if (frm.doc.bureau) delete values.bureau;
				if (!values.contact_person) delete values.contact_person;
				return frm.set_value(values);
			});
	},
	antara_turn(frm) {
		// Only the assigned verifier (or their stand-in) whose turn it is verifies (6.5).
		if (frm.antara_turn.mine && frm.antara_turn.step === "verification") {
			frm.add_custom_button(__("Verify (6.5)"), () =>
				frappe.new_doc("ANTARA Order Verification", { media_order: frm.doc.name })
			);
		}
		if (frm.antara_turn.step === "verified" && !frm.doc.contract) {
			frm.add_custom_button(__("Make Contract (6.6)"), () =>
				frappe
					.xcall("antara_sales.api.sales.make_contract", { media_order: frm.doc.name })
					.then((name) => frappe.set_route("Form", "ANTARA Cooperation Contract", name))
			);
		}
	},
});
