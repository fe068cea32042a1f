"""Reads about meetings, with visibility built in."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from greencustoms.events.choices import EventKind
from greencustoms.events.models import Event, MeetingSession, Participant
from greencustoms.partners.models import Partner
from greencustoms.reviews.selectors import latest_round_of


def meeting_list(user: Any) -> QuerySet[Event]:
    """Partners' meetings the user may see, newest first."""
    return Event.objects.visible_to(user).filter(kind=EventKind.PARTNERS_MEETING).select_related("host")


def meeting_detail(user: Any, slug: str) -> Event | None:
    """One partners' meeting with its agenda, participants and outcomes, if the user may see it."""
    return (
        meeting_list(user)
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=MeetingSession.objects.select_related("lead_partner").prefetch_related("documents"),
            ),
            Prefetch("participants", queryset=Participant.objects.select_related("partner")),
            "outcomes",
        )
        .filter(slug=slug)
        .first()
    )


def meeting_by_pk(user: Any, pk: int) -> Event | None:
    return meeting_list(user).filter(pk=pk).first()


def participating_partners(event: Event) -> list[Partner]:
    """The partner organizations that took part in a meeting: those who approve its report."""
    ids = Participant.objects.filter(event=event, partner__isnull=False).values_list("partner_id", flat=True)
    return list(Partner.objects.filter(pk__in=ids).order_by("acronym"))


def participants_by_organization(event: Event) -> list[tuple[str, list[Participant]]]:
    """Participants grouped by organization, in the order of the organizations' names."""
    groups: dict[str, list[Participant]] = {}
    for participant in event.participants.all():
        groups.setdefault(participant.organization_name, []).append(participant)
    return sorted(groups.items(), key=lambda item: item[0].lower())


def short_version_round(short: Any) -> Any:
    """The latest review round on a report's short version (None before it is circulated)."""
    return latest_round_of(subject=short)
