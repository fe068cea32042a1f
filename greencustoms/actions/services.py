"""Writes of the actions domain: action points and their progress, the activity plan, membership, funding."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.accounts.models import User
from greencustoms.accounts.policy import Action, can
from greencustoms.actions.choices import (
    ActionStatus,
    DonorResponse,
    Intention,
    MembershipStatus,
    MembershipView,
)
from greencustoms.actions.due import Due, parse_due
from greencustoms.actions.models import (
    ActionPoint,
    ActivityResponse,
    DonorApproach,
    FundingProposal,
    MembershipRequest,
    PartnerView,
    PlannedActivity,
    ProgressNote,
)
from greencustoms.actions.selectors import can_update_action
from greencustoms.actions.week import secretariat_week
from greencustoms.events.models import Event
from greencustoms.partners.models import Partner


@transaction.atomic
def action_create(
    *,
    meeting: Event,
    number: int,
    text: str,
    heading: str = "",
    owners: Iterable[Partner] = (),
    owner_secretariat: bool = False,
    owner_each_partner: bool = False,
    owners_text: str = "",
    due_text: str = "",
    due: Due | None = None,
    owners_derived: bool = False,
    source: str = "",
    by: User | None,
    at: datetime,
) -> ActionPoint:
    """Record an agreed action; its deadline is read from the words agreed (``due_text``) unless ``due`` is
    given (a reading the parser cannot make, marked derived)."""
    if by is not None and not policy.can_manage_actions(by):
        raise PermissionDenied
    due = due or parse_due(due_text, reference=meeting.start)
    action = ActionPoint.objects.create(
        meeting=meeting,
        number=number,
        heading=heading,
        text=text,
        owner_secretariat=owner_secretariat,
        owner_each_partner=owner_each_partner,
        owners_text=owners_text,
        due_kind=due.kind,
        due_date=due.deadline,
        due_text=due_text,
        due_derived=due.derived,
        owners_derived=owners_derived,
        source=source,
        access_level=meeting.access_level,
    )
    action.owners.set(list(owners))
    return action


def action_set_due(*, action: ActionPoint, due_text: str, by: User, at: datetime) -> ActionPoint:
    """Change the deadline (reminders already sent for the old deadline do not block those of the new one)."""
    if not policy.can_manage_actions(by):
        raise PermissionDenied
    due = parse_due(due_text, reference=action.meeting.start)
    action.due_kind, action.due_date, action.due_text = due.kind, due.deadline, due_text
    action.due_derived = due.derived
    action.save(update_fields=["due_kind", "due_date", "due_text", "due_derived"])
    return action


@transaction.atomic
def action_record_progress(
    *,
    action: ActionPoint,
    status: str,
    text: str,
    evidence_url: str = "",
    on: date,
    by: User,
    at: datetime,
) -> ProgressNote:
    """An owner (or the secretariat) notes progress, with evidence, and sets the action's status."""
    if not can_update_action(by, action):
        raise PermissionDenied
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    note = ProgressNote.objects.create(
        action=action,
        on=on,
        text=text,
        evidence_url=evidence_url,
        status=status,
        by=by,
        by_partner_id=getattr(by, "partner_id", None),
        created_at=at,
    )
    action.status = status
    action.status_is_demo = False
    action.save(update_fields=["status", "status_is_demo"])
    return note


def activity_respond(
    *, activity: PlannedActivity, intention: str, comment: str, by: User, at: datetime
) -> ActivityResponse:
    """A partner comments on a planned activity and says whether it will take part (one answer, updatable)."""
    partner_id = policy.staff_partner_id(by)
    if partner_id is None or not can(by, Action.VIEW, activity):
        raise PermissionDenied
    if intention not in Intention.values:
        raise ValidationError({"intention": _("Unknown intention.")})
    response, _created = ActivityResponse.objects.update_or_create(
        activity=activity,
        partner_id=partner_id,
        defaults={"intention": intention, "comment": comment, "by": by, "at": at},
    )
    return response


def membership_record_view(
    *, request: MembershipRequest, view: str, comment: str, by: User, at: datetime
) -> PartnerView:
    """A partner records its view on a membership request (one view per partner, updatable while pending)."""
    partner_id = policy.staff_partner_id(by)
    if partner_id is None or not can(by, Action.VIEW, request):
        raise PermissionDenied
    if request.status != MembershipStatus.PENDING:
        raise ValidationError(_("The secretariat has already decided on this request."))
    if view not in MembershipView.values:
        raise ValidationError({"view": _("Unknown view.")})
    record, _created = PartnerView.objects.update_or_create(
        request=request,
        partner_id=partner_id,
        defaults={"view": view, "comment": comment, "by": by, "at": at},
    )
    return record


def membership_decide(
    *, request: MembershipRequest, status: str, decision_text: str, by: User, at: datetime
) -> MembershipRequest:
    """The secretariat records the partnership's decision on a membership request."""
    if not policy.can_manage_actions(by):
        raise PermissionDenied
    if status not in (MembershipStatus.ACCEPTED, MembershipStatus.DECLINED):
        raise ValidationError({"status": _("A decision accepts or declines the request.")})
    request.status = status
    request.decision_text = decision_text
    request.decided_by = by
    request.decided_at = at
    request.save(update_fields=["status", "decision_text", "decided_by", "decided_at"])
    return request


def donor_record(
    *,
    proposal: FundingProposal,
    donor: str,
    response: str = DonorResponse.APPROACHED,
    approached_on: date | None = None,
    amount_pledged: Decimal | None = None,
    notes: str = "",
    by: User,
    at: datetime,
) -> DonorApproach:
    """The secretariat (or the proposal's lead partner) records a donor approached and its answer."""
    if not (policy.can_manage_actions(by) or can(by, Action.CHANGE, proposal)):
        raise PermissionDenied
    if amount_pledged is not None and amount_pledged < 0:
        raise ValidationError({"amount_pledged": _("A pledge cannot be negative.")})
    record, _created = DonorApproach.objects.update_or_create(
        proposal=proposal,
        donor=donor,
        defaults={
            "response": response,
            "approached_on": approached_on,
            "amount_pledged": amount_pledged,
            "notes": notes,
        },
    )
    return record


def week_digest_send(*, at: datetime) -> int:
    """E-mail each secretariat account the week's digest (what waits), in the account's language."""
    from greencustoms.website.languages import in_language_of

    sent = 0
    for account in policy.secretariat_accounts():
        with in_language_of(account):
            sent += _week_digest_send_one(account, at=at, secretariat_week=secretariat_week)
    return sent


def _week_digest_send_one(account: User, *, at: datetime, secretariat_week: Any) -> int:
    from django.conf import settings as django_settings
    from django.core.mail import send_mail
    from django.urls import reverse

    week = secretariat_week(by=_as_secretariat(account), today=at.date())
    lines = [
        _("Reviews unanswered: %(n)d") % {"n": len(week.reviews_unanswered)},
        *(
            f"  - {a.round.title} ({a.round.version}): {a.partner.acronym}, {a.round.deadline}"
            for a in week.reviews_unanswered
        ),
        _("Report approvals missing: %(n)d") % {"n": len(week.approvals_missing)},
        *(
            f"  - {r.event.title}: {', '.join(p.acronym for p in partners)}"
            for r, partners in week.approvals_missing
        ),
        _("Actions overdue: %(n)d") % {"n": len(week.actions_overdue)},
        _("Actions due within 30 days: %(n)d") % {"n": len(week.actions_due_soon)},
        _("Membership requests: %(n)d") % {"n": len(week.membership_requests)},
        _("Vetting requests: %(n)d") % {"n": len(week.vetting_requests)},
        _("Feedback to moderate: %(n)d") % {"n": len(week.feedback_to_moderate)},
        "",
        django_settings.SITE_URL + reverse("actions:week"),
    ]
    send_mail(
        _("The secretariat's week: %(n)d things wait") % {"n": week.total},
        "\n".join(lines),
        None,
        [account.email],
    )
    return 1


def _as_secretariat(account: User) -> User:
    """The account as the digest reads for it: a background task has no two-factor session to ask."""
    account.is_verified = lambda: True  # type: ignore[attr-defined]
    return account
