"""What the print formats show, prepared on the server (the Jinja method `antara_print`, registered
in hooks.py), and on which page (domain/print_pages.py). The templates lay out what this returns:
each page is the control block followed by the page's pieces, rendered by their kind.

Escaping: the templates render inside `{% autoescape true %}`, so every plain string from here
(names, addresses, remarks) is escaped by Jinja. Only three kinds of value are `Markup`, each made
safe here: rich text (Text Editor fields such as the terms), sanitised again with Frappe's
`sanitize_html` at print time; images, whose source must be an image data URI or a file path; and
the Letter Head, which only a System Manager edits."""

import re

import frappe
from frappe.model import no_value_fields
from frappe.utils import flt, get_fullname, in_words
from frappe.utils.html_utils import sanitize_html
from markupsafe import Markup

from antara_sales.domain import print_pages as pp
from antara_sales.domain import print_text
from antara_sales.domain.print_pages import Block
from antara_sales.services.printing import print_forms
from antara_sales.setup.print_setup import LETTER_HEAD

RICH_TEXT_TYPES = ("Text Editor", "HTML Editor", "Markdown Editor")
IMAGE_TYPES = ("Attach Image", "Signature")
SAFE_IMAGE_SRC = re.compile(
	r"^(data:image/(png|jpe?g|gif|webp);base64,[A-Za-z0-9+/=\s]+|/(private/)?files/[^\"'<>:]+)$"
)

# The product table (ANTARA Order Item): key, header, width in % of the table, alignment.
BASE_COLUMNS = (
	("idx", "No.", 4, "center"),
	("product_name", "Produk / Layanan", 22, ""),
	("billing_period", "Periode Tagih", 10, "center"),
	("quantity", "Jml.", 5, "num"),
	("start_date", "Mulai", 10, "center"),
	("end_date", "Selesai", 10, "center"),
	("periods", "Jml. Periode", 6, "num"),
	("unit_price", "Harga per Periode", 13, "num"),
	("discount", "Diskon", 6, "num"),
	("amount", "Jumlah", 14, "num"),
)
CUSTOM_COLUMN_WIDTH = 9  # % each, at most CUSTOM_COLUMNS_MAX together
CUSTOM_COLUMNS_MAX = 36


def antara_print(doc, print_format: str) -> frappe._dict:
	"""Everything the template of `print_format` needs for `doc`, page by page (Jinja method)."""
	control = print_forms.form_control(doc, print_format)
	context = frappe._dict(
		control=control,
		control_block=print_text.control_block(
			control.form_code, control.form_issue_date, control.form_revision
		),
		copy_marking=print_text.copy_marking(control.copy_of),
		default_letter_head=default_letter_head(doc),
		columns=columns(doc),
		custom_fields=custom_fields(doc),
		money=money(doc),
		people=people(doc),
	)
	context.lines = lines(doc, "items", context.columns)
	if doc.meta.has_field("previous_items"):
		context.previous_lines = lines(doc, "previous_items", context.columns)
		context.contract = changed_contract(doc)
	LAYOUTS[doc.doctype](doc, context)
	plan = pp.paginate(
		context.blocks,
		first_page_extra=pp.LETTER_HEAD,
		control=pp.control_height(len(context.control_rows) + 1) + context.get("control_extra", 0),
	)
	context.pages = plan.pages
	context.page_count = len(plan.pages)
	return context


# --- page layouts: the blocks of each form, in order, with their estimated heights ---------------


def media_order_layout(doc, ctx):
	"""F/KOM/003 (6.4): customer data, products, totals, terms, custom fields, signatures."""
	ctx.form_title = "FORMULIR BERLANGGANAN"
	ctx.form_subtitle = "Subscription Form / Media Order"
	ctx.control_rows = [
		*ctx.control_block,
		("No. Formulir", doc.name),
		("Tanggal", print_text.tanggal(doc.get("order_date") or doc.get("creation"))),
	]
	ctx.customer_rows = [
		("Nama Lengkap / Badan Hukum", text(doc.customer_name)),
		("Jenis Pelanggan", print_text.label(doc.customer_type)),
		("NPWP", text(doc.npwp)),
		("Alamat", text(doc.address)),
		("Kota / Provinsi", ", ".join(filter(None, (text(doc.city), text(doc.province))))),
		("Telepon", text(doc.phone)),
		("Email", text(doc.email)),
		("Narahubung", text(doc.contact_person)),
	]
	ctx.blocks = [
		Block("customer", pp.HEADING + pp.fields_height(ctx.customer_rows)),
		lines_block("lines", ctx.lines, ctx.columns),
		Block("totals", totals_height(ctx)),
		Block("terms", pp.HEADING + rich_height(doc.administrative_terms) + pp.LINE + 4),
		*custom_fields_blocks(ctx),
		Block("signatures", signatures_height(rows=1)),
		Block("note", pp.paragraph_height("x" * 190) - pp.LINE // 3),
	]


def subscription_change_layout(doc, ctx):
	"""F/KOM/004: the contract changed, the change, products before and after, signatures."""
	ctx.form_title = "FORMULIR PERUBAHAN BERLANGGANAN"
	ctx.form_subtitle = ""
	ctx.control_rows = [
		*ctx.control_block,
		("No. Formulir", doc.name),
		("Tanggal", print_text.tanggal(doc.get("creation"))),
	]
	ctx.contract_rows = [
		("No. Kontrak Kerja Sama", ctx.contract.name),
		("Revisi Kontrak Saat Ini", ctx.contract.revision),
		("Pelanggan", text(doc.customer_name)),
		("Jangka Waktu Kontrak", ctx.contract.period),
		("Nilai Kontrak Saat Ini", ctx.contract.value),
		("Departemen", ctx.people.department),
	]
	ctx.change_rows = [
		("Jenis Perubahan", print_text.label(doc.change_type)),
		("Tanggal Berlaku", print_text.tanggal(doc.effective_date)),
		("Alasan Perubahan", text(doc.reason)),
	]
	ctx.stops_service = doc.change_type in ("Suspend", "Terminate")
	after = (
		[Block("stop_note", pp.HEADING + pp.paragraph_height("x" * 120))]
		if ctx.stops_service
		else [
			lines_block("lines", ctx.lines, ctx.columns),
			Block("totals", totals_height(ctx) + 24),  # with the difference
		]
	)
	ctx.blocks = [
		Block("contract", pp.HEADING + pp.fields_height(ctx.contract_rows)),
		Block("change", pp.HEADING + pp.fields_height(ctx.change_rows)),
		lines_block("previous_lines", ctx.previous_lines, ctx.columns),
		Block("previous_total", 28),
		*after,
		*custom_fields_blocks(ctx),
		Block("signatures", signatures_height(rows=2)),
	]


def contract_layout(doc, ctx):
	"""The cooperation contract (6.6, 6.7): parties, scope, products, value, period, terms,
	closing with the copies, and the signatures in the order of 6.7."""
	ctx.form_title = "KONTRAK KERJA SAMA"
	ctx.form_subtitle = "Perum LKBN ANTARA dan " + text(doc.customer_name)
	ctx.control_rows = [
		("No. Kontrak", doc.name),
		("Revisi Kontrak", str(doc.get("revision") or 0)),
		("Tanggal", print_text.tanggal(doc.get("gm_signed_on") or doc.get("creation"))),
	]
	title_lines = pp.text_lines(ctx.form_subtitle, pp.chars_per_line(pp.CONTENT_WIDTH * 0.6, 10))
	ctx.control_extra = max(0, 19 + 13 * title_lines + 24 - 4 * pp.CONTROL_ROW)
	parties = " ".join(
		text(v)
		for v in (
			ctx.people.general_manager,
			ctx.people.division,
			doc.customer_name,
			doc.npwp,
			doc.address,
			doc.customer_signatory_name,
			doc.media_order,
		)
	)
	ctx.blocks = [
		*([Block("status_mark", 26)] if doc.docstatus != 1 else []),
		Block("parties", pp.paragraph_height("x" * 430 + parties) + 2 * pp.LINE),
		Block(
			"scope", pp.HEADING + (rich_height(doc.scope) if doc.scope else pp.paragraph_height("x" * 170))
		),
		lines_block("lines", ctx.lines, ctx.columns),
		Block("totals", totals_height(ctx)),
		Block(
			"value",
			pp.HEADING
			+ pp.paragraph_height("x" * 120 + ctx.money.grand_total_words)
			# the PPh 23 withholding clause, when the contract has a rate
			+ (pp.paragraph_height("x" * 260) if str(doc.get("pph23_rate") or "0") != "0" else 0),
		),
		Block("period", pp.HEADING + pp.paragraph_height("x" * 120)),
		Block("terms", pp.HEADING + rich_height(doc.administrative_terms)),
		*custom_fields_blocks(ctx),
		Block("closing", pp.HEADING + pp.paragraph_height("x" * 200)),
		Block("signatures", signatures_height(rows=1, heading=False)),
	]


LAYOUTS = {
	print_forms.MEDIA_ORDER: media_order_layout,
	print_forms.SUBSCRIPTION_CHANGE: subscription_change_layout,
	print_forms.CONTRACT: contract_layout,
}


def lines_block(kind, rows, cols) -> Block:
	header = pp.table_row_height([(c.label, c.width / 100) for c in cols])
	return Block(
		kind,
		pp.HEADING + header + pp.CELL_LINE,  # with the "continued" note
		rows=[
			pp.table_row_height(list(zip(row.cells, (c.width / 100 for c in cols), strict=True)))
			for row in rows
		],
	)


def totals_height(ctx) -> int:
	words = pp.text_lines(
		"Terbilang: " + ctx.money.grand_total_words, pp.chars_per_line(pp.CONTENT_WIDTH, 11)
	)
	rows = 4 if ctx.money.dpp else 3
	return rows * 21 + 8 + words * pp.LINE + 4


def rich_height(value) -> int:
	return pp.rich_text_height(str(rich_text(value)))


def custom_fields_blocks(ctx) -> list[Block]:
	if not ctx.custom_fields:
		return []
	rows = [(f.label, re.sub(r"<[^>]+>", " ", str(f.value))) for f in ctx.custom_fields]
	height = pp.HEADING + pp.fields_height(rows)
	height += sum(64 for f in ctx.custom_fields if f.fieldtype in IMAGE_TYPES)
	return [Block("custom_fields", height)]


def signatures_height(*, rows: int, heading: bool = True) -> int:
	# role, caption, 64 px of space for the stamp and signature, name, title, date; cell padding
	return (pp.HEADING if heading else 0) + rows * (15 + 15 + 64 + 18 + 15 + 15 + 6) + 10


# --- values ----------------------------------------------------------------------------------


def text(value) -> str:
	return "" if value is None else str(value)


def rich_text(value) -> Markup:
	"""A Text Editor field as HTML, sanitised with Frappe's allow-list (scripts, event handlers and
	javascript: links are removed or escaped), whatever path the value took into the database."""
	if not value:
		return Markup("")
	return Markup(sanitize_html(str(value), always_sanitize=True))


def image(value, css_class: str = "antara-image") -> Markup:
	"""An <img> for a stamp or signature; nothing when the value is not an image we can trust."""
	value = text(value).strip()
	if not value or not SAFE_IMAGE_SRC.match(value):
		return Markup("")
	return Markup('<img class="{0}" src="{1}" alt="">').format(css_class, value)


def terbilang(amount) -> str:
	"""The app's one "terbilang": the amount in Indonesian words, whatever the reader's language (the
	forms and the invoice are Indonesian documents), with Frappe's own in_words (num2words,
	language "id"): 1.200.000 -> "satu juta dua ratus ribu rupiah"; a credit note's -5.000 ->
	"minus lima ribu rupiah"."""
	whole, sen = print_text.split_rupiah(amount)
	previous = frappe.local.lang
	frappe.local.lang = "id"
	try:
		words = print_text.terbilang_rupiah(in_words(whole), in_words(sen) if sen else None)
	finally:
		frappe.local.lang = previous
	return f"minus {words}" if flt(amount, 2) < 0 else words


def field_value(doc, df):
	if df.fieldtype in RICH_TEXT_TYPES:
		return rich_text(doc.get(df.fieldname))
	if df.fieldtype in IMAGE_TYPES:
		return image(doc.get(df.fieldname))
	return print_text.plain_value(df.fieldtype, doc.get(df.fieldname))


def printable_custom_fields(meta) -> list:
	"""Fields an admin added through Customize Form (Custom Field records) that hold a value and
	are not hidden from print: they print without a code change."""
	return [
		df
		for df in meta.fields
		if df.get("is_custom_field")
		and df.fieldtype not in no_value_fields
		and df.fieldtype not in ("Button", "Password")
		and not df.get("print_hide")
		and not df.get("hidden")
	]


def custom_fields(doc) -> list[frappe._dict]:
	return [
		frappe._dict(
			label=text(df.label or df.fieldname),
			value=field_value(doc, df),
			fieldname=df.fieldname,
			fieldtype=df.fieldtype,
		)
		for df in printable_custom_fields(doc.meta)
	]


def columns(doc) -> list[frappe._dict]:
	"""The product table's columns: the standard ones, then the custom fields of the lines (ANTARA
	Order Item), which print as extra columns; the standard ones narrow to make room."""
	table = doc.meta.get_field("items")
	custom = printable_custom_fields(frappe.get_meta(table.options)) if table else []
	custom_share = min(CUSTOM_COLUMN_WIDTH * len(custom), CUSTOM_COLUMNS_MAX)
	scale = (100 - custom_share) / 100
	cols = [
		frappe._dict(key=key, label=label, width=round(width * scale, 2), align=align)
		for key, label, width, align in BASE_COLUMNS
	]
	cols += [
		frappe._dict(
			key=df.fieldname,
			label=text(df.label or df.fieldname),
			width=round(custom_share / len(custom), 2),
			align="",
			df=df,
		)
		for df in custom
	]
	return cols


def lines(doc, table_field: str, cols) -> list[frappe._dict]:
	if not doc.meta.has_field(table_field):
		return []
	rows = []
	for row in doc.get(table_field) or []:
		values = {
			"idx": str(row.idx),
			"product_name": text(row.product_name or row.product),
			"billing_period": print_text.label(row.billing_period),
			"quantity": print_text.number(row.quantity),
			"start_date": print_text.tanggal_pendek(row.start_date),
			"end_date": print_text.tanggal_pendek(row.end_date),
			"periods": print_text.number(row.periods),
			"unit_price": print_text.rupiah(row.unit_price),
			"discount": print_text.persen(row.discount_percent) if row.discount_percent else "",
			"amount": print_text.rupiah(row.amount),
		}
		cells = [values[c.key] if c.get("df") is None else field_value(row, c.df) for c in cols]
		rows.append(frappe._dict(product_name=values["product_name"], amount=values["amount"], cells=cells))
	return rows


def money(doc) -> frappe._dict:
	values = frappe._dict(
		total=print_text.rupiah(doc.get("total_amount")),
		tax_rate=print_text.persen(doc.get("tax_rate")),
		# PMK 131/2024: PPN 12 % of DPP Nilai Lain (11/12 of the price), shown when the rule has a factor
		dpp=print_text.rupiah(doc.get("dpp_amount"))
		if (doc.get("dpp_numerator") or 1) != (doc.get("dpp_denominator") or 1)
		else "",
		dpp_factor=f"{doc.get('dpp_numerator') or 1}/{doc.get('dpp_denominator') or 1}",
		tax=print_text.rupiah(doc.get("tax_amount")),
		grand_total=print_text.rupiah(doc.get("grand_total")),
		grand_total_words=terbilang(doc.get("grand_total")),
	)
	if doc.meta.has_field("previous_grand_total"):
		before, after = doc.get("previous_grand_total") or 0, doc.get("grand_total") or 0
		values.previous_grand_total = print_text.rupiah(before)
		values.difference = ("+" if after >= before else "") + print_text.rupiah(after - before)
	return values


def changed_contract(change) -> frappe._dict:
	"""F/KOM/004: the contract being changed, as it stands now."""
	values = (
		frappe.db.get_value(
			print_forms.CONTRACT,
			change.get("contract"),
			["name", "start_date", "end_date", "grand_total", "revision"],
			as_dict=True,
		)
		if change.get("contract")
		else None
	) or frappe._dict()
	period = (print_text.tanggal(values.start_date), print_text.tanggal(values.end_date))
	return frappe._dict(
		name=text(values.name or change.get("contract")),
		period=" s.d. ".join(filter(None, period)),
		value=print_text.rupiah(values.grand_total) if values else "",
		revision=text(values.revision),
	)


# --- blocks ----------------------------------------------------------------------------------


def default_letter_head(doc) -> Markup:
	"""The ANTARA Letter Head (setup/print_setup.py), used when Frappe passes none (no default
	letter head on the site). Admins edit it as any Letter Head."""
	values = frappe.db.get_value("Letter Head", LETTER_HEAD, ["content", "disabled"], as_dict=True)
	if not values or values.disabled or not values.content:
		return Markup("")
	return Markup(frappe.render_template(values.content, {"doc": doc.as_dict()}))


# --- names -----------------------------------------------------------------------------------


def fullname(user: str | None) -> str:
	return get_fullname(user) if user else ""


def people(doc) -> frappe._dict:
	"""The names a form prints: the AE, the department, its division and GM (6.1, 6.7)."""
	department = doc.get("department")
	division = frappe.get_cached_value("ANTARA Department", department, "division") if department else None
	gm = doc.get("gm_signed_by") or doc.get("general_manager")
	if not gm and division:
		gm = frappe.get_cached_value("ANTARA Division", division, "general_manager")
	return frappe._dict(
		account_executive=fullname(doc.get("account_executive")),
		department=text(department),
		division=text(division),
		bureau=text(doc.get("bureau")),
		general_manager=fullname(gm),
		approved_by=fullname(doc.get("approved_by")),
	)


# --- Jinja methods (hooks.py "jinja"): small helpers the templates call --------------------------


def antara_date(value) -> str:
	"""1 Juni 2021."""
	return print_text.tanggal(value)


def antara_label(value) -> str:
	"""A Select value in Indonesian (Lembaga, Bulanan, Penambahan produk ...)."""
	return print_text.label(value)


def antara_rich_text(value) -> Markup:
	return rich_text(value)


def antara_image(value) -> Markup:
	return image(value)


def antara_rupiah(amount) -> str:
	return print_text.rupiah(amount)


def antara_terbilang(amount) -> str:
	return terbilang(amount)
