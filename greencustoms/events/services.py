"""Writes of the events domain: the approval of meeting reports by partners."""

from __future__ import annotations

from collections.abc import Mapping, Set
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.accounts.models import User
from greencustoms.accounts.policy import Action, can
from greencustoms.events import selectors
from greencustoms.events.choices import ReportStatus
from greencustoms.events.models import Event, MeetingReport, ReportApproval, ReportShortVersion
from greencustoms.reviews import selectors as review_selectors
from greencustoms.reviews import services as reviews
from greencustoms.reviews.models import Round
from greencustoms.website.languages import in_language_of

#: How long an e-mailed approval link stays valid.
APPROVAL_LINK_MAX_AGE = timedelta(days=60)
_LINK_SALT = "greencustoms.events.report-approval"


def report_status_from(
    *, circulated: bool, final: bool, participants: Set[int], approvals: Mapping[int, bool]
) -> ReportStatus:
    """The status that follows from the approvals (``approvals``: partner id → approved with conditions).

    Draft until circulated; circulated until every participating partner approved; then approved by all,
    with conditions when any partner set some; final only when the secretariat made it so.
    """
    if final:
        return ReportStatus.FINAL
    if not circulated:
        return ReportStatus.DRAFT
    if not participants or not participants <= approvals.keys():
        return ReportStatus.CIRCULATED
    if any(approvals[p] for p in participants):
        return ReportStatus.APPROVED_WITH_CONDITIONS
    return ReportStatus.APPROVED


def _refresh_status(report: MeetingReport) -> MeetingReport:
    status = report_status_from(
        circulated=report.circulated_at is not None or report.status != ReportStatus.DRAFT,
        final=report.status == ReportStatus.FINAL,
        participants={p.pk for p in selectors.participating_partners(report.event)},
        approvals=dict(report.approvals.values_list("partner_id", "with_conditions")),
    )
    if status != report.status:
        report.status = status
        report.save(update_fields=["status"])
    return report


def report_approval_link(*, report: MeetingReport, user: User) -> str:
    """The signed link e-mailed to one partner staff member: following it records their organization's approval."""
    token = signing.dumps({"r": report.pk, "u": user.pk}, salt=_LINK_SALT)
    return settings.SITE_URL + reverse("events:report_approve_link", args=[token])


def report_link_target(token: str) -> tuple[MeetingReport, User]:
    """The report and the staff member of a signed link; ValidationError when forged, expired or stale."""
    try:
        data = signing.loads(token, salt=_LINK_SALT, max_age=APPROVAL_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(_("This approval link has expired; approve from the report page.")) from None
    except signing.BadSignature:
        raise ValidationError(_("This approval link is not valid.")) from None
    report = MeetingReport.objects.select_related("event").filter(pk=data.get("r")).first()
    user = User.objects.filter(pk=data.get("u")).first()
    if report is None or user is None or not policy.can_approve_report_by_link(user, user.partner_id):
        raise ValidationError(_("This approval link is not valid."))
    return report, user


def report_ensure(*, event: Event) -> MeetingReport:
    report, _created = MeetingReport.objects.get_or_create(event=event)
    return report


def report_circulate(*, report: MeetingReport, by: User, at: datetime) -> MeetingReport:
    """The secretariat sends the draft report to the participating partners for approval."""
    if not can(by, Action.APPROVE, report.event):
        raise PermissionDenied
    if report.status == ReportStatus.FINAL:
        raise ValidationError(_("The report is already final."))
    report.status = ReportStatus.CIRCULATED
    report.circulated_at = at
    report.save(update_fields=["status", "circulated_at"])
    partners = selectors.participating_partners(report.event)
    for staff in policy.partner_staff_accounts(partners):
        with in_language_of(staff):  # the partner's language, and /fr/ or /es/ links
            _send_approval_request(report, staff)
    return _refresh_status(report)


def _send_approval_request(report: MeetingReport, staff: User) -> None:
    send_mail(
        _("Please approve the report of %(event)s") % {"event": report.event.title},
        _(
            "The secretariat circulated the report of %(event)s for approval by the partners.\n"
            "Read it: %(page)s\n\nTo approve it for %(partner)s without conditions, follow this link "
            "(valid %(days)d days, personal to you):\n%(link)s\n\n"
            "To approve with conditions or comment, use the report page."
        )
        % {
            "event": report.event.title,
            "page": settings.SITE_URL + reverse("events:meeting_detail", args=[report.event.slug]),
            "partner": staff.partner.acronym if staff.partner is not None else "",
            "days": APPROVAL_LINK_MAX_AGE.days,
            "link": report_approval_link(report=report, user=staff),
        },
        None,
        [staff.email],
    )


def report_approve(
    *,
    report: MeetingReport,
    by: User,
    at: datetime,
    comment: str = "",
    with_conditions: bool = False,
    by_link: bool = False,
) -> ReportApproval:
    """A partner's staff member approves the circulated report on behalf of their organization (from the
    report page, or by the signed e-mail link: ``by_link``); the report's status follows the approvals."""
    if by_link:
        partner_id = by.partner_id if policy.can_approve_report_by_link(by, by.partner_id) else None
    else:
        partner_id = policy.staff_partner_id(by)
        if partner_id is not None and not can(by, Action.VIEW, report.event):
            partner_id = None
    if partner_id is None:
        raise PermissionDenied
    if report.status not in (
        ReportStatus.CIRCULATED,
        ReportStatus.APPROVED,
        ReportStatus.APPROVED_WITH_CONDITIONS,
    ):
        raise ValidationError(_("Only a circulated report can be approved."))
    if with_conditions and not comment.strip():
        raise ValidationError({"comment": _("State the conditions of the approval.")})
    if partner_id not in {p.pk for p in selectors.participating_partners(report.event)}:
        raise ValidationError(_("Only organizations that took part in the meeting approve its report."))
    approval, _created = ReportApproval.objects.update_or_create(
        report=report,
        partner_id=partner_id,
        defaults={
            "approved_by": by,
            "approved_at": at,
            "comment": comment.strip(),
            "with_conditions": with_conditions,
            "by_link": by_link,
        },
    )
    _refresh_status(report)
    return approval


def report_pending_partners(report: MeetingReport) -> list:
    approved = set(report.approvals.values_list("partner_id", flat=True))
    return [p for p in selectors.participating_partners(report.event) if p.pk not in approved]


@transaction.atomic
def report_finalize(*, report: MeetingReport, by: User, at: datetime) -> MeetingReport:
    """The secretariat makes the report final once every participating partner has approved it."""
    if not can(by, Action.APPROVE, report.event):
        raise PermissionDenied
    if report.status == ReportStatus.DRAFT:
        raise ValidationError(_("Circulate the report to the partners before making it final."))
    if report.status == ReportStatus.FINAL:
        raise ValidationError(_("The report is already final."))
    pending = report_pending_partners(report)
    if pending:
        raise ValidationError(
            _("Still waiting for the approval of: %(partners)s.")
            % {"partners": ", ".join(p.acronym for p in pending)}
        )
    report.status = ReportStatus.FINAL
    report.finalized_at = at
    report.finalized_by = by
    report.save(update_fields=["status", "finalized_at", "finalized_by"])
    return report


def short_version_save(
    *, report: MeetingReport, body: str, pages: int | None, by: User, at: datetime
) -> ReportShortVersion:
    """The secretariat drafts (or revises) the report's short version, a document of its own."""
    if not can(by, Action.APPROVE, report.event):
        raise PermissionDenied
    short, created = ReportShortVersion.objects.get_or_create(
        report=report, defaults={"body": body, "pages": pages, "updated_at": at}
    )
    if not created:
        rounds = review_selectors.rounds_of(subject=short).count()
        short.body, short.pages, short.updated_at = body, pages, at
        short.version = f"draft {rounds + 1}"
        short.save(update_fields=["body", "pages", "updated_at", "version"])
    return short


def short_version_circulate(*, short: ReportShortVersion, by: User, due: date, at: datetime) -> Round:
    """Send the short version to the participating partners for approval: a review round on its version."""
    event = short.report.event
    return reviews.open_round(
        by=by,
        subject=short,
        version=short.version,
        partners=selectors.participating_partners(event),
        due=due,
        title=str(short),
        url=reverse("events:meeting_detail", args=[event.slug]),
        at=at,
    )
