"""The app adds no bench commands. Frappe imports this module in every bench command
(frappe.utils.bench_helper.get_app_commands), which makes it the one place where the app runs in an
RQ worker's parent process before that forks a work horse for each job: Frappe v15's `bench worker`
preloads none of the modules a job needs, so every job imported them again, about 1.5 s of a 2 s
fulfilment job (6.8, issue 13). Imported here once, before Frappe freezes the worker's garbage
collector, they are shared by every forked job. Other bench commands import nothing more."""

import importlib
import sys

commands = []

# What the app's jobs (fulfilment, billing, reminders, feedback requests) import on their way.
WORKER_PRELOAD = (
	"antara_sales.services.fulfilling.fulfilment",
	"antara_sales.services.reporting.customer_feedback",
	"frappe.model.create_new",
	"frappe.desk.form.assign_to",
	"frappe.desk.doctype.notification_log.notification_log",
	"frappe.core.doctype.user_permission.user_permission",
	"frappe.email.doctype.email_queue.email_queue",
)

if {"worker", "worker-pool"} & set(sys.argv[1:]):
	for module in WORKER_PRELOAD:
		importlib.import_module(module)
