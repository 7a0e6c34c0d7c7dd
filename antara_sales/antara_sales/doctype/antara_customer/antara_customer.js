// Copyright (c) 2026, Perum LKBN ANTARA and contributors
// Issue 11: the tax identity follows the customer type until the user chooses otherwise. The server
// (services/ordering/customer.py: DEFAULT_TAX_ID_TYPE, DEFAULT_BUYER_CATEGORY) fills what is left
// empty, fills the head office's NITKU and checks them all.
(() => {
	const BY_TYPE = {
		Institution: { tax_id_type: "NPWP", buyer_category: "Badan Usaha" },
		Individual: { tax_id_type: "NIK", buyer_category: "Umum" },
	};
	const PROPOSED_CATEGORIES = Object.values(BY_TYPE).map((d) => d.buyer_category);

	function propose_by_type(frm) {
		const proposed = BY_TYPE[frm.doc.customer_type];
		if (!proposed) return;
		const values = { tax_id_type: proposed.tax_id_type };
		// A category the user chose (Instansi Pemerintah, BUMN) stays.
		if (!frm.doc.buyer_category || PROPOSED_CATEGORIES.includes(frm.doc.buyer_category)) {
			values.buyer_category = proposed.buyer_category;
		}
		return frm.set_value(values);
	}

	frappe.ui.form.on("ANTARA Customer", {
		onload(frm) {
			if (frm.is_new() && !frm.doc.tax_id_type) propose_by_type(frm);
		},
		customer_type: propose_by_type,
		npwp(frm) {
			// An old 15-digit NPWP, or 0 + those digits, is never a NIK (a NIK starts with a province).
			const digits = (frm.doc.npwp || "").replace(/[\s.-]/g, "");
			if (frm.doc.tax_id_type === "NIK" && (digits.length === 15 || digits.startsWith("0"))) {
				frm.set_value("tax_id_type", "NPWP");
			}
		},
	});
})();
