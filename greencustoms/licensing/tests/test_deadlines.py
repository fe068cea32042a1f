"""Working days of the iPIC procedure, worked out by hand on a calendar."""

from __future__ import annotations

from datetime import date

from greencustoms.licensing.deadlines import add_working_days, is_working_day, working_days_between


def test_weekends_and_public_holidays_do_not_count() -> None:
    # France: Christmas (Fri 25 Dec 2026) and New Year's Day (Fri 1 Jan 2027) are public holidays.
    # From Thu 17 Dec: 18, 21, 22, 23, 24, (25 off), 28, 29, 30, 31, (1 off), Mon 4 Jan = the 10th.
    assert add_working_days(date(2026, 12, 17), 10, "FR") == date(2027, 1, 4)
    assert not is_working_day(date(2026, 12, 25), "FR")
    assert not is_working_day(date(2026, 12, 19), "FR")  # a Saturday
    assert is_working_day(date(2026, 12, 24), "FR")


def test_a_country_without_a_holiday_calendar_counts_weekends_only() -> None:
    # "ZZ" is no country: 18, 21–25, 28–31 Dec = 10 working days
    assert add_working_days(date(2026, 12, 17), 10, "ZZ") == date(2026, 12, 31)


def test_days_between() -> None:
    assert working_days_between(date(2026, 12, 17), date(2027, 1, 4), "FR") == 10
    assert working_days_between(date(2027, 1, 4), date(2026, 12, 17), "FR") == -10
    assert working_days_between(date(2026, 12, 18), date(2026, 12, 18), "FR") == 0
