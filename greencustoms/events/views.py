"""Pages of partners' meetings: list, agenda and participants, report (HTML, PDF), approval, iCalendar."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from greencustoms import renders
from greencustoms.accounts import policy
from greencustoms.accounts.policy import Action, audit_view, can, require_view
from greencustoms.events import selectors, services
from greencustoms.events.choices import ReportStatus
from greencustoms.events.forms import ReportApprovalForm
from greencustoms.events.ical import calendar_of
from greencustoms.events.models import Event
from greencustoms.events.reports import report_pdf_response


def _meeting_or_404(request: HttpRequest, slug: str, *, channel: str) -> Event:
    event = selectors.meeting_detail(request.user, slug)
    if event is None:
        raise Http404
    require_view(request, event, channel=channel)
    return event


def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = selectors.meeting_list(request.user)
    return render(request, "events/meeting_list.html", {"meetings": meetings})


def _report_context(request: HttpRequest, event: Event) -> dict:
    report = getattr(event, "report", None)
    actions = event.action_points.visible_to(request.user).prefetch_related("owners").order_by("number")
    return {
        "event": event,
        "report": report,
        "participants": selectors.participants_by_organization(event),
        "sessions": event.sessions.all(),
        "outcomes": event.outcomes.all(),
        "actions": actions,
        "today": timezone.localdate(),
    }


def meeting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _meeting_or_404(request, slug, channel="page")
    context = _report_context(request, event)
    report = context["report"]
    user = request.user
    is_secretariat = policy.is_secretariat(user)
    partner_id = policy.staff_partner_id(user)
    partners = selectors.participating_partners(event)
    approved = (
        {a.partner_id: a for a in report.approvals.select_related("partner", "approved_by")} if report else {}
    )
    context.update(
        {
            "is_secretariat": is_secretariat,
            "approval_partners": [(p, approved.get(p.pk)) for p in partners],
            "can_approve": bool(
                report
                and report.status
                in (ReportStatus.CIRCULATED, ReportStatus.APPROVED, ReportStatus.APPROVED_WITH_CONDITIONS)
                and partner_id
                and partner_id in {p.pk for p in partners}
            ),
            "approval_form": ReportApprovalForm(),
            "short_version": getattr(report, "short_version", None) if report else None,
        }
    )
    short = context["short_version"]
    context["short_round"] = selectors.short_version_round(short) if short else None
    return render(request, "events/meeting_detail.html", context)


def meeting_report(request: HttpRequest, slug: str) -> HttpResponse:
    event = _meeting_or_404(request, slug, channel="page")
    return render(request, "events/report.html", _report_context(request, event))


def meeting_report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    if (limited := renders.throttled(request)) is not None:
        return limited
    event = _meeting_or_404(request, slug, channel="pdf")
    return report_pdf_response(
        request,
        event,
        template="events/report_pdf.html",
        context=_report_context(request, event),
        kind="meeting-report",
        filename=f"{event.slug}-report.pdf",
    )


def _ical_item(event: Event) -> dict:
    return {
        "uid": f"event-{event.pk}",
        "title": event.title,
        "start": event.start,
        "end": event.end,
        "location": ", ".join(x for x in (event.venue, event.city) if x),
        "description": event.description,
        "url": reverse("events:meeting_detail", args=[event.slug]),
    }


def meeting_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _meeting_or_404(request, slug, channel="ical")
    body = calendar_of([_ical_item(event)], name=event.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def meetings_ics(request: HttpRequest) -> HttpResponse:
    """A feed of every partners' meeting the caller may see."""
    meetings = list(selectors.meeting_list(request.user))
    for event in meetings:
        audit_view(request, event, channel="ical")
    body = calendar_of([_ical_item(e) for e in meetings], name=_("Green Customs partners' meetings"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
@require_POST
def report_step(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    """Circulate (secretariat), approve (participating partner) or finalize (secretariat) the report."""
    event = _meeting_or_404(request, slug, channel="page")
    report = (
        services.report_ensure(event=event)
        if can(request.user, Action.APPROVE, event)
        else getattr(event, "report", None)
    )
    if report is None:
        raise Http404
    now = timezone.now()
    try:
        if step == "circulate":
            services.report_circulate(report=report, by=request.user, at=now)
            messages.success(request, _("The report was circulated to the partners for approval."))
        elif step == "approve":
            form = ReportApprovalForm(request.POST)
            data = form.cleaned_data if form.is_valid() else {}
            services.report_approve(
                report=report,
                by=request.user,
                at=now,
                comment=data.get("comment", ""),
                with_conditions=data.get("with_conditions", False),
            )
            messages.success(request, _("Your organization's approval was recorded."))
        elif step == "finalize":
            services.report_finalize(report=report, by=request.user, at=now)
            messages.success(request, _("The report is final."))
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("events:meeting_detail", slug=event.slug)


@never_cache
def report_approve_link(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link of the e-mail: GET asks to confirm (mail scanners follow links), POST approves."""
    try:
        report, user = services.report_link_target(token)
    except ValidationError as exc:
        return render(request, "events/report_link.html", {"error": exc.messages[0]}, status=400)
    done = None
    if request.method == "POST":
        try:
            done = services.report_approve(report=report, by=user, at=timezone.now(), by_link=True)
        except (ValidationError, PermissionDenied) as exc:
            message = (
                exc.messages[0] if isinstance(exc, ValidationError) else _("This approval link is not valid.")
            )
            return render(request, "events/report_link.html", {"error": message}, status=400)
    return render(
        request,
        "events/report_link.html",
        {"event_title": report.event.title, "partner": user.partner, "done": done, "token": token},
    )
