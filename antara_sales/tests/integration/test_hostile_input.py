"""Hostile input gets a clear refusal, never a 500 (issue 14). Every field of every DocType of the
module, read from the meta (a new field is covered without editing this test), is sent over REST as
Administrator one field at a time with the families of values below: a 5xx, or a row left behind by
a refused request, fails the test; so does a value that must be refused (a list where one value
belongs, an impossible date, 1e20 or text in a number) and was accepted, or refused without naming
the field. Like test_rest_bypass, it talks to the test site's own web server (ANTARA_TEST_URL) and
removes by name whatever an accepted request made.

Bounded to stay under ~3 minutes on `frappe serve --nothreading`: each field gets the two shapes
(list, object) and two or three values of its own type; the rows of a child table get the shapes
and the first value of their type, once per child DocType; a Single gets only the values it must
refuse (PUT), so its settings never change. Not covered here: uploads (10 MB, wrong file type),
whitelisted methods and web forms, domain rules (negative quantities, periods, look-alike NPWP)."""

import json
import math
import time
from dataclasses import dataclass, field
from typing import Any

import frappe
import requests

from antara_sales.services.common.request_guard import check_document
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.cleanup import purge
from antara_sales.tests.processes import report
from antara_sales.tests.web_server import api_token, site_url

MODULE = "ANTARA Sales"
BUREAU = "ANTARA Bureau"

LONG = "A" * 100_000
SHAPES = [("a list", ["x", "y"], True), ("an object", {"x": 1}, True)]
TEXT = [
	("100,000 characters", LONG, "by length"),
	("a script tag", "<script>alert(1)</script>", False),
	("SQL-ish text", "x'); DROP TABLE `tabUser`; --", False),
]
NUMBER = [("1e20", 1e20, True), ("text", "abc", True), ("NaN", math.nan, True)]
DATE = [("2026-02-30", "2026-02-30", True), ("yesterday", "yesterday", True)]
DATETIME = [("2026-02-30 10:00", "2026-02-30 10:00:00", True), ("yesterday", "yesterday", True)]
TABLE = [("a string", "row", True), ("a list of strings", ["a", "b"], True), ("an object", {"a": 1}, True)]

# Families by fieldtype; "by length" means refused where the column cannot hold 100,000 characters.
FAMILIES = {
	"Currency": NUMBER,
	"Float": NUMBER,
	"Percent": NUMBER,
	"Rating": NUMBER,
	"Int": [("1e20", 1e20, True), ("text", "abc", True)],
	"Check": [("text", "abc", True)],
	"Date": DATE,
	"Datetime": DATETIME,
	"Link": TEXT[:2],
	"Dynamic Link": TEXT[:2],
	"Select": TEXT[:2],
	# A stored attachment reaches the desk, the prints and the mail as a link or an image.
	"Attach": [*TEXT[:2], ("a javascript: link", "javascript:alert(1)", True)],
	"Attach Image": [*TEXT[:2], ("a javascript: link", "javascript:alert(1)", True)],
	"Signature": [*TEXT[:2], ("not an image", "javascript:alert(1)", True)],
}
TABLE_TYPES = ("Table", "Table MultiSelect")
# Columns too small for 100,000 characters (Frappe's type map): varchar and text.
LONGTEXT_TYPES = (
	"Long Text",
	"Code",
	"Text Editor",
	"Markdown Editor",
	"HTML Editor",
	"Signature",
	"Barcode",
)
# Standard fields a client can send too.
STANDARD = [frappe._dict(fieldname="name", fieldtype="Data", label="Name")]


@dataclass
class Probe:
	doctype: str  # the DocType whose rows are counted
	method: str
	path: str
	payload: dict
	what: str  # for the report: DocType.field: family
	label: str  # the field's label, which a refusal must name
	must_refuse: bool
	tables: list = field(default_factory=list)  # child DocTypes whose rows are counted too


@dataclass
class Tally:
	requests: int = 0
	server_errors: list = field(default_factory=list)
	rows_left: list = field(default_factory=list)
	accepted: list = field(default_factory=list)  # must be refused, and were not
	unnamed: list = field(default_factory=list)  # refused without naming the field


class TestHostileInput(AntaraTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.url = site_url()
		frappe.set_user("Administrator")
		cls.token = api_token("Administrator")
		frappe.db.commit()

	def test_every_field_refuses_hostile_values_without_a_server_error(self):
		probes = list(plan())
		tally = Tally()
		started = time.monotonic()
		with requests.Session() as session:
			session.headers.update(
				{
					"Authorization": self.token,
					"Accept": "application/json",
					"Content-Type": "application/json",
					# API-key requests take their language from the request: English labels to match.
					"Accept-Language": "en",
				}
			)
			for probe in probes:
				self.send(session, probe, tally)
		seconds = time.monotonic() - started
		doctypes = len({p.doctype for p in probes})
		report(
			f"HOSTILE: {tally.requests} requests, {len(tally.server_errors)} server errors, "
			f"{len(tally.rows_left)} rows left ({doctypes} DocTypes, {len(tally.accepted)} accepted "
			f"that must be refused, {len(tally.unnamed)} refused without naming the field, {seconds:.0f}s)"
		)
		for title, rows in (
			("server errors", tally.server_errors),
			("rows left", tally.rows_left),
			("accepted", tally.accepted),
			("unnamed", tally.unnamed),
		):
			for row in rows[:200]:
				print(f"  {title}: {row}")
		self.assertEqual(tally.server_errors, [], "hostile values gave server errors")
		self.assertEqual(tally.rows_left, [], "refused requests left rows behind")
		self.assertEqual(tally.accepted, [], "values that must be refused were accepted")
		self.assertEqual(tally.unnamed, [], "refusals must name the field")

	def send(self, session, probe: Probe, tally: Tally):
		before = counts(probe)
		response = session.request(
			probe.method, self.url + probe.path, data=json.dumps(probe.payload), timeout=120
		)
		tally.requests += 1
		frappe.db.rollback()  # a fresh snapshot, to read what the server committed
		status = response.status_code
		if frappe.get_meta(probe.doctype).issingle and counts(probe) != before:
			restore_single(probe.doctype, before)  # the site's settings stay as they were
			if status >= 400:
				tally.rows_left.append(f"{probe.what} -> {status}")
		if status >= 500:
			tally.server_errors.append(f"{probe.what} -> {status} {error_of(response)}")
		if status < 400:
			made = response.json().get("data") or {}
			if not frappe.get_meta(probe.doctype).issingle and made.get("name"):
				purge(probe.doctype, made["name"])  # accepted: remove it again, by name
				frappe.db.commit()
			if probe.must_refuse:
				tally.accepted.append(f"{probe.what} -> {status}")
			return
		if not frappe.get_meta(probe.doctype).issingle and counts(probe) != before:
			tally.rows_left.append(f"{probe.what} -> {status}")
		if probe.must_refuse and status < 500 and probe.label.lower() not in response.text.lower():
			tally.unnamed.append(f"{probe.what} -> {status} {error_of(response)}")


class TestEntryPoints(AntaraTestCase):
	"""The other doors a document comes in by: the client methods, the desk's savedocs, v2's
	document API and PUT on a saved record. Each refuses a list in a Link and changes nothing."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.url = site_url()
		frappe.set_user("Administrator")
		cls.token = api_token("Administrator")
		bureau = frappe.get_doc(
			{
				"doctype": BUREAU,
				"bureau_name": f"Biro {frappe.generate_hash(length=6)}",
				"bureau_type": "Head Office",
			}
		).insert()
		cls.bureau = bureau.name
		cls.saved = bureau.as_dict(convert_dates_to_str=True)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		if getattr(cls, "bureau", None):
			purge(BUREAU, cls.bureau)
			frappe.db.commit()
		super().tearDownClass()

	def test_each_entry_point_refuses_a_list_in_a_link(self):
		hostile = {"bureau_head": ["Administrator", "Guest"]}
		new = {"doctype": BUREAU, "bureau_name": "Biro Baru", "bureau_type": "Head Office", **hostile}
		saved = {**self.saved, **hostile}
		method = "/api/method/"
		attempts = [
			("PUT", f"/api/resource/{BUREAU}/{self.bureau}", hostile),
			("POST", f"/api/v2/document/{BUREAU}", new),
			("PATCH", f"/api/v2/document/{BUREAU}/{self.bureau}", hostile),
			("POST", method + "frappe.client.insert", {"doc": new}),
			("POST", method + "frappe.client.insert", {"doc": json.dumps(new)}),
			("POST", method + "frappe.client.insert_many", {"docs": json.dumps([new])}),
			("POST", method + "frappe.client.save", {"doc": json.dumps(saved)}),
			("POST", method + "frappe.desk.form.save.savedocs", {"doc": json.dumps(saved), "action": "Save"}),
			(
				"POST",
				method + "frappe.client.set_value",
				{"doctype": BUREAU, "name": self.bureau, "fieldname": "bureau_head", "value": ["x"]},
			),
			(
				"POST",
				method + "frappe.client.set_value",
				{"doctype": BUREAU, "name": self.bureau, "fieldname": json.dumps(hostile)},
			),
		]
		before = frappe.db.count(BUREAU), frappe.db.get_value(BUREAU, self.bureau, "modified")
		headers = {"Authorization": self.token, "Accept-Language": "en", "Content-Type": "application/json"}
		for verb, path, payload in attempts:
			response = requests.request(
				verb, self.url + path, data=json.dumps(payload), headers=headers, timeout=60
			)
			frappe.db.rollback()
			with self.subTest(path=path, payload=str(payload)[:80]):
				self.assertEqual(response.status_code, 417, response.text[:300])
				self.assertIn("Bureau Head", response.text)
				self.assertEqual(
					(frappe.db.count(BUREAU), frappe.db.get_value(BUREAU, self.bureau, "modified")), before
				)


class TestRequestGuard(AntaraTestCase):
	"""The guard itself, without a web server: what a real client sends passes; each family of
	hostile values is refused."""

	def test_the_documents_a_sale_starts_with_pass(self):
		"""Every record of the module a Media Order brings (the order with its rows, stamp and
		signature, its customer, product, department, bureau), as the desk sends it back (savedocs)."""
		from antara_sales.tests import factories as f

		org = f.make_org()
		customer, product = f.make_customer(org), f.make_product(org)
		order = f.make_order(org, customer, [product])
		made = [(order.doctype, order.name), ("ANTARA Customer", customer), ("ANTARA Product", product)]
		made += [
			("ANTARA Department", org.department),
			(BUREAU, org.bureau),
			("ANTARA Division", org.division),
		]
		for doctype, name in made:
			doc = frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True)
			with self.subTest(doctype=doctype):
				check_document(frappe.get_meta(doctype), doc, doctype)  # raises if refused

	def test_values_a_client_may_send_pass(self):
		meta = frappe.get_meta("ANTARA Media Order")
		fields = {df.fieldtype: df.fieldname for df in meta.fields}
		for fieldtype, value in [
			("Date", "2026-01-31"),
			("Date", "2026-01-31 00:00:00"),
			("Date", ""),
			("Datetime", "2026-01-31 23:59:59.123456"),
			("Datetime", "2026-01-31T08:00"),
			("Currency", "1,000,000.50"),
			("Currency", 999_999_999_999),
			("Currency", -5),
			("Int", "12"),
			("Int", True),
			("Check", True),
			("Check", "1"),
			("Data", "Sri Wahyuni <sri@example.id>"),
			("Small Text", "x" * 10_000),
			("Attach Image", "/private/files/cap-perusahaan.png"),
			("Attach Image", "https://www.antaranews.com/logo.JPG"),
			("Attach", "/files/kontrak.pdf"),
			("Signature", "data:image/png;base64,iVBORw0KGgo="),
		]:
			with self.subTest(fieldtype=fieldtype, value=value):
				check_document(meta, {fields[fieldtype]: value}, "ANTARA Media Order")

	def test_hostile_values_are_refused(self):
		meta = frappe.get_meta("ANTARA Media Order")
		fields = {df.fieldtype: df.fieldname for df in meta.fields}
		for fieldtype, value in [
			("Date", "2026-02-30"),
			("Date", "31-01-2026"),
			("Date", "0000-00-00"),
			("Datetime", "2026-01-31 25:00:00"),
			("Currency", "1e12"),
			("Currency", math.inf),
			("Currency", "Rp 1.000"),
			("Int", 2**31),
			("Int", "9" * 400),
			("Int", 1.5),
			("Check", 2),
			("Data", "x" * 141),
			("Small Text", "x" * 10_001),
			("Link", {"name": "x"}),
			("Table", [["a"]]),
			("Table", [{"quantity": "many"}]),
			("Attach Image", "javascript:alert(1)"),
			("Attach Image", "/private/files/../../site_config.json"),
			("Attach Image", "/private/files/cap.pdf"),
			("Attach Image", "/files/cap.svg"),
			("Attach", "file:///etc/passwd"),
			("Attach", '/files/x.png"><script>alert(1)</script>'),
			("Signature", "hello"),
			("Signature", "data:text/html;base64,PHNjcmlwdD4="),
		]:
			with self.subTest(fieldtype=fieldtype, value=str(value)[:40]):
				with self.assertRaises(frappe.ValidationError):
					check_document(meta, {fields[fieldtype]: value}, "ANTARA Media Order")
		with self.assertRaises(frappe.ValidationError):
			check_document(meta, ["not", "a", "document"], "ANTARA Media Order")


def plan():
	"""The probes: every DocType of the module and each of its fields, from the meta."""
	doctypes = frappe.get_all(
		"DocType", {"module": MODULE, "istable": 0, "is_virtual": 0}, ["name", "issingle"], order_by="name"
	)
	children_done = set()
	for dt in doctypes:
		meta = frappe.get_meta(dt.name)
		if dt.issingle:
			path = f"/api/resource/{dt.name}/{dt.name}"
			for df in data_fields(meta):
				for family, value, _must in families(df):
					if must_refuse(df, _must):
						yield probe(dt.name, "PUT", path, {df.fieldname: value}, df, family, True)
			continue
		path = f"/api/resource/{dt.name}"
		tables = [df.options for df in meta.get_table_fields()]
		for df in [*STANDARD, *data_fields(meta)]:
			for family, value, must in families(df):
				yield probe(
					dt.name, "POST", path, {df.fieldname: value}, df, family, must_refuse(df, must), tables
				)
		for table in meta.get_table_fields():
			if table.options in children_done:
				continue
			children_done.add(table.options)
			for df in data_fields(frappe.get_meta(table.options)):
				for family, value, must in families(df)[:3]:
					row = {df.fieldname: value}
					yield probe(
						dt.name,
						"POST",
						path,
						{table.fieldname: [row]},
						df,
						f"{family} in a row of {table.fieldname}",
						must_refuse(df, must),
						tables,
					)


def probe(doctype, method, path, payload, df, family, must, tables=()):
	return Probe(
		doctype=doctype,
		method=method,
		path=path,
		payload=payload,
		what=f"{doctype}.{df.fieldname} ({df.fieldtype}): {family}",
		label=df.label or df.fieldname,
		must_refuse=must,
		tables=list(tables),
	)


def data_fields(meta):
	return [
		df
		for df in meta.fields
		if df.fieldtype not in frappe.model.no_value_fields or df.fieldtype in TABLE_TYPES
	]


def families(df):
	if df.fieldtype in TABLE_TYPES:
		return TABLE
	return SHAPES + FAMILIES.get(df.fieldtype, TEXT)


def must_refuse(df, must):
	if must == "by length":
		return df.fieldtype not in LONGTEXT_TYPES
	return bool(must)


def counts(probe: Probe):
	"""What a refused request must leave as it was: the rows of the DocType and its child tables, or
	a Single's values."""
	if frappe.get_meta(probe.doctype).issingle:
		return frappe.db.sql(
			"select field, value from tabSingles where doctype=%s order by field", probe.doctype
		)
	return [frappe.db.count(dt) for dt in (probe.doctype, *probe.tables)]


def restore_single(doctype: str, values):
	frappe.db.delete("Singles", {"doctype": doctype})
	for fieldname, value in values:
		frappe.db.sql(
			"insert into tabSingles (doctype, field, value) values (%s, %s, %s)", (doctype, fieldname, value)
		)
	frappe.db.commit()
	frappe.clear_document_cache(doctype, doctype)


def error_of(response) -> str:
	try:
		body = response.json()
	except ValueError:
		return response.text[:200]
	return str(body.get("exc_type") or body.get("exception") or "")[:200]
