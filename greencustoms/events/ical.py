"""iCalendar (RFC 5545) export of events: one meeting, or a feed of every meeting a user may see."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as IEvent


def calendar_of(items: Iterable[dict[str, object]], *, name: str, stamp: datetime | None = None) -> bytes:
    """A VCALENDAR of all-day events; each item has uid, title, start, end (inclusive), and maybe
    location, description, url, tentative."""
    cal = Calendar()
    cal.add("prodid", "-//Green Customs Initiative//greencustoms//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = stamp or datetime.now(UTC)
    for item in items:
        event = IEvent()
        event.add("uid", f"{item['uid']}@greencustoms")
        event.add("dtstamp", stamp)
        event.add("summary", str(item["title"]))
        start = item["start"]
        end = item["end"]
        assert isinstance(start, date) and isinstance(end, date)
        event.add("dtstart", start)
        event.add("dtend", end + timedelta(days=1))  # DTEND of an all-day event is exclusive
        if item.get("location"):
            event.add("location", str(item["location"]))
        if item.get("description"):
            event.add("description", str(item["description"]))
        if item.get("url"):
            event.add("url", f"{settings.SITE_URL}{item['url']}")
        event.add("status", "TENTATIVE" if item.get("tentative") else "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()
