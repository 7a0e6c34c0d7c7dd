// Copyright (c) 2026, Perum LKBN ANTARA and contributors
// F/KOM/004: choosing the contract shows its current products at once (before and, as a start,
// after the change); the server takes the same lines again on save and stays the authority
// (services/contracting/subscription_change.py).
// (On a namespace, not top-level consts: the desk may evaluate a form script more than once.)
frappe.provide("antara_sales.subscription_change");

antara_sales.subscription_change.lines_key = function (rows) {
	const keys = ["product", "quantity", "start_date", "end_date", "unit_price", "discount_percent"];
	return JSON.stringify((rows || []).map((row) => keys.map((k) => row[k] || null)));
};

antara_sales.subscription_change.show_contract_lines = function (frm) {
	const lines_key = antara_sales.subscription_change.lines_key;
	const contract = frm.doc.contract;
	// "Products after the Change" are replaced only while empty or as this form filled them:
	// lines the AE has edited stay.
	const after_untouched =
		!(frm.doc.items || []).length || lines_key(frm.doc.items) === frm.__antara_contract_lines;
	if (!contract) {
		frm.clear_table("previous_items");
		if (after_untouched) frm.clear_table("items");
		frm.refresh_fields();
		return;
	}
	frappe
		.call({
			method: "antara_sales.api.sales.subscription_change_lines",
			args: { contract },
		})
		.then(({ message: values }) => {
			if (!values || frm.doc.contract !== contract) return; // chosen again meanwhile
			const fill = (table, rows) => {
				frm.clear_table(table);
				rows.forEach((row) => {
					// the grid shows the product's name, as on a saved form (show_title_field_in_link)
					frappe.utils.add_link_title("ANTARA Product", row.product, row.product_name);
					frm.add_child(table, row);
				});
			};
			fill("previous_items", values.previous_items);
			if (after_untouched) {
				fill("items", values.items);
				frm.__antara_contract_lines = lines_key(frm.doc.items);
			}
			const totals = ["previous_grand_total", "tax_rate"];
			if (after_untouched) totals.push("total_amount", "dpp_amount", "tax_amount", "grand_total");
			totals.forEach((field) => (frm.doc[field] = values[field]));
			frm.refresh_fields();
		});
};

frappe.ui.form.on("ANTARA Subscription Change", {
	setup(frm) {
		// Only a signed, active contract can be changed (F/KOM/004); the states are the workflow's.
		frappe
			.xcall("antara_sales.api.workflow.states", {
				doctype: "ANTARA Cooperation Contract",
				keys: ["signed", "suspended"],
			})
			.then((states) =>
				frm.set_query("contract", () => ({
					filters: { docstatus: 1, status: ["in", states] },
				}))
			);
	},
	onload(frm) {
		// Opened with the contract already chosen (from the contract, a link or /new).
		if (frm.is_new() && frm.doc.contract && !(frm.doc.previous_items || []).length) {
			antara_sales.subscription_change.show_contract_lines(frm);
		}
	},
	contract(frm) {
		antara_sales.subscription_change.show_contract_lines(frm);
	},
	antara_turn(frm) {
		// Only the assigned verifier (or their stand-in) whose turn it is verifies (6.5).
		if (frm.antara_turn.mine && frm.antara_turn.step === "verification") {
			frm.add_custom_button(__("Verify (6.5)"), () =>
				frappe.new_doc("ANTARA Order Verification", { subscription_change: frm.doc.name })
			);
		}
	},
});
