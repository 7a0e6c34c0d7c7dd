"""The workspaces' layouts name its widgets as Frappe's desk finds them (issue 10, 6.1.1).

Frappe's workspace blocks (frappe/public/js/frappe/views/workspace/blocks/block.js, `make`) look a
block's widget up by the item's *label*, not its record name: a block that names the record renders
nothing, and the Manager's week (number cards and charts) was an empty heading so."""

import json
import unittest
from pathlib import Path

MODULE = Path(__file__).resolve().parents[2] / "antara_sales"
WORKSPACES = MODULE / "workspace"
SIDEBARS = MODULE.parent / "workspace_sidebar"  # v16's sidebars (docs/v16.md, section 3)

# block type in `content` -> (the block's data key, the workspace's item table)
BLOCKS = {
	"shortcut": ("shortcut_name", "shortcuts"),
	"card": ("card_name", "links"),
	"number_card": ("number_card_name", "number_cards"),
	"chart": ("chart_name", "charts"),
}


def labels(workspace: dict, table: str) -> set[str]:
	if table == "links":  # a card is its Card Break's label
		return {row["label"] for row in workspace["links"] if row.get("type") == "Card Break"}
	return {row.get("label") for row in workspace.get(table) or []}


class TestWorkspaceBlocks(unittest.TestCase):
	def test_every_block_names_a_widget_by_its_label(self):
		paths = sorted(WORKSPACES.glob("*/*.json"))
		self.assertTrue(paths, WORKSPACES)
		for path in paths:
			workspace = json.loads(path.read_text())
			blocks = json.loads(workspace["content"])
			kinds = {block["type"] for block in blocks}
			if workspace["name"] == "ANTARA Sales":
				self.assertTrue(
					{"number_card", "chart"} <= kinds, f"{path.name}: the Manager's week is missing"
				)
			self.assertIn("shortcut", kinds, f"{path.name}: no shortcut to the day's work")
			for block in blocks:
				if block["type"] not in BLOCKS:
					continue
				key, table = BLOCKS[block["type"]]
				with self.subTest(workspace=path.name, block=block["id"]):
					self.assertIn(block["data"][key], labels(workspace, table))

	def test_each_workspace_has_a_v16_sidebar_with_its_links(self):
		"""v16 draws the sidebar from these files; a link to a renamed DocType would vanish there."""
		for path in sorted(WORKSPACES.glob("*/*.json")):
			workspace = json.loads(path.read_text())
			sidebar_path = SIDEBARS / path.name
			with self.subTest(workspace=workspace["name"]):
				self.assertTrue(sidebar_path.exists(), f"no v16 sidebar {sidebar_path.name}")
				sidebar = json.loads(sidebar_path.read_text())
				self.assertEqual(sidebar["title"], workspace["name"])
				links = {
					row["link_to"]: row["link_type"] for row in sidebar["items"] if row["type"] == "Link"
				}
				self.assertEqual(links.pop(workspace["name"]), "Workspace")  # Home
				cards = {row["link_to"] for row in workspace["links"] if row.get("type") == "Link"}
				self.assertEqual(set(links), cards)
				for name, kind in links.items():
					folder = {"DocType": "doctype", "Report": "report"}[kind]
					self.assertTrue((MODULE / folder / name.lower().replace(" ", "_")).is_dir(), name)


if __name__ == "__main__":
	unittest.main()
