"""The weekly sales meeting of a product-owning department (6.1, 6.1.1, 6.1.2, 6.2).

6.1: chaired by the department's Manager, supervised by its General Manager, once a week. On
creation the evaluation of 6.1.1 is filled in from the data (domain/meeting_evaluation.py over
services/reporting/sales_facts.py) and the open action items of the department's previous meeting carry over
(6.2: the minutes are followed up). Submitting the minutes turns each open action item into a ToDo
for its owner; closing the ToDo closes the item wherever it was carried. The GM acknowledges the
submitted minutes (workflow ANTARA Weekly Sales Meeting)."""

import frappe
from frappe import _
from frappe.utils import flt, get_link_to_form, getdate, now_datetime, today

from antara_sales.doctypes import ACTION_ITEM, DEPARTMENT, MEETING
from antara_sales.domain import meeting_evaluation, sales_calendar
from antara_sales.roles import is_admin
from antara_sales.services.ordering.departments import PRODUCT_OWNING, check_product_owning
from antara_sales.services.reporting import sales_facts
from antara_sales.services.workflow import steps

REFERENCE_DOCTYPES = {
	meeting_evaluation.CONTRACT: sales_facts.CONTRACT,
	meeting_evaluation.MEDIA_ORDER: sales_facts.ORDER,
	meeting_evaluation.VERIFICATION: sales_facts.VERIFICATION,
	meeting_evaluation.FEEDBACK: sales_facts.FEEDBACK,
	meeting_evaluation.INVOICE: sales_facts.INVOICE,
}
ITEM_TO_TODO = {"Open": "Open", "Done": "Closed", "Cancelled": "Cancelled"}
TODO_TO_ITEM = {v: k for k, v in ITEM_TO_TODO.items()}


# ------------------------------------------------------------------ people and week (6.1)


def set_people(meeting):
	"""6.1: the department's Manager chairs, the division's General Manager supervises."""
	check_product_owning(meeting.department, _("Product-Owning Department"), "6.1")
	dept = frappe.get_cached_doc(DEPARTMENT, meeting.department)
	meeting.chair = dept.manager
	meeting.supervisor = dept.general_manager or frappe.get_cached_value(
		"ANTARA Division", dept.division, "general_manager"
	)
	meeting.division, meeting.bureau = dept.division, dept.bureau


def check_who_records_it(meeting):
	"""Only the department's chair or supervisor (or an admin) records its meeting."""
	user = frappe.session.user
	if user in (meeting.chair, meeting.supervisor) or is_admin(user):
		return
	frappe.throw(
		_("The weekly meeting of {0} is recorded by its Manager {1} (6.1).").format(
			frappe.bold(meeting.department), frappe.bold(meeting.chair)
		),
		frappe.PermissionError,
	)


def set_week(meeting):
	day = getdate(meeting.meeting_date)
	week = sales_calendar.week_of(day)
	meeting.week_start = week.start
	meeting.week_label = sales_calendar.week_label(day)
	meeting.title = f"{meeting.department} · {meeting.week_label}"
	if meeting.docstatus < 2:
		meeting.meeting_key = f"{meeting.department}|{week.start}"


def check_one_per_week(meeting):
	other = frappe.db.get_value(
		MEETING, {"meeting_key": meeting.meeting_key, "name": ["!=", meeting.name or ""]}, "name"
	)
	if other:
		frappe.throw(
			_("{0} already holds its meeting for {1}: {2}.").format(
				frappe.bold(meeting.department), meeting.week_label, get_link_to_form(MEETING, other)
			),
			frappe.DuplicateEntryError,
			title=_("One Meeting a Week"),
		)


def prefill_attendees(meeting):
	if meeting.attendees:
		return
	dept = frappe.get_cached_doc("ANTARA Department", meeting.department)
	seen = set()
	for user, role in [(meeting.chair, "Chair"), (meeting.supervisor, "Supervisor")] + [
		(m.user, "Member") for m in dept.members
	]:
		if user and user not in seen:
			seen.add(user)
			meeting.append("attendees", {"user": user, "meeting_role": role, "attended": 1})


def set_strategy_month(meeting):
	"""6.1.2: the plan is for a month; by default the month of the meeting."""
	meeting.strategy_month = sales_calendar.month_start(
		getdate(meeting.strategy_month or meeting.meeting_date)
	)


# ------------------------------------------------------------------ 6.1.1 evaluation


def fill_evaluation(meeting):
	"""The figures of 6.1.1 for the week before the meeting and the month to date."""
	periods = sales_calendar.meeting_periods(getdate(meeting.meeting_date))
	span = sales_calendar.Span(
		min(periods.last_week.start, periods.month_to_date.start), periods.last_week.end
	)
	facts = sales_facts.department_facts(meeting.department, span)
	result = meeting_evaluation.evaluate(facts, periods.last_week, periods.month_to_date, periods.month)
	meeting.evaluated_from, meeting.evaluated_to = periods.last_week.start, periods.last_week.end
	meeting.month_to_date_from = periods.month_to_date.start
	meeting.evaluation_refreshed_on = now_datetime()
	for field, value in result.summary.items():
		meeting.set(field, flt(value, 2) if value is not None else None)
	meeting.set("evaluation", [])
	for row in result.rows:
		meeting.append(
			"evaluation",
			{
				"section": row.section,
				"metric": row.metric,
				"period": row.period,
				"product": row.product,
				"unit": row.unit,
				"value": flt(row.value, 2),
				"target": flt(row.target, 2) if row.target is not None else None,
				"achievement": flt(row.achievement, 2) if row.achievement is not None else None,
				"record_count": len(row.references),
				"reference_doctype": REFERENCE_DOCTYPES.get(row.reference_kind),
				"reference_names": "\n".join(row.references),
			},
		)


def evaluation_is_stale(meeting) -> bool:
	return meeting.is_new() or not meeting.evaluation or meeting.has_value_changed("meeting_date")


# ------------------------------------------------------------------ 6.2 action items


def previous_meeting(meeting) -> str | None:
	return frappe.db.get_value(
		MEETING,
		{
			"department": meeting.department,
			"week_start": ["<", meeting.week_start],
			"docstatus": ["<", 2],
			"name": ["!=", meeting.name or ""],
		},
		"name",
		order_by="week_start desc",
	)


def carry_over_open_items(meeting):
	"""6.2: actions still open at the previous meeting come to this one, with their ToDo."""
	source = previous_meeting(meeting)
	if not source:
		return
	already = {(row.todo or row.description) for row in meeting.action_items}
	for item in frappe.get_all(
		ACTION_ITEM,
		filters={"parenttype": MEETING, "parent": source, "parentfield": "action_items"},
		fields=["description", "assigned_to", "due_date", "status", "todo", "carried_from"],
		order_by="idx",
	):
		status = current_status(item)
		if status != "Open" or (item.todo or item.description) in already:
			continue
		meeting.append(
			"action_items",
			{
				"description": item.description,
				"assigned_to": item.assigned_to,
				"due_date": item.due_date,
				"status": "Open",
				"todo": item.todo,
				"carried_from": item.carried_from or source,
			},
		)


def current_status(item) -> str:
	"""The ToDo is where the owner closes the action: it wins over the row's status."""
	if item.todo:
		todo_status = frappe.db.get_value("ToDo", item.todo, "status")
		if todo_status:
			return TODO_TO_ITEM.get(todo_status, item.status)
	return item.status


def check_action_items(meeting):
	for item in meeting.action_items:
		if item.status == "Open" and not item.due_date:
			frappe.throw(
				_("Row #{0}: {1} is required for an open action.").format(
					item.idx, frappe.bold(_("Due Date"))
				)
			)


def sync_action_items(meeting):
	"""Each open action is a ToDo for its owner; a closed or cancelled action closes its ToDo."""
	for item in meeting.action_items:
		wanted = ITEM_TO_TODO[item.status]
		todo = (
			frappe.db.get_value("ToDo", item.todo, ["status", "allocated_to"], as_dict=True)
			if item.todo
			else None
		)
		if todo and todo.allocated_to != item.assigned_to:
			set_todo_status(item.todo, "Cancelled")  # the action changed hands
			todo = None
		if todo:
			if todo.status != wanted:
				set_todo_status(item.todo, wanted)
		elif item.status == "Open":
			item.db_set("todo", make_todo(meeting, item), update_modified=False)
		share_with(meeting, item.assigned_to)


def make_todo(meeting, item) -> str:
	todo = frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": item.assigned_to,
			"description": item.description,
			"date": item.due_date,
			"reference_type": MEETING,
			"reference_name": meeting.name,
			"assigned_by": meeting.chair or frappe.session.user,
			"priority": "Medium",
		}
	).insert(ignore_permissions=True)
	from frappe.desk.form.assign_to import notify_assignment

	notify_assignment(todo.assigned_by, todo.allocated_to, MEETING, meeting.name, "ASSIGN", item.description)
	return todo.name


def set_todo_status(todo_name: str, status: str):
	todo = frappe.get_doc("ToDo", todo_name)
	todo.status = status
	todo.save(ignore_permissions=True)


def share_with(meeting, user: str | None):
	"""Attendees and action owners read the minutes they take part in (6.2)."""
	if not user or user in (meeting.chair, meeting.supervisor):
		return
	frappe.share.add_docshare(MEETING, meeting.name, user, read=1, flags={"ignore_share_permission": True})


def on_todo_update(todo, method=None):
	"""doc_event: closing (or reopening) a ToDo moves every row that carries it (6.2)."""
	if todo.reference_type != MEETING:
		return
	status = TODO_TO_ITEM.get(todo.status)
	if not status:
		return
	for row in frappe.get_all(
		ACTION_ITEM, filters={"todo": todo.name, "status": ["!=", status]}, pluck="name"
	):
		frappe.db.set_value(ACTION_ITEM, row, "status", status, update_modified=False)


# ------------------------------------------------------------------ submission and acknowledgement


def check_minutes(meeting):
	"""6.2: the minutes are written before they are submitted."""
	if not frappe.utils.strip_html(meeting.minutes or "").strip():
		frappe.throw(
			_("Write the {0} before submitting them (6.2).").format(frappe.bold(_("Minutes (Notulen)"))),
			title=_("No Minutes"),
		)


def record_submission(meeting):
	meeting.submitted_by = frappe.session.user
	meeting.submitted_on = now_datetime()


def record_acknowledgement(meeting):
	"""The supervising GM acknowledges the minutes (6.1); the GM and time are recorded."""
	before = meeting.get_doc_before_save()
	if not steps.is_at(meeting, "acknowledged") or (before and steps.is_at(before, "acknowledged")):
		return
	user = frappe.session.user
	if user != meeting.supervisor and not is_admin(user):
		frappe.throw(
			_(
				"Only {0}, the General Manager supervising this meeting, acknowledges its minutes (6.1)."
			).format(frappe.bold(meeting.supervisor)),
			frappe.PermissionError,
		)
	meeting.acknowledged_by = user
	meeting.acknowledged_on = now_datetime()


def on_submit(meeting):
	sync_action_items(meeting)
	for row in meeting.attendees:
		share_with(meeting, row.user)


def on_cancel(meeting):
	"""A cancelled meeting frees its week for the amended copy."""
	meeting.db_set("meeting_key", None, update_modified=False)


def validate(meeting):
	set_people(meeting)
	if meeting.is_new():
		check_who_records_it(meeting)
	set_week(meeting)
	check_one_per_week(meeting)
	set_strategy_month(meeting)
	if meeting.is_new():
		prefill_attendees(meeting)
		carry_over_open_items(meeting)
	if meeting.docstatus == 0 and evaluation_is_stale(meeting):
		fill_evaluation(meeting)
	check_action_items(meeting)


def refresh_evaluation(name: str):
	"""Take the figures again (a draft only: submitted minutes keep the figures they discussed)."""
	meeting = frappe.get_doc(MEETING, name)
	meeting.check_permission("write")
	if meeting.docstatus != 0:
		frappe.throw(_("The figures of submitted minutes stay as they were discussed."))
	fill_evaluation(meeting)
	meeting.save()
	return meeting


# ------------------------------------------------------------------ the weekly reminder (6.1)


def departments_without_meeting(week_start) -> list:
	"""Active product-owning departments with no meeting recorded for the week."""
	held = set(
		frappe.get_all(MEETING, filters={"week_start": week_start, "docstatus": ["<", 2]}, pluck="department")
	)
	return [
		d
		for d in frappe.get_all(
			"ANTARA Department",
			filters={"department_kind": PRODUCT_OWNING, "is_active": 1},
			fields=["name", "manager"],
			order_by="name",
		)
		if d.name not in held and d.manager
	]


def send_meeting_reminders(on_date=None) -> list[str]:
	"""Weekly (hooks: Monday morning, once last week's figures are complete): remind each
	product-owning department's Manager whose meeting for this week is not recorded yet."""
	day = getdate(on_date or today())
	week = sales_calendar.week_of(day)
	label = sales_calendar.week_label(day)
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	from antara_sales.services.common import notify

	reminded = []
	for dept in departments_without_meeting(week.start):
		reminder = notify.render(  # admins word it in the desk
			notify.MEETING_REMINDER,
			frappe.get_cached_doc(DEPARTMENT, dept.name),
			week_label=label,
		)
		subject = reminder.subject
		if frappe.db.exists(
			"Notification Log",
			{
				"for_user": dept.manager,
				"document_type": "ANTARA Department",
				"document_name": dept.name,
				"subject": subject,
			},
		):
			continue  # idempotent: one reminder per department and week
		enqueue_create_notification(
			dept.manager,
			{
				"type": "Alert",
				"document_type": "ANTARA Department",
				"document_name": dept.name,
				"subject": subject,
				"email_content": reminder.message,
			},
		)
		reminded.append(dept.name)
	return reminded
