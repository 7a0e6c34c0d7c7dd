# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services.reporting import weekly_meeting
from antara_sales.services.workflow.workflow_guard import WorkflowGuarded


class ANTARAWeeklySalesMeeting(WorkflowGuarded, Document):
	def before_insert(self):
		# The name carries the week (WSM-2026-W14-0001), so the week is set before naming.
		weekly_meeting.set_people(self)
		weekly_meeting.set_week(self)

	def validate(self):
		super().validate()
		weekly_meeting.validate(self)

	def before_submit(self):
		weekly_meeting.check_minutes(self)
		weekly_meeting.record_submission(self)

	def on_submit(self):
		weekly_meeting.on_submit(self)

	def before_update_after_submit(self):
		super().before_update_after_submit()
		weekly_meeting.record_acknowledgement(self)

	def on_update_after_submit(self):
		super().on_update_after_submit()
		weekly_meeting.sync_action_items(self)

	def on_cancel(self):
		super().on_cancel()
		weekly_meeting.on_cancel(self)
