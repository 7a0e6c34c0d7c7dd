// The desk's two buttons of a personal guest link (issue 15): send it by email (after a
// confirmation; when no email could be sent, the AE is shown the link to pass on) and withdraw it.
// Used by order_invitation.js (the online F/KOM/003, 6.3) and signing_invitation.js (online
// signing, 6.7); loaded before them through hooks.py doctype_js.
frappe.provide("antara_sales");

antara_sales.guest_link_buttons = (frm, { group, send, confirm, send_method, withdraw, withdraw_method, args }) => {
	frm.add_custom_button(
		send,
		() =>
			frappe.confirm(confirm, () =>
				frappe.call({ method: send_method, args, freeze: true }).then((r) => {
					const sent = r.message || {};
					if (sent.link) {
						frappe.msgprint(
							__("No email could be sent. Give the customer this link: {0}", [
								`<code>${frappe.utils.escape_html(sent.link)}</code>`,
							])
						);
					} else {
						frappe.show_alert({
							message: __("Link sent to {0}.", [frappe.utils.escape_html(sent.email)]),
							indicator: "green",
						});
					}
					frm.reload_doc();
				})
			),
		group
	);
	frm.add_custom_button(
		withdraw,
		() =>
			frappe
				.call({ method: withdraw_method, args })
				.then(() => frappe.show_alert({ message: __("The link no longer works."), indicator: "orange" })),
		group
	);
};
