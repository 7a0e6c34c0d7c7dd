frappe.ready(function () {
	// The link's key arrives as ?feedback_key=...; the web form copies query values into fields.
	if (!frappe.utils.get_query_params().feedback_key) {
		frappe.msgprint(__("Please open this form from the link in our email."));
	}
});
