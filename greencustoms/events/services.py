"""Writes of the events domain: the approval of meeting reports by partners."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.accounts.models import User
from greencustoms.accounts.policy import Action, can
from greencustoms.events import selectors
from greencustoms.events.choices import ReportStatus
from greencustoms.events.models import Event, MeetingReport, ReportApproval


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
    return report


def report_approve(*, report: MeetingReport, by: User, at: datetime, comment: str = "") -> ReportApproval:
    """A partner's staff member approves the circulated report on behalf of their organization."""
    partner_id = policy.staff_partner_id(by)
    if partner_id is None or not can(by, Action.VIEW, report.event):
        raise PermissionDenied
    if report.status != ReportStatus.CIRCULATED:
        raise ValidationError(_("Only a circulated report can be approved."))
    if partner_id not in {p.pk for p in selectors.participating_partners(report.event)}:
        raise ValidationError(_("Only organizations that took part in the meeting approve its report."))
    approval, _created = ReportApproval.objects.update_or_create(
        report=report,
        partner_id=partner_id,
        defaults={"approved_by": by, "approved_at": at, "comment": comment},
    )
    return approval


def report_pending_partners(report: MeetingReport) -> list:
    approved = set(report.approvals.values_list("partner_id", flat=True))
    return [p for p in selectors.participating_partners(report.event) if p.pk not in approved]


@transaction.atomic
def report_finalize(*, report: MeetingReport, by: User, at: datetime) -> MeetingReport:
    """The secretariat makes the report final once every participating partner has approved it."""
    if not can(by, Action.APPROVE, report.event):
        raise PermissionDenied
    if report.status != ReportStatus.CIRCULATED:
        raise ValidationError(_("Circulate the report to the partners before making it final."))
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
