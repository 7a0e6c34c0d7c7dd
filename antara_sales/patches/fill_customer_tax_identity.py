"""Issue 11: customers saved before the tax identity existed get one, as a new customer of their type
would: buyer category Badan Usaha for an institution and Umum for an individual, the tax ID type
(NPWP for an institution; NIK for an individual, unless the number is a company-style NPWP) and the
head office's NITKU, NPWP + 000000 (PER-6/PJ/2024). Values an admin already set are kept; nothing
is validated again, so a record that is wrong in another way is still saved as it was."""

import frappe

from antara_sales.doctypes import BUYER_CATEGORY, CUSTOMER
from antara_sales.domain import identifiers
from antara_sales.services.ordering.customer import DEFAULT_BUYER_CATEGORY, default_tax_id_type
from antara_sales.setup.shipped_records import sync_all


def execute():
	# The categories are shipped records that after_migrate installs, after the patches: install
	# them now, so that no customer links to a category that is not there yet.
	sync_all((BUYER_CATEGORY,))
	for row in frappe.get_all(
		CUSTOMER, fields=["name", "customer_type", "npwp", "buyer_category", "tax_id_type", "nitku"]
	):
		values = {
			"buyer_category": row.buyer_category or DEFAULT_BUYER_CATEGORY.get(row.customer_type, "Umum"),
			"tax_id_type": row.tax_id_type or default_tax_id_type(row.customer_type, row.npwp),
			"nitku": row.nitku or identifiers.default_nitku(row.npwp),
		}
		if any(values[field] != row[field] for field in values):
			frappe.db.set_value(CUSTOMER, row.name, values, update_modified=False)
