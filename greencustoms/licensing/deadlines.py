"""Working days of the iPIC procedure: Monday to Friday, less the importing country's public holidays.

No published iPIC document found (searched 2026-12-02) fixes a number of days for an answer; the number is
``settings.LICENSING_IPIC_ANSWER_WORKING_DAYS`` (default 10), the reminders and the escalation follow it.
Public holidays come from the ``holidays`` package (per ISO country code); a country it does not know
counts weekends only.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=256)
def _holidays(country: str, year: int) -> frozenset[date]:
    try:
        return frozenset(holidays.country_holidays(country, years=year))
    except NotImplementedError:  # a country the package does not know: weekends only
        return frozenset()


def is_working_day(day: date, country: str) -> bool:
    """Monday to Friday and not a public holiday of ``country``."""
    return day.weekday() < 5 and day not in _holidays(country.upper(), day.year)


def add_working_days(start: date, days: int, country: str) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted)."""
    day = start
    left = days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day, country):
            left -= 1
    return day


def working_days_between(start: date, end: date, country: str) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is before ``start``)."""
    if end < start:
        return -working_days_between(end, start, country)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, country):
            count += 1
    return count
