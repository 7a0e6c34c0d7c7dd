"""Page plan of the printed forms: the control block on every page, no product line cut."""

import unittest

from antara_sales.domain import print_pages as pp
from antara_sales.domain.print_pages import Block


class TestTextLines(unittest.TestCase):
	def test_wrapping_whole_words(self):
		self.assertEqual(pp.text_lines("", 10), 1)
		self.assertEqual(pp.text_lines(None, 10), 1)
		self.assertEqual(pp.text_lines("satu dua", 10), 1)
		self.assertEqual(pp.text_lines("satu dua tiga", 10), 2)
		self.assertEqual(pp.text_lines("aaaaaaaaaa bbbbbbbbbb", 10), 2)

	def test_a_long_word_breaks_anywhere(self):
		self.assertEqual(pp.text_lines("x" * 25, 10), 3)
		self.assertEqual(pp.text_lines("ab " + "x" * 25, 10), 4)

	def test_rich_text_counts_paragraphs_and_items(self):
		one = pp.rich_text_height("<p>Satu</p>")
		three = pp.rich_text_height("<ol><li>Satu</li><li>Dua</li><li>Tiga</li></ol>")
		self.assertGreater(three, 2 * one - pp.PARAGRAPH_GAP)
		self.assertGreater(pp.rich_text_height("<p>" + "kata " * 400 + "</p>"), 10 * pp.LINE)
		self.assertEqual(pp.rich_text_height(None), pp.LINE)


class TestPaginate(unittest.TestCase):
	def plan(self, blocks, capacity=1000, control=100, extra=100):
		plan = pp.paginate(blocks, first_page_extra=extra, control=control, capacity=capacity)
		return [[(p.kind, p.start, p.end) for p in page] for page in plan.pages]

	def test_everything_on_one_page_when_it_fits(self):
		blocks = [Block("customer", 200), Block("lines", 50, rows=[20] * 10), Block("signatures", 150)]
		self.assertEqual(self.plan(blocks), [[("customer", 0, 0), ("lines", 0, 10), ("signatures", 0, 0)]])

	def test_a_table_splits_between_rows_and_repeats_its_header(self):
		# first page: 1000 - 100 - 100 = 800; customer 200 -> 600; header 50 -> 550: 27 rows of 20
		blocks = [Block("customer", 200), Block("lines", 50, rows=[20] * 40)]
		self.assertEqual(self.plan(blocks), [[("customer", 0, 0), ("lines", 0, 27)], [("lines", 27, 40)]])

	def test_a_block_that_does_not_fit_starts_the_next_page(self):
		blocks = [Block("customer", 700), Block("signatures", 150)]
		self.assertEqual(self.plan(blocks), [[("customer", 0, 0)], [("signatures", 0, 0)]])

	def test_a_table_header_is_never_left_alone_at_the_foot_of_a_page(self):
		blocks = [Block("customer", 740), Block("lines", 50, rows=[20] * 3)]
		self.assertEqual(self.plan(blocks), [[("customer", 0, 0)], [("lines", 0, 3)]])

	def test_a_block_taller_than_a_page_still_gets_a_page(self):
		blocks = [Block("terms", 5000), Block("signatures", 100)]
		self.assertEqual(self.plan(blocks), [[("terms", 0, 0)], [("signatures", 0, 0)]])

	def test_continued_pieces_are_marked(self):
		plan = pp.paginate([Block("lines", 50, rows=[100] * 20)], first_page_extra=0, control=0, capacity=500)
		self.assertEqual([p.continued for page in plan.pages for p in page], [False, True, True, True, True])
		self.assertEqual(sum(p.end - p.start for page in plan.pages for p in page), 20)

	def test_an_empty_table_is_printed_once(self):
		self.assertEqual(self.plan([Block("lines", 50, rows=[])]), [[("lines", 0, 0)]])
