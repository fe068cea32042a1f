"""The learner's way in: catalogue, module page, enrolment, "my learning", the home panel, unsubscribing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from greencustoms.accounts.models import User
from greencustoms.learning import nudges, selectors, services
from greencustoms.learning.views._common import module_or_404


def catalogue(request: HttpRequest) -> HttpResponse:
    modules = list(selectors.catalogue(request.user))
    mine = selectors.enrolments_by_module(request.user, modules)
    rows = [(m, mine.get(m.id)) for m in modules]
    return render(request, "learning/catalogue.html", {"rows": rows})


def module_detail(request: HttpRequest, slug: str) -> HttpResponse:
    module = module_or_404(request, slug)
    enrolment = selectors.enrolment_for(request.user, module)
    version = enrolment.version if enrolment else module.current_version
    lessons = list(version.lessons.only("id", "position", "title")) if version else []
    done = selectors.completed_lesson_ids(enrolment) if enrolment else set()
    certificate = getattr(enrolment, "certificate", None) if enrolment and enrolment.passed_at else None
    return render(
        request,
        "learning/module.html",
        {
            "module": module,
            "version": version,
            "enrolment": enrolment,
            "lessons": lessons,
            "done": done,
            "certificate": certificate,
            "newer_version": enrolment and module.current_version_id != enrolment.version_id,
            "attempts_left": services.attempts_left(enrolment) if enrolment else None,
            "prerequisite_of": module.prerequisite_of.select_related("event").filter(
                deadline__gte=timezone.localdate()
            ),
        },
    )


@login_required
@require_POST
def enrol(request: HttpRequest, slug: str) -> HttpResponse:
    module = module_or_404(request, slug)
    assert isinstance(request.user, User)  # login_required: a signed-in account
    try:
        enrolment = services.enrolment_create(user=request.user, module=module, at=timezone.now())
    except services.LearningError as exc:
        messages.error(request, str(exc))
        return redirect("learning:module", slug=slug)
    first = enrolment.version.lessons.order_by("position").values_list("position", flat=True).first() or 1
    return redirect("learning:lesson", slug=slug, position=first)


@login_required
def resume(request: HttpRequest, slug: str) -> HttpResponse:
    module = module_or_404(request, slug)
    enrolment = selectors.enrolment_for(request.user, module)
    if enrolment is None:
        return redirect("learning:module", slug=slug)
    return redirect("learning:lesson", slug=slug, position=selectors.resume_position(enrolment))


@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/mine.html", {"enrolments": selectors.enrolments_of(request.user)})


def home_panel(request: HttpRequest) -> str | None:
    """'Continue where you left off' on the home page, with any prerequisite deadline."""
    if not request.user.is_authenticated:
        return None
    open_enrolments = selectors.open_enrolments(request.user)
    if not open_enrolments:
        return None
    return render_to_string(
        "learning/home_panel.html",
        {"enrolments": open_enrolments, "deadlines": selectors.open_prerequisites(request.user)},
        request=request,
    )


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        ok = nudges.unsubscribe(token=token, at=timezone.now())
        return render(
            request, "learning/unsubscribe.html", {"done": ok, "invalid": not ok}, status=200 if ok else 400
        )
    valid = nudges.user_from_token(token) is not None
    return render(request, "learning/unsubscribe.html", {"invalid": not valid}, status=200 if valid else 400)
