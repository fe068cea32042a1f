"""Demo content: the 3rd (2007) and 12th (2017) Partners' Meetings, transcribed from their published reports.

Sources: the meeting reports in the project's seed texts. The 2007 report's annexes (agenda, list of
participants) are not in the seed text: its participants here are the people the report's text names,
with the roles it gives, and its four sessions carry no times. Personal e-mail addresses printed in the
2017 report are deliberately not stored; contact goes through each organization's generic address.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, TextIO

from django.db import transaction

from greencustoms import demo_data
from greencustoms.accounts.choices import Level
from greencustoms.events.choices import EventKind, ParticipationMode, ReportStatus
from greencustoms.events.models import (
    Event,
    KeyOutcome,
    MeetingReport,
    MeetingSession,
    Participant,
    ReportShortVersion,
    SessionDocument,
)
from greencustoms.partners.models import Partner

SLUG_2007 = "3rd-partners-meeting-2007"
SLUG_2017 = "12th-partners-meeting-2017"
# The two reports are final as published; who approved them, and when, is not recorded on this platform.
FINAL_NOTE = (
    "Final as published by the secretariat. The partners' approvals were given outside this platform "
    "and are not recorded here."
)

# The transcribed reports (texts, sessions, participants): greencustoms/events/data/demo/meeting_*.yaml.
REPORT_2007 = demo_data.read("events", "meeting_2007")
REPORT_2017 = demo_data.read("events", "meeting_2017")


def _partners() -> dict[str, Partner]:
    return {p.acronym: p for p in Partner.objects.all()}


def _meeting(slug: str, **fields: object) -> Event:
    event, _created = Event.objects.update_or_create(slug=slug, defaults=fields)
    return event


def _sessions(event: Event, rows: list[dict[str, Any]], partners: dict[str, Partner]) -> None:
    for order, row in enumerate(rows, start=1):
        MeetingSession.objects.update_or_create(
            event=event,
            order=order,
            defaults={
                "label": row["label"],
                "day": row["day"],
                "start_time": demo_data.as_time(row.get("start")),
                "end_time": demo_data.as_time(row.get("end")),
                "title": row["title"],
                "items": row.get("items", ""),
                "lead": row["lead"],
                "summary": row["summary"],
            },
        )


def _participants(event: Event, rows: list[dict[str, Any]], partners: dict[str, Partner]) -> None:
    for row in rows:
        Participant.objects.update_or_create(
            event=event,
            name=row["name"],
            organization=row["organization"],
            defaults={
                "partner": partners.get(row["partner"]),
                "role": row["role"],
                "mode": row.get("mode", ParticipationMode.IN_PERSON),
            },
        )


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    partners = _partners()
    if "WCO" not in partners:
        stdout.write("events demo: partners are not loaded; skipped\n")
        return
    wco = partners["WCO"]
    m3 = _meeting(
        SLUG_2007,
        kind=EventKind.PARTNERS_MEETING,
        number=3,
        title="3rd Green Customs Partners' Meeting",
        start=date(2007, 3, 1),
        end=date(2007, 3, 2),
        venue="WCO Headquarters",
        city="Brussels",
        country="BE",
        host=wco,
        access_level=Level.INTRANET,
        description="Held in parallel to WCO's Enforcement Committee. (The report's annexes — agenda and list of "
        "participants — are not in the source text: the participants shown are those its text names.)",
    )
    _sessions(m3, REPORT_2007["sessions"], partners)
    guide_session = MeetingSession.objects.get(event=m3, order=2)
    SessionDocument.objects.get_or_create(
        session=guide_session,
        title="WCO correlation tables between HS codes and International Conventions (January 2007)",
        url="http://www.wcoomd.org/ie/En/Topics_Issues/HarmonizedSystem/Correlation_Tables_English_January_2007.pdf",
    )
    _participants(m3, REPORT_2007["participants"], partners)
    MeetingReport.objects.update_or_create(
        event=m3,
        defaults={
            "executive_summary": REPORT_2007["introduction"] + "\n\n" + REPORT_2007["welcome"],
            "introduction": REPORT_2007["introduction"],
            "conclusion": REPORT_2007["conclusion"],
            "status": ReportStatus.FINAL,
            "status_note": FINAL_NOTE,
        },
    )

    m12 = _meeting(
        SLUG_2017,
        kind=EventKind.PARTNERS_MEETING,
        number=12,
        title="12th Green Customs Initiative Partners' Meeting",
        start=date(2017, 10, 3),
        end=date(2017, 10, 4),
        venue="Meeting Room 3.27, 3rd Floor, WCO Building",
        city="Brussels",
        country="BE",
        host=wco,
        remote_participation=True,
        access_level=Level.INTRANET,
        description="Chaired by UN Environment (Law Division). CBD participated partly through a tele-conference link.",
    )
    _sessions(m12, REPORT_2017["sessions"], partners)
    _participants(m12, REPORT_2017["participants"], partners)
    for order, text in enumerate(REPORT_2017["outcomes"], start=1):
        KeyOutcome.objects.update_or_create(event=m12, order=order, defaults={"text": text})
    MeetingReport.objects.update_or_create(
        event=m12,
        defaults={
            "executive_summary": REPORT_2017["executive_summary"],
            "introduction": REPORT_2017["introduction"],
            "status": ReportStatus.FINAL,
            "status_note": FINAL_NOTE,
        },
    )
    # 2017 action 5: "Secretariat will draft short version of the report (10-12) and send it out to partners
    # for approval" — the short version is a document of its own; its text here is DEMO DATA.
    ReportShortVersion.objects.get_or_create(
        report=MeetingReport.objects.get(event=m12),
        defaults={
            "body": "Demo data: a placeholder for the short version (10–12 pages) the secretariat drafts from the "
            "report; the real short version is not part of this demonstration.\n\n"
            + REPORT_2017["executive_summary"],
            "pages": None,
            "updated_at": datetime(2017, 10, 20, 9, 0, tzinfo=UTC),
            "is_demo": True,
        },
    )
    stdout.write(
        f"events demo: {Event.objects.filter(kind=EventKind.PARTNERS_MEETING).count()} partners' meetings\n"
    )
