"""Pages of the actions domain: action points, implementation report, activity plan, membership, funding."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greencustoms import renders
from greencustoms.accounts import policy
from greencustoms.accounts.policy import audit_view, require_view
from greencustoms.actions import exports, selectors, services
from greencustoms.actions.choices import ActionStatus, MembershipStatus
from greencustoms.actions.forms import (
    ActionCreateForm,
    ActionFilterForm,
    ActivityResponseForm,
    DonorForm,
    MembershipDecisionForm,
    PartnerViewForm,
    ProgressForm,
)
from greencustoms.actions.models import ActionPoint
from greencustoms.actions.week import secretariat_week
from greencustoms.events.ical import calendar_of
from greencustoms.events.reports import report_pdf_response
from greencustoms.events.selectors import meeting_detail
from greencustoms.partners.models import Partner

ACTIONS_PER_PAGE = 100


def action_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = ActionFilterForm(
        request.GET or None,
        owners=Partner.objects.filter(action_points__isnull=False).distinct().order_by("acronym"),
        meetings=selectors.meetings_with_actions(request.user),
    )
    filters = selectors.ActionFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.ActionFilters(
            owner=data["owner"] or "",
            status=data["status"] or "",
            meeting=data["meeting"],
            overdue=data["overdue"],
            open_months=data["open_months"],
        )
    found = selectors.action_list(request.user, filters, today=today)
    # Pages of ACTIONS_PER_PAGE rows: rendering hundreds of rows is what made /actions/ slow (issue #18).
    page = Paginator(found, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    actions = selectors.with_due(page.object_list, today=today)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "actions/action_list.html",
        {
            "form": form,
            "actions": actions,
            "page": page,
            "total": page.paginator.count,
            "query": query.urlencode(),
            "filters": filters,
            "demo_statuses": found.filter(status_is_demo=True).count(),
        },
    )


def _action_or_404(request: HttpRequest, pk: int) -> ActionPoint:
    action = selectors.action_detail(request.user, pk)
    if action is None:
        raise Http404
    require_view(request, action)
    return action


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_or_404(request, pk)
    today = timezone.localdate()
    selectors.with_due([action], today=today)
    can_update = selectors.can_update_action(request.user, action)
    form = ProgressForm(initial={"status": action.status, "on": today})
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied
        form = ProgressForm(request.POST)
        if form.is_valid():
            services.action_record_progress(
                action=action, by=request.user, at=timezone.now(), **form.cleaned_data
            )
            messages.success(request, _("Progress recorded."))
            return redirect("actions:action_detail", pk=action.pk)
    return render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "form": form,
            "can_update": can_update,
            "overdue": action.overdue_now,  # type: ignore[attr-defined]
            "due_now": action.due_now,  # type: ignore[attr-defined]
        },
    )


def _implementation_context(request: HttpRequest, slug: str, *, channel: str) -> dict:
    event = meeting_detail(request.user, slug)
    if event is None:
        raise Http404
    require_view(request, event, channel=channel)
    today = timezone.localdate()
    actions = list(
        selectors.actions_visible(request.user)
        .filter(meeting=event)
        .prefetch_related("notes")
        .order_by("number")
    )
    counts = dict.fromkeys(ActionStatus.values, 0)
    selectors.with_due(actions, today=today)
    for action in actions:
        counts[action.status] += 1
    return {
        "event": event,
        "actions": actions,
        "counts": [(ActionStatus(s).label, n) for s, n in counts.items()],
        "overdue_count": sum(1 for a in actions if a.overdue_now),  # type: ignore[attr-defined]
        "today": today,
    }


def implementation_report(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request, "actions/implementation.html", _implementation_context(request, slug, channel="page")
    )


def implementation_report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    if (limited := renders.throttled(request)) is not None:
        return limited
    context = _implementation_context(request, slug, channel="pdf")
    return report_pdf_response(
        request,
        context["event"],
        template="actions/implementation_pdf.html",
        context=context,
        kind="implementation-report",
        filename=f"{slug}-implementation.pdf",
    )


def implementation_report_file(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The action table and implementation report as XLSX or DOCX, for the next meeting's papers."""
    if fmt not in ("xlsx", "docx"):
        raise Http404
    context = _implementation_context(request, slug, channel="export")
    event, actions = context["event"], context["actions"]
    if fmt == "xlsx":
        body = exports.implementation_xlsx(event=event, actions=actions)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exports.implementation_docx(
            event=event, actions=actions, counts=context["counts"], today=context["today"]
        )
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slug}-implementation.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def action_create(request: HttpRequest, slug: str) -> HttpResponse:
    """The secretariat adds an agreed action to a meeting."""
    event = meeting_detail(request.user, slug)
    if event is None:
        raise Http404
    require_view(request, event)
    if not policy.can_manage_actions(request.user):
        raise PermissionDenied
    form = ActionCreateForm(request.POST or None, meeting=event)
    if request.method == "POST" and form.is_valid():
        action = services.action_create(
            meeting=event, by=request.user, at=timezone.now(), **form.cleaned_data
        )
        messages.success(request, _("Action %(n)s recorded.") % {"n": action.number})
        return redirect("actions:action_detail", pk=action.pk)
    return render(request, "actions/action_create.html", {"event": event, "form": form})


# --- activity plan --------------------------------------------------------------------------------


def _month_grid(year: int, month: int, activities: list) -> list[list[dict]]:
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                {
                    "day": d,
                    "in_month": d.month == month,
                    "items": [a for a in activities if a.start <= d <= a.end],
                }
                for d in week
            ]
        )
    return weeks


def plan(request: HttpRequest) -> HttpResponse:
    activities = list(selectors.activity_list(request.user))
    view = request.GET.get("view", "list")
    context: dict = {"activities": activities, "view": view, "calendar_view": view == "calendar"}
    if view == "calendar":
        try:
            year, month = (int(x) for x in request.GET.get("month", "").split("-"))
            first = date(year, month, 1)
        except ValueError:
            upcoming = [a for a in activities if a.end >= timezone.localdate()]
            first = (upcoming[0].start if upcoming else timezone.localdate()).replace(day=1)
        context.update(
            {
                "month": first,
                "weeks": _month_grid(first.year, first.month, activities),
                "previous": (first - timedelta(days=1)).strftime("%Y-%m"),
                "next": (first + timedelta(days=32)).strftime("%Y-%m"),
                "weekdays": [calendar.day_abbr[i] for i in range(7)],
            }
        )
    return render(request, "actions/plan.html", context)


def plan_ics(request: HttpRequest) -> HttpResponse:
    activities = list(selectors.activity_list(request.user))
    for activity in activities:
        audit_view(request, activity, channel="ical")
    items = [
        {
            "uid": f"activity-{a.pk}",
            "title": a.title,
            "start": a.start,
            "end": a.end,
            "location": ", ".join(x for x in (a.venue, a.region) if x),
            "description": a.description,
            "url": reverse("actions:activity_detail", args=[a.pk]),
            "tentative": a.status == "tentative",
        }
        for a in activities
    ]
    return HttpResponse(
        calendar_of(items, name=_("Green Customs activity plan")), content_type="text/calendar; charset=utf-8"
    )


def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_detail(request.user, pk)
    if activity is None:
        raise Http404
    require_view(request, activity)
    partner_id = policy.staff_partner_id(request.user)
    current = next((r for r in activity.responses.all() if r.partner_id == partner_id), None)
    form = ActivityResponseForm(
        initial={"intention": current.intention, "comment": current.comment} if current else None
    )
    if request.method == "POST":
        form = ActivityResponseForm(request.POST)
        if form.is_valid():
            services.activity_respond(
                activity=activity, by=request.user, at=timezone.now(), **form.cleaned_data
            )
            messages.success(request, _("Your organization's answer was recorded."))
            return redirect("actions:activity_detail", pk=activity.pk)
    return render(
        request,
        "actions/activity_detail.html",
        {"activity": activity, "form": form, "can_respond": partner_id is not None},
    )


# --- membership requests and funding --------------------------------------------------------------


def membership_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "actions/membership_list.html", {"requests": selectors.membership_list(request.user)}
    )


def membership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = selectors.membership_list(request.user).filter(pk=pk).first()
    if membership is None:
        raise Http404
    require_view(request, membership)
    partner_id = policy.staff_partner_id(request.user)
    is_secretariat = policy.can_manage_actions(request.user)
    pending = membership.status == MembershipStatus.PENDING
    return render(
        request,
        "actions/membership_detail.html",
        {
            "membership": membership,
            "view_form": PartnerViewForm() if partner_id and pending else None,
            "decision_form": MembershipDecisionForm() if is_secretariat and pending else None,
        },
    )


@login_required
@require_POST
def membership_act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    membership = selectors.membership_list(request.user).filter(pk=pk).first()
    if membership is None:
        raise Http404
    require_view(request, membership)
    now = timezone.now()
    try:
        if step == "view":
            form = PartnerViewForm(request.POST)
            if form.is_valid():
                services.membership_record_view(
                    request=membership, by=request.user, at=now, **form.cleaned_data
                )
                messages.success(request, _("Your organization's view was recorded."))
        elif step == "decide":
            form = MembershipDecisionForm(request.POST)
            if form.is_valid():
                services.membership_decide(request=membership, by=request.user, at=now, **form.cleaned_data)
                messages.success(request, _("The decision was recorded."))
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("actions:membership_detail", pk=membership.pk)


def funding_list(request: HttpRequest) -> HttpResponse:
    return render(request, "actions/funding_list.html", {"proposals": selectors.funding_list(request.user)})


def funding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.funding_list(request.user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    require_view(request, proposal)
    may_edit = policy.can_manage_actions(request.user)
    form = DonorForm()
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        form = DonorForm(request.POST)
        if form.is_valid():
            services.donor_record(proposal=proposal, by=request.user, at=timezone.now(), **form.cleaned_data)
            messages.success(request, _("Donor recorded."))
            return redirect("actions:funding_detail", pk=proposal.pk)
    return render(
        request, "actions/funding_detail.html", {"proposal": proposal, "form": form, "may_edit": may_edit}
    )


@login_required
def week(request: HttpRequest) -> HttpResponse:
    """The secretariat's week: what waits, on one page."""
    if not policy.can_manage_actions(request.user):
        raise Http404

    return render(
        request, "actions/week.html", {"week": secretariat_week(by=request.user, today=timezone.localdate())}
    )
