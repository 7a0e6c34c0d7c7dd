# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ANTARASignedCopy(Document):
	"""One signed copy of a cooperation contract (6.7: the customer's copy and the archive copy): the
	PDF as it was signed, stored once as a private File on the contract, with the SHA-256 of its
	exact bytes and the signing's audit data. Written only by
	antara_sales.services.contracting.signed_copies; read-only to users."""

	pass
