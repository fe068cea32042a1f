"""Reads of the actions domain, with visibility built in; who may update what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from greencustoms.accounts import policy
from greencustoms.accounts.policy import Action, can
from greencustoms.actions.choices import ActionStatus
from greencustoms.actions.models import (
    ActionPoint,
    ActivityResponse,
    FundingProposal,
    MembershipRequest,
    PlannedActivity,
    ProgressNote,
)
from greencustoms.events.models import Event
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
    if filters.overdue:
        actions = actions.overdue(today=today)
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
