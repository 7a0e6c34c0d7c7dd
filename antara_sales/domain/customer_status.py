"""Customer status, Prospect / New / Existing (5.3, 5.4; checked in verification 6.5.3).

The rule: take the periods in which the customer held a contract (a signed contract's start to
its end, or to its termination date), merge periods that overlap, then count the periods in the
unbroken run that ends at the latest one. A gap longer than `max_gap_days` between two periods
breaks the run.

The procedure disagrees with itself at the edge, so the thresholds are settings:
- 5.3 calls a customer *new* after "one repeat purchase of the same period", yet a customer with a
  first signed contract is plainly no longer a prospect: we count New from 1 period.
- 5.4 calls a customer *existing* after "more than two consecutive periods" (= 3), but its
  parenthesis says "more than two repeat orders" (= 4 periods). We follow the main text: 3.
ANTARA Sales Settings holds both numbers, so an admin can adopt the other reading without code.
"""

from dataclasses import dataclass
from datetime import date

PROSPECT, NEW, EXISTING = "Prospect", "New", "Existing"


@dataclass(frozen=True)
class Period:
	start: date
	end: date
	reference: str = ""


@dataclass(frozen=True)
class StatusResult:
	status: str
	consecutive_periods: int
	evidence: tuple[Period, ...]

	def evidence_text(self) -> str:
		return "\n".join(
			f"{p.start.isoformat()} – {p.end.isoformat()} {p.reference}".rstrip() for p in self.evidence
		)


def merge_overlapping(periods: list[Period]) -> list[Period]:
	"""Contracts that run at the same time are one period of being a customer."""
	merged: list[Period] = []
	for p in sorted(periods, key=lambda p: (p.start, p.end)):
		if merged and p.start <= merged[-1].end:
			last = merged[-1]
			refs = ", ".join(r for r in (last.reference, p.reference) if r)
			merged[-1] = Period(last.start, max(last.end, p.end), refs)
		else:
			merged.append(p)
	return merged


def latest_run(periods: list[Period], max_gap_days: int) -> list[Period]:
	"""The unbroken run of periods that ends at the latest period."""
	merged = merge_overlapping([p for p in periods if p.end >= p.start])
	run: list[Period] = []
	for p in merged:
		if run and (p.start - run[-1].end).days > max_gap_days:
			run = []
		run.append(p)
	return run


def compute_status(
	periods: list[Period], *, new_from: int = 1, existing_from: int = 3, max_gap_days: int = 31
) -> StatusResult:
	if not 0 < new_from <= existing_from:
		raise ValueError("thresholds must satisfy 0 < new_from <= existing_from")
	run = latest_run(periods, max_gap_days)
	count = len(run)
	if count >= existing_from:
		status = EXISTING
	elif count >= new_from:
		status = NEW
	else:
		status = PROSPECT
	return StatusResult(status, count, tuple(run))
