"""The follow-up of a signed contract (6.8): "once the customer has signed, each Department follows up
with the related Departments — technical, editorial and/or finance — as the new contract requires".
Pure: which departments a contract needs, the natural keys that make each ticket and invoice exist
exactly once, and the contract's fulfilment at a glance."""

from collections.abc import Iterable, Mapping
from datetime import date

TECHNICAL, EDITORIAL, FINANCE = "Technical", "Editorial", "Finance"
WORK = (TECHNICAL, EDITORIAL, FINANCE)  # the order of 6.8
NEEDS_FIELD = {TECHNICAL: "needs_technical", EDITORIAL: "needs_editorial", FINANCE: "needs_finance"}
WHAT = {
	TECHNICAL: "access and provisioning",
	EDITORIAL: "content delivery set-up",
	FINANCE: "billing set-up",
}

# Ticket statuses.
OPEN, IN_PROGRESS, DONE, CANCELLED = "Open", "In Progress", "Done", "Cancelled"
STILL_OPEN = (OPEN, IN_PROGRESS)
CLOSED = (DONE, CANCELLED)
# What the department's people may do; Cancelled comes from the contract (cancellation, termination).
PEOPLE_MAY_MOVE = {OPEN: (IN_PROGRESS, DONE), IN_PROGRESS: (OPEN, DONE)}

# The contract's fulfilment.
QUEUED, FAILED, IN_HAND, FULFILLED, ENDED = "Queued", "Failed", "In Progress", "Fulfilled", "Closed"


def work_needed(products: Iterable[Mapping]) -> list[str]:
	"""The downstream departments the products need, in the order of 6.8."""
	products = list(products)
	return [work for work in WORK if any(p.get(NEEDS_FIELD[work]) for p in products)]


def ticket_key(contract: str, department: str, change: str | None = None) -> str:
	"""One ticket per department per contract, and per department per approved change."""
	return "|".join(part for part in (contract, change, department) if part)


def invoice_key(contract: str, period_start: date) -> str:
	"""One regular invoice per contract per period."""
	return f"{contract}|{period_start.isoformat()}"


def adjustment_key(contract: str, change: str) -> str:
	"""One adjustment (credit note or prorated charge) per approved change."""
	return f"{contract}|{change}"


def released_key(key: str, name: str) -> str:
	"""A cancelled invoice gives its key up, so that the period can be invoiced again."""
	return f"{key}|cancelled|{name}"


def fulfilment(tickets: Iterable[tuple[str, str]]) -> tuple[str, list[str]]:
	"""(state, pending work) from (work, status) pairs: Fulfilled when no ticket is still open."""
	pending = {work for work, status in tickets if status in STILL_OPEN}
	ordered = [work for work in WORK if work in pending]
	return (IN_HAND if ordered else FULFILLED), ordered


def people(manager: str | None, members: Iterable[str]) -> list[str]:
	"""A department's people (6.8): its members, then its Manager, each once."""
	result = []
	for user in [*members, manager]:
		if user and user not in result:
			result.append(user)
	return result


def may_move(old: str, new: str) -> bool:
	return old == new or new in PEOPLE_MAY_MOVE.get(old, ())
