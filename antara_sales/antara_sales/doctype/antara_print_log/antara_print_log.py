# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ANTARAPrintLog(Document):
	"""Written only by antara_sales.services.printing.print_log (doc_events before_print); read-only to
	users. Frappe checks that the Dynamic Link names an existing document."""

	pass
