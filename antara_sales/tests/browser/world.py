"""The browser walk's own organisation, made server-side through Frappe's APIs and committed, so that
the web server (another connection) sees it; and its removal, which deletes only what this run
made: the records below, and the procedure's documents that hang off its departments and customer.

Nothing here is done in a user's name: the procedure's steps are taken in the browser."""

import frappe

from antara_sales import roles
from antara_sales.services.common.settings import SETTINGS
from antara_sales.services.reporting.sales_facts import MONTHS
from antara_sales.tests import factories as f
from antara_sales.tests.cleanup import purge, purge_users

PASSWORD = "Antara-Browser-2026!"
LANGUAGE = "id"  # the walk is in Indonesian (issue 10)


def t(text: str, context: str | None = None) -> str:
	"""The label a user of the walk's language sees: Frappe's translation, read on the server."""
	return frappe._(text, lang=LANGUAGE, context=context)


DOWNSTREAM = {"technical": roles.TECHNICAL, "editorial": roles.EDITORIAL, "finance": roles.FINANCE}
SETTINGS_FIELDS = [f"default_{kind}_department" for kind in DOWNSTREAM]

# The procedure's documents, found through the run's departments or customer at clean-up.
PROCEDURE_DOCTYPES = (
	"ANTARA Weekly Sales Meeting",
	"ANTARA Invoice",
	"ANTARA Ticket",
	"ANTARA Subscription Change",
	"ANTARA Cooperation Contract",
	"ANTARA Order Verification",
	"ANTARA Order Invitation",
	"ANTARA Media Order",
	"ANTARA Customer Feedback",
	"ANTARA Feedback Request",
	"ANTARA Sales Target",
)


class World:
	def __init__(self):
		self.tag = frappe.generate_hash(length=5)
		self.made: list[tuple[str, str]] = []  # (doctype, name), in the order made
		self.users: dict[str, str] = {}
		self.settings_before: dict = {}
		self.seller: dict = {}
		self.memberships: list[tuple[str, str]] = []

	# ------------------------------------------------------------------ making

	def keep(self, doctype: str, name: str) -> str:
		self.made.append((doctype, name))
		return name

	def insert(self, values: dict) -> str:
		doc = frappe.get_doc(values).insert(ignore_permissions=True)
		return self.keep(doc.doctype, doc.name)

	def user(self, key: str, role: str, first_name: str, last_name: str) -> str:
		email = f"{key}.{self.tag}@browser.antara.test"
		doc = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"last_name": last_name,
				"send_welcome_email": 0,
				"language": LANGUAGE,
				"new_password": PASSWORD,
				"roles": [{"role": role}],
			}
		)
		doc.flags.ignore_password_policy = True
		# Frappe makes the user's Contact (and asks gravatar.com) in a background job after the
		# commit, which could outlive the clean-up; in test mode it does so at once, offline.
		in_test, frappe.flags.in_test = frappe.flags.in_test, True
		try:
			doc.insert(ignore_permissions=True)
		finally:
			frappe.flags.in_test = in_test
		self.keep("User", email)
		self.users[key] = email
		return email

	def build(self):
		u = self.user
		u("ae", roles.ACCOUNT_EXECUTIVE, "Rizky", f"Pratama {self.tag}")
		u("am", roles.ASSISTANT_MANAGER, "Dewi", f"Lestari {self.tag}")
		u("manager", roles.MANAGER, "Budi", f"Santoso {self.tag}")
		u("gm", roles.GENERAL_MANAGER, "Hendra", f"Wijaya {self.tag}")
		u("technical", roles.TECHNICAL, "Agus", f"Setiawan {self.tag}")
		u("editorial", roles.EDITORIAL, "Siti", f"Rahmawati {self.tag}")
		u("finance", roles.FINANCE, "Ratna", f"Sari {self.tag}")
		users = self.users
		self.bureau = self.insert(
			{
				"doctype": "ANTARA Bureau",
				"bureau_name": f"Biro Uji {self.tag}",
				"bureau_type": "Provincial Bureau",
				"province": "Jawa Barat",
			}
		)
		self.division = self.insert(
			{
				"doctype": "ANTARA Division",
				"division_name": f"Divisi Uji {self.tag}",
				"general_manager": users["gm"],
			}
		)
		self.department_name = f"Kerjasama Uji {self.tag}"
		self.department = self.department_of(
			self.department_name,
			"Product-Owning",
			users["manager"],
			[{"user": users["ae"]}, {"user": users["am"], "is_verifier": 1}],
		)
		self.downstream = {kind: self.downstream_department(kind) for kind in DOWNSTREAM}
		self.text = self.product("TXT", f"Berita Teks Uji {self.tag}", media_type="Text")
		self.photo = self.product(
			"FOTO", f"Foto Uji {self.tag}", media_type="Photo", needs_editorial=0, price=500_000
		)
		self.customer_name = f"PT Kabar Uji {self.tag}"
		self.npwp = f.valid_npwp()
		self.seller_identity()
		if self.settings_before:
			settings = frappe.get_single(SETTINGS)
			for kind, department in self.downstream.items():
				settings.set(f"default_{kind}_department", department)
			settings.update(self.seller)
			settings.save(ignore_permissions=True)
		frappe.db.commit()

	def seller_identity(self):
		"""The seller's NPWP and NITKU that every invoice carries and the Coretax export needs (issue
		11): a site that has them (the demo) keeps them; one without gets the run's, taken back at
		the end like the departments."""
		if frappe.db.get_single_value(SETTINGS, "seller_nitku"):
			return
		npwp = "0" + f.valid_npwp()
		for field, value in (("seller_npwp", npwp), ("seller_nitku", npwp + "000000")):
			self.settings_before[field] = frappe.db.get_single_value(SETTINGS, field)
			self.seller[field] = value

	def downstream_department(self, kind: str) -> str:
		"""6.8's departments are the settings' (one of each kind per site). A site that has them (the
		demo) keeps them: the run's user joins as a member and leaves at the end, so the site's own
		work keeps its routing. A site without (make test's) gets the run's own, and the settings
		go back to empty at the end."""
		field = f"default_{kind}_department"
		current = frappe.db.get_single_value(SETTINGS, field)
		row = current and frappe.db.get_value(
			"ANTARA Department", current, ["is_active", "department_kind"], as_dict=True
		)
		if row and row.is_active and row.department_kind == kind.title():
			# A member row of its own, without saving the site's department (no edit of its own fields).
			member = frappe.get_doc(
				{
					"doctype": "ANTARA Department Member",
					"parent": current,
					"parenttype": "ANTARA Department",
					"parentfield": "members",
					"idx": frappe.db.count("ANTARA Department Member", {"parent": current}) + 1,
					"user": self.users[kind],
				}
			)
			member.db_insert()
			frappe.clear_document_cache("ANTARA Department", current)
			self.memberships.append((current, member.name))
			return current
		self.settings_before[field] = current
		name = f"{kind.title()} Uji {self.tag}"
		return self.department_of(name, kind.title(), self.users[kind], [])

	def department_of(self, name: str, kind: str, manager: str, members: list) -> str:
		return self.insert(
			{
				"doctype": "ANTARA Department",
				"department_name": name,
				"department_kind": kind,
				"division": self.division,
				"bureau": self.bureau,
				"manager": manager,
				"members": members,
			}
		)

	def product(self, code: str, name: str, **kw) -> str:
		values = {
			"doctype": "ANTARA Product",
			"product_code": f"UJI-{code}-{self.tag}",
			"product_name": name,
			"product_type": "Internal",
			"department": self.department,
			"billing_period": "Monthly",
			"price": 1_000_000,
			"needs_technical": 1,
			"needs_editorial": 1,
			"needs_finance": 1,
		}
		values.update(kw)
		return self.insert(values)

	def targets_for_the_year(self, amount: float = 150_000_000) -> list[str]:
		"""This year's monthly targets of the department, set by its Manager (6.1.1) through the same
		insert the desk's form makes, and committed for the web server to read."""
		year = frappe.utils.getdate().year
		with f.as_user(self.users["manager"]):
			names = [
				self.keep(
					"ANTARA Sales Target",
					frappe.get_doc(
						{
							"doctype": "ANTARA Sales Target",
							"department": self.department,
							"year": year,
							"month": month,
							"target_amount": amount,
							"target_new_customers": 2,
						}
					)
					.insert()
					.name,
				)
				for month in MONTHS
			]
		frappe.db.commit()
		return names

	# ------------------------------------------------------------------ reading

	def fresh(self):
		"""A new snapshot, to read what the web server committed."""
		frappe.db.rollback()

	def value(self, doctype: str, filters, field):
		self.fresh()
		return frappe.db.get_value(doctype, filters, field)

	# ------------------------------------------------------------------ removing

	def procedure_records(self) -> list[tuple[str, str]]:
		"""The documents the walk made in the browser: those of the run's departments or customer."""
		customers = frappe.get_all(
			"ANTARA Customer", filters={"customer_name": self.customer_name}, pluck="name"
		)
		# Only the departments this run made: a site's own departments hold the site's own work.
		departments = [name for doctype, name in self.made if doctype == "ANTARA Department"]
		found = []
		for doctype in PROCEDURE_DOCTYPES:
			if not frappe.db.table_exists(doctype):
				continue
			meta = frappe.get_meta(doctype)
			names = set()
			if meta.has_field("department"):
				names |= set(
					frappe.get_all(doctype, filters={"department": ("in", departments)}, pluck="name")
				)
			if customers and meta.has_field("customer"):
				names |= set(frappe.get_all(doctype, filters={"customer": ("in", customers)}, pluck="name"))
			found += [(doctype, n) for n in sorted(names)]
		return found + [("ANTARA Customer", c) for c in customers]

	def remove(self):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		if self.settings_before:
			settings = frappe.get_single(SETTINGS)
			settings.update(self.settings_before)
			settings.flags.ignore_mandatory = True
			settings.save(ignore_permissions=True)
		for department, name in self.memberships:
			frappe.db.delete("ANTARA Department Member", {"name": name})
			frappe.clear_document_cache("ANTARA Department", department)
		records = self.procedure_records() + list(reversed(self.made))
		# The company stamp uploaded in the walk carries the run's tag in its file name.
		records += [
			("File", n)
			for n in frappe.get_all("File", {"file_name": ("like", f"%{self.tag}%")}, pluck="name")
		]
		for doctype, name in records:
			purge(doctype, name)
		purge_users(self.users.values())
		frappe.db.commit()
