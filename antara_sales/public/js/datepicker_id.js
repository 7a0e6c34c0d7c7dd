// Indonesian for the desk's date picker (issue 10). Listed in hooks.py app_include_js.
// Frappe's date control picks $.fn.datepicker.language[frappe.boot.user.language] and falls back to
// English ("Su Mo Tu", "Today") because air-datepicker ships no Indonesian.
(function ($) {
	if (!$.fn.datepicker || $.fn.datepicker.language.id) return;
	$.fn.datepicker.language.id = {
		days: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
		daysShort: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
		daysMin: ["Mg", "Sn", "Sl", "Rb", "Km", "Jm", "Sb"],
		months: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"],
		monthsShort: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
		today: "Hari ini",
		clear: "Hapus",
		dateFormat: "dd/mm/yyyy",
		timeFormat: "hh:ii",
		firstDay: 1,
	};
})(jQuery);
