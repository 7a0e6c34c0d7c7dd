"""The test site's own web server, for the tests that talk HTTP to it (`make test` starts it and
passes its address in ANTARA_TEST_URL): its address, waiting for it, and a user's API token."""

import os
import time
import unittest

import frappe
import requests


def site_url() -> str:
	"""The server's address; the calling test class is skipped when there is none."""
	url = os.environ.get("ANTARA_TEST_URL")
	if not url:
		raise unittest.SkipTest("ANTARA_TEST_URL is not set: run through `make test`")
	wait_for(url)
	return url


def api_token(user: str) -> str:
	from frappe.core.doctype.user.user import generate_keys

	secret = generate_keys(user)["api_secret"]
	return f"token {frappe.db.get_value('User', user, 'api_key')}:{secret}"


def wait_for(url: str, seconds: int = 60):
	deadline = time.monotonic() + seconds
	while True:
		try:
			if requests.get(url + "/api/method/ping", timeout=5).ok:
				return
		except requests.RequestException:
			pass
		if time.monotonic() > deadline:
			raise RuntimeError(f"the test site's web server at {url} did not answer")
		time.sleep(0.5)
