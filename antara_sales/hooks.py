app_name = "antara_sales"
app_title = "ANTARA Sales"
app_publisher = "Perum LKBN ANTARA"
app_description = "Sales and marketing procedure P/SMM/KOM/001 of Perum LKBN ANTARA"
app_email = "it@antaranews.com"
app_license = "mit"
required_apps = []

# Frappe keeps a typed field block in each controller (developer mode).
export_python_type_annotations = True

after_install = "antara_sales.setup.install.after_install"
after_migrate = "antara_sales.setup.install.after_migrate"
before_uninstall = "antara_sales.setup.install.before_uninstall"

# Row-level scope: see antara_sales/permissions.py.
permission_query_conditions = {
	"ANTARA Media Order": "antara_sales.permissions.media_order_query",
	"ANTARA Order Verification": "antara_sales.permissions.order_verification_query",
	"ANTARA Cooperation Contract": "antara_sales.permissions.contract_query",
	"ANTARA Subscription Change": "antara_sales.permissions.subscription_change_query",
	"ANTARA Project": "antara_sales.permissions.project_query",
	"ANTARA Customer": "antara_sales.permissions.customer_query",
}
has_permission = {
	doctype: "antara_sales.permissions.has_permission"
	for doctype in (
		"ANTARA Media Order",
		"ANTARA Order Verification",
		"ANTARA Cooperation Contract",
		"ANTARA Subscription Change",
		"ANTARA Project",
		"ANTARA Customer",
	)
}

scheduler_events = {
	"daily": [
		"antara_sales.services.contract.expire_ended_contracts",
	],
}
