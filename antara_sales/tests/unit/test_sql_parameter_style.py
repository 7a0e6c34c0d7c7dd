"""The app's raw SQL reads the same under both MariaDB drivers (issue 14, "Ready for Frappe v16").

Frappe v15 talks to MariaDB through PyMySQL; v16 through mysqlclient (MySQLdb) by default. Both
substitute parameters in Python with the `%` operator, but not alike: PyMySQL formats a str with
values it escaped as str, mysqlclient first encodes the query to bytes and formats it with bytes
(MySQLdb/cursors.py, Cursor.execute; Connection.literal). Frappe itself wraps a lone value in a
tuple and passes None when no values are given, on both versions (frappe/database/database.py,
Database.sql), and hands the rest to the driver unchanged.

So this test reads every raw statement of the app from its source (frappe.db.sql, sql_list, sql_ddl,
multi_sql; a query must be a literal or an f-string of names, so it can be read) and checks
  - placeholders are `%s` only or `%(name)s` only, never mixed, and no other conversion (`%d`);
  - a literal percent is written `%%`, and only when values are passed (without values the drivers
    do no formatting, so `%%` would reach MariaDB as two percent signs);
  - the number of `%s` matches the values given;
  - no value is a set: PyMySQL renders {"a", "b"} as ('a','b'), mysqlclient as 'a,b' (Set2Str), so
    `in %s` with a set would silently match nothing on v16;
  - the statement renders, with hostile sample values (quote, backslash, percent, non-ASCII, a list
    for IN, None, dates, Decimal), under PyMySQL's escaping and under mysqlclient's bytes formatting,
    to the same SQL text.
When MySQLdb is importable the mysqlclient side uses its own escaping functions; when it is not
(the v15 bench has only PyMySQL), that side is emulated: PyMySQL's literals encoded, then formatted
as bytes the way mysqlclient does, and test_through_mysqlclient_itself is skipped, saying so."""

import ast
import datetime
import pathlib
import re
import unittest
from decimal import Decimal

import pymysql.converters

try:
	import MySQLdb._mysql as mysqlclient_c
	import MySQLdb.converters as mysqlclient_converters
except ImportError:  # the v15 bench: PyMySQL only
	mysqlclient_c = mysqlclient_converters = None

APP = pathlib.Path(__file__).resolve().parents[2]  # the antara_sales package
RAW_SQL_METHODS = {"sql", "sql_list", "sql_ddl", "multi_sql"}
CONVERSION = re.compile(r"%(?:\((?P<name>[^)]*)\))?(?P<flags>[-#0 +]*\d*(?:\.\d+)?)(?P<type>.)", re.S)
CHARSET = "utf8"  # what both drivers encode utf8mb4 text as
# Named values whose names are built with the query (an f-string field holds the placeholders): the
# style is checked, their count cannot be read from the source.
DYNAMIC = "dynamic"

HOSTILE = "F/KOM/004 'x' \\ 50% \u00fc\u201c"
SAMPLES = {
	"str": HOSTILE,
	"int": 42,
	"Decimal": Decimal("1250000.50"),
	"date": datetime.date(2026, 1, 1),
	"datetime": datetime.datetime(2026, 1, 1, 9, 30, 5),
	"None": None,
	"list (IN)": ["Awaiting GM Signature", HOSTILE],
}


class Statement:
	def __init__(self, path: pathlib.Path, node: ast.Call):
		self.where = f"{path.relative_to(APP.parent)}:{node.lineno}"
		self.method = node.func.attr
		query = node.args[0] if node.args else next(k.value for k in node.keywords if k.arg == "query")
		self.text = query_text(query)
		values = (
			node.args[1]
			if len(node.args) > 1
			else next((k.value for k in node.keywords if k.arg == "values"), None)
		)
		# Frappe wraps a lone value (a name, an attribute) in a tuple before the driver sees it.
		self.values_node = values
		if values is None or (isinstance(values, ast.Constant) and values.value is None):
			self.arity = None
		elif isinstance(values, ast.Tuple | ast.List):
			self.arity = len(values.elts)
		elif isinstance(values, ast.Dict) and None in values.keys:
			self.arity = DYNAMIC  # {"now": now, **labels}: names made with the query's text
		elif isinstance(values, ast.Dict):
			self.arity = {k.value for k in values.keys}
		else:
			self.arity = 1

	def __repr__(self):
		return f"{self.where} {self.method}({self.text[:60]!r}...)"


def query_text(node) -> str:
	"""The statement as the driver gets it; an f-string's fields (table names) become `X`."""
	if isinstance(node, ast.Constant) and isinstance(node.value, str):
		return node.value
	if isinstance(node, ast.JoinedStr):
		parts = []
		for part in node.values:
			if isinstance(part, ast.Constant):
				parts.append(part.value)
			elif isinstance(part.value, ast.Name | ast.Attribute):
				parts.append("X")  # a name in the code, never user input nor a % sign of its own
			else:
				raise AssertionError(f"an f-string field that is not a name: {ast.unparse(part)}")
		return "".join(parts)
	raise AssertionError(f"raw SQL that cannot be read from the source: {ast.unparse(node)}")


def raw_statements() -> list[Statement]:
	found = []
	for path in sorted(APP.rglob("*.py")):
		tree = ast.parse(path.read_text(), str(path))
		for node in ast.walk(tree):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Attribute)
				and node.func.attr in RAW_SQL_METHODS
				and isinstance(node.func.value, ast.Attribute)
				and node.func.value.attr == "db"
			):
				found.append(Statement(path, node))
	return found


def conversions(text: str) -> list[re.Match]:
	return list(CONVERSION.finditer(text))


def pymysql_render(text: str, values):
	"""PyMySQL: Cursor.mogrify -> query % tuple(conn.literal(v)) (str formatting)."""
	if values is None:
		return text
	if isinstance(values, dict):
		return text % {k: pymysql.converters.escape_item(v, CHARSET) for k, v in values.items()}
	return text % tuple(pymysql.converters.escape_item(v, CHARSET) for v in values)


def mysqlclient_literal(value) -> bytes:
	"""MySQLdb.connections.Connection.literal, without a connection."""
	if mysqlclient_c is None:  # emulated: PyMySQL's literal, as bytes
		return pymysql.converters.escape_item(value, CHARSET).encode(CHARSET)
	if isinstance(value, str):
		return mysqlclient_c.string_literal(value.encode(CHARSET))
	if isinstance(value, tuple | list):
		return b"(" + b",".join(mysqlclient_literal(v) for v in value) + b")"
	literal = mysqlclient_c.escape(value, mysqlclient_converters.conversions)
	return literal.encode(CHARSET) if isinstance(literal, str) else literal


def mysqlclient_render(text: str, values):
	"""mysqlclient: Cursor.execute encodes the query, then query % literals (bytes formatting)."""
	query = text.encode(CHARSET)
	if values is not None:
		if isinstance(values, dict):
			query = query % {k.encode(CHARSET): mysqlclient_literal(v) for k, v in values.items()}
		else:
			query = query % tuple(mysqlclient_literal(v) for v in values)
	return query.decode(CHARSET)


def sample_values(statement: Statement, sample):
	if statement.arity is None:
		return None
	if statement.arity == DYNAMIC:  # the names the query's text shows
		return {m["name"]: sample for m in conversions(statement.text) if m["name"]}
	if isinstance(statement.arity, set):
		return {name: sample for name in statement.arity}
	return (sample,) * statement.arity


class TestRawSqlParameterStyle(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		cls.statements = raw_statements()

	def test_the_app_has_the_raw_sql_this_test_knows_of(self):
		# fulfilment's two locking reads and the invoice-tax patch at least; a statement this test
		# cannot read fails in raw_statements() instead.
		self.assertGreaterEqual(len(self.statements), 3, self.statements)

	def test_placeholders_are_one_style_and_escaped(self):
		for statement in self.statements:
			with self.subTest(statement.where):
				found = conversions(statement.text)
				kinds = {m["type"] for m in found}
				self.assertLessEqual(
					kinds, {"s", "%"}, f"{statement}: only %s, %(name)s and %% belong in SQL"
				)
				self.assertFalse([m for m in found if m["flags"]], f"{statement}: no width or flags")
				positional = [m for m in found if m["type"] == "s" and m["name"] is None]
				named = {m["name"] for m in found if m["type"] == "s" and m["name"] is not None}
				self.assertFalse(positional and named, f"{statement}: %s and %(name)s mixed")
				if statement.arity == DYNAMIC:
					self.assertFalse(positional, f"{statement}: %s with named values")
				elif statement.arity is None:
					self.assertFalse(found, f"{statement}: placeholders or %% without values")
				elif isinstance(statement.arity, set):
					self.assertEqual(named, statement.arity, statement)
				else:
					self.assertFalse(named, f"{statement}: %(name)s with a tuple of values")
					self.assertEqual(len(positional), statement.arity, statement)

	def test_no_value_is_a_set(self):
		def is_set(node):
			return isinstance(node, ast.Set | ast.SetComp) or (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Name)
				and node.func.id in ("set", "frozenset")
			)

		for statement in self.statements:
			with self.subTest(statement.where):
				node = statement.values_node
				parts = node.elts if isinstance(node, ast.Tuple | ast.List) else [node]
				self.assertFalse(any(is_set(part) for part in parts if part is not None), statement)

	def test_both_drivers_render_the_same_sql(self):
		for statement in self.statements:
			for kind, sample in SAMPLES.items():
				with self.subTest(statement.where, value=kind):
					values = sample_values(statement, sample)
					by_pymysql = pymysql_render(statement.text, values)
					by_mysqlclient = mysqlclient_render(statement.text, values)
					self.assertEqual(by_pymysql, by_mysqlclient, statement)
					if values and kind == "str":
						self.assertIn("50%", by_pymysql)  # the value's % survived, once

	@unittest.skipIf(
		mysqlclient_c is None, "mysqlclient (MySQLdb) is not installed: compared with an emulation"
	)
	def test_through_mysqlclient_itself(self):
		self.assertIsNotNone(mysqlclient_c.escape)  # the real driver's functions are the ones used above
		self.test_both_drivers_render_the_same_sql()
