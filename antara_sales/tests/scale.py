"""Issue 13, "cost does not grow with the data": a scale data set, and what each role's desk costs on it.

    make scale SITE=scale.localhost                     # generate (defaults below), then measure
    bench --site S execute antara_sales.tests.scale.generate --kwargs '{"orders": 100000}'
    bench --site S execute antara_sales.tests.scale.measure

Throwaway sites only (the site must have `allow_tests`; the demo site is refused). The seed goes
through the real APIs: when the site has no Media Order yet, the demo loader (setup/demo.py) runs
the procedure's sales 6.3-6.8 first. The scale data are then clones of those records, written in
bulk (frappe.db.bulk_insert): every column of a template row, with its own name, its dates moved
back by up to `days` days (so states spread over a year and more), its department, bureau,
customer and people re-pointed to the generated organisation, and unique keys made unique. A sale
is cloned whole (order, lines, verification rounds, contract, tickets, invoices, feedback), so
every link points at a record of the same clone. Deterministic for a given seed.

measure() times, as each role's user (frappe.set_user), what the desk asks for: the list view's
first page (20 rows, default sort) and its count for each app DocType, the same filtered by status,
link search in the order form, each Script Report for a year and each number card. It prints a
table and raises when a row misses its target (list 150 ms, link search 100 ms, report/card 1 s)."""

import random
import statistics
import time
from collections import defaultdict
from datetime import date, datetime, timedelta

import frappe
from frappe import _
from frappe.utils import add_months, getdate, today

from antara_sales import roles
from antara_sales.doctypes import (
	BUREAU,
	CONTRACT,
	CUSTOMER,
	DEPARTMENT,
	DEPARTMENT_MEMBER,
	DIVISION,
	FEEDBACK,
	FEEDBACK_REQUEST,
	INVOICE,
	MEDIA_ORDER,
	MEETING,
	SALES_TARGET,
	TICKET,
	VERIFICATION,
)
from antara_sales.services.workflow import steps

DEFAULTS = {
	"orders": 100_000,
	"customers": 10_000,
	"contracts": 30_000,
	"users": 1_000,
	"departments": 40,
	"bureaus": 34,
	"days": 400,
	"seed": 13,
}
PREFIX = "SC"  # names of generated records: SC-<abbr>-<number>
PROTECTED_SITES = ("antara.localhost", "lead.localhost")
# Documents cloned with a sale, found from the order (field on the document -> the order/contract).
SALE_PARTS = (
	(VERIFICATION, "media_order", MEDIA_ORDER),
	(CONTRACT, "media_order", MEDIA_ORDER),
	(TICKET, "contract", CONTRACT),
	(INVOICE, "contract", CONTRACT),
	(FEEDBACK_REQUEST, "contract", CONTRACT),
	(FEEDBACK, "contract", CONTRACT),
)
CHUNK = 5_000
OPEN_DAYS = 45


# ------------------------------------------------------------------ cloning rows in bulk


class Table:
	"""Template rows of one DocType and the clones waiting to be written."""

	def __init__(self, doctype: str):
		self.doctype = doctype
		meta = frappe.get_meta(doctype)
		self.columns = frappe.db.get_table_columns(doctype)
		self.dates = {"creation", "modified"} | {
			f.fieldname for f in meta.fields if f.fieldtype in ("Date", "Datetime")
		}
		self.unique = [f.fieldname for f in meta.fields if f.unique]
		self.links = {f.fieldname: f.options for f in meta.fields if f.fieldtype == "Link"}
		self.child_tables = [f.options for f in meta.get_table_fields()]
		self.pending: list[dict] = []
		self.written = 0

	def clone(self, row: dict, name: str, shift: timedelta, remap: dict, **values) -> dict:
		new = dict(row, name=name)
		for field in self.dates & new.keys():
			if new[field]:
				new[field] = new[field] + shift
		for field, target in self.links.items():
			value = new.get(field)
			if value and value in remap.get(target, {}):
				new[field] = remap[target][value]
		for field in ("owner", "modified_by"):
			if new.get(field) in remap.get("User", {}):
				new[field] = remap["User"][new[field]]
		for field in self.unique:
			if new.get(field):
				new[field] = f"{new[field]}-{name}"[:140]
		new.update({k: v for k, v in values.items() if k in self.columns})
		self.pending.append(new)
		if len(self.pending) >= CHUNK:
			self.flush()
		return new

	def flush(self):
		"""One multi-row INSERT per chunk. frappe.db.bulk_insert builds each value through pypika,
		which took two thirds of the run; PyMySQL's executemany batches the same INSERT itself."""
		if self.pending:
			columns = ", ".join(f"`{c}`" for c in self.columns)
			marks = ", ".join(["%s"] * len(self.columns))
			frappe.db._cursor.executemany(
				f"insert into `tab{self.doctype}` ({columns}) values ({marks})",
				[[r.get(c) for c in self.columns] for r in self.pending],
			)
			self.written += len(self.pending)
			self.pending = []


class Cloner:
	def __init__(self):
		self.tables: dict[str, Table] = {}
		self.children: dict[str, dict[str, list]] = {}  # parent doctype -> parent name -> child rows
		self.counters: dict[str, int] = defaultdict(int)

	def table(self, doctype: str) -> Table:
		if doctype not in self.tables:
			self.tables[doctype] = Table(doctype)
		return self.tables[doctype]

	def templates(self, doctype: str, **filters) -> list[dict]:
		where = " and ".join(f"`{k}` = %({k})s" for k in filters) or "1=1"
		return frappe.db.sql(
			f"select * from `tab{doctype}` where name not like %(p)s and {where} order by name",
			{"p": f"{PREFIX}-%", **filters},
			as_dict=True,
		)

	def child_rows(self, doctype: str, parent: str) -> list[tuple[str, dict]]:
		if doctype not in self.children:
			by_parent = defaultdict(list)
			for child in self.table(doctype).child_tables:
				for row in self.templates(child, parenttype=doctype):
					by_parent[row.parent].append((child, row))
			self.children[doctype] = by_parent
		return self.children[doctype].get(parent, [])

	def new_name(self, abbr: str) -> str:
		self.counters[abbr] += 1
		return f"{PREFIX}-{abbr}-{self.counters[abbr]:06d}"

	def clone(self, doctype, row, name, shift, remap, with_children=True, **values) -> dict:
		new = self.table(doctype).clone(row, name, shift, remap, **values)
		if with_children:
			for child, child_row in self.child_rows(doctype, row["name"]):
				child_values = {k: v for k, v in values.items() if k in ("owner", "modified_by")}
				self.table(child).clone(
					child_row, self.new_name("R"), shift, remap, parent=name, **child_values
				)
		return new

	def flush(self):
		for table in self.tables.values():
			table.flush()


def abbr(doctype: str) -> str:
	return "".join(w[0] for w in doctype.replace("ANTARA ", "").split())


# ------------------------------------------------------------------ the organisation


def _check_site():
	if frappe.local.site in PROTECTED_SITES or not frappe.conf.allow_tests:
		frappe.throw(
			_("Scale data go on a throwaway site with {0}, not on {1}.").format(
				"allow_tests", frappe.local.site
			)
		)


def generate(**kwargs):
	"""Grow the site to the scale data set (issue 13). Arguments: see DEFAULTS."""
	_check_site()
	args = frappe._dict(DEFAULTS, **kwargs)
	rng = random.Random(args.seed)
	frappe.set_user("Administrator")
	started = time.perf_counter()
	if frappe.db.exists(MEDIA_ORDER, {"name": ["like", f"{PREFIX}-%"]}):
		frappe.throw(_("This site already has scale data."))
	from antara_sales.setup import demo

	# The seed, through the real APIs; it makes only what is missing, so a cut-off run resumes.
	# Mail is muted after it: Frappe's muted-mail account has no address, which its sendmail trips on.
	demo.load()
	frappe.flags.mute_emails = True
	seeded = time.perf_counter()
	c = Cloner()
	org = grow_organisation(c, args, rng)
	customers = grow_customers(c, args, rng, org)
	counts = grow_sales(c, args, rng, org, customers)
	grow_targets(c, org, args)
	c.flush()
	frappe.db.commit()
	frappe.clear_cache()
	print(f"seed {seeded - started:.0f} s, scale data {time.perf_counter() - seeded:.0f} s")
	for doctype, table in sorted(c.tables.items()):
		print(f"{doctype:40} +{table.written:>8}")
	return counts


def grow_organisation(c: Cloner, args, rng) -> frappe._dict:
	"""Bureaus, divisions, departments and their people, cloned from the seed's."""
	org = frappe._dict(
		bureaus=[b.name for b in c.templates(BUREAU)],
		dept_clones=defaultdict(list),  # template department -> its clones (and itself)
		division_clones=defaultdict(list),
		user_clones={},  # department -> {template user -> [users]}
	)
	provincial = [b for b in c.templates(BUREAU) if b.bureau_type != "Head Office"] or c.templates(BUREAU)
	for n in range(len(org.bureaus), args.bureaus):
		name = f"Biro Skala {n + 1:02d}"
		c.clone(BUREAU, provincial[n % len(provincial)], name, timedelta(), {}, bureau_name=name)
		org.bureaus.append(name)

	users = {u.name: u for u in c.templates("User")}
	user_count = [len(users)]

	def clone_user(template: str, label: str) -> str:
		row = users[template]
		local, domain = template.split("@")
		address = f"{local}.{label}@{domain}"
		if address in users:  # a department's manager who is also one of its members
			return address
		users[address] = row
		# Made long ago: Frappe throttles user creation by the users created in the last hour.
		c.clone(
			"User",
			row,
			address,
			timedelta(days=-args.days),
			{},
			email=address,
			username=None,
			api_key=None,
			api_secret=None,
			full_name=f"{row.full_name} {label}",
			last_name=f"{row.last_name or ''} {label}".strip(),
		)
		user_count[0] += 1
		return address

	divisions = c.templates(DIVISION)
	division_gm = {d.name: d.general_manager for d in divisions}
	for division in divisions:
		org.division_clones[division.name].append(division.name)
	n_divisions = max(len(divisions), args.departments // 5)
	for n in range(len(divisions), n_divisions):
		template = divisions[n % len(divisions)]
		name = f"{template.name} {n + 1}"
		gm = clone_user(template.general_manager, f"div{n + 1}") if template.general_manager else None
		c.clone(DIVISION, template, name, timedelta(), {}, division_name=name, general_manager=gm)
		org.division_clones[template.name].append(name)
		division_gm[name] = gm

	departments = c.templates(DEPARTMENT)
	members = defaultdict(list)
	for row in c.templates(DEPARTMENT_MEMBER, parenttype=DEPARTMENT):
		members[row.parent].append(row)
	selling = [d for d in departments if d.department_kind == "Product-Owning"] or departments
	others = [d for d in departments if d not in selling]
	for d in departments:
		org.dept_clones[d.name].append(d.name)
		org.user_clones[d.name] = {m.user: [m.user] for m in members[d.name]}
	new = []
	for n in range(len(departments), args.departments):
		# four in five departments sell; the rest are downstream (technical, editorial, finance, 6.8)
		pool = selling if (n % 5 or not others) else others
		template = pool[(n // 5) % len(pool)]
		name = f"{template.name} {n + 1}"
		label = f"d{n + 1}"
		manager = clone_user(template.manager, label) if template.manager else None
		division = rng.choice(org.division_clones[template.division]) if template.division else None
		gm = division_gm.get(division)
		c.clone(
			DEPARTMENT,
			template,
			name,
			timedelta(),
			{},
			with_children=False,
			department_name=name,
			manager=manager,
			division=division,
			general_manager=gm,
			bureau=rng.choice(org.bureaus) if template.bureau else None,
		)
		org.dept_clones[template.name].append(name)
		new.append((name, template, label, manager))
	# People: every member of the template department once, the AEs as often as the user count allows.
	spare = max(0, args.users - user_count[0] - sum(len(members[t.name]) for _n, t, _l, _m in new))
	selling_new = [x for x in new if x[1] in selling] or new
	extra_aes = {
		x[0]: spare // len(selling_new) + (i < spare % len(selling_new)) for i, x in enumerate(selling_new)
	}
	for name, template, label, manager in new:
		clones = {template.manager: [manager]} if template.manager else {}
		for m in members[template.name]:
			times = 1
			if roles.ACCOUNT_EXECUTIVE in frappe.get_roles(m.user) and not m.is_verifier:
				times += extra_aes.get(name, 0)
			for k in range(times):
				user = clone_user(m.user, f"{label}u{k + 1}" if k else label)
				c.table(DEPARTMENT_MEMBER).clone(
					m,
					c.new_name("DM"),
					timedelta(),
					{},
					parent=name,
					user=user,
					full_name=f"{m.full_name} {label}",
				)
				clones.setdefault(m.user, []).append(user)
		org.user_clones[name] = clones
	# Has Role rows of the users cloned above came with them (User's child table "roles").
	org.departments = [d for clones in org.dept_clones.values() for d in clones]
	return org


def grow_customers(c: Cloner, args, rng, org) -> list[dict]:
	templates = c.templates(CUSTOMER)
	customers = [frappe._dict(name=t.name, customer_name=t.customer_name, bureau=t.bureau) for t in templates]
	for n in range(len(templates), args.customers):
		template = templates[n % len(templates)]
		name = c.new_name("CU")
		customer_name = f"{template.customer_name} {n + 1}"
		bureau = org.bureaus[n % len(org.bureaus)]
		c.clone(
			CUSTOMER,
			template,
			name,
			timedelta(days=-rng.randrange(args.days)),
			{},
			customer_name=customer_name,
			normalized_name=f"{template.normalized_name or ''} {n + 1}".strip(),
			bureau=bureau,
		)
		customers.append(frappe._dict(name=name, customer_name=customer_name, bureau=bureau))
	return customers


# ------------------------------------------------------------------ the sales


def sale_templates(c: Cloner) -> tuple[list, list]:
	"""(sales that reached a contract, sales that did not), each an order with its parts."""
	parts = {doctype: defaultdict(list) for doctype, _f, _o in SALE_PARTS}
	for doctype, field, _owner in SALE_PARTS:
		for row in c.templates(doctype):
			if row.get(field):
				parts[doctype][row[field]].append(row)
	with_contract, without = [], []
	for order in c.templates(MEDIA_ORDER):
		sale = {MEDIA_ORDER: [order]}
		for doctype, _field, owner in SALE_PARTS:
			keys = [r.name for r in sale.get(owner, [])]
			sale[doctype] = [row for key in keys for row in parts[doctype].get(key, [])]
		(with_contract if sale[CONTRACT] else without).append(sale)
	return with_contract, without


def grow_sales(c: Cloner, args, rng, org, customers) -> dict:
	with_contract, without = sale_templates(c)
	share = args.contracts / max(args.orders, 1)
	existing = frappe.db.count(MEDIA_ORDER)
	contracts = 0
	for _n in range(existing, args.orders):
		pool = with_contract if (contracts < args.contracts and rng.random() < share) else without
		sale = rng.choice(pool or with_contract or without)
		contracts += bool(sale[CONTRACT])
		clone_sale(c, sale, rng, org, rng.choice(customers), timedelta(days=-rng.randrange(args.days)))
	return {"orders": args.orders, "contracts": contracts}


def clone_sale(c: Cloner, sale: dict, rng, org, customer, shift: timedelta):
	order = sale[MEDIA_ORDER][0]
	remap = {DEPARTMENT: {}, "User": {}, CUSTOMER: {order.customer: customer.name}}
	for template_dept, clones in org.dept_clones.items():
		department = rng.choice(clones)
		remap[DEPARTMENT][template_dept] = department
		for template_user, users in org.user_clones.get(department, {}).items():
			remap["User"].setdefault(template_user, rng.choice(users))
	remap[BUREAU] = {order.bureau: customer.bureau} if order.get("bureau") else {}
	names = {}
	for doctype in (MEDIA_ORDER, *(d for d, _f, _o in SALE_PARTS)):
		for row in sale[doctype]:
			names[row.name] = c.new_name(abbr(doctype))
			remap.setdefault(doctype, {})[row.name] = names[row.name]
	ae = remap["User"].get(order.account_executive, order.account_executive)
	# An order that reached no contract and is older than OPEN_DAYS was decided long ago: rejected
	# at verification (6.5.3.2), as most lost sales are; the open pipeline is the recent weeks.
	decided = {}
	if not sale[CONTRACT] and shift < -timedelta(days=OPEN_DAYS):
		decided = {"status": steps.state(MEDIA_ORDER, "rejected"), "docstatus": 1}
	for doctype in (MEDIA_ORDER, *(d for d, _f, _o in SALE_PARTS)):
		for row in sale[doctype]:
			values = {"customer_name": customer.customer_name}
			if row.get("owner") == order.owner:
				values["owner"] = ae
			if decided and doctype == MEDIA_ORDER:
				values.update(decided)
			elif decided and doctype == VERIFICATION:
				values.update(
					docstatus=1, outcome="Rejected", verified_on=(row.verified_on or row.modified) + shift
				)
			c.clone(doctype, row, names[row.name], shift, remap, **values)


def grow_targets(c: Cloner, org, args):
	"""Each new department gets its template's targets (6.1.1), and the months of the data before
	the template's first month get that month's target."""
	by_department = defaultdict(list)
	for t in c.templates(SALES_TARGET):
		by_department[t.department].append(t)
	for template_dept, clones in org.dept_clones.items():
		targets = by_department.get(template_dept, [])
		if not targets:
			continue
		first = min(targets, key=lambda t: t.month_start)
		earlier = []
		month = getdate(add_months(first.month_start, -1))
		while month > getdate(add_months(today(), 0)) - timedelta(days=args.days + 31):
			earlier.append(month)
			month = getdate(add_months(month, -1))
		for department in clones:
			rows = [(t, getdate(t.month_start)) for t in targets] if department != template_dept else []
			rows += [(first, month) for month in earlier]
			for t, month in rows:
				c.clone(
					SALES_TARGET,
					t,
					c.new_name("ST"),
					timedelta(days=(month - getdate(t.month_start)).days),
					{},
					department=department,
					month=month.strftime("%B"),
					year=month.year,
					month_start=month,
					title=f"{department} · {month:%Y-%m}",
				)


# ------------------------------------------------------------------ measuring as each role


TARGET_MS = {
	"list": 150,
	"count": 150,
	"filter": 150,
	"link": 100,
	"report": 1000,
	"card": 1000,
	"chart": 1000,
}
LIST_DOCTYPES = (
	MEDIA_ORDER,
	VERIFICATION,
	CONTRACT,
	"ANTARA Subscription Change",
	TICKET,
	INVOICE,
	CUSTOMER,
	FEEDBACK,
	FEEDBACK_REQUEST,
	SALES_TARGET,
	MEETING,
)


def statements() -> int:
	return int(frappe.db.sql("show session status like 'Questions'")[0][1])


def timed(fn, rounds: int) -> tuple[float, int, object]:
	"""(median ms, SQL statements of one call, the last result). A call that fails counts as a
	miss (infinite time, -1 statements) and is printed, so one broken card does not hide the rest."""
	samples, result, sql = [], None, 0
	for _round in range(rounds):
		frappe.local.form_dict = frappe._dict(frappe.local.form_dict or {})
		before = statements()
		start = time.perf_counter()
		try:
			result = fn()
		except Exception as error:
			frappe.db.rollback()
			print(f"  failed: {error!r}"[:300], flush=True)
			return float("inf"), -1, None
		samples.append((time.perf_counter() - start) * 1000)
		sql = statements() - before - 1
	return statistics.median(samples), sql, result


def desk_call(method, **form):
	"""Call a desk endpoint the way a request does: its arguments in form_dict."""

	def call():
		frappe.local.form_dict = frappe._dict(form)
		return method()

	return call


def role_users() -> dict[str, str]:
	"""One user per role, from the generated departments where there are some."""
	out = {"Administrator": "Administrator"}
	wanted = {
		"Account Executive": roles.ACCOUNT_EXECUTIVE,
		"Assistant Manager": roles.ASSISTANT_MANAGER,
		"Manager": roles.MANAGER,
		"General Manager": roles.GENERAL_MANAGER,
		"Finance": roles.FINANCE,
		"Technical": roles.TECHNICAL,
	}
	for label, role in wanted.items():
		users = frappe.db.sql(
			"""select u.name from `tabUser` u join `tabHas Role` r on r.parent = u.name
			where r.role = %s and u.enabled = 1 order by (u.name like '%%.d%%') desc, u.name""",
			role,
		)
		exclusive = [
			u for (u,) in users if not (set(frappe.get_roles(u)) & set(wanted.values())) - {role}
		] or [u for (u,) in users]
		if exclusive:
			out[label] = exclusive[0]
	return out


def measure(rounds: int = 3, strict: bool = True, skip: list | None = None) -> int:
	"""Time and SQL of each role's desk on this site; raise when a row misses its target.
	`skip`: names of reports, cards or DocTypes to leave out (e.g. a report known to take minutes)."""
	from frappe.desk import reportview
	from frappe.desk.doctype.dashboard_chart import dashboard_chart
	from frappe.desk.doctype.number_card import number_card
	from frappe.desk.query_report import run as run_report
	from frappe.desk.search import search_link

	frappe.flags.mute_emails = True
	skip = set(skip or ())
	print(f"{'role':18} {'kind':7} {'what':52} {'ms':>8} {'SQL':>5}", flush=True)
	year = {"from_date": str(add_months(getdate(today()), -12)), "to_date": today()}
	rows = []
	for label, user in role_users().items():
		frappe.set_user(user)
		frappe.local.response = frappe._dict()
		for doctype in LIST_DOCTYPES:
			if doctype in skip or not frappe.has_permission(doctype, "read"):
				continue
			meta = frappe.get_meta(doctype)
			order_by = f"`tab{doctype}`.`{meta.sort_field or 'modified'}` {meta.sort_order or 'desc'}"
			fields = [f"`tab{doctype}`.`name`"] + [
				f"`tab{doctype}`.`{f.fieldname}`" for f in meta.fields if f.in_list_view
			]
			base = {"doctype": doctype, "fields": frappe.as_json(fields), "order_by": order_by}
			checks = [
				("list", doctype, desk_call(reportview.get, **base, start=0, page_length=20)),
				("count", doctype, desk_call(reportview.get_count, doctype=doctype, filters="[]")),
			]
			status = meta.get_field("status")
			if status and status.options:
				value = status.options.split("\n")[1 if len(status.options.split("\n")) > 1 else 0]
				filters = frappe.as_json([[doctype, "status", "=", value]])
				what = f"{doctype} status={value}"
				page = desk_call(reportview.get, **base, filters=filters, start=0, page_length=20)
				checks.append(("filter", what, page))
				checks.append(
					("count", what, desk_call(reportview.get_count, doctype=doctype, filters=filters))
				)
			for kind, what, fn in checks:
				ms, sql, _r = timed(fn, rounds)
				rows.append(_row(label, kind, what, ms, sql))
		if frappe.has_permission(MEDIA_ORDER, "create"):
			for target, txt in ((CUSTOMER, "a"), ("ANTARA Product", ""), (DEPARTMENT, "")):
				ms, sql, _r = timed(
					lambda t=target, q=txt: search_link(t, q, reference_doctype=MEDIA_ORDER, page_length=10),
					rounds,
				)
				rows.append(_row(label, "link", f"{target} (order form)", ms, sql))
		for report in frappe.get_all(
			"Report", filters={"module": "ANTARA Sales", "report_type": "Script Report"}, pluck="name"
		):
			if report in skip or not frappe.get_doc("Report", report).is_permitted():
				continue
			ms, sql, _r = timed(lambda r=report: run_report(r, filters=year), rounds)
			rows.append(_row(label, "report", report, ms, sql))
		for card in frappe.get_all("Number Card", filters={"module": "ANTARA Sales"}, pluck="name"):
			doc = frappe.get_doc("Number Card", card)
			if card in skip or not frappe.has_permission(doc.document_type, "read"):
				continue
			ms, sql, _r = timed(lambda d=doc: _card(number_card, d), rounds)
			rows.append(_row(label, "card", card, ms, sql))
		# Charts built on a report run that report (measured above); the others read the DocType.
		for chart in frappe.get_all(
			"Dashboard Chart",
			filters={"module": "ANTARA Sales", "chart_type": ["!=", "Report"]},
			pluck="name",
		):
			if not frappe.has_permission(
				frappe.db.get_value("Dashboard Chart", chart, "document_type"), "read"
			):
				continue
			ms, sql, _r = timed(lambda c=chart: dashboard_chart.get(chart_name=c, refresh=1), rounds)
			rows.append(_row(label, "chart", chart, ms, sql))
	frappe.set_user("Administrator")
	misses = [r for r in rows if r[3] > TARGET_MS[r[1]]]
	print(f"{len(rows)} rows, {len(misses)} over target; {frappe.db.count(MEDIA_ORDER)} Media Orders")
	if misses and strict:
		raise AssertionError(f"{len(misses)} measurements over target")
	return len(misses)


def _row(label, kind, what, ms, sql) -> tuple:
	"""Print a measurement as it is taken (a slow report then shows where the time goes)."""
	flag = "  MISS" if ms > TARGET_MS[kind] else ""
	print(f"{label:18} {kind:7} {what[:52]:52} {ms:8.1f} {sql:5d}{flag}", flush=True)
	return (label, kind, what, ms, sql)


def _card(number_card, doc):
	if doc.type == "Custom":  # as the desk's number card widget calls it (filters: the parsed JSON)
		return frappe.get_attr(doc.method)(filters=frappe.as_json(frappe.parse_json(doc.filters_json)))
	return number_card.get_result(doc, doc.filters_json)
