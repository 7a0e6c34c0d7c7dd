// Copyright (c) 2026, Perum LKBN ANTARA and contributors
// Rupiah amounts in the ANTARA lists and reports without the ",00" of a whole rupiah (issue 10):
// Frappe's list gives every column the same width, and at 1440 px "Rp 399.600.000,00" was cut to
// "Rp 399.600.000,0"; a report's "Rp -150.000.000,00" was cut likewise. Amounts with sen keep them.
// Percentages in the reader's number format: Frappe's Percent formatter writes "32.8%" in every
// language (formatters.js), where Indonesian reads "32,8%".
// A list's settings use `onload: antara_sales.list_amounts.whole_rupiah`; a report's
// `formatter: antara_sales.list_amounts.report_cell`.
frappe.provide("antara_sales.list_amounts");

// The field to format `value` with: a whole rupiah without decimals, anything else as it is.
const whole_rupiah_field = (field, value) =>
	field?.fieldtype === "Currency" && Number.isInteger(flt(value)) ? { ...field, precision: 0 } : field;

// The value as Frappe formats it for `field`, with whole rupiahs and percentages as above.
antara_sales.list_amounts.format = function (value, field, options, doc) {
	if (field?.fieldtype === "Percent" && value !== null && value !== undefined && value !== "") {
		const decimals = frappe.utils.get_number_of_decimals(flt(value, field.precision || 2));
		return frappe.form.formatters._right(format_number(value, null, decimals) + "%", options);
	}
	return frappe.format(value, whole_rupiah_field(field, value), options, doc);
};

antara_sales.list_amounts.whole_rupiah = function (listview) {
	const formatters = (listview.settings.formatters = listview.settings.formatters || {});
	for (const column of listview.columns) {
		const df = column.df;
		if (column.type !== "Field" || df?.fieldtype !== "Currency" || formatters[df.fieldname]) continue;
		formatters[df.fieldname] = (value, field, doc) => {
			const full = frappe.format(value, field, { inline: true }, doc);
			const shown = antara_sales.list_amounts.format(value, field, { inline: true }, doc);
			const title = frappe.utils.escape_html(`${__(field.label)}: ${strip_html(full)}`);
			return `<span class="ellipsis" title="${title}">${shown}</span>`;
		};
	}
};

// A query report's formatter (frappe.query_reports[...].formatter): its rupiah and percent cells.
antara_sales.list_amounts.report_cell = function (value, row, column, data, default_formatter) {
	if (column.fieldtype === "Percent") return antara_sales.list_amounts.format(value, column, {}, data);
	return default_formatter(value, row, whole_rupiah_field(column, value), data);
};
