// Copyright (c) 2026, Perum LKBN ANTARA and contributors
// Rupiah amounts in the ANTARA lists without the ",00" of a whole rupiah (issue 10): Frappe's list
// gives every column the same width, and at 1440 px "Rp 399.600.000,00" was cut to
// "Rp 399.600.000,0". Amounts with sen keep them; the cell's tooltip shows the amount in full.
// A list's settings use it as `onload: antara_sales.list_amounts.whole_rupiah`.
frappe.provide("antara_sales.list_amounts");

antara_sales.list_amounts.whole_rupiah = function (listview) {
	const formatters = (listview.settings.formatters = listview.settings.formatters || {});
	for (const column of listview.columns) {
		const df = column.df;
		if (column.type !== "Field" || df?.fieldtype !== "Currency" || formatters[df.fieldname]) continue;
		formatters[df.fieldname] = (value, field, doc) => {
			const full = frappe.format(value, field, { inline: true }, doc);
			const shown = Number.isInteger(flt(value))
				? frappe.format(value, { ...field, precision: 0 }, { inline: true }, doc)
				: full;
			const title = frappe.utils.escape_html(`${__(field.label)}: ${strip_html(full)}`);
			return `<span class="ellipsis" title="${title}">${shown}</span>`;
		};
	}
};
