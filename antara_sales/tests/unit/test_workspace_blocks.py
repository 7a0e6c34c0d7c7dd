"""The workspace's layout names its widgets as Frappe's desk finds them (issue 10, 6.1.1).

Frappe's workspace blocks (frappe/public/js/frappe/views/workspace/blocks/block.js, `make`) look a
block's widget up by the item's *label*, not its record name: a block that names the record renders
nothing, and the Manager's week (number cards and charts) was an empty heading so."""

import json
import unittest
from pathlib import Path

WORKSPACES = Path(__file__).resolve().parents[2] / "antara_sales" / "workspace"

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
			self.assertTrue({"number_card", "chart"} <= kinds, f"{path.name}: the Manager's week is missing")
			for block in blocks:
				if block["type"] not in BLOCKS:
					continue
				key, table = BLOCKS[block["type"]]
				with self.subTest(workspace=path.name, block=block["id"]):
					self.assertIn(block["data"][key], labels(workspace, table))


if __name__ == "__main__":
	unittest.main()
