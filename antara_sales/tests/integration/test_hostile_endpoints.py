"""Hostile input to the app's other doors (issue 14), over HTTP to the test site's own web server
(ANTARA_TEST_URL): every whitelisted method of the app, its web forms and guest pages, and uploads
for its documents. Never a 5xx; a refusal is a 4xx with a message; nothing is written.

The doors are read from the code, so a new one is covered without editing this test: the
whitelisted functions are those of frappe.whitelisted defined in the app's modules (all imported),
with their parameters from their signatures; the web forms are the module's Web Form records; the
guest pages are the files under antara_sales/www.

Like test_rest_bypass, this commits what it sets up (the server is another connection) and removes
it by name at the end; the rate-limit counters its guest requests leave are put back as they were."""

import importlib
import inspect
import json
import pkgutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import frappe
import requests

import antara_sales
from antara_sales import roles
from antara_sales.doctypes import CONTRACT, MEDIA_ORDER
from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.cleanup import purge, purge_org
from antara_sales.tests.processes import report
from antara_sales.tests.web_server import api_token, site_url

MODULE = "ANTARA Sales"
LONG = "A" * 100_000
# What each parameter of a method gets, one at a time (None: the parameter left out).
FAMILIES = [
	("a list", ["x", "y"]),
	("an object", {"name": "x"}),
	("100,000 characters", LONG),
	("an unknown name", "does-not-exist-7f3a"),
	("a script tag", "<script>alert(1)</script>"),
]
SERVER_ERROR = 500


@dataclass
class Tally:
	requests: int = 0
	server_errors: list = field(default_factory=list)
	written: list = field(default_factory=list)
	unexplained: list = field(default_factory=list)  # a 4xx without a message
	answered: list = field(default_factory=list)  # a 2xx (reported, e.g. a count with no filter)

	def line(self, family: str, seconds: float) -> str:
		return (
			f"HOSTILE {family}: {self.requests} requests, {len(self.server_errors)} server errors, "
			f"{len(self.written)} rows left ({len(self.unexplained)} refused without a message, "
			f"{len(self.answered)} answered 2xx, {seconds:.0f}s)"
		)

	def report(self):
		for title, rows in (
			("server error", self.server_errors),
			("written", self.written),
			("no message", self.unexplained),
			("answered", self.answered),
		):
			for row in rows[:60]:
				print(f"  {title}: {row}")


def app_modules():
	"""Every module of the app but its tests, imported (a whitelisted function registers itself)."""
	for info in pkgutil.walk_packages(antara_sales.__path__, "antara_sales."):
		if ".tests" in info.name or info.name.endswith(".hooks"):
			continue
		try:
			importlib.import_module(info.name)
		except Exception:  # a module that needs a request or a DocType not installed: not a door
			continue


def whitelisted_methods():
	"""(path, function, doctype) of each whitelisted function of the app; doctype for a controller
	method (called through run_doc_method)."""
	app_modules()
	found = []
	for fn in frappe.whitelisted:
		module = getattr(fn, "__module__", "") or ""
		if not module.startswith("antara_sales."):
			continue
		if "." in fn.__qualname__:  # a method of a DocType's controller
			folder = module.rsplit(".", 1)[-1]
			doctype = next(
				(
					d
					for d in frappe.get_all("DocType", {"module": MODULE}, pluck="name")
					if frappe.scrub(d) == folder
				),
				None,
			)
			found.append((fn.__name__, fn, doctype))
		else:
			found.append((f"{module}.{fn.__name__}", fn, None))
	return sorted(found, key=lambda row: row[0])


def parameters(fn) -> list[str]:
	return [
		p.name
		for p in inspect.signature(fn).parameters.values()
		if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
	]


def snapshot():
	"""The rows of the module's DocTypes and their latest change: what a refused call leaves alone."""
	state = {}
	for doctype in frappe.get_all(
		"DocType", {"module": MODULE, "issingle": 0, "is_virtual": 0}, pluck="name"
	):
		latest = frappe.db.get_value(doctype, {}, "modified", order_by="modified desc")
		state[doctype] = (frappe.db.count(doctype), str(latest))
	state["File"] = frappe.db.count("File")
	return state


def differences(before, after) -> list[str]:
	return [f"{k}: {before[k]} -> {after.get(k)}" for k in before if after.get(k) != before[k]]


def message_of(response) -> str:
	try:
		body = response.json()
	except ValueError:
		return response.text[:200]
	messages = body.get("_server_messages") or ""
	if messages:
		try:
			messages = " ".join(json.loads(m).get("message", "") for m in json.loads(messages))
		except (ValueError, AttributeError):
			pass
	return str(messages or body.get("exception") or body.get("message") or "")[:300]


class HostileHTTP(AntaraTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.url = site_url()
		frappe.set_user("Administrator")
		cls.org, cls.other = f.make_org(), f.make_org()
		cls.product = f.make_product(cls.org)
		cls.customer = f.make_customer(cls.org)
		cls.order = f.make_order(cls.org, cls.customer, [cls.product])
		# Another bureau's sale: its customer, a verified order and its draft contract.
		other_product = f.make_product(cls.other)
		cls.other_customer = f.make_customer(cls.other)
		other_order = f.verified_order(cls.other, cls.other_customer, [other_product])
		cls.other_order = other_order.name
		cls.other_contract = f.make_contract(cls.other, other_order.name).name
		cls.tokens = {
			"Administrator": api_token("Administrator"),
			roles.ACCOUNT_EXECUTIVE: api_token(cls.org.ae),
			roles.MANAGER: api_token(cls.org.manager),
			"Guest": None,
		}
		cls.files = []
		frappe.db.commit()
		cls.rate_limits = rate_limit_counters()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		for name in getattr(cls, "files", []):
			purge("File", name)
		for org in (getattr(cls, "org", None), getattr(cls, "other", None)):
			if org:
				purge_org(org)
		frappe.db.commit()
		restore_rate_limits(getattr(cls, "rate_limits", {}))
		super().tearDownClass()

	def send(self, session, verb, path, tally, what, **kw):
		response = session.request(verb, self.url + path, timeout=120, **kw)
		tally.requests += 1
		if response.status_code >= SERVER_ERROR:
			tally.server_errors.append(f"{what} -> {response.status_code} {message_of(response)[:160]}")
		elif response.status_code >= 400:
			if not message_of(response).strip():
				tally.unexplained.append(f"{what} -> {response.status_code}")
		else:
			tally.answered.append(f"{what} -> {response.status_code}")
		return response

	def session(self, who):
		session = requests.Session()
		session.headers.update({"Accept": "application/json", "Accept-Language": "en"})
		if self.tokens.get(who):
			session.headers["Authorization"] = self.tokens[who]
		return session


class TestHostileMethods(HostileHTTP):
	def test_every_whitelisted_method_refuses_hostile_arguments(self):
		methods = whitelisted_methods()
		self.assertGreater(len(methods), 10, "the app's whitelisted methods were not found")
		tally = Tally()
		started = time.monotonic()
		others = {
			"doctype": MEDIA_ORDER,
			"name": self.other_order,
			"media_order": self.other_order,
			"customer": self.other_customer,
			"contract": self.other_contract,
		}
		for path, fn, doctype in methods:
			params = parameters(fn)
			calls = [("nothing", {})]
			for param in params:
				calls += [(f"{family} as {param}", {param: value}) for family, value in FAMILIES]
			if params:  # another bureau's documents, where the parameter names one
				calls.append(
					("another bureau's documents", {p: others.get(p, self.other_order) for p in params})
				)
			before = snapshot()
			for who in self.tokens:
				with self.session(who) as session:
					for family, args in calls:
						if who == "Administrator" and family == "another bureau's documents":
							continue  # the Administrator may act on them: not hostile
						body, target = args, "/api/method/" + path
						if doctype:  # a controller method: the document is the hostile part
							target = "/api/method/run_doc_method"
							body = {"dt": doctype, "dn": next(iter(args.values()), None), "method": path}
						self.send(session, "POST", target, tally, f"{path} as {who}: {family}", json=body)
			frappe.db.rollback()
			if changed := differences(before, snapshot()):
				tally.written.append(f"{path}: {', '.join(changed)}")
		report(tally.line(f"methods ({len(methods)})", time.monotonic() - started))
		tally.report()
		self.assertEqual(tally.server_errors, [])
		self.assertEqual(tally.written, [])
		self.assertEqual(tally.unexplained, [])


class TestHostileGuestPages(HostileHTTP):
	QUERIES = [
		{"key": LONG},
		{"key": "<script>alert(1)</script>"},
		{"key": "x' or '1'='1"},
		{"key": ["a", "b"]},
		{"key": "\x00"},
		{"key": "%", "new": "1"},
		{"name": "Administrator", "key": "x"},
		{"key": json.dumps({"$gt": ""})},
	]
	POSTS = [
		"not json",
		json.dumps(["a", "b"]),
		json.dumps("a string"),
		json.dumps({"feedback_key": LONG, "rating": 1}),
		json.dumps({"feedback_key": ["x"], "rating": "many"}),
		json.dumps({"feedback_key": "x", "rating": 1e20, "comments": "<script>alert(1)</script>"}),
		json.dumps({"doctype": "User", "name": "Administrator", "new_password": "x"}),
		json.dumps({"name": "ANTARA-CF-0001", "feedback_key": "x"}),
	]

	def test_web_forms_and_guest_pages_refuse_hostile_input(self):
		forms = frappe.get_all("Web Form", {"module": MODULE}, ["name", "route"])
		pages = [
			p
			for p in Path(antara_sales.__file__).parent.joinpath("www").rglob("*")
			if p.suffix in (".html", ".md", ".py")
		]
		routes = [form.route for form in forms] + [
			str(p.relative_to(Path(antara_sales.__file__).parent / "www").with_suffix("")) for p in pages
		]
		self.assertTrue(forms, "the module's web forms were not found")
		tally = Tally()
		started = time.monotonic()
		before = snapshot()
		for who in ("Guest", roles.ACCOUNT_EXECUTIVE):
			with self.session(who) as session:
				for route in routes:
					for query in self.QUERIES:
						for suffix in ("", "/new"):
							self.send(
								session,
								"GET",
								f"/{route}{suffix}",
								tally,
								f"/{route}{suffix} {str(query)[:40]}",
								params=query,
								headers={"Accept": "text/html"},  # as a browser opens the link
							)
				for form in forms:
					for data in self.POSTS:
						self.send(
							session,
							"POST",
							"/api/method/frappe.website.doctype.web_form.web_form.accept",
							tally,
							f"{form.name} accept {data[:40]}",
							data={"web_form": form.name, "data": data},
						)
		frappe.db.rollback()
		if changed := differences(before, snapshot()):
			tally.written.append(", ".join(changed))
		tally.answered = []  # a page that shows its refusal answers 200: only 5xx and writes count
		report(tally.line(f"guest pages ({len(routes)} routes)", time.monotonic() - started))
		tally.report()
		self.assertEqual(tally.server_errors, [])
		self.assertEqual(tally.written, [])


class TestHostileUploads(HostileHTTP):
	"""A 10 MB file and files of the wrong type as the company stamp (Attach Image) and the signed
	form (Attach) of a Media Order, uploaded the way the desk does it and then set on the order."""

	PNG = f.PNG

	def upload(self, session, tally, what, name, content, **form):
		response = self.send(
			session,
			"POST",
			"/api/method/upload_file",
			tally,
			what,
			files={"file": (name, content)},
			data=form,
		)
		if response.ok:
			self.files.append(response.json()["message"]["name"])
		return response

	def test_uploads_of_the_wrong_size_or_type_are_refused(self):
		tally = Tally()
		started = time.monotonic()
		html = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
		big = self.PNG + b"\0" * (10 * 1024 * 1024)
		attached = {"doctype": MEDIA_ORDER, "docname": self.order.name, "is_private": 1}
		before = snapshot()
		refusals = []
		with self.session(roles.ACCOUNT_EXECUTIVE) as session:
			for what, name, content, fieldname, expect in [
				(
					"10 MB stamp",
					"cap.png",
					big,
					"company_stamp",
					"too large|File size exceeded|Request Entity",
				),
				(
					"5 MB + 1 stamp",
					"cap.png",
					self.PNG + b"\0" * (5 * 1024 * 1024),
					"company_stamp",
					"too large",
				),
				("HTML named .png as stamp", "cap.png", html, "company_stamp", "web page|not an image"),
				("HTML as stamp", "cap.html", html, "company_stamp", "web page"),
				("SVG as stamp", "cap.svg", b"<svg onload='alert(1)'/>", "company_stamp", "web page"),
				("a program as signed form", "form.exe", b"MZ\x90\0" + b"\0" * 64, "signed_form", "program"),
				("a program named .pdf", "form.pdf", b"MZ\x90\0" + b"\0" * 64, "signed_form", "program"),
				("HTML named .pdf as signed form", "form.pdf", html, "signed_form", "web page"),
				("a PNG named .pdf", "form.pdf", self.PNG, "signed_form", "does not match"),
				("HTML as a plain attachment", "page.html", html, None, "web page"),
			]:
				form = {**attached, **({"fieldname": fieldname} if fieldname else {})}
				response = self.upload(session, tally, what, name, content, **form)
				refusals.append(
					(what, response.status_code, expect, message_of(response) or response.text[:200])
				)
			# Uploaded loose (as the desk does for a form not saved yet), then set on the order.
			loose = self.upload(session, tally, "HTML named .png, loose", "cap.png", html, is_private=1)
			self.assertTrue(loose.ok, loose.text[:300])
			url = loose.json()["message"]["file_url"]
			response = self.send(
				session,
				"PUT",
				f"/api/resource/{MEDIA_ORDER}/{self.order.name}",
				tally,
				"set as stamp",
				json={"company_stamp": url},
			)
			refusals.append(
				("HTML named .png set as stamp", response.status_code, "not an image", message_of(response))
			)
		frappe.db.rollback()  # a fresh snapshot: the uploads were committed by the server
		for name in self.files:
			purge("File", name)  # the loose upload, by name
		self.files.clear()
		frappe.db.commit()
		if changed := differences(before, snapshot()):
			tally.written.append(", ".join(changed))
		self.assertEqual(
			frappe.db.get_value(MEDIA_ORDER, self.order.name, "company_stamp"), self.order.company_stamp
		)
		report(tally.line("uploads", time.monotonic() - started))
		tally.report()
		for what, status, expect, message in refusals:
			with self.subTest(what=what):
				self.assertTrue(400 <= status < 500, f"{what}: {status} {message}")
				self.assertRegex(message, expect)
		self.assertEqual(tally.server_errors, [])
		self.assertEqual(tally.written, [])


def rate_limit_counters() -> dict:
	"""The rate limiter's counters of this site (rl:<method>:<address>, raw Redis keys), with the
	seconds they have left: the guest requests add to them, and a later test must not find them spent."""
	return {key: (frappe.cache.get(key), frappe.cache.ttl(key)) for key in frappe.cache.get_keys("rl:")}


def restore_rate_limits(before: dict):
	for key in frappe.cache.get_keys("rl:"):
		if key not in before:
			frappe.cache.delete(key)
		elif before[key][0] is not None:
			value, seconds = before[key]
			frappe.cache.set(key, value, ex=seconds if seconds and seconds > 0 else None)
