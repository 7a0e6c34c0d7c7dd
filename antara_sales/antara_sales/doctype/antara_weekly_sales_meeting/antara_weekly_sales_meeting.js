// Copyright (c) 2026, Perum LKBN ANTARA and contributors
// The weekly sales meeting (6.1-6.2): the evaluation of 6.1.1 is filled in on the server; this
// script shows it as a table in which every figure opens the records behind it.
const SECTIONS = ["Sales", "Contracts", "Customers", "Orders", "Satisfaction", "Billing"];
const PERIODS = ["Last Week", "Month to Date"];

frappe.ui.form.on("ANTARA Weekly Sales Meeting", {
	onload(frm) {
		if (frm.is_new() && !frm.doc.department) {
			frappe
				.xcall("antara_sales.api.meeting.new_meeting_defaults")
				.then((values) => !frm.doc.department && frm.set_value(values));
		}
	},
	refresh(frm) {
		translate_figure_names(frm);
		render_evaluation(frm);
		if (!frm.is_new() && frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Refresh Figures"), () =>
				frappe
					.xcall("antara_sales.api.meeting.refresh_evaluation", { meeting: frm.doc.name })
					.then(() => frm.reload_doc())
			);
		}
		frm.add_custom_button(
			__("Target vs Actual"),
			() =>
				frappe.set_route("query-report", "ANTARA Target vs Actual", {
					department: frm.doc.department,
				}),
			__("Reports")
		);
		frm.add_custom_button(
			__("Sales Pipeline"),
			() => frappe.set_route("query-report", "ANTARA Sales Pipeline", { department: frm.doc.department }),
			__("Reports")
		);
	},
	meeting_date(frm) {
		if (!frm.is_new()) {
			frappe.show_alert(__("The figures follow the new week when you save."));
		}
	},
});

// The rows store a figure's name as the evaluation names it (meeting_evaluation.py); the grid
// shows it in the reader's language, as the table above does. Frappe draws each row from a copy
// of the field made for that row (frappe.meta.get_docfield_copy), before the refresh event.
const name_in_language = (value) => frappe.utils.escape_html(__(value || ""));

function translate_figure_names(frm) {
	const fields = [null, ...(frm.doc.evaluation || []).map((row) => row.name)].map((name) =>
		frappe.meta.get_docfield("ANTARA Meeting Evaluation", "metric", name)
	);
	const untranslated = fields.filter((df) => df && df.formatter !== name_in_language);
	if (!untranslated.length) return;
	for (const df of untranslated) df.formatter = name_in_language;
	frm.refresh_field("evaluation");
}

function format_figure(value, unit) {
	if (value === null || value === undefined || value === "") return "";
	if (unit === "IDR") return format_currency(value, frappe.boot.sysdefaults.currency || "IDR", 0);
	if (unit === "Score") return value ? format_number(value, null, 2) : "–";
	return format_number(value, null, Number.isInteger(value) ? 0 : 1);
}

function figure_cell(row) {
	if (!row) return "<td></td><td></td><td></td>";
	const value = format_figure(row.value, row.unit);
	const names = (row.reference_names || "").split("\n").filter(Boolean);
	const shown = names.length
		? `<a href="#" class="antara-records" data-doctype="${frappe.utils.escape_html(
				row.reference_doctype || ""
		  )}" data-names="${frappe.utils.escape_html(names.join("\n"))}" title="${__(
				"Open the {0} records behind this figure",
				[names.length]
		  )}">${value}</a>`
		: value;
	const target = row.target === null || row.target === undefined ? "" : format_figure(row.target, row.unit);
	const achieved = row.achievement === null || row.achievement === undefined || !row.target
		? ""
		: `<span class="indicator-pill ${row.achievement >= 100 ? "green" : row.achievement >= 75 ? "orange" : "red"}">${format_number(row.achievement, null, 0)}%</span>`;
	return `<td class="text-right">${shown}</td><td class="text-right text-muted">${target}</td><td>${achieved}</td>`;
}

function render_evaluation(frm) {
	const field = frm.get_field("evaluation_html");
	if (!field) return;
	const rows = frm.doc.evaluation || [];
	if (!rows.length) {
		field.$wrapper.html(
			`<p class="text-muted">${__("The figures are filled in from the data when the meeting is saved.")}</p>`
		);
		return;
	}
	const head = `<tr><th></th>${PERIODS.map(
		(p) => `<th class="text-right">${__(p)}</th><th class="text-right">${__("Target")}</th><th></th>`
	).join("")}</tr>`;
	let body = "";
	for (const section of SECTIONS) {
		const metrics = [...new Set(rows.filter((r) => r.section === section).map((r) => r.metric))];
		if (!metrics.length) continue;
		body += `<tr class="active"><th colspan="7">${__(section)}</th></tr>`;
		for (const metric of metrics) {
			const cells = PERIODS.map((p) =>
				figure_cell(rows.find((r) => r.section === section && r.metric === metric && r.period === p))
			).join("");
			body += `<tr><td>${frappe.utils.escape_html(__(metric))}</td>${cells}</tr>`;
		}
	}
	const span = __("Week {0} to {1}; month to date from {2}", [
		frappe.datetime.str_to_user(frm.doc.evaluated_from),
		frappe.datetime.str_to_user(frm.doc.evaluated_to),
		frappe.datetime.str_to_user(frm.doc.month_to_date_from),
	]);
	field.$wrapper.html(`
		<p class="text-muted small">${span}. ${__("Click a figure to open the records behind it.")}</p>
		<table class="table table-bordered table-condensed antara-evaluation">
			<thead>${head}</thead><tbody>${body}</tbody>
		</table>`);
	field.$wrapper.find("a.antara-records").on("click", (e) => {
		e.preventDefault();
		const doctype = $(e.currentTarget).attr("data-doctype");
		const names = $(e.currentTarget).attr("data-names").split("\n");
		if (names.length === 1) {
			frappe.set_route("Form", doctype, names[0]);
		} else {
			frappe.route_options = { name: ["in", names] };
			frappe.set_route("List", doctype);
		}
	});
}
