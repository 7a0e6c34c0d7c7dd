# Copyright (c) 2026, Perum LKBN ANTARA and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from antara_sales.services import weekly_meeting, workflow_guard


class ANTARAWeeklySalesMeeting(Document):
	def before_insert(self):
		# The name carries the week (WSM-2026-W14-0001), so the week is set before naming.
		weekly_meeting.set_people(self)
		weekly_meeting.set_week(self)

	def validate(self):
		workflow_guard.check(self)
		weekly_meeting.validate(self)

	def before_submit(self):
		weekly_meeting.check_minutes(self)
		weekly_meeting.record_submission(self)

	def on_submit(self):
		workflow_guard.log_transition(self)
		weekly_meeting.on_submit(self)

	def before_update_after_submit(self):
		workflow_guard.check(self)
		weekly_meeting.record_acknowledgement(self)

	def on_update_after_submit(self):
		workflow_guard.log_transition(self)
		weekly_meeting.sync_action_items(self)

	def on_update(self):
		workflow_guard.log_transition(self)

	def before_cancel(self):
		workflow_guard.check(self)

	def on_cancel(self):
		workflow_guard.log_transition(self)
		weekly_meeting.on_cancel(self)
