"""The workflow cannot be bypassed over HTTP (issue 4): each role user's API keys against the test
site's own web server (`make test` starts it and passes ANTARA_TEST_URL). Unlike the other tests,
this class commits its records, because the web server is another connection; it deletes them
again at the end, by name (tests/cleanup.py)."""

import json

import frappe
import requests

from antara_sales.tests import factories as f
from antara_sales.tests.base import AntaraTestCase
from antara_sales.tests.cleanup import purge, purge_users
from antara_sales.tests.web_server import api_token, site_url

ORDER = "ANTARA Media Order"


class TestRestBypass(AntaraTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.url = site_url()
		frappe.set_user("Administrator")
		cls.org, cls.outsider = f.make_org(), f.make_org()
		product, customer = f.make_product(cls.org), f.make_customer(cls.org)
		cls.made = [("ANTARA Customer", customer), ("ANTARA Product", product)]
		cls.draft = f.make_order(cls.org, customer, [product]).name
		cls.awaiting = f.make_order(cls.org, customer, [product])
		f.request_verification(cls.org, cls.awaiting)
		cls.awaiting = cls.awaiting.name
		cls.tokens = {u: api_token(u) for u in (cls.org.ae, cls.org.verifier, cls.outsider.ae)}
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		if getattr(cls, "made", None):
			frappe.set_user("Administrator")
			for org in (cls.org, cls.outsider):
				departments = [org.department, org.technical, org.editorial, org.finance]
				for doctype in ("ANTARA Order Verification", "ANTARA Media Order"):
					for name in frappe.get_all(doctype, {"department": ("in", departments)}, pluck="name"):
						purge(doctype, name)
				cls.made += [("ANTARA Department", d) for d in departments]
				cls.made += [("ANTARA Division", org.division), ("ANTARA Bureau", org.bureau)]
			for doctype, name in cls.made:
				purge(doctype, name)
			for org in (cls.org, cls.outsider):
				purge_users([org.ae, org.manager, org.gm, *org.verifiers, org.other_am])
			frappe.db.commit()
		super().tearDownClass()

	def call(self, user, method, path, **kw):
		response = requests.request(
			method, self.url + path, headers={"Authorization": self.tokens[user]}, timeout=60, **kw
		)
		frappe.db.rollback()  # a fresh snapshot, to read what the server committed
		return response

	def state(self, name):
		return frappe.db.get_value(ORDER, name, ["status", "docstatus"])

	def test_setting_the_state_through_the_resource_api_is_refused(self):
		response = self.call(
			self.org.ae, "PUT", f"/api/resource/{ORDER}/{self.draft}", json={"status": "Verified"}
		)
		self.assertGreaterEqual(response.status_code, 400, response.text)
		self.assertEqual(self.state(self.draft), ("Draft", 0))

	def test_set_value_of_the_state_is_refused(self):
		response = self.call(
			self.org.ae,
			"POST",
			"/api/method/frappe.client.set_value",
			data={"doctype": ORDER, "name": self.draft, "fieldname": "status", "value": "Verified"},
		)
		self.assertGreaterEqual(response.status_code, 400, response.text)
		self.assertEqual(self.state(self.draft), ("Draft", 0))

	def test_submitting_past_the_workflow_is_refused(self):
		doc = frappe.get_doc(ORDER, self.awaiting).as_dict(convert_dates_to_str=True)
		attempts = [
			("/api/method/frappe.client.submit", {"doc": json.dumps(doc)}),
			("/api/method/frappe.desk.form.save.savedocs", {"doc": json.dumps(doc), "action": "Submit"}),
			("/api/method/run_doc_method", {"docs": json.dumps(doc), "method": "submit"}),
			(
				"/api/method/frappe.model.workflow.apply_workflow",
				{"doc": json.dumps(doc), "action": "Verify"},  # no verification round passed
			),
		]
		for path, data in attempts:
			response = self.call(self.org.verifier, "POST", path, data=data)
			self.assertGreaterEqual(response.status_code, 400, f"{path}: {response.text[:300]}")
			self.assertEqual(self.state(self.awaiting), ("Submitted for Verification", 0), path)

	def test_the_ae_cannot_verify_through_the_workflow_api(self):
		doc = frappe.get_doc(ORDER, self.awaiting).as_dict(convert_dates_to_str=True)
		response = self.call(
			self.org.ae,
			"POST",
			"/api/method/frappe.model.workflow.apply_workflow",
			data={"doc": json.dumps(doc), "action": "Verify"},
		)
		self.assertGreaterEqual(response.status_code, 400)

	def test_another_bureau_cannot_read_the_order(self):
		response = self.call(self.outsider.ae, "GET", f"/api/resource/{ORDER}/{self.draft}")
		self.assertEqual(response.status_code, 403, response.text[:300])
		listing = self.call(
			self.outsider.ae, "GET", f"/api/resource/{ORDER}", params={"limit_page_length": 0}
		)
		self.assertNotIn(self.draft, listing.text)
		own = self.call(self.org.ae, "GET", f"/api/resource/{ORDER}/{self.draft}")
		self.assertEqual(own.status_code, 200, own.text[:300])
