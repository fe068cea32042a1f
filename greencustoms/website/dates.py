"""The one way the site writes dates: unambiguous, in the reader's language (never ``12/01/2026``).

Dates are spelled with the month's name (Babel's CLDR patterns): ``12 January 2026``, ``12 janvier 2026``,
``12 de enero de 2026``; ``style="short"`` gives ``12 Jan 2026``. Date-times add the hour (24-hour clock).
Templates use the ``local_date`` filter of ``{% load site_chrome %}``; Python code calls :func:`format_date`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.dates import format_interval
from django.utils import timezone
from django.utils.translation import get_language

STYLES = {"long": "long", "short": "medium"}


def _locale(language: str | None) -> str:
    code = (language or get_language() or "en").split("-")[0]
    return "en_GB" if code == "en" else code  # day before month, as the United Nations write it


def format_date(value: Any, *, style: str = "long", language: str | None = None) -> str:
    """``value`` (a date or datetime; empty for None) in the language's format."""
    if value in (None, ""):
        return ""
    locale = _locale(language)
    fmt = STYLES.get(style, "long")
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if style == "datetime":
            return babel_datetime(value, format="d MMM y, HH:mm", locale=locale)
        value = value.date()
    if style == "datetime":
        fmt = "long"
    return babel_date(value, format=fmt, locale=locale)


def format_date_range(start: Any, end: Any, *, language: str | None = None) -> str:
    """``3–5 March 2026`` (one date when both are the same)."""
    if not start:
        return ""
    if not end or end == start:
        return format_date(start, language=language)
    return format_interval(start, end, skeleton="yMMMMd", locale=_locale(language))
