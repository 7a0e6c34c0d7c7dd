"""A web server for PDFs in tests (platform note 12).

Frappe renders a print to HTML that links Frappe's print CSS by absolute URL (frappe.utils.get_url:
the site's host name and the bench's web port) and wkhtmltopdf fetches it while it makes the PDF.
When the host name does not resolve (a throwaway test site), Debian's wkhtmltopdf exits with
"HostNotFoundError" and Frappe raises. The ANTARA print formats carry their own CSS inline, so the
PDF does not depend on what is fetched; something only has to answer. This serves the bench's
`sites/assets` folder (and nothing else) on 127.0.0.1 and points the site's `host_name` at it for
the duration of a test class."""

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import frappe


class _AssetsOnly(SimpleHTTPRequestHandler):
	def do_GET(self):
		if not self.path.startswith("/assets/"):
			self.send_error(404)
			return
		super().do_GET()

	def log_message(self, format, *args):
		pass


class AssetServer:
	def __init__(self):
		sites_path = os.path.abspath(frappe.local.sites_path)
		handler = functools.partial(_AssetsOnly, directory=sites_path)
		self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
		self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
		self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
		self._previous_host_name = None

	def start(self):
		self.thread.start()
		self._previous_host_name = frappe.local.conf.get("host_name")
		frappe.local.conf.host_name = self.url
		return self

	def stop(self):
		frappe.local.conf.host_name = self._previous_host_name
		self.httpd.shutdown()
		self.httpd.server_close()
