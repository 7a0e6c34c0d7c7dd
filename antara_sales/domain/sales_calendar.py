"""Weeks and months of the weekly sales meeting (6.1), with no Frappe.

A meeting belongs to an ISO week (Monday to Sunday). It evaluates the week before it (6.1.1:
"the previous week's results") and the month to date at the end of that week: the month in which
the evaluated week ends, from its first day to that Sunday. A week can span two months (30 March to
5 April): then the week takes its days from both months, and the month to date is 1 to 5 April.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Span:
	start: date
	end: date  # inclusive

	def __contains__(self, day: date) -> bool:
		return self.start <= day <= self.end

	def days(self):
		day = self.start
		while day <= self.end:
			yield day
			day += timedelta(days=1)


def week_start(day: date) -> date:
	return day - timedelta(days=day.weekday())


def week_of(day: date) -> Span:
	start = week_start(day)
	return Span(start, start + timedelta(days=6))


def week_label(day: date) -> str:
	"""ISO year and week, as in 2026-W14."""
	year, week, _weekday = day.isocalendar()
	return f"{year}-W{week:02d}"


def previous_week(day: date) -> Span:
	return week_of(week_start(day) - timedelta(days=7))


def month_start(day: date) -> date:
	return day.replace(day=1)


def days_in_month(day: date) -> int:
	return calendar.monthrange(day.year, day.month)[1]


def month_of(day: date) -> Span:
	return Span(month_start(day), day.replace(day=days_in_month(day)))


def month_to_date(day: date) -> Span:
	return Span(month_start(day), day)


def months_between(start: date, end: date) -> list[date]:
	"""The first day of every month that the span touches."""
	months, month = [], month_start(start)
	while month <= end:
		months.append(month)
		month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
	return months


@dataclass(frozen=True)
class MeetingPeriods:
	"""What a meeting held in `meeting_week` evaluates (6.1.1)."""

	meeting_week: Span
	last_week: Span
	month_to_date: Span
	month: Span


def meeting_periods(meeting_date: date) -> MeetingPeriods:
	last = previous_week(meeting_date)
	return MeetingPeriods(
		meeting_week=week_of(meeting_date),
		last_week=last,
		month_to_date=month_to_date(last.end),
		month=month_of(last.end),
	)
