// Whose turn it is, at the top of each workflow form of the procedure (issue 10, 6.5-6.7). The
// person the document waits for reads their step and how to take it (the state's message in the
// Workflow, which admins word); the others read whom it waits for. Loaded through hooks.py doctype_js.
frappe.provide("antara_sales.headline");

if (!antara_sales.headline.installed) {
	antara_sales.headline.installed = true;
	antara_sales.headline.doctypes = [
		"ANTARA Media Order",
		"ANTARA Subscription Change",
		"ANTARA Cooperation Contract",
	];
	// Other lines a form may show in the same place (the contract's fulfilment, 6.8): doctype -> fn(frm)
	// returning [html, colour] or null.
	antara_sales.headline.extra = {};

	antara_sales.headline.refresh = (frm) => {
		if (frm.is_new()) return;
		const shown_for = frm.doc.name + frm.doc.modified;
		frappe
			.xcall("antara_sales.api.workflow.turn", { doctype: frm.doctype, name: frm.doc.name })
			.then((turn) => {
				if (frm.doc.name + frm.doc.modified !== shown_for) return; // a later refresh answers
				// The form's own script offers the step's buttons to the person it waits for.
				frm.antara_turn = turn || {};
				frm.trigger("antara_turn");
				// A workflow action moves the ToDos; Frappe's form keeps the sidebar it loaded.
				if (turn && turn.assignments && frm.assign_to) {
					frappe.update_user_info(turn.user_info || {});
					frm.assign_to.render(turn.assignments);
				}
				const extra = antara_sales.headline.extra[frm.doctype];
				const other = extra ? extra(frm) : null;
				if (turn && turn.message) {
					frm.dashboard.set_headline_alert(
						`<span class="antara-turn" data-mine="${turn.mine ? 1 : 0}">${frappe.utils.escape_html(
							turn.message
						)}</span>`,
						turn.mine ? "blue" : "yellow"
					);
				} else if (other) {
					frm.dashboard.set_headline_alert(other[0], other[1]);
				} else {
					frm.dashboard.clear_headline();
				}
			});
	};

	for (const doctype of antara_sales.headline.doctypes) {
		frappe.ui.form.on(doctype, { refresh: antara_sales.headline.refresh });
	}
}
