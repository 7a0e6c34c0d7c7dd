"""Driving Frappe's desk as a person does: log in at /login, then click and type. Selectors lean on
what does not change with the language (data-fieldname, data-page-route, Frappe's own classes);
where a person picks a labelled button or menu item, the label is the app's English text passed
through Frappe's translation on the server (labels.py), so the walk follows the translations.

Every page records console errors, uncaught exceptions and responses of 500 or more; a step fails
on any of them (Walk.check_problems)."""

import functools
import re
import time
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
	"--no-sandbox",  # root (platform note 17)
	"--disable-background-networking",  # closed network: no calls home
	"--disable-component-update",
	"--disable-sync",
	"--disable-gpu",
	"--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1440, "height": 900}  # issue 10: grids readable on a 1440-pixel screen
TIMEOUT_MS = 30_000

# Toasts (frappe.show_alert) vanish after a few seconds: keep each one's text for the step.
TOAST_RECORDER = """
window.__antara_toasts = [];
new MutationObserver((records) => {
	for (const r of records) for (const n of r.addedNodes) {
		if (n.nodeType === 1 && n.classList.contains("desk-alert")) {
			window.__antara_toasts.push(n.innerText.trim());
		}
	}
}).observe(document, { childList: true, subtree: true });
"""


# Visible texts and the attributes a person reads, each not in the desk's loaded translations.
ENGLISH_LEFT = """() => {
	const shown = new Set();
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let node; (node = walker.nextNode()); ) {
		if (node.parentElement?.offsetParent) shown.add(node.textContent.trim());
	}
	for (const el of document.querySelectorAll("[placeholder], [title], [data-placeholder]")) {
		if (!el.offsetParent) continue;
		for (const name of ["placeholder", "title", "data-placeholder"]) shown.add((el.getAttribute(name) || "").trim());
	}
	const messages = frappe._messages || {};
	const indonesian = new Set(Object.values(messages));
	// Not in the translations, or a source of theirs shown as it is (a text stored in English).
	return [...shown].filter((text) => /[a-z]{3}/.test(text)
		&& (!(text in messages) || (messages[text] !== text && !indonesian.has(text))));
}"""


@functools.cache
def frappe_strings() -> frozenset[str]:
	"""The strings Frappe translates (its catalogue, frappe/locale/main.pot; one-line msgids)."""
	import frappe

	catalogue = Path(frappe.get_app_path("frappe", "locale", "main.pot")).read_text()
	return frozenset(re.findall(r'^msgid "(.+)"$', catalogue, re.M))


@functools.cache
def translated_sources() -> frozenset[str]:
	"""The English the app's Indonesian replaces (antara_sales/translations/id.csv, Frappe's own
	besides): shown as it is, a text was stored in English, as a figure's name once was."""
	import frappe

	from antara_sales.tests.browser.world import LANGUAGE

	return frozenset(
		source for source, text in frappe.translate.get_all_translations(LANGUAGE).items() if text != source
	)


@functools.cache
def frappe_templates() -> re.Pattern:
	"""Frappe's strings with placeholders ("Assignment of {0} removed by {1}"), as one pattern that
	matches a text made from one of them: the text a comment stores, formatted in its author's
	language. Only templates with words enough of their own (10 letters), so that "{0}: {1}" or
	"Row {0}" does not match any text at all."""
	import frappe

	from antara_sales.tests.browser.world import LANGUAGE

	translated = frappe.translate.get_all_translations(LANGUAGE)
	parts = []
	for template in frappe_strings():
		pieces = re.split(r"\{\d+\}", template)
		if len(pieces) < 2 or template in translated:
			continue
		if sum(c.isalpha() for piece in pieces for c in piece) < 10:
			continue
		parts.append(".+?".join(re.escape(piece) for piece in pieces))
	return re.compile("|".join(f"(?:{p})" for p in parts))


# The desk has routed /app to a workspace (Frappe lands each person on the first one they may see).
LANDED = "() => window.frappe && frappe.get_route && frappe.get_route()[0] === 'Workspaces' && !!frappe.get_route()[1]"
REALTIME = re.compile(r".*/socket\.io/.*")


class StepFailed(AssertionError):
	pass


ROUTE_HISTORY = "frappe.desk.doctype.route_history.route_history.deferred_insert"
# frappe-charts (bundled in Frappe's desk) redraws from a ResizeObserver and now and then removes a
# node another redraw already removed; the chart is drawn all the same (frappe/charts#347, open).
CHART_REDRAW = ("removeChild", "boundDrawFn")
# ...and a workspace chart whose data arrives after the person has gone on to another page is drawn
# into the hidden, zero-width page Frappe keeps: its bars get negative widths. Nobody sees it.
CHART_HIDDEN = "attribute width: A negative value is not valid"


def encode_label(label: str) -> str:
	"""JavaScript's encodeURIComponent, which Frappe uses for data-label."""
	return quote(label, safe="-_.!~*'()")


class Desk:
	def __init__(self, browser, base_url: str, shots: Path):
		self.browser = browser
		self.base_url = base_url.rstrip("/")
		self.shots = shots
		self.pages: dict[str, Page] = {}
		self.problems: list[str] = []
		self.stale: set = set()

	# ------------------------------------------------------------------ sessions

	def as_user(self, user: str, password: str) -> Page:
		"""The user's own browser (cookies apart), logged in at /login the first time."""
		if user in self.pages:
			return self.pages[user]
		context = self.browser.new_context(viewport=VIEWPORT, locale="id-ID", timezone_id="Asia/Jakarta")
		context.set_default_timeout(TIMEOUT_MS)
		context.add_init_script(TOAST_RECORDER)
		# Realtime (socket.io) is not part of the walk and `frappe serve` has none (platform note 18):
		# its requests are stopped in the browser, and only their failures are not counted.
		context.route(REALTIME, lambda route: route.abort())
		page = context.new_page()
		self.watch(page, user)
		page.goto(self.base_url + "/login")
		page.locator("#login_email").fill(user)
		page.locator("#login_password").fill(password)
		page.locator(".page-card-actions .btn-login, form.form-login .btn-login").first.click()
		page.wait_for_url(re.compile(r".*/app(/.*)?$"), timeout=60_000)
		# Login lands on /app, and the desk then routes to the first workspace the user may see, once
		# the sidebar has loaded: a step routed before that would be routed away again.
		page.wait_for_function(LANDED, timeout=60_000)
		self.wait_ready(page)
		self.pages[user] = page
		return page

	def watch(self, page: Page, user: str):
		def on_console(msg):
			if msg.type == "error":
				where = msg.location.get("url", "") if msg.location else ""
				if REALTIME.match(where) or "/socket.io/" in msg.text:
					return
				# Frappe's own route-history bookkeeping, posted on a timer from a page whose session
				# another login in the walk may have replaced (seen once in CI as a 403): not the user's.
				if ROUTE_HISTORY in where:
					return
				if CHART_HIDDEN in msg.text and "/assets/frappe/dist/js/desk.bundle" in where:
					return
				self.problems.append(f"console error ({user}): {msg.text} {where}".strip())

		def on_response(response):
			if response.status >= 500:
				self.problems.append(
					f"HTTP {response.status} ({user}): {response.request.method} {response.url}"
				)

		page.on("console", on_console)

		def on_page_error(exc):
			if all(part in f"{exc} {getattr(exc, 'stack', '')}" for part in CHART_REDRAW):
				return
			self.problems.append(f"page error ({user}): {exc}")

		page.on("pageerror", on_page_error)
		page.on("response", on_response)

	def close(self):
		for page in self.pages.values():
			try:
				page.context.close()
			except PlaywrightError:
				pass
		self.pages.clear()

	# ------------------------------------------------------------------ waiting

	def wait_ready(self, page: Page):
		"""The desk has booted, no request is under way and nothing is frozen."""
		page.wait_for_function(
			"() => window.frappe && frappe.request && frappe.request.ajax_count === 0"
			" && !document.querySelector('#freeze.in, .freeze-message-container:not(.hide)')",
			timeout=60_000,
		)

	def route(self, page: Page, path: str):
		"""Open a desk route as the sidebar's and workspace's links do: inside the running desk (a
		full page load per step would boot the desk again each time)."""
		if "/app" not in page.url or page in self.stale:
			# A person's first page of a step is a fresh load: the desk caches documents, and with
			# no realtime here it would not hear that others changed them since.
			self.stale.discard(page)
			page.goto(self.base_url + path)
		else:
			page.evaluate(
				"""(p) => {
					const [path, query] = p.split("?");
					if (query) frappe.route_options = Object.fromEntries(new URLSearchParams(query));
					frappe.set_route(path);
				}""",
				path,
			)
		self.wait_ready(page)

	def wait_form(self, page: Page, doctype: str, saved: bool | None = None):
		page.wait_for_function(
			"(dt) => window.cur_frm && cur_frm.doctype === dt && cur_frm.doc && cur_frm.layout"
			" && frappe.get_route_str().startsWith('Form/' + dt)",
			arg=doctype,
		)
		if saved:
			page.wait_for_function("() => !cur_frm.is_new() && !cur_frm.is_dirty()")
		self.wait_ready(page)

	def wait_list(self, page: Page, doctype: str):
		"""A list view has loaded and shows its rows (or says it has none)."""
		page.wait_for_timeout(300)
		page.wait_for_function(
			"(dt) => window.cur_list && cur_list.doctype === dt"
			" && frappe.get_route_str().startsWith('List/' + dt) && Array.isArray(cur_list.data)",
			arg=doctype,
		)
		self.wait_ready(page)
		page.wait_for_timeout(500)

	def cut_amounts(self, page: Page) -> list[str]:
		"""The amounts (right-aligned cells) of the list shown that do not fit their column."""
		return page.evaluate(
			"""() => [...document.querySelectorAll(
				".list-row-container .list-row-col.text-right")]
				.filter((cell) => cell.offsetParent && cell.scrollWidth > cell.clientWidth + 1)
				.map((cell) => cell.textContent.trim())"""
		)

	def doc(self, page: Page) -> dict:
		return page.evaluate("() => cur_frm.doc")

	def toasts(self, page: Page) -> list[str]:
		return page.evaluate("() => window.__antara_toasts.splice(0)")

	# ------------------------------------------------------------------ finding work

	def open_from_inbox(self, page: Page, reference: str, before_opening=None) -> dict:
		"""The person's Workflow Action list (the approvers' inbox): the row's link opens the
		document. Returns what the list showed: its rows' texts and column headings."""
		self.route(page, "/app/workflow-action")
		self.wait_list(page, "Workflow Action")
		shown = page.evaluate(
			"""() => ({
				rows: [...document.querySelectorAll('.list-row-container')]
					.filter((r) => r.offsetParent).map((r) => r.innerText.replace(/\\s+/g, " ").trim()),
				headings: [...document.querySelectorAll('.list-row-head .list-row-col')]
					.filter((c) => c.offsetParent).map((c) => c.innerText.trim()),
			})"""
		)
		link = page.locator(
			f'.page-container:visible .list-row-container .list-subject a[href$="/{reference}"]'
		)
		if not link.count():
			raise StepFailed(f"{reference} is not in the inbox of this user; shown: {shown['rows']}")
		if before_opening:
			before_opening()
		link.first.click()
		self.wait_ready(page)
		return shown

	def open_from_todo(self, page: Page, reference: str, wait_s: int = 0):
		"""The person's ToDo list ("assigned to me"): the row's Open button opens the document."""
		deadline = time.monotonic() + wait_s
		while True:
			self.route(page, "/app/todo?status=Open")
			self.wait_list(page, "ToDo")
			button = page.locator(f'.list-row-container button.btn-action[title*="{reference}"]')
			if button.count():
				button.first.click()
				self.wait_ready(page)
				return
			if time.monotonic() >= deadline:
				raise StepFailed(f"{reference} is not in the ToDo list of this user")
			time.sleep(3)

	def land(self, page: Page) -> str:
		"""The desk's home (/app, as after signing in): the workspace Frappe lands this person on."""
		self.stale.add(page)  # a fresh load: the landing is decided when the desk boots
		self.route(page, "/app")
		page.wait_for_function(LANDED)
		self.wait_ready(page)
		return page.evaluate("() => frappe.get_route()[1]")

	def open_from_shortcut(self, page: Page, label: str, doctype: str, name: str) -> int | None:
		"""A shortcut of the workspace shown: waits for its count, opens its list (with the
		shortcut's filters) and the document there. Returns the number the shortcut showed ("3
		open": 3), None when it showed none."""
		widget = page.locator(
			".page-container:visible .shortcut-widget-box",
			has=page.locator(".widget-title", has_text=label),
		)
		try:
			widget.first.wait_for(timeout=15_000)  # the blocks are drawn after the page has routed
		except PlaywrightTimeout:
			raise StepFailed(f"the workspace has no shortcut {label!r}") from None
		pill = widget.first.locator(".indicator-pill")
		pill.wait_for()
		count = pill.inner_text().strip()
		widget.first.click()
		self.wait_list(page, doctype)
		row = page.locator(f'.page-container:visible .list-row-container a[data-name="{name}"]')
		if not row.count():
			raise StepFailed(f"{name} is not in the list the shortcut {label!r} opens ({count})")
		row.first.click()
		self.wait_ready(page)
		number = count.split()[0] if count else ""
		return int(number) if number.isdigit() else None

	def open_from_list(self, page: Page, doctype: str, name: str, wait_s: int = 0):
		deadline = time.monotonic() + wait_s
		doctype_route = doctype.lower().replace(" ", "-")
		while True:
			self.route(page, f"/app/{doctype_route}")
			self.wait_list(page, doctype)
			row = page.locator(
				f'.list-row-container a.list-subject-title[data-name="{name}"],'
				f' .list-row-container a[href$="/{name}"]'
			)
			if row.count():
				row.first.click()
				self.wait_ready(page)
				return
			if time.monotonic() >= deadline:
				raise StepFailed(f"{name} is not in the list /app/{doctype_route} of this user")
			time.sleep(3)

	def list_names(self, page: Page) -> list[str]:
		return page.evaluate("() => (cur_list && cur_list.data || []).map((d) => d.name)")

	# ------------------------------------------------------------------ fields

	def control(self, page: Page, fieldname: str, parent: str = ""):
		scope = parent or ".page-container:visible"
		return page.locator(f'{scope} .frappe-control[data-fieldname="{fieldname}"]').first

	def fill(self, page: Page, fieldname: str, value: str):
		box = self.control(page, fieldname).locator("input, textarea").first
		box.click()
		box.fill(value)
		box.blur()  # Tab would walk into the next control (a grid's row) and open it
		self.wait_ready(page)

	def select(self, page: Page, fieldname: str, value: str, parent: str = ""):
		self.control(page, fieldname, parent).locator("select").select_option(value)

	def check(self, page: Page, fieldname: str):
		self.control(page, fieldname).locator('input[type="checkbox"][data-fieldname]').check()

	def link(self, page: Page, fieldname: str, text: str, parent: str = "", pick: str | None = None):
		"""Type into a Link field and pick the suggestion, as a person does."""
		box = self.control(page, fieldname, parent).locator("input").first
		box.click()
		box.fill(text)
		option = self.control(page, fieldname, parent).locator(
			"ul[role=listbox] [role=option]", has_text=pick or text
		)
		option.first.wait_for(state="visible")
		option.first.click()
		self.wait_ready(page)

	def date(self, page: Page, fieldname: str, iso: str):
		self.type_date(page, self.control(page, fieldname).locator("input").first, iso)
		page.wait_for_function("([f, d]) => cur_frm.doc[f] === d", arg=[fieldname, iso], timeout=10_000)

	def type_date(self, page: Page, box, iso: str):
		"""Type the date as the user's format shows it, key by key once the date picker is open
		(keys typed while it opens are lost), then Escape closes the picker and keeps the date."""
		shown = page.evaluate("(d) => frappe.datetime.str_to_user(d)", iso)
		box.click()
		page.wait_for_timeout(600)
		page.keyboard.press("Control+a")
		page.keyboard.type(shown, delay=40)
		page.wait_for_timeout(400)
		page.keyboard.press("Escape")
		self.wait_ready(page)

	def editor(self, page: Page, fieldname: str, text: str):
		editor = self.control(page, fieldname).locator(".ql-editor[contenteditable=true]")
		editor.click()
		page.keyboard.press("Control+a")
		page.keyboard.type(text)

	def sign(self, page: Page, fieldname: str):
		"""Draw a signature on the Signature field's pad."""
		pad = self.control(page, fieldname).locator("canvas").first
		pad.scroll_into_view_if_needed()
		box = pad.bounding_box()
		x, y = box["x"] + 20, box["y"] + box["height"] / 2
		page.mouse.move(x, y)
		page.mouse.down()
		for i in range(1, 12):
			page.mouse.move(x + i * 18, y + (12 if i % 2 else -12), steps=3)
		page.mouse.up()
		page.wait_for_function("(f) => !!cur_frm.doc[f]", arg=fieldname)

	def attach(self, page: Page, fieldname: str, path: Path):
		self.control(page, fieldname).locator("button.btn-attach").click()
		dialog = page.locator(".modal:visible").last
		dialog.locator('input[type="file"]').set_input_files(str(path))
		dialog.locator(".btn-modal-primary").click()
		page.wait_for_function("(f) => !!cur_frm.doc[f]", arg=fieldname)
		self.wait_ready(page)

	def add_row(self, page: Page, table: str, key: str) -> str:
		"""A row of a child table to fill in: the empty row Frappe puts in a new document's mandatory
		table, or a new one (Tambah Baris). Returns a selector for it."""
		rows = page.evaluate("(t) => (cur_frm.doc[t] || []).map((r) => r.idx)", table)
		values = page.evaluate("([t, k]) => (cur_frm.doc[t] || []).map((r) => r[k] || '')", [table, key])
		grid = self.control(page, table)
		if page.locator(".grid-row-open").count():  # a row's form left open: close it first
			page.locator(".grid-row-open .grid-collapse-row").first.click()
			self.wait_ready(page)
		if values and not values[-1]:
			index = len(rows) - 1
		else:
			grid.locator(".grid-add-row").click()
			expect(grid.locator(".grid-body .grid-row")).to_have_count(len(rows) + 1)
			index = len(rows)
		return f'.page-container:visible .frappe-control[data-fieldname="{table}"] .grid-body .grid-row >> nth={index}'

	def grid_cell(self, page: Page, row: str, fieldname: str):
		cell = page.locator(row).locator(f'.grid-static-col[data-fieldname="{fieldname}"]')
		cell.click()
		return cell

	def grid_link(self, page: Page, row: str, fieldname: str, text: str):
		cell = self.grid_cell(page, row, fieldname)
		box = cell.locator("input").first
		box.fill(text)
		option = page.locator(".page-container:visible ul[role=listbox] [role=option]", has_text=text)
		option.first.wait_for(state="visible")
		option.first.click()
		self.wait_ready(page)

	def grid_date(self, page: Page, row: str, fieldname: str, iso: str):
		cell = self.grid_cell(page, row, fieldname)
		self.type_date(page, cell.locator("input").first, iso)

	def value(self, page: Page, fieldname: str):
		return page.evaluate("(f) => cur_frm.doc[f]", fieldname)

	def shown(self, page: Page, fieldname: str) -> str:
		"""What the form shows in the field, as a person reads it (a link's title, not its ID)."""
		return page.evaluate(
			"""(f) => {
				const wrapper = cur_frm.get_field(f).$wrapper;
				const read_only = wrapper.find(".control-value:visible").get(0);
				if (read_only) return read_only.innerText.trim();
				const input = wrapper.find("input:visible").get(0);
				return input ? input.value.trim() : "";
			}""",
			fieldname,
		)

	# ------------------------------------------------------------------ doing

	def save(self, page: Page):
		"""Ctrl+S, as a person saves; fails with the message the desk shows, if any."""
		self.request(page, "frappe.desk.form.save.savedocs", lambda: page.keyboard.press("Control+s"))
		page.wait_for_function("() => !cur_frm.is_dirty() && !cur_frm.is_new()")

	def submit(self, page: Page, label_submit: str, label_yes: str):
		"""The form's primary button (Submit), then Yes in Frappe's confirmation."""
		page.locator(".page-container:visible .page-actions .primary-action", has_text=label_submit).click()
		dialog = page.locator(".modal:visible").last
		yes = dialog.locator(".btn-primary", has_text=label_yes)
		self.request(page, "frappe.desk.form.save.savedocs", yes.click)
		page.wait_for_function("() => cur_frm.doc.docstatus === 1")

	def action(self, page: Page, label_actions: str, label: str):
		"""Actions menu of the workflow, then the action."""
		menu = page.locator(".page-container:visible .page-actions .actions-btn-group")
		if not menu.is_visible():
			raise StepFailed(f"no {label_actions} menu on {page.url}")
		menu.locator("button.dropdown-toggle, > button").first.click()
		item = menu.locator(".dropdown-menu a.dropdown-item", has_text=label)
		if not item.count():
			shown = menu.locator(".dropdown-menu a.dropdown-item").all_inner_texts()
			raise StepFailed(f"no action {label!r} under {label_actions}; shown: {shown}")
		self.request(page, "frappe.model.workflow.apply_workflow", item.first.click)

	# Whom the form's "Assigned To" sidebar shows: the assignees of Frappe's docinfo, with a note
	# when their avatars are not one each and named (Frappe's title: the full name, not the email).
	SIDEBAR_ASSIGNEES = """() => {
		const shown = (cur_frm.get_docinfo().assignments || []).map((a) => a.owner).sort();
		const avatars = [...document.querySelectorAll('.form-assignments .assignments .avatar')]
			.filter((a) => a.offsetParent);
		const named = avatars.filter((a) => a.title && !shown.includes(a.title)).length;
		return named === shown.length && avatars.length === shown.length
			? shown : [...shown, `(${named} of ${avatars.length} avatars named)`];
	}"""

	def assigned(self, page: Page, users: list[str], timeout: int = 15_000) -> list[str]:
		"""Wait until the sidebar shows `users`; return whom it shows (SIDEBAR_ASSIGNEES)."""
		try:
			page.wait_for_function(
				f"(users) => JSON.stringify(({self.SIDEBAR_ASSIGNEES})()) === JSON.stringify([...users].sort())",
				arg=users,
				timeout=timeout,
			)
		except PlaywrightTimeout:
			pass
		return page.evaluate(self.SIDEBAR_ASSIGNEES)

	def button(self, page: Page, label: str):
		button = page.locator(f'.page-container:visible button[data-label="{encode_label(label)}"]')
		if not button.count() or not button.first.is_visible():
			shown = page.locator(".page-container:visible .page-actions button:visible").all_inner_texts()
			raise StepFailed(f"no button {label!r}; shown: {[s.strip() for s in shown if s.strip()]}")
		button.first.click()
		self.wait_ready(page)

	def request(self, page: Page, method: str, do):
		"""Do something that sends `method`; wait for its answer and for the desk to settle."""
		with page.expect_response(lambda r: method in r.url, timeout=60_000):
			do()
		self.after_request(page, method)

	def after_request(self, page: Page, method: str):
		"""Wait for the desk to settle; a message box shown is a failure, with its text."""
		self.wait_ready(page)
		page.wait_for_timeout(300)  # the desk renders the answer (and any message) after it
		message = page.locator(".modal.msgprint-dialog:visible .msgprint, .modal.show .msgprint")
		if message.count() and message.first.is_visible():
			text = message.first.inner_text().strip()
			raise StepFailed(f"{method}: the desk said: {text}")

	def message_shown(self, page: Page) -> str | None:
		message = page.locator(".modal.show .modal-body")
		return message.first.inner_text().strip() if message.count() else None

	def breadcrumbs(self, page: Page) -> list[str]:
		"""The navbar's breadcrumbs, the workspace first."""
		return [text.strip() for text in page.locator("#navbar-breadcrumbs li").all_inner_texts()]

	def english_left(self, page: Page) -> list[str]:
		"""English the page shows (text, placeholders, titles): Frappe's strings with no translation
		in the reader's language (the app's id.csv adds those Frappe's own Indonesian lacks), texts
		made from Frappe's templates, and any translated string shown untranslated."""
		shown = page.evaluate(ENGLISH_LEFT)
		templates, translated = frappe_templates(), translated_sources()
		return sorted(
			text
			for text in shown
			if text in translated or text in frappe_strings() or templates.fullmatch(text)
		)

	def shot(self, page: Page, name: str) -> Path:
		path = self.shots / f"{name}.png"
		page.screenshot(path=str(path))
		return path
