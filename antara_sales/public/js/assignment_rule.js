// An Assignment Rule with "Department's People" (services/workflow/routing.py) assigns the
// department's verifiers or Manager: Frappe's users list and field do not apply, so they are neither
// shown nor required. Loaded through hooks.py doctype_js.
frappe.ui.form.on("Assignment Rule", {
	refresh: (frm) => antara_sales_department_people(frm),
	antara_department_people: (frm) => antara_sales_department_people(frm),
});

function antara_sales_department_people(frm) {
	const by_department = !!frm.doc.antara_department_people;
	const when = {
		field: "eval: doc.rule == 'Based on Field'",
		users: "eval: doc.rule !== 'Based on Field'",
	};
	for (const [fieldname, condition] of Object.entries(when)) {
		frm.set_df_property(fieldname, "depends_on", by_department ? "eval: 0" : condition);
		frm.set_df_property(fieldname, "mandatory_depends_on", by_department ? "" : condition);
	}
}
