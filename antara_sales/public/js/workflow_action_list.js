// The approvers' inbox (issue 10): what each entry is about, the state a document waits in in the
// reader's language (Frappe stores it as plain text), and no column of the entries' own hash names.
// Loaded through hooks.py doctype_list_js after Frappe's own list settings.
(() => {
	const TITLE_FIELD = "antara_reference_title"; // services/workflow/inbox.py TITLE_FIELD
	const settings = (frappe.listview_settings["Workflow Action"] =
		frappe.listview_settings["Workflow Action"] || {});
	settings.add_fields = [...(settings.add_fields || []), TITLE_FIELD];
	settings.hide_name_column = true;
	settings.formatters = {
		...(settings.formatters || {}),
		// The row's link text (plain text, not HTML): "PT Kabar Nusantara · KKS-2026-00012".
		reference_name: (value, df, doc) =>
			doc[TITLE_FIELD] && doc[TITLE_FIELD] !== value ? `${doc[TITLE_FIELD]} · ${value}` : value,
		workflow_state: (value) => frappe.utils.escape_html(__(value || "")),
	};
})();
