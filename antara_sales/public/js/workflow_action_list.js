// The approvers' inbox (issue 10): the state a document waits in, in the reader's language (Frappe
// stores it as plain text). Loaded through hooks.py doctype_list_js after Frappe's own list settings.
frappe.listview_settings["Workflow Action"] = frappe.listview_settings["Workflow Action"] || {};
frappe.listview_settings["Workflow Action"].formatters = {
	...(frappe.listview_settings["Workflow Action"].formatters || {}),
	workflow_state: (value) => frappe.utils.escape_html(__(value || "")),
};
