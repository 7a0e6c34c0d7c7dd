// Frappe toasts "This form is not editable due to a Workflow." at every refresh of a form the user
// may not edit in its state, after each normal step of the procedure too; on the procedure's forms
// the headline says whose turn it is instead (workflow_turn.js), so the toast is dropped there.
// Frappe has no switch for it, and it fires before a form's own script loads: hence app_include_js.
(() => {
	const QUIET_ON = [
		"ANTARA Media Order",
		"ANTARA Subscription Change",
		"ANTARA Cooperation Contract",
		"ANTARA Weekly Sales Meeting",
	];
	const show_alert = frappe.show_alert;
	frappe.show_alert = function (message, ...rest) {
		const text = typeof message === "string" ? message : message && message.message;
		const route = frappe.get_route() || [];
		if (
			route[0] === "Form" &&
			QUIET_ON.includes(route[1]) &&
			text === __("This form is not editable due to a Workflow.")
		) {
			return;
		}
		return show_alert.call(this, message, ...rest);
	};
})();
