"""The browser walk's site, data, browser and step table. `make test` runs it against its throwaway
site (ANTARA_TEST_SITE, ANTARA_SITES_PATH, ANTARA_TEST_URL, served by `frappe serve` with an RQ
worker); it runs as well against the demo:

    cd ~/frappe-bench/sites && ANTARA_TEST_SITE=antara.localhost ANTARA_SITES_PATH=. \\
      ANTARA_TEST_URL=http://localhost:8000 PYTHONPATH=/path/to/checkout \\
      ../env/bin/python -m pytest /path/to/checkout/antara_sales/tests/browser -q

Screenshots go to ANTARA_BROWSER_SHOTS (default: a new folder under the temp dir); its path and the
step table (step, user, seconds, result) are printed at the end."""

import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from antara_sales.tests.browser.desk import CHROMIUM, CHROMIUM_ARGS, Desk, StepFailed

ROWS: list[dict] = []
SHOTS: list[Path] = []


def pytest_report_header(config):
	return f"browser: {CHROMIUM}; screenshots: {shots_dir()}"


_SHOTS_DIR = None


def shots_dir() -> Path:
	global _SHOTS_DIR
	if _SHOTS_DIR is None:
		given = os.environ.get("ANTARA_BROWSER_SHOTS")
		_SHOTS_DIR = Path(given) if given else Path(tempfile.mkdtemp(prefix="antara-browser-"))
		_SHOTS_DIR.mkdir(parents=True, exist_ok=True)
	return _SHOTS_DIR


@pytest.fixture(scope="session")
def site():
	import frappe

	site = os.environ.get("ANTARA_TEST_SITE")
	sites_path = os.environ.get("ANTARA_SITES_PATH")
	url = os.environ.get("ANTARA_TEST_URL")
	if not (site and sites_path and url):
		pytest.exit("the browser walk needs ANTARA_TEST_SITE, ANTARA_SITES_PATH and ANTARA_TEST_URL", 2)
	os.chdir(sites_path)  # Frappe's v15 logger writes to paths relative to the sites folder
	frappe.init(site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	yield url
	frappe.db.rollback()
	frappe.destroy()


@pytest.fixture(scope="session")
def world(site):
	from antara_sales.tests.browser.world import World

	world = World()
	try:
		world.build()
		yield world
	finally:
		world.remove()


@pytest.fixture(scope="session")
def desk(site):
	from playwright.sync_api import sync_playwright

	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
		desk = Desk(browser, site, shots_dir())
		try:
			yield desk
		finally:
			desk.close()
			browser.close()


class Walk:
	"""The procedure walked in order: each step as its user; a step that cannot be done stops the
	walk (the later steps are skipped), while a step that is done but shows something wrong (an
	expectation of issue 10, a console error, a 5xx) fails and the walk goes on."""

	def __init__(self, world, desk):
		self.world, self.desk = world, desk
		self.broken = None
		self.data = {}  # what the steps hand on: document names

	@contextmanager
	def step(self, name: str, user_key: str):
		if self.broken:
			pytest.skip(f"an earlier step could not be done: {self.broken}")
		user = self.world.users[user_key]
		row = {"step": name, "user": f"{user_key} ({user})", "seconds": 0.0, "result": "FAIL", "notes": []}
		ROWS.append(row)
		number = f"{len(ROWS):02d}"
		start = time.monotonic()
		self.desk.problems.clear()
		page = None
		try:
			from antara_sales.tests.browser.world import PASSWORD

			page = self.desk.as_user(user, PASSWORD)
			self.desk.stale.add(page)
			check = Check(row["notes"])
			yield page, check
			self.desk.wait_ready(page)
			english = self.desk.english_left(page)  # issue 10: an Indonesian desk
			check(not english, f"shown in English: {english}")
			page.evaluate("() => window.scrollTo(0, 0)")  # the top: title, state, whose turn
			SHOTS.append(self.desk.shot(page, f"{number}-{slug(name)}"))
		except BaseException as exc:
			if isinstance(exc, pytest.skip.Exception):
				raise
			self.broken = f"{name}: {str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__}"
			row["notes"].insert(0, f"could not be done: {exc}")
			if page is not None:
				try:
					SHOTS.append(self.desk.shot(page, f"{number}-{slug(name)}-FAILED"))
				except Exception:
					pass
			raise
		finally:
			row["seconds"] = round(time.monotonic() - start, 1)
		problems = list(dict.fromkeys(self.desk.problems))
		row["notes"] += problems
		if row["notes"]:
			raise StepFailed(f"{name} ({user_key}):\n  - " + "\n  - ".join(row["notes"]))
		row["result"] = "pass"

	def shot(self, page, what: str):
		"""A screenshot in the middle of the current step (what the user sees before acting)."""
		page.evaluate("() => window.scrollTo(0, 0)")
		SHOTS.append(self.desk.shot(page, f"{len(ROWS):02d}-{slug(ROWS[-1]['step'])}-{what}"))


class Check:
	"""Soft expectations: recorded, the step goes on, and fails at its end."""

	def __init__(self, notes: list):
		self.notes = notes

	def __call__(self, condition, message: str) -> bool:
		if not condition:
			self.notes.append(message)
		return bool(condition)


def slug(text: str) -> str:
	return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")[:50]


@pytest.fixture(scope="session")
def walk(world, desk):
	return Walk(world, desk)


def pytest_terminal_summary(terminalreporter):
	if not ROWS:
		return
	write = terminalreporter.write_line
	write("")
	write("Browser walk (P/SMM/KOM/001), step by step:")
	width = max(len(r["step"]) for r in ROWS)
	uwidth = max(len(r["user"]) for r in ROWS)
	write(f"  {'#':>2}  {'step':<{width}}  {'user':<{uwidth}}  {'seconds':>7}  result")
	for i, r in enumerate(ROWS, 1):
		write(f"  {i:>2}  {r['step']:<{width}}  {r['user']:<{uwidth}}  {r['seconds']:>7.1f}  {r['result']}")
		for note in r["notes"]:
			write(f"        - {note[:400]}")
	write(f"  total {sum(r['seconds'] for r in ROWS):.1f}s in the browser")
	write(f"Screenshots: {shots_dir()}")
	with open(shots_dir() / "steps.txt", "w") as out:
		for i, r in enumerate(ROWS, 1):
			out.write(f"{i}\t{r['step']}\t{r['user']}\t{r['seconds']}\t{r['result']}\n")
			for note in r["notes"]:
				out.write(f"\t- {note}\n")
