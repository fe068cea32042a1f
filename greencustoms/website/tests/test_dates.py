"""One date helper: the month spelled out in the reader's language, never an ambiguous 12/01/2026."""

import datetime as dt

import pytest
from django.utils import translation

from greencustoms.website.dates import format_date, format_date_range


@pytest.mark.parametrize(
    ("language", "long", "short"),
    [
        ("en", "12 January 2026", "12 Jan 2026"),
        ("fr", "12 janvier 2026", "12 janv. 2026"),
        ("es", "12 de enero de 2026", "12 ene 2026"),
    ],
)
def test_a_date_is_spelled_in_each_language(language: str, long: str, short: str) -> None:
    day = dt.date(2026, 1, 12)
    assert format_date(day, language=language) == long
    assert format_date(day, style="short", language=language) == short


def test_the_active_language_is_used_and_ranges_share_the_month() -> None:
    with translation.override("fr"):
        assert format_date(dt.date(2026, 1, 12)) == "12 janvier 2026"
        assert format_date_range(dt.date(2026, 3, 3), dt.date(2026, 3, 5)) == "3–5 mars 2026"
    assert format_date_range(dt.date(2026, 3, 3), dt.date(2026, 3, 3), language="en") == "3 March 2026"
    assert format_date(None) == ""


def test_aware_datetimes_are_shown_in_the_site_time_zone_with_a_24_hour_clock() -> None:
    moment = dt.datetime(2026, 1, 12, 15, 30, tzinfo=dt.UTC)
    text = format_date(moment, style="datetime", language="en")
    assert text.startswith("12 Jan 2026, ") and ":30" in text
