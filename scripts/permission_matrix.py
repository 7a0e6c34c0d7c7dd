#!/usr/bin/env python3
"""Write docs/permissions.md, the role permission matrix, from the DocType JSON files.

The integration test antara_sales/tests/integration/test_permission_matrix.py reads the same
table back and compares it with the permissions on a real site, so the docs cannot drift: after
changing a DocType's permissions, run `make permissions` and commit the table."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCTYPES = ROOT / "antara_sales" / "antara_sales" / "doctype"
OUT = ROOT / "docs" / "permissions.md"
RIGHTS = ("read", "write", "create", "submit", "cancel", "amend", "delete", "report", "export", "print", "email", "share")
HEADER = """# Role permission matrix

Generated from the DocType definitions by `make permissions` (scripts/permission_matrix.py) and
checked against a real site by `antara_sales/tests/integration/test_permission_matrix.py`. Rows are
roles, columns the rights at permission level 0. Row-level scope (which records a role sees) is in
`antara_sales/permissions.py`; which role takes which workflow step is in docs/workflows.md.
"""


def main():
	sections = [HEADER]
	for path in sorted(DOCTYPES.glob("*/*.json")):
		meta = json.loads(path.read_text())
		if meta.get("istable") or meta.get("doctype") != "DocType":
			continue
		sections.append(f"\n## {meta['name']}\n")
		sections.append("| Role | " + " | ".join(RIGHTS) + " |")
		sections.append("|---|" + "---|" * len(RIGHTS))
		for perm in sorted(meta.get("permissions", []), key=lambda p: p["role"]):
			if perm.get("permlevel", 0):
				continue
			marks = " | ".join("✓" if perm.get(r) else "" for r in RIGHTS)
			sections.append(f"| {perm['role']} | {marks} |")
	OUT.parent.mkdir(exist_ok=True)
	OUT.write_text("\n".join(sections) + "\n")
	print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
	main()
