"""Reads of the actions domain, with visibility built in; who may update what."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from greencustoms.accounts import policy
from greencustoms.accounts.policy import Action, can
from greencustoms.actions.choices import (
    CONDITIONAL_KINDS,
    DATED_KINDS,
    PENDING_STATUSES,
    ActionStatus,
    DueKind,
)
from greencustoms.actions.due import Due
from greencustoms.actions.models import (
    ActionPoint,
    ActivityResponse,
    FundingProposal,
    MembershipRequest,
    PlannedActivity,
    ProgressNote,
)
from greencustoms.events.choices import EventKind
from greencustoms.events.models import Event
from greencustoms.guide.selectors import published_guides
from greencustoms.partners.models import Partner

SECRETARIAT_OWNER = "secretariat"
EACH_PARTNER_OWNER = "each"


@dataclass(frozen=True)
class ActionFilters:
    """The filters of the action list; ``owner`` is a partner acronym, "secretariat" or "each"."""

    owner: str = ""
    status: str = ""
    meeting: int | None = None
    overdue: bool = False
    #: Open actions without a deadline (none, ASAP, on-going, or an event that has not happened) agreed more
    #: than this many months ago.
    open_months: int | None = None


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


EventDates = dict[int, dict[str, date | None]]


def event_dates(meeting_ids: Iterable[int], *, today: date) -> EventDates:
    """When the events of conditional dues happened, per meeting: the next partners' meeting held (its first
    day, up to today) and the first edition of the Guide published after the meeting (two queries)."""
    meeting_ids = set(meeting_ids)
    if not meeting_ids:
        return {}
    meetings = list(
        Event.objects.filter(kind=EventKind.PARTNERS_MEETING).order_by("start").values_list("pk", "start")
    )
    starts = dict(meetings)
    published = sorted(
        d.date() for d in published_guides().exclude(published_at=None).values_list("published_at", flat=True)
    )
    found: EventDates = {}
    for pk in meeting_ids:
        start = starts.get(pk)
        if start is None:
            found[pk] = {DueKind.NEXT_MEETING: None, DueKind.GUIDE_FINAL: None}
            continue
        held = next((s for _pk, s in meetings if s > start and s <= today), None)
        guide = next((d for d in published if d >= start and d <= today), None)
        found[pk] = {DueKind.NEXT_MEETING: held, DueKind.GUIDE_FINAL: guide}
    return found


def due_now(action: ActionPoint, dates: EventDates) -> Due:
    """The action's deadline today: a conditional one has the date of its event once that happened."""
    due = action.due
    if due.kind in CONDITIONAL_KINDS:
        return due.resolve(happened_on=dates.get(action.meeting_id, {}).get(due.kind))
    return due


def with_due(actions: Iterable[ActionPoint], *, today: date) -> list[ActionPoint]:
    """The actions with ``due_now`` and ``overdue_now`` set (conditional dues resolved)."""
    actions = list(actions)
    dates = event_dates({a.meeting_id for a in actions}, today=today)
    for action in actions:
        action.due_now = due_now(action, dates)  # type: ignore[attr-defined]
        action.overdue_now = action.due_now.is_overdue(today=today, status=action.status)  # type: ignore[attr-defined]
    return actions


def _became_due_before(dates: EventDates, today: date, *, inclusive: bool) -> Q:
    """Conditional actions whose event happened (before today, or at all when ``inclusive``)."""
    q = Q(pk__in=[])
    for meeting_id, by_kind in dates.items():
        for kind, day in by_kind.items():
            if day is not None and (inclusive or day < today):
                q |= Q(meeting_id=meeting_id, due_kind=kind)
    return q


def actions_visible(user: Any) -> QuerySet[ActionPoint]:
    """Action points of meetings the user may see, which the user may see themselves."""
    meetings = Event.objects.visible_to(user).values("pk")
    return (
        ActionPoint.objects.visible_to(user)
        .filter(meeting__in=meetings)
        .select_related("meeting")
        .prefetch_related(Prefetch("owners", queryset=Partner.objects.order_by("acronym")))
        .order_by("-meeting__start", "number")
    )


def action_list(user: Any, filters: ActionFilters, *, today: date) -> QuerySet[ActionPoint]:
    actions = actions_visible(user)
    if filters.meeting is not None:
        actions = actions.filter(meeting_id=filters.meeting)
    if filters.status in ActionStatus.values:
        actions = actions.filter(status=filters.status)
    if filters.owner == SECRETARIAT_OWNER:
        actions = actions.filter(owner_secretariat=True)
    elif filters.owner == EACH_PARTNER_OWNER:
        actions = actions.filter(owner_each_partner=True)
    elif filters.owner:
        partner = Partner.objects.filter(acronym__iexact=filters.owner).first()
        actions = actions.owned_by_partner(partner.pk) if partner else actions.none()
    if filters.overdue or filters.open_months is not None:
        dates = event_dates(actions.values_list("meeting_id", flat=True).distinct(), today=today)
    if filters.overdue:
        actions = actions.filter(status__in=PENDING_STATUSES).filter(
            Q(due_kind__in=DATED_KINDS, due_date__lt=today)
            | _became_due_before(dates, today, inclusive=False)
        )
    if filters.open_months is not None:
        actions = (
            actions.filter(
                status__in=PENDING_STATUSES, meeting__start__lt=months_before(today, filters.open_months)
            )
            .exclude(due_kind__in=DATED_KINDS)
            .exclude(_became_due_before(dates, today, inclusive=True))
        )
    return actions


def action_detail(user: Any, pk: int) -> ActionPoint | None:
    return (
        actions_visible(user)
        .prefetch_related(Prefetch("notes", queryset=ProgressNote.objects.select_related("by", "by_partner")))
        .filter(pk=pk)
        .first()
    )


def can_update_action(user: Any, action: ActionPoint) -> bool:
    """The secretariat, and staff of an owner partner (or of any partner when each partner owns it)."""
    if not can(user, Action.VIEW, action):
        return False
    if policy.can_manage_actions(user):
        return True
    partner_id = policy.staff_partner_id(user)
    if partner_id is None:
        return False
    return action.owner_each_partner or any(p.pk == partner_id for p in action.owners.all())


def meetings_with_actions(user: Any) -> QuerySet[Event]:
    return Event.objects.visible_to(user).filter(action_points__isnull=False).distinct().order_by("-start")


def activity_list(user: Any) -> QuerySet[PlannedActivity]:
    return (
        PlannedActivity.objects.visible_to(user)
        .select_related("owner_partner", "agreed_at")
        .prefetch_related(Prefetch("responses", queryset=ActivityResponse.objects.select_related("partner")))
    )


def activity_detail(user: Any, pk: int) -> PlannedActivity | None:
    return activity_list(user).filter(pk=pk).first()


def membership_list(user: Any) -> QuerySet[MembershipRequest]:
    return (
        MembershipRequest.objects.visible_to(user)
        .select_related("organization", "raised_at")
        .prefetch_related("views__partner")
    )


def funding_list(user: Any) -> QuerySet[FundingProposal]:
    return (
        FundingProposal.objects.visible_to(user)
        .select_related("owner_partner", "discussed_at")
        .prefetch_related("donors")
    )
