from frappe.utils import escape_html

from antara_sales.services.reporting.customer_feedback import web_form_context


def get_context(context):
	# Names the contract the link is about, and refuses a spent or unknown link before the form.
	web_form_context(context)
	if context.get("feedback_about"):
		context.web_form_doc.introduction_text = f"<p><b>{escape_html(context.feedback_about)}</b></p>" + (
			context.web_form_doc.introduction_text or ""
		)
