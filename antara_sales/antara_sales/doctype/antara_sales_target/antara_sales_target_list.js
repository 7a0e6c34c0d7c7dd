// Whole rupiahs in the list without ",00", so that its amounts are not cut (public/js/list_amounts.js).
// The title names the department, month, bureau and product (sales_target.py), so the list shows
// the targets themselves (6.1.1) instead of an ID column that repeated them.
frappe.listview_settings["ANTARA Sales Target"] = {
	onload: antara_sales.list_amounts.whole_rupiah,
	hide_name_column: true,
};
