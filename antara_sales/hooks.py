app_name = "antara_sales"
app_title = "ANTARA Sales"
app_publisher = "Perum LKBN ANTARA"
app_description = "Sales and marketing procedure P/SMM/KOM/001 of Perum LKBN ANTARA"
app_email = "it@antaranews.com"
app_license = "mit"
required_apps = []

# Frappe keeps a typed field block in each controller (developer mode).
export_python_type_annotations = True

# The app on Frappe's apps screen (/apps) and, on v16, as an app icon on the desktop; only for the
# procedure's staff (antara_sales/apps_screen.py), so a portal customer is not sent to the desk.
# Its route is the desk's home, where Frappe opens the first workspace a person may see: ANTARA
# Sales for the sales staff, ANTARA Fulfilment for 6.8's technical, editorial and finance people.
add_to_apps_screen = [
	{
		"name": "antara_sales",
		"logo": "/assets/antara_sales/images/antara_sales_logo.svg",
		"title": "ANTARA Sales",
		"route": "/app",
		"has_permission": "antara_sales.apps_screen.has_app_permission",
	}
]

# A form's breadcrumb leads to the person's own workspace (antara_sales/boot.py).
boot_session = "antara_sales.boot.own_workspace_first"

after_install = "antara_sales.setup.install.after_install"
after_migrate = "antara_sales.setup.install.after_migrate"
before_uninstall = "antara_sales.setup.install.before_uninstall"

# Row-level scope (antara_sales/permissions.py): one rule for lists, reports, link search and
# single records. Issue 7: the weekly meeting, targets and feedback are department records too;
# issue 10: each downstream department its own tickets, Finance the invoices (6.8).
_scoped = (
	"ANTARA Media Order",
	"ANTARA Order Verification",
	"ANTARA Cooperation Contract",
	"ANTARA Subscription Change",
	"ANTARA Project",
	"ANTARA Customer",
	"ANTARA Weekly Sales Meeting",
	"ANTARA Sales Target",
	"ANTARA Customer Feedback",
	"ANTARA Feedback Request",
	"ANTARA Order Invitation",
	"ANTARA Signing Invitation",  # issue 15: the customer signs online (6.7), an AE's own
	"ANTARA Signed Copy",  # scoped as its contract (6.7)
	"ANTARA Ticket",
	"ANTARA Invoice",
)
permission_query_conditions = {d: "antara_sales.permissions.query_conditions" for d in _scoped} | {
	# Issue 10: on the procedure's DocTypes each Workflow Action is its own person's (ANDed with Frappe's).
	"Workflow Action": "antara_sales.services.workflow.inbox.query_conditions",
}
has_permission = {d: "antara_sales.permissions.has_permission" for d in _scoped}

# Printing (issue 6): each print records the form revision it carried (before_print, run by
# frappe.www.printview for every render); the signed contract's customer copy is emailed (6.7).
doc_events = {
	"ANTARA Media Order": {
		"before_print": "antara_sales.services.printing.print_log.on_before_print",
	},
	"ANTARA Subscription Change": {
		"before_print": "antara_sales.services.printing.print_log.on_before_print",
		# Fulfilment (issue 5, 6.8): after the controller ran, an approved change is followed up.
		"on_submit": "antara_sales.services.fulfilling.fulfilment.on_change_submitted",
	},
	"ANTARA Cooperation Contract": {
		"before_print": "antara_sales.services.printing.print_log.on_before_print",
		"before_submit": "antara_sales.services.fulfilling.fulfilment.before_contract_signed",
		"on_submit": [
			"antara_sales.services.contracting.contract_copy.on_contract_signed",
			# Fulfilment (issue 5, 6.8): the customer signed (status Signed): tickets and invoice.
			"antara_sales.services.fulfilling.fulfilment.on_contract_signed",
		],
		"before_update_after_submit": "antara_sales.services.fulfilling.fulfilment.keep_service_fields",
		"before_cancel": "antara_sales.services.fulfilling.fulfilment.before_contract_cancel",
		"on_cancel": "antara_sales.services.fulfilling.fulfilment.on_contract_cancelled",
	},
	# Issue 12: a state an admin renames in the desk is renamed wherever it is named.
	"Workflow": {
		"before_validate": "antara_sales.services.workflow.workflow_changes.before_validate",
		"on_update": "antara_sales.services.workflow.workflow_changes.on_update",
	},
	# Weekly meeting (issue 7, 6.2): closing a ToDo closes the action item it came from.
	"ToDo": {
		"on_update": "antara_sales.services.reporting.weekly_meeting.on_todo_update",
	},
}

# The saved form shows the names behind the links the server filled in (Frappe sends them only
# with a loaded form): services/common/link_titles.py.
doc_events["*"] = {"on_change": "antara_sales.services.common.link_titles.send"}

# Issue 13: the row-level scope is worked out once per request (permissions.scope_for); a change to
# what it is worked out from is seen by the next check in the same request.
_forget_scopes = "antara_sales.permissions.forget_scopes"
doc_events |= {
	d: {"on_update": _forget_scopes, "on_trash": _forget_scopes}
	for d in ("ANTARA Department", "ANTARA Division", "ANTARA Bureau", "ANTARA Approval Delegation", "User")
}

# No "not editable due to a Workflow" toast on the procedure's own steps; the date picker in
# Indonesian (issue 10).
app_include_js = [
	"/assets/antara_sales/js/quiet_workflow_toast.js",
	"/assets/antara_sales/js/datepicker_id.js",
	"/assets/antara_sales/js/report_filters.js",  # the filters the ANTARA reports share (issue 12)
	"/assets/antara_sales/js/list_amounts.js",  # whole rupiahs in the lists, uncut (issue 10)
]

# The inbox's state column in the reader's language (issue 10).
doctype_list_js = {
	"Workflow Action": "public/js/workflow_action_list.js",
	"ANTARA Invoice": "public/js/invoice_list.js",  # Export to Coretax (issue 11)
}

# Whose turn it is on each workflow form (issue 10); the signed contract's fulfilment at a glance
# and its Retry button (issue 5).
doctype_js = {
	# Issue 15: "Send Online Form" / "Withdraw" (the prospect fills in F/KOM/003 online, 6.3).
	"ANTARA Media Order": [
		"public/js/workflow_turn.js",
		"public/js/guest_link_buttons.js",
		"public/js/order_invitation.js",
	],
	"ANTARA Subscription Change": "public/js/workflow_turn.js",
	"ANTARA Cooperation Contract": [
		"public/js/workflow_turn.js",
		"public/js/contract_fulfilment.js",
		"public/js/guest_link_buttons.js",
		"public/js/signing_invitation.js",  # issue 15: "Send Signing Link" / "Withdraw" (6.7)
	],
	# Issue 12: a rule that assigns the department's people needs neither users nor a field.
	"Assignment Rule": "public/js/assignment_rule.js",
}

# Helpers of the print formats (antara_sales/services/printing/print_context.py).
jinja = {
	"methods": [
		"antara_sales.services.printing.print_context.antara_print",
		"antara_sales.services.printing.print_context.antara_date",
		"antara_sales.services.printing.print_context.antara_label",
		"antara_sales.services.printing.print_context.antara_rich_text",
		"antara_sales.services.printing.print_context.antara_image",
		"antara_sales.services.printing.print_context.antara_rupiah",
		"antara_sales.services.printing.print_context.antara_terbilang",
	],
}

# Jobs of the app write in their user's (or the site's) language, as requests do.
before_job = ["antara_sales.services.common.job_language.set_job_language"]

# Issue 14: hostile values for the app's DocTypes are refused (417, naming the field) where the
# request enters, before Frappe builds a document from them.
before_request = ["antara_sales.services.common.request_guard.check_request"]

# Issue 13: Frappe routes query_report.run to a read replica (read_from_replica) but not these two
# endpoints of the workspace's Document Type number cards and Count charts; the overrides run
# Frappe's own functions with their reads on the replica (api/read_replica.py).
override_whitelisted_methods = {
	"frappe.desk.doctype.number_card.number_card.get_result": "antara_sales.api.read_replica.number_card_result",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "antara_sales.api.read_replica.dashboard_chart_data",
}

scheduler_events = {
	"daily": [
		"antara_sales.services.contracting.contract.expire_ended_contracts",
		# Fulfilment (issue 5, 6.8): each due billing period's invoice, overdue invoices, and
		# fulfilment jobs that failed or never ran.
		"antara_sales.services.fulfilling.fulfilment.bill_due_contracts",
		"antara_sales.services.fulfilling.invoice.mark_overdue_invoices",
		"antara_sales.services.fulfilling.fulfilment.retry_unfinished",
		# Issue 15: online-form links past their date say so.
		"antara_sales.services.ordering.invitation.expire_stale",
		"antara_sales.services.contracting.signing_invitation.expire_stale",
		# Issue 15 (6.7): contracts signed online whose signed copies were never made.
		"antara_sales.services.contracting.signed_copies.make_missing",
		# Customer satisfaction (issue 7): ask the customers of contracts fulfilled recently.
		"antara_sales.services.reporting.customer_feedback.request_due_feedback",
	],
	"cron": {
		# Weekly meeting reminder (issue 7, 6.1): Monday 07:00, once last week's figures are complete
		# (Frappe's "weekly" runs at Sunday midnight, before the week has ended).
		"0 7 * * 1": ["antara_sales.services.reporting.weekly_meeting.send_meeting_reminders"],
	},
}
