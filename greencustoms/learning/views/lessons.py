"""The lesson page (the site's busiest), its exercises, its pictures and the SCORM run-time commit."""

from __future__ import annotations

import json
import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from greencustoms.accounts.policy import Level
from greencustoms.learning import player, selectors, services
from greencustoms.learning.choices import ModuleSource
from greencustoms.learning.views._common import enrolment_or_404, module_or_404


@login_required
@require_http_methods(["GET", "POST"])
def lesson(request: HttpRequest, slug: str, position: int) -> HttpResponse:
    enrolment = selectors.learner_enrolment(request.user, slug)
    if enrolment is None:
        module_or_404(request, slug)  # 404 for a module the user may not see
        messages.info(request, _("Enrol in the module to start its lessons."))
        return redirect("learning:module", slug=slug)
    module = enrolment.module
    lessons = selectors.lessons_of(enrolment)
    if request.method == "POST":
        page = selectors.lesson_page(enrolment, position)
    else:
        page = next((x for x in lessons if x.position == position), None)
    if page is None:
        raise Http404
    page.version = enrolment.version  # same version; saves a query
    now = timezone.now()
    next_lesson = next((x for x in lessons if x.position > position), None)
    outcomes: dict[int, Any] = {}
    if request.method == "POST":
        posted = services.lesson_post(enrolment=enrolment, lesson=page, data=request.POST, at=now)
        if posted is None:
            raise Http404
        if posted.completed:
            if next_lesson is not None:
                return redirect("learning:lesson", slug=slug, position=next_lesson.position)
            return redirect("learning:test", slug=slug)
        outcome = posted.outcome
        assert outcome is not None and posted.question_id is not None  # a checked exercise has both
        if request.headers.get("x-requested-with") == "fetch":
            return JsonResponse(
                {"correct": outcome.correct, "answered": outcome.answered, "feedback": outcome.feedback}
            )
        outcomes[posted.question_id] = outcome
    else:
        services.lesson_open(enrolment=enrolment, lesson=page, at=now)
    previous_lesson = next((x for x in reversed(lessons) if x.position < position), None)
    is_scorm = enrolment.version.source == ModuleSource.SCORM

    context = {
        "module": module,
        "enrolment": enrolment,
        "lesson": page,
        # the shared fragments of includes/lesson_content.html are keyed on the lesson, this and the language
        "content_key": selectors.lesson_content_key(enrolment.version, language=get_language()),
        "exercises": page.exercises.all(),
        "lessons": lessons,
        "outcomes": outcomes,
        "answers": request.POST if request.method == "POST" else {},
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
        "is_scorm": is_scorm,
        "sco_origin": player.content_origin() or "null",
        "sco_sandbox": player.SANDBOX_FLAGS,
    }
    response = render(request, "learning/lesson.html", context)
    if is_scorm and player.content_origin():
        response._csp_update = {"frame-src": ["'self'", player.content_origin()]}  # type: ignore[attr-defined]
    return response


@login_required
@require_POST
def sco_commit(request: HttpRequest, slug: str, position: int) -> JsonResponse:
    """The player's SCORM API posts the run-time data (cmi.core.*) of a SCO here."""
    module = module_or_404(request, slug)
    enrolment = enrolment_or_404(request, module)
    lesson = selectors.lesson_row(enrolment, position)
    if lesson is None or not lesson.sco_href:
        raise Http404
    try:
        data = json.loads(request.body or b"{}")
        if not isinstance(data, dict):
            raise ValueError
    except ValueError:
        return JsonResponse({"error": "body must be a JSON object"}, status=400)
    tracking = services.sco_commit(enrolment=enrolment, lesson=lesson, data=data, at=timezone.now())
    return JsonResponse({"lesson_status": tracking.lesson_status, "score_raw": str(tracking.score_raw or "")})


def lesson_image(request: HttpRequest, pk: int) -> FileResponse:
    """A lesson or exercise picture, to those who may see its module (404 otherwise, as for the module)."""
    image = selectors.lesson_image(request.user, pk)
    name = image.file.name if image is not None and image.file else None
    if image is None or not name or not image.file.storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(image.file.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if image.version.module.access_level == Level.PUBLIC:
        response["Cache-Control"] = "public, max-age=86400"
    else:
        response["Cache-Control"] = "private, no-store"
    if content_type == "image/svg+xml":
        # An SVG opened on its own must not run script in the site's origin.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response
