"""Reads of the secretariat's week: everything that waits for the secretariat, on one page and in a digest."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Q

from greencustoms.accounts import policy
from greencustoms.accounts.choices import AccreditationStatus
from greencustoms.accounts.models import EnforcementAccreditation
from greencustoms.actions import selectors
from greencustoms.actions.choices import DATED_KINDS, PENDING_STATUSES, MembershipStatus
from greencustoms.actions.models import ActionPoint, MembershipRequest
from greencustoms.events.choices import ReportStatus
from greencustoms.events.models import MeetingReport
from greencustoms.events.services import report_pending_partners
from greencustoms.library.choices import FeedbackStatus
from greencustoms.library.models import Feedback
from greencustoms.reviews.selectors import pending_answers

DUE_WITHIN = timedelta(days=30)


@dataclass
class Week:
    """What waits: unanswered reviews, missing report approvals, actions due or overdue, requests, feedback."""

    today: date
    reviews_unanswered: list[Any] = field(default_factory=list)
    approvals_missing: list[tuple[Any, list[Any]]] = field(default_factory=list)
    actions_overdue: list[ActionPoint] = field(default_factory=list)
    actions_due_soon: list[ActionPoint] = field(default_factory=list)
    membership_requests: list[Any] = field(default_factory=list)
    vetting_requests: list[Any] = field(default_factory=list)
    feedback_to_moderate: list[Any] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(
            len(x)
            for x in (
                self.reviews_unanswered,
                self.approvals_missing,
                self.actions_overdue,
                self.actions_due_soon,
                self.membership_requests,
                self.vetting_requests,
                self.feedback_to_moderate,
            )
        )


def secretariat_week(*, by: Any, today: date) -> Week:
    """The secretariat's week (an empty week for anyone else: nothing here is theirs to see)."""

    week = Week(today=today)
    if not policy.can_manage_actions(by):
        return week
    week.reviews_unanswered = list(pending_answers())
    circulated = MeetingReport.objects.select_related("event").filter(
        status__in=[ReportStatus.CIRCULATED, ReportStatus.APPROVED_WITH_CONDITIONS]
    )
    week.approvals_missing = [(r, report_pending_partners(r)) for r in circulated]
    week.approvals_missing = [(r, p) for r, p in week.approvals_missing if p]
    pending = selectors.with_due(
        selectors.actions_visible(by)
        .filter(status__in=PENDING_STATUSES)
        .filter(Q(due_kind__in=DATED_KINDS, due_date__lte=today + DUE_WITHIN) | ~Q(due_kind__in=DATED_KINDS)),
        today=today,
    )
    week.actions_overdue = [a for a in pending if a.overdue_now]  # type: ignore[attr-defined]
    week.actions_due_soon = [
        a
        for a in pending
        if not a.overdue_now  # type: ignore[attr-defined]
        and a.due_now.deadline is not None  # type: ignore[attr-defined]
        and a.due_now.deadline <= today + DUE_WITHIN  # type: ignore[attr-defined]
    ]
    week.membership_requests = list(
        MembershipRequest.objects.select_related("organization").filter(status=MembershipStatus.PENDING)
    )
    week.vetting_requests = list(
        EnforcementAccreditation.objects.select_related("user").filter(status=AccreditationStatus.REQUESTED)
    )
    week.feedback_to_moderate = list(Feedback.objects.filter(status=FeedbackStatus.PENDING))
    return week
