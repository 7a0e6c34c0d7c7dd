"""The follow-up of a signed contract (6.8): which departments, natural keys, fulfilment at a glance."""

import unittest
from datetime import date

from antara_sales.domain import fulfilment as rules


class TestFulfilmentRules(unittest.TestCase):
	def test_work_needed_in_the_order_of_6_8(self):
		products = [
			{"needs_technical": 0, "needs_editorial": 1, "needs_finance": 1},
			{"needs_technical": 1, "needs_editorial": 0, "needs_finance": 0},
		]
		self.assertEqual(rules.work_needed(products), ["Technical", "Editorial", "Finance"])
		self.assertEqual(rules.work_needed([{"needs_editorial": 1}]), ["Editorial"])
		self.assertEqual(rules.work_needed([]), [])

	def test_natural_keys(self):
		self.assertEqual(rules.ticket_key("KKS-1", "Redaksi"), "KKS-1|Redaksi")
		self.assertEqual(rules.ticket_key("KKS-1", "Redaksi", "SCH-2"), "KKS-1|SCH-2|Redaksi")
		self.assertEqual(rules.invoice_key("KKS-1", date(2026, 2, 1)), "KKS-1|2026-02-01")
		self.assertEqual(rules.adjustment_key("KKS-1", "SCH-2"), "KKS-1|SCH-2")
		self.assertNotEqual(rules.released_key("KKS-1|2026-02-01", "INV-9"), "KKS-1|2026-02-01")

	def test_fulfilment_at_a_glance(self):
		self.assertEqual(
			rules.fulfilment([("Finance", "Done"), ("Editorial", "In Progress"), ("Technical", "Open")]),
			("In Progress", ["Technical", "Editorial"]),
		)
		self.assertEqual(
			rules.fulfilment([("Finance", "Done"), ("Editorial", "Cancelled")]), ("Fulfilled", [])
		)
		self.assertEqual(rules.fulfilment([]), ("Fulfilled", []))

	def test_people_are_members_then_the_manager_once(self):
		self.assertEqual(rules.people("m@x", ["a@x", "m@x", "b@x"]), ["a@x", "m@x", "b@x"])
		self.assertEqual(rules.people("m@x", []), ["m@x"])

	def test_what_the_department_may_do(self):
		self.assertTrue(rules.may_move("Open", "In Progress"))
		self.assertTrue(rules.may_move("In Progress", "Done"))
		self.assertFalse(rules.may_move("Done", "Open"))
		self.assertFalse(rules.may_move("Open", "Cancelled"))
