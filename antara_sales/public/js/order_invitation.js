// The online F/KOM/003 (P/SMM/KOM/001 6.3, issue 15): on a Draft (or Needs Clarification) Media
// Order the AE emails the prospect a personal link to fill the form in, or withdraws it. Loaded
// through hooks.py doctype_js after workflow_turn.js and guest_link_buttons.js. The server decides
// who may send (antara_sales.api.portal: the order's own permission and workflow state).
frappe.ui.form.on("ANTARA Media Order", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0 || !frm.perm[0]?.write) return;
		const group = __("Online Form");
		antara_sales.guest_link_buttons(frm, {
			group,
			send: __("Send Online Form"),
			confirm: __("Email {0} a personal link to fill in this form? A link sent before stops working.", [
				frappe.utils.escape_html(frm.doc.email || frm.doc.customer_name || ""),
			]),
			send_method: "antara_sales.api.portal.send_invitation",
			withdraw: __("Withdraw Online Form Link"),
			withdraw_method: "antara_sales.api.portal.revoke_invitation",
			args: { media_order: frm.doc.name },
		});
		frm.add_custom_button(__("Update the Customer from this Form"), () => update_customer(frm), group);
	},
});

// What the prospect filled in (or the AE corrected) goes into the customer record once the AE has
// read it: the server lists the differences first, then takes them on confirmation (issue 15).
function update_customer(frm) {
	const call = (apply) =>
		frappe.call({
			method: "antara_sales.api.portal.update_customer_from_order",
			args: { media_order_name: frm.doc.name, apply: apply ? 1 : 0 },
			freeze: apply,
		});
	call(false).then((r) => {
		const changes = r.message || [];
		if (!changes.length) {
			frappe.msgprint(__("The customer record already holds this order's customer data."));
			return;
		}
		const esc = (v) => frappe.utils.escape_html(v == null || v === "" ? "-" : String(v));
		const rows = changes
			.map((c) => `<tr><td>${esc(c.label)}</td><td>${esc(c.record)}</td><td>${esc(c.order)}</td></tr>`)
			.join("");
		frappe.confirm(
			`<p>${__("Take this order's data into the customer record {0}?", [esc(frm.doc.customer)])}</p>
			<table class="table table-bordered table-sm"><thead><tr><th>${__("Field")}</th>
			<th>${__("Customer Record")}</th><th>${__("This Order")}</th></tr></thead><tbody>${rows}</tbody></table>`,
			() =>
				call(true).then(() => {
					frappe.show_alert({ message: __("The customer record was updated."), indicator: "green" });
					frm.reload_doc();
				})
		);
	});
}
