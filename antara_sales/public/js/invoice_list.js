// Issue 11: Finance selects invoices in the list and exports them to Coretax (an ANTARA Coretax
// Export of the selection, opened for a check and a submit). Loaded through hooks.py doctype_list_js,
// after the list settings of antara_invoice_list.js, which it extends.
(() => {
	const settings = (frappe.listview_settings["ANTARA Invoice"] =
		frappe.listview_settings["ANTARA Invoice"] || {});
	const earlier_onload = settings.onload;

	settings.onload = function (listview) {
		if (earlier_onload) earlier_onload.call(this, listview);
		if (!frappe.model.can_create("ANTARA Coretax Export")) return;
		listview.page.add_action_item(__("Export to Coretax"), () => {
			const invoices = listview.get_checked_items(true);
			if (!invoices.length) {
				frappe.msgprint(__("Select the invoices to export to Coretax."));
				return;
			}
			frappe.call({
				method: "antara_sales.antara_sales.doctype.antara_coretax_export.antara_coretax_export.from_invoices",
				args: { invoices },
				freeze: true,
				callback: (r) => r.message && frappe.set_route("Form", "ANTARA Coretax Export", r.message),
			});
		});
	};
})();
