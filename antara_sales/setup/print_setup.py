"""Install and migrate step for printing: the ANTARA Letter Head used by the print formats
F/KOM/003, F/KOM/004 and the cooperation contract. Small and idempotent: the record is created
once and is then the admin's to edit (logo image, address), so later runs never overwrite it.

Call `ensure_print_setup()` from after_install and after_migrate (setup/install.py)."""

import frappe

LETTER_HEAD = "ANTARA"

# Text only: the app ships no logo (an admin attaches ANTARA's own through the Letter Head form).
LETTER_HEAD_CONTENT = """\
<table class="antara-letter-head" style="width: 100%; border-collapse: collapse; border-bottom: 2px solid #1f3a68;">
	<tr>
		<td style="padding: 0 0 6px 0; vertical-align: bottom;">
			<div style="font-size: 17pt; font-weight: bold; letter-spacing: 1px; color: #1f3a68;">PERUM LKBN ANTARA</div>
			<div style="font-size: 9pt; color: #333;">Lembaga Kantor Berita Nasional ANTARA</div>
		</td>
		<td style="padding: 0 0 6px 0; vertical-align: bottom; text-align: right; font-size: 8pt; color: #333;">
			Wisma ANTARA, Jl. Medan Merdeka Selatan No. 17<br>
			Jakarta Pusat 10110, Indonesia<br>
			www.antaranews.com
		</td>
	</tr>
</table>
"""


def ensure_print_setup():
	ensure_letter_head()


def ensure_letter_head():
	"""The ANTARA Letter Head; the site's default only if the site has none yet."""
	if frappe.db.exists("Letter Head", LETTER_HEAD):
		return
	has_default = frappe.db.exists("Letter Head", {"is_default": 1})
	letter_head = frappe.get_doc(
		{
			"doctype": "Letter Head",
			"letter_head_name": LETTER_HEAD,
			"content": LETTER_HEAD_CONTENT,
			"footer_source": "HTML",
			"footer": "",
			"is_default": 0 if has_default else 1,
		}
	)
	muted, frappe.flags.mute_messages = frappe.flags.mute_messages, True  # "attach an image" alert
	try:
		letter_head.insert(ignore_permissions=True)
	finally:
		frappe.flags.mute_messages = muted
	# Frappe's Letter Head sets "Based On" to Image on insert (to offer an upload); ours is HTML.
	letter_head.db_set("source", "HTML")
