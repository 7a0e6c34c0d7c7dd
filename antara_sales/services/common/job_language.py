"""The app's background jobs write in the language of the user they run for (the user's own, else
the site's), as a web request does. Frappe v15 starts every job in site_config's `lang` or in
English, so the tickets, invoices and notices the fulfilment job writes after a signing (6.8) came
out in English on an Indonesian site. Hook: hooks.py `before_job`; other apps' jobs are left alone."""

import frappe
from frappe.translate import get_user_lang

APP_PREFIX = "antara_sales."


def set_job_language(method: str | None = None, kwargs: dict | None = None):
	job_type = (kwargs or {}).get("job_type") or ""  # a scheduled job runs through Frappe's wrapper
	if not ((method or "").startswith(APP_PREFIX) or str(job_type).startswith(APP_PREFIX)):
		return
	if frappe.local.conf.get("lang"):
		return  # the site pinned a language for every process
	frappe.local.lang = get_user_lang(frappe.session.user)
