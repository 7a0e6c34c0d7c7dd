// Copyright (c) 2026, Perum LKBN ANTARA and contributors
// 6.5: a new round shows what it verifies (customer, department, round, the computed customer status
// and its evidence) before the first save; the server fills the same on save and stays the authority.
frappe.ui.form.on("ANTARA Order Verification", {
	onload(frm) {
		if (frm.is_new()) frm.trigger("prefill");
	},
	media_order(frm) {
		if (frm.doc.docstatus === 0) frm.trigger("prefill");
	},
	subscription_change(frm) {
		if (frm.doc.docstatus === 0) frm.trigger("prefill");
	},
	prefill(frm) {
		const { media_order, subscription_change } = frm.doc;
		if (!media_order === !subscription_change) return; // exactly one is verified
		frappe
			.xcall("antara_sales.api.sales.verification_prefill", { media_order, subscription_change })
			.then((values) => {
				if (!frm.is_new()) delete values.round_no;
				return frm.set_value(values);
			});
	},
});
