// Whole rupiahs in the list without ",00", so that its amounts are not cut (public/js/list_amounts.js).
frappe.listview_settings["ANTARA Cooperation Contract"] = {
	onload: antara_sales.list_amounts.whole_rupiah,
};
