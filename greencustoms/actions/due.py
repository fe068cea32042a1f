"""Deadlines as partners write them ("End of April 2007", "ASAP", "On-going basis"), parsed and checked.

A deadline is a :class:`Due`: a kind (a date, a month, or an open kind that is never overdue) and, for
dated kinds, the last day on which the action is still on time. Pure Python: no database, no Django
settings; only the kinds' names come from ``choices``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import dateparser

from greencustoms.actions.choices import CONDITIONAL_KINDS, DATED_KINDS, PENDING_STATUSES, DueKind

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("january", "jan", "janvier", "janv", "enero", "ene"),
        ("february", "feb", "février", "fevrier", "févr", "fév", "febrero"),
        ("march", "mar", "mars", "marzo"),
        ("april", "apr", "avril", "avr", "abril", "abr"),
        ("may", "mai", "mayo"),
        ("june", "jun", "juin", "junio"),
        ("july", "jul", "juillet", "juil", "julio"),
        ("august", "aug", "août", "aout", "agosto", "ago"),
        ("september", "sep", "sept", "septembre", "septiembre", "setiembre"),
        ("october", "oct", "octobre", "octubre"),
        ("november", "nov", "novembre", "noviembre"),
        ("december", "dec", "décembre", "decembre", "déc", "diciembre", "dic"),
    ],
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

_MONTH = r"(?P<{name}>" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_M1 = _MONTH.format(name="m1")
_M2 = _MONTH.format(name="m2")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"
_SEP = r"\s*(?:-|–|—|to|or|/|and|à|a|al)\s*"

# Dated patterns, each tried everywhere in the text; the earliest match wins ("by end April 2007; comments
# in May–June 2007" is due in April).
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso_date", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    ("dmy_numeric", re.compile(r"\b(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})\b")),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+(?:of\s+|de\s+)?{_M1}(?:\s+de)?,?\s+{_YEAR}\b")),
    ("month_day_year", re.compile(rf"\b{_M1}\s+{_DAY},?\s+{_YEAR}\b")),
    ("iso_month", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})\b(?!-)")),
    ("month_year", re.compile(rf"\b{_M1}(?:{_SEP}{_M2})?(?:\s+de)?,?\s+{_YEAR}\b")),
    (
        "year_only",
        re.compile(rf"\b(?:throughout|end\s+of|by|during|in|fin|finales\s+de|durante)\s+{_YEAR}\b"),
    ),
    # A month without its year needs a preposition: "may" alone is a verb more often than a month.
    (
        "month_no_year",
        re.compile(
            rf"\b(?:end\s+(?:of\s+)?|by\s+(?:the\s+end\s+of\s+)?|in\s+|fin\s+(?:de\s+)?|finales\s+de\s+){_M1}\b(?!,?\s*(?:de\s+)?\d)"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?:in|within|dans|en)\s+(?P<count>a|an|one|two|three|four|\d+)\s+(?P<unit>day|week|month)s?\b"
        ),
    ),
]

_OPEN_PATTERNS: list[tuple[DueKind, re.Pattern[str]]] = [
    (
        DueKind.GUIDE_FINAL,
        re.compile(
            r"\b(once|when|after|as\s+soon\s+as)\s+(the\s+)?(gci[- ]?|updated\s+|new\s+)?guide\s+(is|has\s+been)\s+"
            r"(finali[sz]ed|final|published|completed)"
        ),
    ),
    (
        DueKind.NEXT_MEETING,
        re.compile(r"\b(at|by|before|for|until)\s+the\s+next\s+(gci\s+)?(partners'?\s+)?meeting"),
    ),
    (
        DueKind.ASAP,
        re.compile(
            r"\b(as\s+soon\s+as\s+possible|a\.?s\.?a\.?p\.?|dès\s+que\s+possible|lo\s+antes\s+posible|immediately|urgently)"
        ),
    ),
    (
        DueKind.EACH_WORKSHOP,
        re.compile(
            r"\b((at|before|for|during)\s+(each|every|the\s+preparation\s+of\s+(the\s+)?(\w+\s+){0,3}?)\s*(\w+\s+){0,2}?workshops?"
            r"|each\s+workshop|every\s+workshop|chaque\s+atelier|cada\s+taller"
            r"|(prior\s+to|before|during)\s+(each\s+|every\s+|the\s+)?(training|course)s?\b)"
        ),
    ),
    (
        DueKind.ONGOING,
        re.compile(
            r"(on-?\s?going|continuous(ly)?|permanent(ly)?|en\s+continu|permanente|continuo|regularly|continuing)"
        ),
    ),
]

_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Due:
    """When an agreed action is due: its kind, its last on-time day (dated kinds only) and the agreed words."""

    kind: DueKind
    deadline: date | None = None
    text: str = ""
    #: The date is read from words that are not a date ("in a week", "end of June", an event's date):
    #: shown as derived, with the report's words.
    derived: bool = False

    def __post_init__(self) -> None:
        if (self.kind in DATED_KINDS) != (self.deadline is not None):
            raise ValueError(
                f"a {self.kind} deadline {'needs' if self.kind in DATED_KINDS else 'takes no'} date"
            )
        if self.kind == DueKind.MONTH and self.deadline != month_end(self.deadline.year, self.deadline.month):  # type: ignore[union-attr]
            raise ValueError("a month deadline is the last day of its month")

    @classmethod
    def on(cls, day: date, text: str = "") -> Due:
        return cls(DueKind.DATE, day, text)

    @classmethod
    def in_month(cls, year: int, month: int, text: str = "") -> Due:
        return cls(DueKind.MONTH, month_end(year, month), text)

    def is_overdue(self, *, today: date, status: str) -> bool:
        """Past its deadline and not done or dropped; open kinds are never overdue."""
        return (
            self.kind in DATED_KINDS
            and self.deadline is not None
            and status in PENDING_STATUSES
            and today > self.deadline
        )

    @property
    def is_conditional(self) -> bool:
        return self.kind in CONDITIONAL_KINDS

    def resolve(self, *, happened_on: date | None) -> Due:
        """A conditional deadline becomes due on the day its event happened (meeting held, Guide published)."""
        if self.kind not in CONDITIONAL_KINDS or happened_on is None:
            return self
        return Due(DueKind.DATE, happened_on, self.text, derived=True)

    def days_left(self, *, today: date) -> int | None:
        return None if self.deadline is None else (self.deadline - today).days

    def as_api(self) -> str | None:
        """``YYYY-MM-DD`` for a date, ``YYYY-MM`` for a month, the kind's name for open kinds, null if none."""
        if self.kind == DueKind.DATE:
            return self.deadline.isoformat()  # type: ignore[union-attr]
        if self.kind == DueKind.MONTH:
            return self.deadline.strftime("%Y-%m")  # type: ignore[union-attr]
        if self.kind == DueKind.NONE:
            return None
        return str(self.kind.value)


def _dated(name: str, match: re.Match[str], reference: date | None) -> Due | None:
    groups = match.groupdict()
    text = match.group(0)
    try:
        if name in ("iso_date", "dmy_numeric"):
            return Due.on(date(int(groups["year"]), int(groups["month"]), int(groups["day"])), text)
        if name in ("day_month_year", "month_day_year"):
            return Due.on(date(int(groups["year"]), MONTHS[groups["m1"].lower()], int(groups["day"])), text)
        if name == "iso_month":
            return Due.in_month(int(groups["year"]), int(groups["month"]), text)
        if name == "month_year":
            month = MONTHS[(groups.get("m2") or groups["m1"]).lower()]
            return Due.in_month(int(groups["year"]), month, text)
        if name == "year_only":
            return Due.in_month(int(groups["year"]), 12, text)
        if name == "month_no_year" and reference is not None:
            month = MONTHS[groups["m1"].lower()]
            year = reference.year if month >= reference.month else reference.year + 1
            return replace(Due.in_month(year, month, text), derived=True)
        if name == "relative" and reference is not None:
            read = _dateparser(text, reference)
            if read is not None:
                return Due(DueKind.DATE, read, text, derived=True)
            count = _COUNTS.get(groups["count"]) or int(groups["count"])
            unit = groups["unit"]
            if unit == "month":
                month_index = reference.month - 1 + count
                year, month = reference.year + month_index // 12, month_index % 12 + 1
                return Due(
                    DueKind.DATE,
                    min(
                        reference.replace(day=1, year=year, month=month) + timedelta(days=reference.day - 1),
                        month_end(year, month),
                    ),
                    text,
                    derived=True,
                )
            return Due(
                DueKind.DATE,
                reference + timedelta(days=count * (7 if unit == "week" else 1)),
                text,
                derived=True,
            )
    except ValueError:
        return None  # 31 February and the like: not a date, try the other readings
    return None


def _dateparser(text: str, reference: date) -> date | None:
    """Relative phrases ("in a week", "dans deux semaines", "tomorrow") read by dateparser from the meeting's day."""
    read = dateparser.parse(
        text,
        languages=["en", "fr", "es"],
        settings={
            "RELATIVE_BASE": datetime.combine(reference, datetime.min.time()),
            "PREFER_DATES_FROM": "future",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return read.date() if read is not None else None


#: Short phrases that no pattern reads are given to dateparser (a long sentence would give false dates).
DATEPARSER_MAX_WORDS = 5


def parse_due(text: str, *, reference: date | None = None) -> Due:
    """Read a free-text deadline; ``reference`` (the meeting's date) completes "end of June" or "in a week".

    Dates win over open kinds ("as soon as possible, at the latest by June 2008" is due in June 2008);
    among dates the first one written wins. Text that names no deadline gives ``DueKind.NONE``.
    """
    original = " ".join(text.split())
    lowered = original.lower()
    best: tuple[int, Due] | None = None
    for name, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(lowered):
            due = _dated(name, match, reference)
            if due is not None and (best is None or match.start() < best[0]):
                best = (match.start(), due)
            if due is not None:
                break
    if best is not None:
        return Due(best[1].kind, best[1].deadline, original, derived=best[1].derived)
    for kind, pattern in _OPEN_PATTERNS:
        if pattern.search(lowered):
            return Due(kind, None, original)
    if reference is not None and original and len(original.split()) <= DATEPARSER_MAX_WORDS:
        read = _dateparser(original, reference)
        if read is not None:
            return Due(DueKind.DATE, read, original, derived=True)
    return Due(DueKind.NONE, None, original)
