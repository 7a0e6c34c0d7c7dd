"""Page plan of the printed forms: which blocks go on which A4 page, so that the document-control
block is on every page and no product line is cut by a page break.

Why on the server: the wkhtmltopdf that Debian ships (unpatched Qt, platform note 12) neither
repeats a table's <thead> on the next page, nor honours `page-break-inside: avoid`, nor prints PDF
headers. It does honour `page-break-before`. So the forms are laid out page by page here: each
page starts with the control block, a product table that runs over pages is split between rows
and repeats its header, and a block that does not fit the rest of a page starts the next one.

Heights are estimates in CSS pixels of the templates' own styles (antara_sales/templates/
antara_print/_styles.html, which fixes font sizes and line heights in px for this reason),
measured on wkhtmltopdf 0.12.6 at A4 with Frappe's 15 mm side margins: a page holds about 1420 px
of content, about 975 px wide. The estimates err on the tall side and a page is planned to
PAGE_CAPACITY only, so that a page never spills over; the integration tests check that the PDF
has exactly the planned number of pages. A single block taller than a page (terms several pages
long) still flows over onto a page without the control block: that is the known limit.

Pure: no Frappe."""

import html
import math
import re
from dataclasses import dataclass, field

PAGE_CAPACITY = 1350  # px of a page used by the plan (about 1420 fit)
CONTENT_WIDTH = 940  # px, a little under the measured width

LETTER_HEAD = 130  # px, the letter head's box (its height is capped at this in the styles)
CONTROL_ROW = 19  # px per row of the control block (13 px line, padding, border)
CONTROL_GAP = 12

LINE = 16  # px per line of body text (11 px font, 15 px line height, rounding)
CELL_LINE = 13  # px per line in a product table cell (10 px font)
CELL_EXTRA = 6  # padding and border of a table row
HEADING = 34  # a section heading with its margins
PARAGRAPH_GAP = 6

CHAR_WIDTH = 0.64  # average glyph width of DejaVu Sans, in em, rounded up

BLOCK_TAGS = re.compile(r"<\s*(br|/p|/li|/div|/h[1-6]|/tr|li|p|div|h[1-6]|tr)\b[^>]*>", re.I)
TAGS = re.compile(r"<[^>]+>")


def chars_per_line(width_px: float, font_px: float) -> int:
	return max(1, int(width_px / (font_px * CHAR_WIDTH)))


def text_lines(text: str | None, per_line: int) -> int:
	"""Lines a text takes in a box `per_line` characters wide (at least one); words wrap whole,
	and a word longer than the box breaks anywhere."""
	words = str(text or "").split()
	if not words:
		return 1
	lines, current = 1, 0
	for word in words:
		length = len(word)
		if current and current + 1 + length <= per_line:
			current += 1 + length
			continue
		if current:
			lines += 1
		while length > per_line:
			lines += 1
			length -= per_line
		current = length
	return lines


def rich_text_height(value: str | None, width_px: float = CONTENT_WIDTH, font_px: float = 11) -> int:
	"""Height of sanitised rich text (the terms): each paragraph or list item on its own lines."""
	if not value:
		return LINE
	text = BLOCK_TAGS.sub("\n", str(value))
	text = html.unescape(TAGS.sub("", text))
	per_line = chars_per_line(width_px - 20, font_px)  # list indent
	paragraphs = [p for p in (line.strip() for line in text.split("\n")) if p]
	if not paragraphs:
		return LINE
	return sum(text_lines(p, per_line) * LINE + 2 for p in paragraphs) + PARAGRAPH_GAP


def fields_height(rows: list[tuple[str, str]], label_share: float = 0.24) -> int:
	"""A label : value table."""
	label_chars = chars_per_line(CONTENT_WIDTH * label_share - 8, 11)
	value_chars = chars_per_line(CONTENT_WIDTH * (1 - label_share - 0.02) - 8, 11)
	return sum(
		max(text_lines(label, label_chars), text_lines(value, value_chars)) * LINE + 2
		for label, value in rows
	)


def paragraph_height(text: str, width_px: float = CONTENT_WIDTH) -> int:
	return text_lines(text, chars_per_line(width_px, 11)) * LINE + PARAGRAPH_GAP


def table_row_height(cells: list[tuple[str, float]]) -> int:
	"""A product line: the tallest of its cells, each given as (text, column width share)."""
	lines = max(text_lines(text, chars_per_line(CONTENT_WIDTH * share - 8, 10)) for text, share in cells)
	return lines * CELL_LINE + CELL_EXTRA


def control_height(rows: int) -> int:
	return rows * CONTROL_ROW + CONTROL_GAP


@dataclass
class Block:
	"""Something printed as one piece, or, with `rows`, a table split between rows whose header
	(`height`, with its section heading) is repeated on each page it runs over."""

	kind: str
	height: int
	rows: list[int] | None = None


@dataclass
class Piece:
	kind: str
	start: int = 0  # rows [start, end) of a table block
	end: int = 0
	continued: bool = False  # the table began on an earlier page


@dataclass
class Plan:
	pages: list[list[Piece]] = field(default_factory=list)


def paginate(
	blocks: list[Block], *, first_page_extra: int, control: int, capacity: int = PAGE_CAPACITY
) -> Plan:
	"""Lay blocks out on pages of `capacity` px; every page begins with the control block
	(`control` px), the first also with the letter head (`first_page_extra` px)."""
	plan = Plan(pages=[[]])
	remaining = capacity - control - first_page_extra

	def new_page():
		nonlocal remaining
		plan.pages.append([])
		remaining = capacity - control

	for block in blocks:
		if block.rows is None:
			if block.height > remaining and plan.pages[-1]:
				new_page()
			plan.pages[-1].append(Piece(block.kind))
			remaining -= block.height
			continue
		start, count = 0, len(block.rows)
		while True:
			first_row = block.rows[start] if start < count else 0
			if block.height + first_row > remaining and plan.pages[-1]:
				new_page()
			remaining -= block.height
			end = start
			while end < count and block.rows[end] <= remaining:
				remaining -= block.rows[end]
				end += 1
			if end == start and start < count:  # a row taller than a page: alone on its page
				remaining -= block.rows[end]
				end += 1
			plan.pages[-1].append(Piece(block.kind, start, end, continued=start > 0))
			if end >= count:
				break
			start = end
			new_page()
	return plan
