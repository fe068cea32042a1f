"""What waits for the secretariat, counted through each app's own selectors (the admin dashboard panel)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.accounts.selectors import pending_accreditations
from greencustoms.actions.selectors import ActionFilters, action_list
from greencustoms.guide.choices import RoundStatus
from greencustoms.guide.selectors import rounds_visible_to
from greencustoms.library.selectors import feedback_pending
from greencustoms.screening.choices import JobStatus
from greencustoms.screening.selectors import jobs_visible_to


@dataclass(frozen=True)
class Waiting:
    label: str
    count: int
    url: str


def _url(name: str, query: str = "") -> str:
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return ""


def secretariat_queue(*, by: Any, now: dt.datetime | None = None) -> list[Waiting]:
    """Vetting requests, overdue actions, open review rounds, feedback to moderate, jobs failed today.

    Empty for anyone but the secretariat (the panel is theirs).
    """
    if not policy.is_secretariat(by):
        return []

    now = now or timezone.now()
    today = timezone.localdate(now)
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    return [
        Waiting(
            _("Enforcement vetting requests"), pending_accreditations().count(), _url("accounts:vetting")
        ),
        Waiting(
            _("Overdue action points"),
            action_list(by, ActionFilters(overdue=True), today=today).count(),
            _url("actions:action_list", "?overdue=1"),
        ),
        Waiting(
            _("Open Guide review rounds"),
            rounds_visible_to(by).filter(status=RoundStatus.OPEN).count(),
            _url("guide:rounds"),
        ),
        Waiting(_("Feedback to moderate"), feedback_pending().count(), _url("library:moderation")),
        Waiting(
            _("Screening jobs failed today"),
            jobs_visible_to(by).filter(status=JobStatus.FAILED, finished_at__gte=midnight).count(),
            "",
        ),
    ]
