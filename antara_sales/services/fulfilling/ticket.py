"""Tickets of 6.8: the work a signed contract asks of the technical, editorial and finance departments,
assigned to the department's people (ToDo, so it is in their "Assigned to me") with a due date from
the department's SLA in ANTARA Sales Settings. Only the fulfilment service opens and cancels
tickets; the department's people move them to In Progress and Done, with a resolution note."""

import frappe
from frappe import _
from frappe.utils import add_days, escape_html, format_date, get_link_to_form, today

from antara_sales.doctypes import CONTRACT, TICKET
from antara_sales.domain import fulfilment as rules
from antara_sales.domain import print_text
from antara_sales.roles import is_admin
from antara_sales.services.common.notify import NEW_TICKET, notify_from_template
from antara_sales.services.common.settings import get_settings

SETTINGS_DEPARTMENT = {
	rules.TECHNICAL: ("default_technical_department", "technical_sla_days"),
	rules.EDITORIAL: ("default_editorial_department", "editorial_sla_days"),
	rules.FINANCE: ("default_finance_department", "finance_sla_days"),
}


# Opening (the fulfilment service only).


def downstream_department(work: str) -> str:
	"""The department that does `work` (6.8), from the settings; it must exist and be active."""
	field, _sla = SETTINGS_DEPARTMENT[work]
	department = get_settings().get(field)
	row = department and frappe.db.get_value(
		"ANTARA Department", department, ["is_active", "department_kind"], as_dict=True
	)
	if not row or not row.is_active or row.department_kind != work:
		frappe.throw(
			_("Set an active {0} department under {1} in ANTARA Sales Settings (6.8); it is {2}.").format(
				_(work),
				frappe.bold(_("Default Downstream Departments (6.8)")),
				frappe.bold(department or _("not set")),
			),
			title=_("No {0} Department").format(_(work)),
		)
	return department


def sla_days(work: str) -> int:
	return int(get_settings().get(SETTINGS_DEPARTMENT[work][1]) or 0)


def department_people(department: str) -> list[str]:
	row = frappe.get_doc("ANTARA Department", department)
	return rules.people(row.manager, [m.user for m in row.members])


def open_ticket(contract, work: str, products: list, *, on, change=None):
	"""The ticket for `work` on `contract` (or on an approved `change`), unless it exists; assigned
	to the department's people, who are notified. The database's unique key on the ticket key is
	what makes it exactly once: a racing second insert fails and the caller's job rolls back."""
	department = downstream_department(work)
	key = rules.ticket_key(contract.name, department, change.name if change else None)
	if frappe.db.get_value(TICKET, {"ticket_key": key}, "name", for_update=True):
		return None
	days = sla_days(work)
	ticket = frappe.get_doc(
		{
			"doctype": TICKET,
			"ticket_key": key,
			"subject": subject(contract, work, change),
			"contract": contract.name,
			"customer": contract.customer,
			"customer_name": contract.customer_name,
			"work_type": work,
			"department": department,
			"owning_department": contract.department,  # whose people see it too (permissions.py)
			"status": rules.OPEN,
			"opened_on": on,
			"sla_days": days,
			"due_date": add_days(on, days),
			"start_date": min(p.start_date for p in products),
			"end_date": max(p.end_date for p in products),
			"account_executive": contract.account_executive,
			"subscription_change": change.name if change else None,
			"details": details(contract, work, products, change),
		}
	)
	ticket.flags.ignore_permissions = True
	ticket.insert()
	assign(ticket, department_people(department))
	return ticket


def name_of(ticket) -> str | None:
	"""A ticket is named by its natural key, the contract and the department that works it (and the
	change that added the work): "KKS-2026-00012-Redaksi". Unique as the key is, and taken without
	a lock: a naming series' row, locked from a job's first ticket until its commit, made two
	workers' jobs wait for each other (issue 13). None (Frappe's hash) for a ticket without a key."""
	return ticket.ticket_key.replace("|", "-") if ticket.get("ticket_key") else None


def subject(contract, work: str, change=None) -> str:
	what = _(rules.WHAT[work])
	if change:
		return _("{0}: {1} for {2} ({3}, change {4})").format(
			_(work), what, contract.customer_name, contract.name, change.name
		)
	return _("{0}: {1} for {2} ({3})").format(_(work), what, contract.customer_name, contract.name)


def details(contract, work: str, products: list, change=None) -> str:
	rows = "".join(
		f"<li>{escape_html(p.product_name)} × {p.quantity}: "
		f"{format_date(p.start_date)} – {format_date(p.end_date)} ({_(p.billing_period)})</li>"
		for p in products
	)
	intro = _("The customer signed {0} (6.8). {1} is needed for:").format(
		contract.name, _(rules.WHAT[work]).capitalize()
	)
	if change:
		intro = _("The approved change {0} to {1} added products (F/KOM/004). {2} is needed for:").format(
			change.name, contract.name, _(rules.WHAT[work]).capitalize()
		)
	return f"<p>{intro}</p><ul>{rows}</ul>"


def assign(ticket, users: list[str]):
	"""A ToDo for each of the department's people, written in this transaction (Frappe's assign_to
	queues its notices before the commit, which a failed job could not take back)."""
	users = [u for u in users if frappe.db.get_value("User", u, "enabled")]
	for user in users:
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": user,
				"reference_type": TICKET,
				"reference_name": ticket.name,
				"description": ticket.subject,
				"date": ticket.due_date,
				"priority": "Medium",
				"status": "Open",
				"assigned_by": frappe.session.user,
			}
		).insert(ignore_permissions=True)
		if not frappe.has_permission(TICKET, "read", ticket, user=user):
			frappe.share.add_docshare(
				TICKET, ticket.name, user, write=1, flags={"ignore_share_permission": True}
			)
	notify_from_template(
		users,
		ticket,
		NEW_TICKET,
		due_date=print_text.tanggal(ticket.due_date),
		link=get_link_to_form(TICKET, ticket.name),
	)


def cancel_open(contract_name: str, reason: str) -> list[str]:
	"""Cancel the contract's open tickets (cancellation, termination), keeping them with the reason."""
	names = frappe.db.get_values(
		TICKET,
		{"contract": contract_name, "status": ("in", rules.STILL_OPEN)},
		"name",
		pluck=True,
		for_update=True,
	)
	for name in names:
		ticket = frappe.get_doc(TICKET, name)
		ticket.status = rules.CANCELLED
		ticket.resolution = reason
		ticket.flags.ignore_permissions = True
		ticket.save()
	return names


# The ticket's own rules (its controller calls these).


def check_status_change(ticket):
	"""The department's people move their tickets Open → In Progress → Done; Cancelled comes from
	the contract (cancelled_with_contract). An admin may do anything, e.g. reopen a ticket closed by
	mistake."""
	before = ticket.get_doc_before_save()
	if not before or before.status == ticket.status or cancelled_with_contract(ticket, before):
		return
	user = frappe.session.user
	if is_admin(user):
		return
	if user not in department_people(ticket.department):
		frappe.throw(
			_("Only the people of {0} move its tickets (6.8).").format(frappe.bold(ticket.department)),
			frappe.PermissionError,
		)
	if not rules.may_move(before.status, ticket.status):
		frappe.throw(
			_("{0} cannot go from {1} to {2}.").format(
				frappe.bold(_("Status")), _(before.status), _(ticket.status)
			),
			title=_("Invalid Status"),
		)


def cancelled_with_contract(ticket, before) -> bool:
	"""An open ticket cancelled because its contract ended (cancelled, or terminated by an approved
	F/KOM/004 change): the fulfilment service's own move (6.8), read from the contract rather than
	passed along by whoever saved the ticket (issue 12)."""
	if ticket.status != rules.CANCELLED or before.status not in rules.STILL_OPEN:
		return False
	contract = frappe.db.get_value(CONTRACT, ticket.contract, ["docstatus", "terminated_on"], as_dict=True)
	return bool(contract) and (contract.docstatus == 2 or bool(contract.terminated_on))


def refreshes_contract(ticket) -> bool:
	"""Whether this save updates the contract's fulfilment at a glance (6.8): a person's change to the
	ticket does. The service's own writes do not (issue 12): the fulfilment job opens tickets and
	refreshes the contract once afterwards; a cancelled or terminated contract's summary is written
	once by its cancellation or by the job."""
	before = ticket.get_doc_before_save()
	return before is not None and not cancelled_with_contract(ticket, before)


def require_resolution(ticket):
	if ticket.status in rules.CLOSED and not (ticket.resolution or "").strip():
		frappe.throw(
			_("{0} is required to close the ticket.").format(frappe.bold(_("Resolution Note"))),
			title=_("Resolution Note Missing"),
		)


def record_resolution(ticket):
	if ticket.status in rules.CLOSED and not ticket.resolved_on:
		ticket.resolved_by = frappe.session.user
		ticket.resolved_on = today()
	elif ticket.status in rules.STILL_OPEN:
		ticket.resolved_by = ticket.resolved_on = None


def close_assignments(ticket):
	"""A closed ticket leaves its people's "Assigned to me"."""
	if ticket.status not in rules.CLOSED:
		return
	for name in frappe.get_all(
		"ToDo",
		filters={"reference_type": TICKET, "reference_name": ticket.name, "status": "Open"},
		pluck="name",
	):
		todo = frappe.get_doc("ToDo", name)
		todo.status = "Closed" if ticket.status == rules.DONE else "Cancelled"
		todo.save(ignore_permissions=True)
