"""Fulfilment of a signed contract (6.8; 6.3 names the ticket and the invoice as what the returned form
sets going). The one place that creates tickets and invoices.

    customer signs (contract submitted, status Signed) ─┐
    subscription change approved (F/KOM/004)  ──────────┼─► fulfil_contract(contract), a background job
    daily: the next billing period has come ────────────┤     1. a ticket per downstream department the products need
    daily: a job that failed or never ran ──────────────┘     2. each approved change not yet followed up: tickets for
                                                                 added products, open tickets cancelled on termination,
                                                                 a credit note or prorated charge
                                                              3. the contract's fulfilment at a glance
                                                              4. the invoices that are due (last: their
                                                                 number is the one lock jobs share)

The job is enqueued after the commit (signing stays fast; any RQ worker takes it) and brings the
contract up to date, so running it twice, or retrying it, creates nothing more. Exactly once is
enforced by the database: each ticket and invoice carries its natural key in a unique column
(contract|department, contract|change|department, contract|period start, contract|change). Jobs on
one contract also queue behind a lock on the contract's row, and read with locking reads, so a
second worker sees the first one's work; should two inserts still race, the loser's unique-key
error rolls its whole job back and it reports the work as done. A job that fails rolls back to its
savepoint (all or nothing), writes an Error Log with the contract as reference, and marks the
contract's fulfilment Failed; the daily sweep and the Retry button run it again. On a deadlock
MariaDB has already rolled back the whole transaction, savepoint included: the job then rolls back
in full and marks Failed all the same (issue 14).

A job queue that cannot be reached (Redis down) does not stop a signing or an approval: the
contract stays Queued, says that it waits, and the daily sweep hands it to the queue later."""

import frappe
from frappe import _
from frappe.utils import CallbackManager, get_link_to_form, getdate, today
from redis.exceptions import RedisError

from antara_sales.doctypes import CONTRACT
from antara_sales.doctypes import SUBSCRIPTION_CHANGE as CHANGE
from antara_sales.domain import fulfilment as rules
from antara_sales.services.common.notify import CONTRACT_FULFILLED, notify_from_template
from antara_sales.services.fulfilling import invoice as invoice_service
from antara_sales.services.fulfilling import ticket as ticket_service
from antara_sales.services.workflow import steps

JOB = "antara_sales.services.fulfilling.fulfilment.fulfil_contract"
SAVEPOINT = "antara_fulfilment"

DONE, RACED, SKIPPED, FAILED = "done", "done by another worker", "skipped", "failed"


# Hooks (hooks.py doc_events).


def before_contract_signed(contract, method=None):
	"""The customer's signature submits the contract with status Signed: it is saved Queued with the
	signing itself, not by a second write after it (issue 13)."""
	if steps.is_at(contract, "signed"):
		contract.update({"fulfilment_status": rules.QUEUED, "fulfilment_summary": _("Queued")})


def on_contract_signed(contract, method=None):
	"""After the signing's save: 6.8 starts (the job runs after the commit)."""
	if steps.is_at(contract, "signed"):
		enqueue(contract.name, "signed")


SERVICE_FIELDS = (
	"fulfilment_status",
	"fulfilment_summary",
	"fulfilled_on",
	"fulfilment_revision",
	"next_invoice_date",  # written by the invoice service alone (issue 12)
)


def keep_service_fields(contract, method=None):
	"""Fields only the services write (with db_set, while a form may be open): a later save of the
	signed contract keeps what is in the database rather than what the form loaded."""
	current = frappe.db.get_value(CONTRACT, contract.name, SERVICE_FIELDS, as_dict=True)
	if current:
		contract.update(current)


def on_change_submitted(change, method=None):
	"""After the change's controller amended the contract: only an approved change is followed up."""
	if not steps.is_at(change, "approved"):
		return
	mark(change.contract, rules.QUEUED, _("Queued: {0}").format(change.name))
	enqueue(change.contract, change.name)


def before_contract_cancel(contract, method=None):
	"""Invoices do not block the cancellation: unpaid ones are cancelled with the contract, paid ones
	are kept with a note (on_contract_cancelled)."""
	contract.ignore_linked_doctypes = (
		*(contract.get("ignore_linked_doctypes") or ()),
		invoice_service.INVOICE,
		# The order the contract was drawn up from (6.6) and the changes that amended it (F/KOM/004)
		# are its history: they stay as they are and do not block the cancellation.
		"ANTARA Media Order",
		CHANGE,
	)


def on_contract_cancelled(contract, method=None):
	"""A permitted role cancelled the signed contract: its open tickets and unpaid invoices are
	cancelled in the same transaction; paid invoices stay, with a note; nothing is deleted."""
	frappe.db.get_value(CONTRACT, contract.name, "name", for_update=True)  # waits for a running job
	reason = _("The contract {0} was cancelled by {1} on {2}.").format(
		contract.name, frappe.utils.get_fullname(frappe.session.user), today()
	)
	tickets = ticket_service.cancel_open(contract.name, reason)
	cancelled, kept = invoice_service.cancel_with_contract(contract.name, reason)
	summary = _("Cancelled: {0} tickets and {1} invoices cancelled, {2} paid invoices kept").format(
		len(tickets), len(cancelled), len(kept)
	)
	mark(contract.name, rules.ENDED, summary)
	invoice_service.set_next_invoice_date(contract)  # none: the contract is cancelled
	contract.add_comment("Info", summary + (": " + ", ".join(kept) if kept else ""))


def enqueue(contract: str, trigger: str, queue: str = "short", **kwargs):
	"""One job per contract and trigger; deduplicated while it waits in the queue. Someone waits for
	a signing or an approval: those go to the short queue, which workers take first; the daily
	billing fans out on the default queue."""
	# frappe.enqueue asks Redis at once (deduplicate) and hands the job over after the commit. Either
	# can meet a queue that is down: before the commit the signing would fail, after it the user
	# would get an error for a signing that was saved. Frappe's after-commit hand-over is caught here
	# and run guarded, after our commit all the same.
	hand_over = CallbackManager()
	after_commit, frappe.db.after_commit = frappe.db.after_commit, hand_over
	try:
		frappe.enqueue(
			JOB,
			queue=queue,
			job_id=f"antara_sales:fulfil:{contract}:{trigger}",
			deduplicate=True,
			enqueue_after_commit=True,
			contract=contract,
			**kwargs,
		)
	except RedisError:
		wait_for_queue(contract)  # in the signing's own transaction
		return
	finally:
		frappe.db.after_commit = after_commit
	frappe.db.after_commit.add(lambda: hand_over_guarded(contract, hand_over))


def hand_over_guarded(contract: str, hand_over: CallbackManager):
	try:
		hand_over.run()
	except RedisError:
		wait_for_queue(contract)
		frappe.db.commit()  # after the commit that saved the signing: this note needs its own


def wait_for_queue(contract: str):
	"""The job could not be queued: the contract stays Queued and says why; retry_unfinished (daily)
	hands it to the queue once the queue is back (6.8)."""
	frappe.log_error(
		title=_("Fulfilment of {0} waits: the job queue could not be reached (6.8)").format(contract),
		reference_doctype=CONTRACT,
		reference_name=contract,
	)
	mark(contract, rules.QUEUED, _("Queued: the job queue could not be reached; the daily run retries it"))


# The job.


def fulfil_contract(contract: str, on=None, first_invoice_only: bool | None = None) -> str:
	"""Bring the contract's downstream work up to date as of `on` (today). Idempotent."""
	on = getdate(on or today())
	if owns_transaction():
		read_committed()
	frappe.db.savepoint(SAVEPOINT)
	try:
		doc = latest_contract(contract)
		if doc is None:
			frappe.db.release_savepoint(SAVEPOINT)
			return SKIPPED
		open_signing_tickets(doc, on)
		follow_up_changes(doc, on)
		refresh(doc.name)  # once per job: the tickets it opened or cancelled did not (issue 12)
		# The invoices last: an invoice's number (its naming series' row, locked until this job
		# commits) is the one thing two workers' jobs wait for each other on (issue 13).
		if first_invoice_only is None:  # the signing invoice alone; later periods from the daily job
			first_invoice_only = not invoice_service.billed_periods(doc.name)
		invoice_service.bill(doc, on=on, first_only=first_invoice_only)
	except (frappe.DuplicateEntryError, frappe.UniqueValidationError):
		# Another worker committed this work first; its set is whole, ours is discarded.
		frappe.db.rollback(save_point=SAVEPOINT)
		frappe.clear_messages()
		return RACED
	except Exception as error:
		whole = undo(error)
		frappe.clear_messages()
		frappe.log_error(
			title=_("Fulfilment of {0} failed (6.8)").format(contract),
			reference_doctype=CONTRACT,
			reference_name=contract,
		)
		mark(contract, rules.FAILED, _("Failed: see the Error Log"))
		if whole and owns_transaction():
			frappe.db.commit()  # RQ would commit on return too; the mark must not wait on anything else
		return FAILED
	frappe.db.release_savepoint(SAVEPOINT)
	return DONE


def undo(error: Exception) -> bool:
	"""Back to the job's savepoint; the whole transaction when the database has already rolled it
	back: a deadlock, or a savepoint that is gone (a lock wait timeout under
	innodb_rollback_on_timeout). Returns whether the whole transaction was rolled back. A lost
	connection (the database restarting) raises here: nothing of the job was committed."""
	if not isinstance(error, frappe.QueryDeadlockError):
		try:
			frappe.db.rollback(save_point=SAVEPOINT)
			return False
		except Exception:
			pass  # "SAVEPOINT ... does not exist": the transaction it belonged to is gone
	frappe.db.rollback()
	return True


def read_committed():
	"""The job's transaction in READ COMMITTED. Under REPEATABLE READ its locking reads of keys not
	there yet (open_ticket, adjust_for_change) took gap locks that blocked other contracts' inserts,
	and with the naming series' row lock two workers on different contracts deadlocked (seen with
	two workers, issue 14). Jobs on one contract still queue behind its row lock; the unique keys
	still decide a race. The worker's connection ends with the job."""
	frappe.db.sql("set session transaction isolation level read committed")
	frappe.db.commit()  # nothing is written yet: the job's transaction begins again under it


def owns_transaction() -> bool:
	"""Whether this is the fulfilment job run by an RQ worker, which commits when the job returns;
	called by bill_due_contracts(now=True) or a test, the caller owns the transaction."""
	job = getattr(frappe.local, "job", None)
	return bool(job) and job.get("method") == JOB


def latest_contract(name: str):
	"""The contract as last committed, its row locked for this job: a job waits for another job on
	the same contract, and then reads what that one wrote (locking reads see the latest commit)."""
	rows = frappe.db.sql(f"select * from `tab{CONTRACT}` where name = %s for update", name, as_dict=True)
	if not rows or rows[0].docstatus != 1 or steps.key_of(CONTRACT, rows[0].status) == "cancelled":
		return None
	items = frappe.db.sql(
		"select * from `tabANTARA Order Item` where parent = %s and parenttype = %s and parentfield = 'items' "
		"order by idx for update",
		(name, CONTRACT),
		as_dict=True,
	)
	return frappe.get_doc({**rows[0], "doctype": CONTRACT, "items": items})


def products_needing(rows, work: str) -> list:
	needs = rules.NEEDS_FIELD[work]
	return [row for row in rows if frappe.get_cached_value("ANTARA Product", row.product, needs)]


def needed_work(rows) -> list[str]:
	products = [frappe.get_cached_doc("ANTARA Product", row.product).as_dict() for row in rows]
	return rules.work_needed(products)


def open_signing_tickets(contract, on):
	for work in needed_work(contract.items):
		ticket_service.open_ticket(contract, work, products_needing(contract.items, work), on=on)


def follow_up_changes(contract, on):
	"""Approved changes not followed up yet, in the order they amended the contract."""
	done = contract.get("fulfilment_revision") or 0
	changes = frappe.get_all(
		CHANGE,
		filters={
			"contract": contract.name,
			"docstatus": 1,
			"status": "Approved",
			"contract_revision": (">", done),
		},
		fields=["name"],
		order_by="contract_revision asc",
	)
	for row in changes:
		change = frappe.get_doc(CHANGE, row.name)
		follow_up_change(contract, change, on)
		done = max(done, change.contract_revision or 0)
	if changes:
		frappe.db.set_value(CONTRACT, contract.name, "fulfilment_revision", done, update_modified=False)


def follow_up_change(contract, change, on):
	"""What an approved change implies: tickets for the departments that added products need; on
	termination, open tickets cancelled; a credit note or prorated charge for what was billed."""
	if change.change_type == "Terminate":
		ticket_service.cancel_open(
			contract.name,
			_("The contract was terminated from {0} by {1}.").format(change.effective_date, change.name),
		)
	else:
		before = {row.product for row in change.previous_items}
		added = [row for row in change.items if row.product not in before]
		for work in needed_work(added):
			ticket_service.open_ticket(contract, work, products_needing(added, work), on=on, change=change)
	if change.change_type != "Suspend":
		invoice_service.adjust_for_change(contract, change, on=on)


# The contract's fulfilment at a glance.


def mark(contract: str, state: str, summary: str):
	frappe.db.set_value(
		CONTRACT, contract, {"fulfilment_status": state, "fulfilment_summary": summary}, update_modified=False
	)


def refresh(contract_name: str):
	"""From the tickets: "Pending: Editorial", or Fulfilled, when the AE is told (once)."""
	contract = frappe.db.get_value(
		CONTRACT,
		contract_name,
		["name", "docstatus", "status", "fulfilment_status", "account_executive", "customer_name"],
		as_dict=True,
		for_update=True,
	)
	if not contract or contract.docstatus != 1:
		return
	if steps.key_of(CONTRACT, contract.status) == "terminated":
		mark(contract_name, rules.ENDED, _("Terminated: open tickets cancelled"))
		return
	tickets = frappe.db.get_values(
		ticket_service.TICKET, {"contract": contract_name}, ["work_type", "status"], for_update=True
	)
	state, pending = rules.fulfilment(tickets)
	if pending:
		summary = _("Pending: {0}").format(", ".join(_(work) for work in pending))
	else:
		summary = _("Fulfilled")
	became_fulfilled = state == rules.FULFILLED and contract.fulfilment_status != rules.FULFILLED
	values = {"fulfilment_status": state, "fulfilment_summary": summary}
	if became_fulfilled:
		values["fulfilled_on"] = today()
	elif state != rules.FULFILLED:
		values["fulfilled_on"] = None
	frappe.db.set_value(CONTRACT, contract_name, values, update_modified=False)
	if became_fulfilled:
		tell_account_executive(contract)


def tell_account_executive(contract):
	doc = frappe.get_doc(CONTRACT, contract.name)
	notify_from_template(
		[contract.account_executive], doc, CONTRACT_FULFILLED, link=get_link_to_form(CONTRACT, contract.name)
	)


# Daily (hooks.py scheduler_events).


def bill_due_contracts(on=None, now: bool = False) -> list[str]:
	"""Contracts billed per period whose next period has come get a job each (RQ spreads them over
	the workers); `now` runs them here instead, for tests and the demo."""
	on = getdate(on or today())
	names = frappe.get_all(
		CONTRACT,
		filters=[
			["docstatus", "=", 1],
			["status", "!=", steps.state(CONTRACT, "suspended")],
			["next_invoice_date", "is", "set"],  # Frappe compares an empty date as 0001-01-01
			["next_invoice_date", "<=", on],
		],
		pluck="name",
	)
	for name in names:
		if now:
			fulfil_contract(name, on=on, first_invoice_only=False)
		else:
			enqueue(name, f"billing-{on}", queue="default", on=str(on), first_invoice_only=False)
	return names


def retry_unfinished() -> list[str]:
	"""Contracts whose job failed, or never ran (Redis down at the commit), are run again."""
	names = frappe.get_all(
		CONTRACT,
		filters={"docstatus": 1, "fulfilment_status": ("in", (rules.QUEUED, rules.FAILED))},
		pluck="name",
	)
	for name in names:
		enqueue(name, "retry")
	return names
