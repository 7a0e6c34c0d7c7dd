"""What the demo's modules share (setup/demo.py, setup/demo_meetings.py): its people, the names of
its divisions and departments, and the run's bookkeeping of what it made."""

import frappe

from antara_sales import roles
from antara_sales.doctypes import CUSTOMER

DOMAIN = "antara.demo"

# One user per role of the procedure (antara_sales/roles.py).
USERS = {
	"ae": ("rizky.pratama", "Rizky Pratama", roles.ACCOUNT_EXECUTIVE),
	"verifier": ("dewi.lestari", "Dewi Lestari", roles.ASSISTANT_MANAGER),
	"manager": ("budi.santoso", "Budi Santoso", roles.MANAGER),
	"gm": ("hendra.wijaya", "Hendra Wijaya", roles.GENERAL_MANAGER),
	"technical": ("agus.setiawan", "Agus Setiawan", roles.TECHNICAL),
	"editorial": ("siti.rahmawati", "Siti Rahmawati", roles.EDITORIAL),
	"finance": ("ratna.sari", "Ratna Sari", roles.FINANCE),
	"admin": ("indah.permatasari", "Indah Permatasari", roles.SALES_ADMIN),
	# GM of the second division, and the Provincial Bureau heads (clause 3: Managers and Bureau
	# Heads answer for their own products).
	"gm2": ("teguh.santoso", "Teguh Santoso", roles.GENERAL_MANAGER),
	"head_jabar": ("asep.hidayat", "Asep Hidayat", roles.MANAGER),
	"head_jatim": ("eko.prasetyo", "Eko Prasetyo", roles.MANAGER),
	"head_sumut": ("rudi.simanjuntak", "Rudi Simanjuntak", roles.MANAGER),
	"head_bali": ("made.wirawan", "I Made Wirawan", roles.MANAGER),
	"head_sulsel": ("andi.syamsuddin", "Andi Syamsuddin", roles.MANAGER),
}


def email(key: str) -> str:
	return f"{USERS[key][0]}@{DOMAIN}"


DIV_MEDIA = "Layanan Media dan Komunikasi"
DIV_OPS = "Pemberitaan dan Operasional"

DEPT_CONTENT = "Kerjasama dan Konten"
DEPT_MULTIMEDIA = "Pemasaran Produk Multimedia"
DEPT_IT = "Teknologi Informasi"
DEPT_NEWSROOM = "Redaksi"
DEPT_FINANCE = "Keuangan"

created: dict[str, list[str]] = {}
existing: dict[str, int] = {}


def _created(doctype: str, name: str):
	created.setdefault(doctype, []).append(name)


def _existing(doctype: str):
	existing[doctype] = existing.get(doctype, 0) + 1


def customer_by_name(name: str) -> str | None:
	return frappe.db.get_value(CUSTOMER, {"customer_name": name})
