"""What each step of the procedure costs against what Frappe itself spends on the same kind of work
(issue 13): a stock Workflow transition (`apply_workflow`) on a minimal DocType by a user holding the
transition's role, a stock insert, submit, assignment and enqueue, all measured in the same process
and the same run, so the ratios mean the same on a fast or a loaded machine.

Each app step is compared with the sum of the stock operations it consists of, named in STEPS. The
assignments a step makes or closes (routing.py: Frappe's `assign_to.add` and `set_status`) are
counted on the ToDo table as the step runs, and the yardstick gets as many stock ones. Each round
runs the stock operations and then the app's steps; a step's time ratio is the median over the
rounds of its time over its stock operations' in the same round (the ms columns: medians), and
Python's garbage collector runs between calls, as timeit does, not inside one. SQL is MariaDB's
own per-session `Questions` counter (no instrumentation). After the table, one more round shows
where each step's statements go (app code, Frappe's work on the app's documents). Targets: a step with one transition ≤ 1.5x its yardstick, a composite step ≤ 1.3x, in time and SQL;
`run` exits non-zero when one is missed.

    make benchmark                                   # the demo site
    bench --site SITE execute antara_sales.tests.benchmarks.run --kwargs "{'rounds': 21}"

The yardstick DocTypes, their Workflow, roles and users are made for the run (creating a DocType is
DDL, which MariaDB commits) and removed by name at the end; everything the measured steps make is
rolled back."""

import gc
import statistics
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

import frappe
from frappe.desk.form import assign_to
from frappe.model.workflow import apply_workflow

from antara_sales.doctypes import ORDER_ITEM
from antara_sales.services.contracting import contract as contract_service
from antara_sales.services.verifying import verification as verification_service
from antara_sales.services.workflow import workflow_guard
from antara_sales.tests import factories as f
from antara_sales.tests.cleanup import purge_users

# The yardstick: two minimal submittable DocTypes, one with a 3-state Workflow (two roles, two users).
FLOW, PLAIN = "Benchmark Yardstick", "Benchmark Record"
MAKER, CHECKER = "Benchmark Maker", "Benchmark Checker"
USERS = {MAKER: "benchmark.maker@example.com", CHECKER: "benchmark.checker@example.com"}
# Names of their own, so that removing them by name never touches a site's own masters.
DRAFT, CHECKED, DONE, CLOSED = (f"Benchmark {s}" for s in ("Draft", "Checked", "Done", "Closed"))
CHECK, FINISH, CLOSE = (f"Benchmark {a}" for a in ("Check", "Finish", "Close"))

ONE_TRANSITION, COMPOSITE = 1.5, 1.3  # the targets (issue 13)


@dataclass
class Sample:
	ms: list = field(default_factory=list)
	sql: list = field(default_factory=list)
	assigned: list = field(default_factory=list)  # ToDos the step opened
	closed: list = field(default_factory=list)  # ToDos the step closed
	sources: Counter | None = None  # the attribution round's: what asked for each statement

	@property
	def time(self) -> float:
		return statistics.median(self.ms)

	@property
	def statements(self) -> float:
		return statistics.median(self.sql)


def questions() -> int:
	return int(frappe.db.sql("show session status like 'Questions'")[0][1])


def todos() -> tuple[int, int]:
	"""(open ToDos, closed or cancelled ToDos) on the site, read inside the transaction."""
	rows = dict(frappe.db.sql("select status = 'Open', count(*) from tabToDo group by status = 'Open'"))
	return rows.get(1, 0), rows.get(0, 0)


def timed(sample: Sample, fn, *args):
	"""One call, its time, its SQL statements (less the two counter reads) and its ToDos."""
	before_todos = todos()
	# Each call starts as a request does, with Frappe's per-request cache empty (the app's scope,
	# permissions.scope_for, is worked out once per request: here, once per step).
	frappe.local.request_cache.clear()
	q0 = questions()
	# As timeit does: the collector runs before the clock, not at random inside one call or another.
	gc.collect()
	gc.disable()
	start = time.perf_counter()
	try:
		with observed(sample.sources):
			result = fn(*args)
	finally:
		elapsed = (time.perf_counter() - start) * 1000
		gc.enable()
	sample.sql.append(questions() - q0 - 1)
	sample.ms.append(elapsed)
	after_todos = todos()
	closed = after_todos[1] - before_todos[1]
	sample.closed.append(closed)
	sample.assigned.append(after_todos[0] - before_todos[0] + closed)
	return result


# What each app step consists of, in stock operations (besides the assignments it is seen making).
STEPS = (
	("Submit for Verification (6.5)", ONE_TRANSITION, ("transition",)),
	("Verification round + Verify (6.5)", COMPOSITE, ("insert", "submit", "transition (submits)")),
	("Draw Up Contract (6.6)", COMPOSITE, ("insert with workflow", "transition (submitted)")),
	("Contract: Send for Review (6.6)", ONE_TRANSITION, ("transition",)),
	("Contract: Approve (6.6)", ONE_TRANSITION, ("transition",)),
	("Contract: Sign as GM (6.7)", ONE_TRANSITION, ("transition",)),
	# 6.7: the customer's copy is emailed as the desk's Email button sends a print (contract_copy.py).
	(
		"Record Customer Signature (6.7, 6.8 enqueued)",
		COMPOSITE,
		("transition (submits)", "email with print", "enqueue"),
	),
)


def run(rounds: int = 15) -> dict:
	frappe.set_user("Administrator")
	frappe.flags.mute_emails = True
	make_yardstick()
	try:
		stock, steps = measure(rounds)
	finally:
		frappe.db.rollback()
		frappe.set_user("Administrator")
		remove_yardstick()
	missed = report(stock, steps)
	if missed:
		print(f"\nBENCHMARK FAILED: {len(missed)} targets missed: {', '.join(missed)}")
		sys.exit(1)
	print("\nBENCHMARK PASSED: every step within its target")
	return {"stock": stock, "steps": steps}


def measure(rounds: int):
	stock = {name: Sample() for name in STOCK}
	# A stock assignment of k users at once, for each k the steps use; of one user in every round.
	assign_k = {1: Sample()}
	steps = {name: Sample() for name, _target, _ops in STEPS}
	f.outgoing_email_account(
		outside_tests=True
	)  # so that the signing's email (6.7) is sent, as on a live site
	org = f.make_org()
	product = f.make_product(org, needs_technical=1, needs_editorial=1, needs_finance=1)
	# One warm-up round (caches, first compile of each query), then the measured ones.
	for round_ in range(rounds + 1):
		target_stock = stock if round_ else {name: Sample() for name in STOCK}
		target_steps = steps if round_ else {name: Sample() for name in steps}
		stock_round(target_stock)
		assign_once(assign_k[1] if round_ else Sample(), ASSIGNEES[:1])
		app_round(target_steps, org, product)
	for sample in steps.values():
		for k in set(sample.assigned):
			if k and k not in assign_k:
				assign_k[k] = assignment_sample(k, rounds)
	stock["assign"] = assign_k[1]
	for k, sample in assign_k.items():
		stock[f"assign x{k}"] = sample
	# One more round, not timed: where each step's statements go.
	traced = {name: Sample(sources=Counter()) for name in steps}
	app_round(traced, org, product)
	for name, sample in steps.items():
		sample.sources = traced[name].sources
	return stock, steps


# Stock Frappe.

STOCK = ("insert", "submit", "insert with workflow", "transition", "transition (submits)",
	"transition (submitted)", "unassign", "email with print", "enqueue")  # fmt: skip


def stock_round(stock: dict):
	with f.as_user(USERS[MAKER]):
		plain = timed(stock["insert"], lambda: frappe.get_doc({"doctype": PLAIN, "title": "x"}).insert())
		timed(stock["submit"], plain.submit)
		doc = timed(
			stock["insert with workflow"], lambda: frappe.get_doc({"doctype": FLOW, "title": "x"}).insert()
		)
	with f.as_user(USERS[CHECKER]):
		timed(stock["transition"], apply_workflow, frappe.get_doc(FLOW, doc.name), CHECK)
		timed(stock["transition (submits)"], apply_workflow, frappe.get_doc(FLOW, doc.name), FINISH)
		timed(stock["transition (submitted)"], apply_workflow, frappe.get_doc(FLOW, doc.name), CLOSE)
	assign_to.add({"assign_to": [USERS[CHECKER]], "doctype": FLOW, "name": doc.name}, ignore_permissions=True)
	timed(stock["unassign"], assign_to.set_status, FLOW, doc.name, None, USERS[CHECKER], "Cancelled", True)
	timed(stock["email with print"], email_with_print, doc)
	timed(stock["enqueue"], lambda: frappe.enqueue("frappe.ping", enqueue_after_commit=True))


def email_with_print(doc):
	"""The desk's Email button: a Communication on the document, sent with its print attached."""
	communication = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_medium": "Email",
			"sent_or_received": "Sent",
			"subject": "x",
			"content": "<p>x</p>",
			"recipients": "benchmark.customer@example.com",
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
		}
	).insert(ignore_permissions=True)
	communication.send_email(print_format="Standard", print_letterhead=True)


ASSIGNEES = [USERS[CHECKER], USERS[MAKER], "Administrator"]


def assign_once(sample: Sample, users: list[str]):
	"""Frappe's assign_to.add of `users` to one document, as routing.py calls it."""
	with f.as_user(USERS[MAKER]):
		doc = frappe.get_doc({"doctype": FLOW, "title": "x"}).insert()
	args = {"assign_to": users, "doctype": FLOW, "name": doc.name}
	timed(sample, lambda: assign_to.add(args, ignore_permissions=True))


def assignment_sample(k: int, rounds: int) -> Sample:
	sample = Sample()
	for round_ in range(rounds + 1):
		assign_once(sample if round_ else Sample(), ASSIGNEES[: min(k, 3)])
	return sample


# The app's steps, on one sale passed through the whole procedure per round.


def app_round(steps: dict, org, product):
	"""Each step as the stock operations are measured: in its user's session, set (and the
	document loaded) before the clock starts. Frappe's set_user empties the per-user caches, which
	a step timed from the switch would pay and its yardstick not. Each round's sale is a customer of
	its own, as sales are: one customer signing a contract a round would make the status of 6.5.3
	read a longer history each round."""
	names = iter(steps)
	order = f.make_order(org, f.make_customer(org), [product])
	with f.as_user(org.ae):
		timed(steps[next(names)], verification_service.request, frappe.get_doc(order.doctype, order.name))
	with f.as_user(org.verifier):
		timed(steps[next(names)], f.submit_round, f.verification_values(org, order))
	with f.as_user(org.ae):
		contract = timed(steps[next(names)], contract_service.make_from_order, order.name)
	act(steps[next(names)], org.ae, contract, "Send for Review")
	act(steps[next(names)], org.manager, contract, "Approve")
	f.edit(org.gm, contract, gm_signature=f.SIGNATURE, gm_signed_on=contract.start_date)
	act(steps[next(names)], org.gm, contract, "Sign as GM")
	contract = frappe.get_doc(contract.doctype, contract.name)
	f.edit(
		org.ae,
		contract,
		customer_signature=f.SIGNATURE,
		customer_signatory_name="Sri Wahyuni",
		customer_signed_on=contract.gm_signed_on,
		**f.meterai(contract.name),
	)
	act(steps[next(names)], org.ae, contract, "Record Customer Signature")


def act(sample: Sample, user: str, doc, action: str):
	"""A workflow action from the desk's Actions menu (factories.act), timed as a stock transition."""
	with f.as_user(user):
		timed(sample, workflow_guard.apply, frappe.get_doc(doc.doctype, doc.name), action)


# Where the statements go (printed, not gated): each one put down to what asked for it, read from
# the stack as Frappe's own Recorder does (frappe/recorder.py swaps frappe.db.sql the same way).

# The database layer and Frappe's thin API over it (frappe.get_all, get_value, the caching and
# type-checking wrappers): a statement is put down to the code that called into them.
DB_LAYER = ("/frappe/database/", "/frappe/query_builder/", "/frappe/model/db_query.py", "/pymysql/",
	"/frappe/__init__.py", "/frappe/utils/caching.py", "/frappe/utils/typing_validations.py")  # fmt: skip
OWN = "app: its own reads and writes"
INBOX = "app: the inbox's Workflow Action rows"
LINES = "Frappe: the lines (child rows) of order and contract"
NAMING = "Frappe: naming series and link checks"
REST = "Frappe: load, save, comment, version of the documents"
RULES = "Frappe: Assignment Rule engine, on the app's rules"
ASSIGN = "Frappe: assign / unassign (in the yardstick)"
ACTIONS = "Frappe: Workflow Actions of the new state"
EMAIL = "Frappe: the email with the print (6.7, in the yardstick)"
# (what, a file and, optionally, a function on the stack), first match wins.
SOURCES = (
	(RULES, "assignment_rule/assignment_rule.py", "apply"),
	(ASSIGN, "/frappe/desk/form/assign_to.py", None),
	(ACTIONS, "workflow_action/workflow_action.py", None),
	# 6.7: the customer's copy, sent as the desk's Email button sends a print (contract_copy.py).
	(EMAIL, "/antara_sales/services/contracting/contract_copy.py", None),
	(INBOX, "/antara_sales/services/workflow/inbox.py", None),
)
ORDER = (OWN, INBOX, LINES, NAMING, REST, RULES, ASSIGN, ACTIONS, EMAIL)  # the table's rows
CHILD_TABLE = f"`tab{ORDER_ITEM}`"


def source_of(query: str) -> str:
	frames = []
	frame = sys._getframe(2)  # below observed()'s wrapper
	while frame:
		frames.append((frame.f_code.co_filename, frame.f_code.co_name))
		frame = frame.f_back
	frames = [(file, fn) for file, fn in frames if not any(part in file for part in DB_LAYER)]
	for label, file_part, function in SOURCES:
		if any(file_part in file and function in (None, fn) for file, fn in frames):
			return label
	caller = frames[0][0] if frames else ""
	if "/antara_sales/" in caller and "/antara_sales/tests/" not in caller:
		return OWN
	if CHILD_TABLE in query:
		return LINES
	if any(fn in ("_validate_links", "set_new_name") or "naming.py" in file for file, fn in frames):
		return NAMING
	return REST


@contextmanager
def observed(sources: Counter | None):
	if sources is None:
		yield
		return
	sql = frappe.db.sql

	def counted(query, *args, **kwargs):
		sources[source_of(str(query))] += 1
		return sql(query, *args, **kwargs)

	frappe.db.sql = counted
	try:
		yield
	finally:
		del frappe.db.sql  # the Database class's own method again


def attribution(steps: dict) -> list[str]:
	names = list(steps)
	lines = [
		"\nwhere the statements go (one more round: "
		+ ", ".join(f"{i + 1} = {name}" for i, name in enumerate(names))
		+ ")",
		f"{'':56}" + "".join(f"{i + 1:>5}" for i in range(len(names))),
	]
	for label in ORDER:
		counts = [steps[name].sources.get(label, 0) for name in names]
		if any(counts):
			lines.append(f"{label:56}" + "".join(f"{c:5}" for c in counts))
	totals = [sum(steps[name].sources.values()) for name in names]
	lines.append(f"{'all':56}" + "".join(f"{c:5}" for c in totals))
	return lines


# The report.


def yardstick_of(ops, sample: Sample, stock: dict) -> tuple[float, float, float, str]:
	"""The stock operations a step consists of: its named ones, plus as many stock assignments
	and unassignments as the step made (the median round's). Returns their time and statements and
	the step's time ratio: the median over the rounds of the step's time over the same round's
	stock operations (a round runs both, so a slow moment of the machine slows both sides)."""
	assigned, closed = round(statistics.median(sample.assigned)), round(statistics.median(sample.closed))
	parts = [stock[op] for op in ops]
	names = list(ops)
	if assigned:
		parts.append(stock[f"assign x{assigned}"] if f"assign x{assigned}" in stock else stock["assign"])
		names.append(f"assign x{assigned}")
	parts += [stock["unassign"]] * closed
	names += ["unassign"] * closed
	ms = sum(p.time for p in parts)
	paired = all(len(p.ms) == len(sample.ms) for p in parts)  # an assignment of k > 1 is not
	x_time = (
		statistics.median(t / sum(yard) for t, *yard in zip(sample.ms, *(p.ms for p in parts), strict=True))
		if paired
		else sample.time / ms
	)
	return ms, sum(p.statements for p in parts), x_time, " + ".join(names)


def report(stock: dict, steps: dict) -> list[str]:
	print(f"\n{'stock Frappe operation':44} {'median ms':>10} {'SQL':>6}")
	for name, sample in stock.items():
		print(f"{name:44} {sample.time:10.1f} {sample.statements:6.0f}")
	print(
		f"\n{'app step':46} {'ms':>7} {'SQL':>5} {'yard ms':>8} {'yard SQL':>8} {'x time':>7} {'x SQL':>6}"
		f" {'target':>6}  consists of"
	)
	missed = []
	for name, target, ops in STEPS:
		sample = steps[name]
		ms, sql, x_time, parts = yardstick_of(ops, sample, stock)
		x_sql = sample.statements / sql
		flag = "" if x_time <= target and x_sql <= target else "  MISSED"
		if flag:
			missed.append(name)
		print(
			f"{name:46} {sample.time:7.1f} {sample.statements:5.0f} {ms:8.1f} {sql:8.0f} {x_time:7.2f}"
			f" {x_sql:6.2f} {target:6.1f}  {parts}{flag}"
		)
	print("\n".join(attribution(steps)))
	return missed


# The yardstick's records: made before the measured transaction, removed by name after it.


def make_yardstick():
	remove_yardstick()
	for role in (MAKER, CHECKER):
		frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
			ignore_permissions=True
		)
	for role, email in USERS.items():
		user = frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": role, "send_welcome_email": 0, "enabled": 1}
		)
		user.append("roles", {"role": role})
		user.insert(ignore_permissions=True)
	for name, states in ((PLAIN, None), (FLOW, (DRAFT, CHECKED, DONE, CLOSED))):
		fields = [{"fieldname": "title", "fieldtype": "Data", "label": "Title"}]
		if states:
			fields.append({"fieldname": "status", "fieldtype": "Select", "label": "Status",
				"options": "\n".join(states), "allow_on_submit": 1})  # fmt: skip
		frappe.get_doc(
			{
				"doctype": "DocType",
				"name": name,
				"module": "Custom",
				"custom": 1,
				"is_submittable": 1,
				"autoname": "hash",
				"fields": fields,
				"permissions": [
					{"role": MAKER, "read": 1, "write": 1, "create": 1, "submit": 1},
					{"role": CHECKER, "read": 1, "write": 1, "submit": 1},
				],
			}
		).insert(ignore_permissions=True)
	for state in (DRAFT, CHECKED, DONE, CLOSED):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
	for action in (CHECK, FINISH, CLOSE):
		frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert()
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": FLOW,
			"document_type": FLOW,
			"workflow_state_field": "status",
			"is_active": 1,
			"send_email_alert": 0,  # as the app's workflows
			"states": [
				{"state": DRAFT, "doc_status": "0", "allow_edit": MAKER},
				{"state": CHECKED, "doc_status": "0", "allow_edit": CHECKER},
				{"state": DONE, "doc_status": "1", "allow_edit": CHECKER},
				{"state": CLOSED, "doc_status": "1", "allow_edit": CHECKER},
			],
			"transitions": [
				{"state": DRAFT, "action": CHECK, "next_state": CHECKED, "allowed": CHECKER},
				{"state": CHECKED, "action": FINISH, "next_state": DONE, "allowed": CHECKER},
				{"state": DONE, "action": CLOSE, "next_state": CLOSED, "allowed": CHECKER},
			],
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()


def remove_yardstick():
	"""By name: the Workflow, the two DocTypes (their tables), the users and the roles."""
	frappe.db.rollback()
	if frappe.db.exists("Workflow", FLOW):
		frappe.delete_doc("Workflow", FLOW, force=True, ignore_permissions=True)
	for name in (FLOW, PLAIN):
		if frappe.db.exists("DocType", name):
			frappe.delete_doc("DocType", name, force=True, ignore_permissions=True)
	purge_users(USERS.values())
	for role in (MAKER, CHECKER):
		if frappe.db.exists("Role", role):
			frappe.delete_doc("Role", role, force=True, ignore_permissions=True)
	for state in (DRAFT, CHECKED, DONE, CLOSED):
		frappe.delete_doc_if_exists("Workflow State", state)
	for action in (CHECK, FINISH, CLOSE):
		frappe.delete_doc_if_exists("Workflow Action Master", action)
	frappe.db.commit()
