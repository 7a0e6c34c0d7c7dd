"""Indonesian first (issue 10): every string of the app has Indonesian, so the next new label cannot
slip through.

The strings are found the way `bench --site S get-untranslated --app antara_sales id out.csv` finds
them (frappe.translate.get_messages_for_app: DocType labels, descriptions and Select options,
workflows, reports, `_()` and `__()` in .py/.js/.html), plus what that extraction leaves out but the
desk shows: the shipped workflow JSON (states, their messages, actions), Connections group labels
(DocType `links`), the workspace, number cards, dashboard charts, notification subjects and the web
form."""

import csv
import glob
import json
import os
import re

import frappe
from frappe.gettext.extractors.utils import extract_messages_from_code
from frappe.translate import (
	clear_cache,
	get_all_translations,
	get_messages_for_app,
	get_translation_dict_from_file,
)

from antara_sales.tests.base import AntaraTestCase

APP = "antara_sales"
LANG = "id"
PLACEHOLDER = re.compile(r"\{\d*\}")


def module_path(*parts: str) -> str:
	return frappe.get_app_path(APP, APP, *parts)


def json_files(folder: str) -> list[str]:
	return sorted(glob.glob(module_path(folder, "*", "*.json")))


def load(path: str) -> dict:
	with open(path, encoding="utf-8") as f:
		return json.load(f)


def shipped_strings() -> list[tuple[str, str]]:
	"""(where, string) for what the desk shows from the app's JSON but get-untranslated skips."""
	found = []

	def add(where, *texts):
		found.extend((where, t) for t in texts if isinstance(t, str) and t.strip())

	for path in sorted(glob.glob(module_path("workflow", "*.json"))):
		workflow = load(path)
		where = "Workflow " + os.path.basename(path)
		for state in workflow.get("states") or []:
			add(where, state.get("state"), state.get("message"))
		for transition in workflow.get("transitions") or []:
			add(where, transition.get("action"))
	for path in json_files("doctype"):
		doctype = load(path)
		where = "DocType " + os.path.basename(path)
		add(where, *(link.get("group") for link in doctype.get("links") or []))
		add(where, *(action.get("label") for action in doctype.get("actions") or []))
	for path in json_files("workspace"):
		workspace = load(path)
		where = "Workspace " + os.path.basename(path)
		add(where, workspace.get("label"), workspace.get("title"))
		for key in ("links", "shortcuts", "number_cards", "charts", "quick_lists", "custom_blocks"):
			add(where, *(item.get("label") for item in workspace.get(key) or []))
		add(where, *(item.get("format") for item in workspace.get("shortcuts") or []))  # "{} to verify"
		for block in json.loads(workspace.get("content") or "[]"):
			if block.get("type") == "header":  # the header block shows __(its HTML)
				add(where, block.get("data", {}).get("text"))
	for path in json_files("number_card"):
		add("Number Card " + os.path.basename(path), load(path).get("label"))
	for path in json_files("notification"):
		# The subject is Jinja: its _("...") strings (the message is an .html file Frappe scans).
		subject = load(path).get("subject") or ""
		add(
			"Notification " + os.path.basename(path),
			*(m for _line, m, _ctx in extract_messages_from_code(subject)),
		)
	for path in json_files("dashboard_chart"):
		add("Dashboard Chart " + os.path.basename(path), load(path).get("chart_name"))
	for path in json_files("web_form"):
		form = load(path)
		where = "Web Form " + os.path.basename(path)
		add(where, *(form.get(k) for k in ("title", "button_label", "success_title", "success_message")))
		add(where, form.get("introduction_text"))
		for field in form.get("web_form_fields") or []:
			add(where, field.get("label"), field.get("description"))
	return found


def app_strings() -> list[tuple[str, str]]:
	"""(where, string): Frappe's own extraction, then the shipped JSON above."""
	# get_messages_from_file skips files it has scanned before in this process.
	frappe.flags.scanned_files = set()
	found = [(m[0] or "", m[1]) for m in get_messages_for_app(APP)]
	return found + shipped_strings()


def untranslated(strings: list[tuple[str, str]], translations: dict) -> dict[str, str]:
	"""What get-untranslated reports: strings with no Indonesian, each with one place it comes from."""
	missing = {}
	for where, text in strings:
		if not translations.get(text) and not translations.get(text.strip()):
			missing.setdefault(text, where)
	return missing


class TestIndonesianTranslations(AntaraTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		clear_cache()  # read the CSV files as they are now, not a cached merge
		cls.translations = get_all_translations(LANG)
		cls.csv_path = frappe.get_app_path(APP, "translations", LANG + ".csv")

	def test_every_string_of_the_app_has_indonesian(self):
		strings = app_strings()
		self.assertGreater(len(strings), 700, "the extraction found too few strings to be real")
		missing = untranslated(strings, self.translations)
		self.assertFalse(
			missing,
			f"{len(missing)} strings of the app have no Indonesian in antara_sales/translations/id.csv "
			"(add a row: source,translation[,context]):\n"
			+ "\n".join(f"  {text!r}  ({where})" for text, where in sorted(missing.items())),
		)

	def test_the_check_catches_a_missing_row(self):
		# The same check on the app's strings with one of them taken out of the translations.
		without = dict(self.translations)
		without.pop("Sign as GM", None)
		self.assertIn("Sign as GM", untranslated(app_strings(), without))

	def test_workflow_actions_and_states_are_in_the_strings(self):
		# Frappe reads workflows from the database; the shipped JSON is checked too.
		texts = {text for _where, text in shipped_strings()}
		for text in ("Send for Review", "Approve", "Sign as GM", "Resubmit", "Record Customer Signature"):
			self.assertIn(text, texts)
		self.assertEqual(frappe._("Sign as GM", lang=LANG), "Tandatangani sebagai GM")
		self.assertEqual(frappe._("Awaiting GM Signature", lang=LANG), "Menunggu Tanda Tangan GM")

	def test_csv_rows_are_well_formed(self):
		with open(self.csv_path, encoding="utf-8", newline="") as f:
			rows = list(csv.reader(f))
		seen = {}
		problems = []
		for number, row in enumerate(rows, 1):
			if len(row) not in (2, 3) or not row[0] or not row[1].strip():
				problems.append(f"line {number}: {row!r}: needs source,translation[,context]")
				continue
			key = (row[0], row[2] if len(row) == 3 else "")
			if key in seen:
				problems.append(f"line {number}: {key!r} repeats line {seen[key]}")
			seen[key] = number
			# "{0} berstatus {1}" must keep every placeholder of "{0} is {1}".
			if sorted(PLACEHOLDER.findall(row[0])) != sorted(PLACEHOLDER.findall(row[1])):
				problems.append(f"line {number}: placeholders differ: {row[0]!r} -> {row[1]!r}")
		self.assertFalse(problems, "\n".join(problems))
		# Frappe reads the file without complaint (a bad row is logged and skipped).
		self.assertEqual(len(get_translation_dict_from_file(self.csv_path, LANG, APP, throw=True)), len(seen))

	def test_a_word_with_two_senses_takes_its_context(self):
		_ = frappe._
		# The ToDo list's button asks for __("Open", null, "Access"): the verb.
		self.assertEqual(_("Open", lang=LANG, context="Access"), "Buka")
		# The status of a ticket, an action item and a ToDo (Select options carry their DocType).
		for doctype in ("ANTARA Ticket", "ANTARA Meeting Action Item", "ToDo"):
			self.assertEqual(_("Open", lang=LANG, context=doctype), "Terbuka", doctype)
		self.assertEqual(_("Open", lang=LANG), "Terbuka")
		# "New" alone is also Frappe's button (after a save, in the workspace): "Baru" serves both it
		# and the customer status ("Status Pelanggan: Baru"); the app must not make it "Pelanggan Baru".
		self.assertEqual(_("New", lang=LANG), "Baru")

	def test_shortened_amounts_read_as_indonesian_figures(self):
		# Charts and number cards shorten Rp 400.000.000 with Frappe's symbols (number_systems.js,
		# context "Number system"). In Indonesian "M" is miliar: "400 M" would read as 400 billion.
		_ = frappe._
		symbols = {s: _(s, lang=LANG, context="Number system") for s in ("K", "M", "B")}
		self.assertEqual(symbols, {"K": "rb", "M": "jt", "B": "M"})
		letter = "M"  # elsewhere the letter is left alone
		self.assertEqual(_(letter, lang=LANG), letter)

	def test_the_app_corrects_frappes_indonesian_on_the_procedures_screens(self):
		# The app's CSV is merged after Frappe's (installed apps in order), so its rows win.
		_ = frappe._
		expected = {
			"Missing Fields": "Kolom Wajib Belum Diisi",  # Frappe: "hilang Fields"
			"Confirm": "Konfirmasi",  # Frappe: "Menegaskan"
			"Amend": "Amandemen",  # Frappe: "Merubah"
			"Submit": "Ajukan",
			"Verify": "Verifikasi",  # Frappe: "Memeriksa"; the verification's workflow action
			"No": "Tidak",  # Frappe: "No"
		}
		for source, indonesian in expected.items():
			self.assertEqual(_(source, lang=LANG), indonesian, source)

	def test_a_dashboard_charts_months_are_named_in_the_readers_language(self):
		# Frappe names a timeseries chart's periods in English (frappe.utils.dateutils.get_period);
		# the app's chart endpoint (api/read_replica.py) gives them in the reader's language.
		from antara_sales.api import read_replica

		months = "Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des".split()
		lang, frappe.local.lang = frappe.local.lang, LANG
		try:
			monthly = read_replica.dashboard_chart_data(
				chart_name="ANTARA Contracts Signed", timespan="Last Year", time_interval="Monthly"
			)["labels"]
			quarterly = read_replica.dashboard_chart_data(
				chart_name="ANTARA Contracts Signed", timespan="Last Year", time_interval="Quarterly"
			)["labels"]
		finally:
			frappe.local.lang = lang
		today = frappe.utils.getdate()
		self.assertIn(f"{months[today.month - 1]} {today.year}", monthly)
		shape = re.compile(rf"^({'|'.join(months)}) \d{{4}}$")
		self.assertEqual([label for label in monthly if not shape.match(label)], [])
		self.assertIn(f"Triwulan {(today.month - 1) // 3 + 1} {today.year}", quarterly)
