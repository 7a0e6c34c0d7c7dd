"""Hostile input stops at the door (issue 14): a `before_request` check of the documents a request
sends to the app's DocTypes, against their meta, before Frappe builds a document from them.

Some values crash inside Frappe before any controller runs: a list in a Link reaches the link query
as filters, a string in a Table is appended character by character, an impossible date or 1e20
reaches MariaDB. So the shape, the type, the range and the length of every field are checked where
the request enters, and a bad value is refused with a ValidationError (HTTP 417) that names the
field. What a value means (a period that ends before it starts, a negative quantity) stays with
the controllers' `validate`, and whether a Link or Select value exists with Frappe's own checks.

The entry points that carry a document: the REST resources (`/api/resource/<DocType>[/<name>]`,
POST and PUT, and v2's `/api/v2/document/...`, POST, PUT and PATCH) and the client methods that
build one from JSON (frappe.client.insert/save/submit/insert_many/bulk_update/set_value,
frappe.desk.form.save.savedocs, run_doc_method, apply_workflow).

Runs before authentication (Frappe calls `before_request` before `validate_auth`): it reads only
the request and the meta, and its messages use the request's language (cookie, Accept-Language,
or the system's), as Frappe's own messages do for API-key requests."""

import datetime
import inspect
import json
import math
import re

import frappe
from frappe import _

from antara_sales.doctypes import MODULE

UNSAFE_METHODS = ("POST", "PUT", "PATCH")
RESOURCE_PATH = re.compile(r"^/api(?:/v1)?/resource/(?P<doctype>[^/]+)(?:/(?P<name>.+?))?/?$")
DOCUMENT_PATH = re.compile(r"^/api/v2/document/(?P<doctype>[^/]+)(?:/(?P<name>.+?))?/?$")
METHOD_PATH = re.compile(r"^/api(?:/v1|/v2)?/method/(?P<method>[^/]+)/?$")

# The whitelisted methods that build documents from JSON, and the argument that carries them.
ONE_DOCUMENT = {
	"frappe.client.insert": "doc",
	"frappe.client.save": "doc",
	"frappe.client.submit": "doc",
	"frappe.desk.form.save.savedocs": "doc",
	"frappe.model.workflow.apply_workflow": "doc",
	"run_doc_method": "docs",
	"frappe.handler.run_doc_method": "docs",
	"runserverobj": "docs",
	"frappe.desk.form.run_method.runserverobj": "docs",
}
UPLOAD = ("upload_file", "frappe.handler.upload_file")
MANY_DOCUMENTS = {"frappe.client.insert_many": "docs", "frappe.client.bulk_update": "docs"}
SET_VALUE = "frappe.client.set_value"
# A web form's answers (the guest pages: customer feedback, 6.9), checked against its DocType.
WEB_FORM_ACCEPT = "frappe.website.doctype.web_form.web_form.accept"

# Longest text per column type, in characters. varchar: the field's length or Frappe's 140, as
# Frappe's own length check counts it. text (Small Text, Text, Attach, Password): MariaDB's TEXT
# holds 65,535 bytes; 10,000 characters fit even when every one of them takes 6 bytes (a 4-byte
# character, or `"` escaped to `&quot;` by Frappe's sanitiser), and no address, note or file URL
# of the procedure comes near it. longtext (Text Editor, Long Text, Signature): 1,000,000
# characters, some 300 pages; a signature is a data URL of a few tens of kilobytes, and contract
# terms are a few pages. Beyond that the text is not a form's but an attack on the print and mail.
TEXT_LIMIT = 10_000
LONGTEXT_LIMIT = 1_000_000

TABLE_TYPES = ("Table", "Table MultiSelect")
INT_TYPES = {"Int": 2**31, "Long Int": 2**63, "Check": 2}
DATE_TIME = re.compile(
	r"^(?P<date>\d{4}-\d{2}-\d{2})(?:[ T](?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?$"
)
TIME = re.compile(r"^-?\d{1,3}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?$")
INTEGER = re.compile(r"^[+-]?\d+(?:\.0*)?$")
# An attachment is a file of this site (what Frappe's uploader stores) or a web address: never a
# `javascript:` link, a path out of the files folder, or (Attach Image) a file that is no image.
# SVG is left out of the images: it can carry script into the desk and the prints.
# Frappe does not sanitise Attach values, so no quote or angle bracket either.
FILE_URL = re.compile(r"^(?:/private)?/files/[^?#<>\"'`\x00-\x1f]+$|^https?://[^\s<>\"'`]+$", re.IGNORECASE)
IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|webp|bmp)(?:[?#].*)?$", re.IGNORECASE)
SIGNATURE = re.compile(r"^data:image/(?:png|jpeg|webp);base64,[A-Za-z0-9+/=\s]+$")
# The standard columns a client may send, as the fieldtype they are stored as.
STANDARD_FIELDS = {
	"name": "Data",
	"owner": "Data",
	"modified_by": "Data",
	"parent": "Data",
	"parenttype": "Data",
	"parentfield": "Data",
	"creation": "Datetime",
	"modified": "Datetime",
	"docstatus": "Int",
	"idx": "Int",
}


def check_request():
	"""before_request: refuse a document for one of the app's DocTypes whose values cannot be what
	its fields hold."""
	request = frappe.local.request
	check_method_arguments(request)
	if request.method not in UNSAFE_METHODS:
		return
	check_upload(request)
	for doctype, doc in documents_sent(request):
		meta = app_meta(doctype)
		if meta:
			check_document(meta, doc, _(meta.name))


def check_method_arguments(request):
	"""A whitelisted method of the app called without an argument it needs is refused naming the
	argument (Frappe calls it anyway, and Python's TypeError is a server error)."""
	match = METHOD_PATH.match(request.path)
	path = match["method"] if match else frappe.form_dict.get("cmd")
	if not isinstance(path, str) or not path.startswith("antara_sales."):
		return
	try:
		fn = frappe.get_attr(path)
	except Exception:  # Frappe answers an unknown method itself (404)
		return
	if fn not in frappe.whitelisted:
		return
	for name, param in inspect.signature(fn).parameters.items():
		if param.default is param.empty and param.kind not in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
			value = frappe.form_dict.get(name)
			if value is None or value == "":
				refuse(_("{0} is required.").format(frappe.bold(name)))


def check_upload(request):
	"""A file uploaded for one of the app's documents, by its content, before Frappe stores it
	(services/common/attachments.py): an image for an Attach Image field, a PDF or an image for an
	Attach field, never a page, a script or a program."""
	method = METHOD_PATH.match(request.path)
	if (method["method"] if method else frappe.form_dict.get("cmd")) not in UPLOAD:
		return
	meta = app_meta(frappe.form_dict.get("doctype"))
	upload = request.files.get("file")
	if not meta or upload is None:
		return
	from antara_sales.services.common import attachments

	content = upload.stream.read()
	upload.stream.seek(0)  # Frappe's upload_file reads it again
	df = meta.get_field(frappe.form_dict.get("fieldname") or "")
	label = frappe.bold(_(df.label)) if df else _(meta.name)
	attachments.check_not_active(content, upload.filename, label)
	if df and df.fieldtype in ("Attach", "Attach Image"):
		attachments.check_content(content, upload.filename, df.fieldtype, label)


def documents_sent(request):
	"""(doctype, payload) for each document the request carries."""
	path = request.path
	if match := RESOURCE_PATH.match(path) or DOCUMENT_PATH.match(path):
		if request.method == "POST" and match["name"]:
			return  # a controller method of a saved document (its arguments, not its fields)
		yield match["doctype"], resource_payload(request, v2=path.startswith("/api/v2/"))
		return
	method = frappe.form_dict.get("cmd")
	if match := METHOD_PATH.match(path):
		method = match["method"]
	if not method:
		return
	if method in ONE_DOCUMENT:
		doc = parsed(frappe.form_dict.get(ONE_DOCUMENT[method]))
		if isinstance(doc, dict) and isinstance(doc.get("doctype"), str):
			yield doc["doctype"], doc
	elif method in MANY_DOCUMENTS:
		docs = parsed(frappe.form_dict.get(MANY_DOCUMENTS[method]))
		for doc in docs if isinstance(docs, list) else ():
			if isinstance(doc, dict) and isinstance(doc.get("doctype"), str):
				yield doc["doctype"], doc
	elif method == WEB_FORM_ACCEPT:
		yield from web_form_answers()
	elif method == SET_VALUE:
		doctype, fieldname = frappe.form_dict.get("doctype"), frappe.form_dict.get("fieldname")
		if not isinstance(doctype, str):
			return
		values = parsed(fieldname) if not frappe.form_dict.get("value") else None
		if isinstance(values, dict):
			yield doctype, values
		elif isinstance(fieldname, str):
			yield doctype, {fieldname: frappe.form_dict.get("value")}


def web_form_answers():
	"""Frappe's accept reads `data` as a JSON object and fails (a server error) on anything else."""
	web_form = frappe.form_dict.get("web_form")
	doctype = frappe.db.get_value("Web Form", web_form, "doc_type") if isinstance(web_form, str) else None
	meta = app_meta(doctype)
	if not meta:
		return
	data = parsed(frappe.form_dict.get("data"))
	if not isinstance(data, dict):
		refuse(_("{0}: the form's answers must be an object with its fields").format(_(meta.name)))
	yield doctype, {k: v for k, v in data.items() if k != "doctype"}


def resource_payload(request, v2: bool):
	"""The document as frappe.api reads it (v1: `data`, else the body, else the form)."""
	if v2:
		return dict(frappe.form_dict)
	data = frappe.form_dict.get("data")
	if data is None:
		data = frappe.safe_decode(request.get_data())
	try:
		return frappe.parse_json(data)
	except ValueError:
		return dict(frappe.form_dict)


def parsed(value):
	if isinstance(value, str):
		try:
			return json.loads(value)
		except ValueError:
			return None  # not JSON: Frappe answers that itself
	return value


def app_meta(doctype):
	if not isinstance(doctype, str) or not doctype:
		return None
	try:
		meta = frappe.get_meta(doctype)
	except frappe.DoesNotExistError:
		return None
	return meta if meta.module == MODULE else None


def check_document(meta, doc, where: str):
	if not isinstance(doc, dict):
		refuse(_("{0}: the document must be an object with its fields").format(where))
	for fieldname, value in doc.items():
		if value is None or not isinstance(fieldname, str) or fieldname.startswith("__"):
			continue
		df = meta.get_field(fieldname)
		if df:
			check_value(meta, df, value, where)
		elif fieldname in STANDARD_FIELDS:
			check_value(
				meta, frappe._dict(fieldname=fieldname, fieldtype=STANDARD_FIELDS[fieldname]), value, where
			)


def check_value(meta, df, value, where: str):
	label = frappe.bold(_(df.label or df.fieldname))
	fieldtype = df.fieldtype
	if fieldtype in TABLE_TYPES:
		if not isinstance(value, list):
			refuse(_("{0}: {1} must be a list of rows").format(where, label))
		child = frappe.get_meta(df.options)
		for idx, row in enumerate(value, start=1):
			row_where = _("{0}, row {1} of {2}").format(where, idx, label)
			if not isinstance(row, dict):
				refuse(_("{0}: each row must be an object with its fields").format(row_where))
			check_document(child, row, row_where)
		return
	if fieldtype == "JSON":
		return
	if isinstance(value, list | dict):
		refuse(_("{0}: {1} must be one value, not a list or an object").format(where, label))
	if fieldtype in INT_TYPES:
		check_integer(value, INT_TYPES[fieldtype], where, label, fieldtype == "Check")
	elif fieldtype in ("Currency", "Float", "Percent", "Rating", "Duration"):
		check_number(value, decimal_bound(fieldtype), where, label)
	elif fieldtype in ("Date", "Datetime"):
		check_date(value, fieldtype, where, label)
	elif fieldtype in ("Attach", "Attach Image", "Signature"):
		check_file(value, fieldtype, where, label)
		check_length(df, value, where, label)
	elif fieldtype == "Time":
		if not (value == "" or (isinstance(value, str) and TIME.match(value))):
			refuse(_("{0}: {1} must be a time in the form HH:MM:SS").format(where, label))
	else:
		check_length(df, value, where, label)


def check_integer(value, bound, where, label, is_check):
	if isinstance(value, str):
		text = value.strip().replace(",", "")
		number = int(text.split(".")[0]) if INTEGER.match(text) else (0 if text == "" else None)
	elif isinstance(value, bool | int):
		number = int(value)
	elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
		number = int(value)
	else:
		number = None
	if is_check:
		if number not in (0, 1):
			refuse(_("{0}: {1} must be 0 or 1").format(where, label))
	elif number is None:
		refuse(_("{0}: {1} must be a whole number").format(where, label))
	elif not -bound <= number < bound:
		refuse(_("{0}: {1} is out of range").format(where, label))


def check_number(value, bound, where, label):
	number = None
	if isinstance(value, bool | int | float):
		number = float(value)
	elif isinstance(value, str):
		text = value.strip().replace(",", "")
		if text == "":
			return
		try:
			number = float(text)
		except ValueError:
			number = None
	if number is None or not math.isfinite(number):
		refuse(_("{0}: {1} must be a number").format(where, label))
	if abs(number) >= bound:
		refuse(_("{0}: {1} is out of range").format(where, label))


def decimal_bound(fieldtype):
	"""The largest magnitude the column holds: decimal(21,9) holds less than 10^12."""
	precision, scale = (int(part) for part in frappe.db.type_map[fieldtype][1].split(","))
	return 10 ** (precision - scale)


def check_date(value, fieldtype, where, label):
	if value == "":
		return
	match = DATE_TIME.match(value) if isinstance(value, str) else None
	try:
		if not match:
			raise ValueError
		day = datetime.date.fromisoformat(match["date"])
		if match["time"]:
			hours, minutes, *rest = match["time"].split(":")
			datetime.time(int(hours), int(minutes), int(float(rest[0])) if rest else 0)
		if not 1000 <= day.year <= 9999:  # MariaDB's range
			raise ValueError
	except ValueError:
		if fieldtype == "Date":
			refuse(_("{0}: {1} must be a date that exists, in the form YYYY-MM-DD").format(where, label))
		refuse(
			_("{0}: {1} must be a date and time that exist, in the form YYYY-MM-DD HH:MM:SS").format(
				where, label
			)
		)


def check_file(value, fieldtype, where, label):
	if value == "":
		return
	text = value if isinstance(value, str) else ""
	if fieldtype == "Signature":
		if not SIGNATURE.match(text):
			refuse(_("{0}: {1} must be a drawn signature (an image data URL)").format(where, label))
		return
	if not FILE_URL.match(text) or ".." in text.split("?")[0].split("/"):
		refuse(_("{0}: {1} must be a file of this site or an http(s) address").format(where, label))
	if fieldtype == "Attach Image" and not IMAGE_FILE.search(text):
		refuse(_("{0}: {1} must be an image (PNG, JPEG, GIF, WebP or BMP)").format(where, label))


def check_length(df, value, where, label):
	column = frappe.db.type_map.get(df.fieldtype, ("varchar",))[0]
	if column == "varchar":
		limit = int(df.get("length") or 0) or frappe.db.VARCHAR_LEN
	elif column == "text":
		limit = TEXT_LIMIT
	else:
		limit = LONGTEXT_LIMIT
	length = len(value) if isinstance(value, str) else len(str(value))
	if length > limit:
		refuse(
			_("{0}: {1} is too long ({2} characters, at most {3})").format(
				where, label, frappe.format(length, "Int"), frappe.format(limit, "Int")
			)
		)


def refuse(message: str):
	frappe.throw(message, frappe.ValidationError, title=_("Value not accepted"))
