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

scheduler_events = {
	"daily": [
		"antara_sales.services.contract.expire_ended_contracts",
	],
}
