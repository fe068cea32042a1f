"""Pages of the learning app: catalogue, lessons, exercises, test, certificates, statistics, SCORM."""

from __future__ import annotations

import json
import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods, require_POST

from greencustoms import spreadsheets
from greencustoms.accounts import policy
from greencustoms.accounts.policy import Level
from greencustoms.learning import certificates, external, nudges, player, selectors, services, statistics
from greencustoms.learning.choices import ModuleSource
from greencustoms.learning.forms import PackageUploadForm
from greencustoms.learning.models import Attempt, Certificate, Enrolment, Module
from greencustoms.learning.scoring import answer_from_post
from greencustoms.learning.scorm import sco_file


def _module(request: HttpRequest, slug: str) -> Module:
    module = selectors.module_by_slug(request.user, slug)
    if module is None:
        raise Http404
    return module


def _enrolment(request: HttpRequest, module: Module) -> Enrolment:
    enrolment = selectors.enrolment_for(request.user, module)
    if enrolment is None:
        raise Http404
    return enrolment


def catalogue(request: HttpRequest) -> HttpResponse:
    modules = list(selectors.catalogue(request.user))
    mine = {}
    if request.user.is_authenticated:
        mine = {e.module_id: e for e in Enrolment.objects.filter(user=request.user, module__in=modules)}
    rows = [(m, mine.get(m.id)) for m in modules]
    return render(request, "learning/catalogue.html", {"rows": rows})


def module_detail(request: HttpRequest, slug: str) -> HttpResponse:
    module = _module(request, slug)
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
    module = _module(request, slug)
    try:
        enrolment = services.enrolment_create(user=request.user, module=module, at=timezone.now())
    except services.LearningError as exc:
        messages.error(request, str(exc))
        return redirect("learning:module", slug=slug)
    first = enrolment.version.lessons.order_by("position").values_list("position", flat=True).first() or 1
    return redirect("learning:lesson", slug=slug, position=first)


@login_required
def resume(request: HttpRequest, slug: str) -> HttpResponse:
    module = _module(request, slug)
    enrolment = selectors.enrolment_for(request.user, module)
    if enrolment is None:
        return redirect("learning:module", slug=slug)
    return redirect("learning:lesson", slug=slug, position=selectors.resume_position(enrolment))


@login_required
@require_http_methods(["GET", "POST"])
def lesson(request: HttpRequest, slug: str, position: int) -> HttpResponse:
    enrolment = selectors.learner_enrolment(request.user, slug)
    if enrolment is None:
        _module(request, slug)  # 404 for a module the user may not see
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
        if "complete" in request.POST:
            services.lesson_complete(enrolment=enrolment, lesson=page, at=now)
            if next_lesson is not None:
                return redirect("learning:lesson", slug=slug, position=next_lesson.position)
            return redirect("learning:test", slug=slug)
        question = next((q for q in page.exercises.all() if str(q.id) == request.POST.get("check")), None)
        if question is None:
            raise Http404
        answer = answer_from_post(
            question.kind, question.id, [c.id for c in question.choices.all()], request.POST
        )
        outcome = services.exercise_check(enrolment=enrolment, question=question, answer=answer, at=now)
        if request.headers.get("x-requested-with") == "fetch":
            return JsonResponse(
                {"correct": outcome.correct, "answered": outcome.answered, "feedback": outcome.feedback}
            )
        outcomes[question.id] = outcome
    else:
        services.lesson_open(enrolment=enrolment, lesson=page, at=now)
    previous_lesson = next((x for x in reversed(lessons) if x.position < position), None)
    is_scorm = enrolment.version.source == ModuleSource.SCORM

    context = {
        "module": module,
        "enrolment": enrolment,
        "lesson": page,
        # the shared fragments of includes/lesson_content.html are keyed on the lesson, this and the language
        "content_key": enrolment.version.published_at.timestamp(),
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
@require_http_methods(["GET", "POST"])
def test(request: HttpRequest, slug: str) -> HttpResponse:
    module = _module(request, slug)
    enrolment = _enrolment(request, module)
    if request.method == "POST":
        try:
            services.attempt_start(enrolment=enrolment, at=timezone.now())
        except services.LearningError as exc:
            messages.error(request, str(exc))
            return redirect("learning:test", slug=slug)
        return redirect("learning:take", slug=slug)
    attempts = list(enrolment.attempts.order_by("number"))
    return render(
        request,
        "learning/test.html",
        {
            "module": module,
            "enrolment": enrolment,
            "attempts": attempts,
            "open_attempt": next((a for a in attempts if a.submitted_at is None), None),
            "attempts_left": services.attempts_left(enrolment),
            "lessons_total": enrolment.version.lesson_count,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def take(request: HttpRequest, slug: str) -> HttpResponse:
    module = _module(request, slug)
    enrolment = _enrolment(request, module)
    attempt = enrolment.attempts.filter(submitted_at__isnull=True).first()
    if attempt is None:
        return redirect("learning:test", slug=slug)
    questions = selectors.questions_for(attempt.question_ids)
    if request.method == "POST":
        answers = {
            q.id: answer_from_post(q.kind, q.id, [c.id for c in q.choices.all()], request.POST)
            for q in questions
        }
        try:
            services.attempt_submit(attempt=attempt, answers=answers, at=timezone.now())
        except services.LearningError as exc:
            messages.error(request, str(exc))
        return redirect("learning:result", slug=slug, number=attempt.number)
    return render(
        request, "learning/take.html", {"module": module, "attempt": attempt, "questions": questions}
    )


@login_required
def result(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    module = _module(request, slug)
    enrolment = _enrolment(request, module)
    attempt = Attempt.objects.filter(enrolment=enrolment, number=number, submitted_at__isnull=False).first()
    if attempt is None:
        raise Http404
    questions = selectors.questions_for(attempt.question_ids)
    from greencustoms.learning.scoring import score as score_answer

    review = []
    for q in questions:
        choices = services._choices(q)
        outcome = score_answer(q.kind, choices, attempt.answers.get(str(q.id), {}), q.explanation)
        review.append((q, outcome))
    return render(
        request,
        "learning/result.html",
        {
            "module": module,
            "attempt": attempt,
            "review": review,
            "enrolment": enrolment,
            "pass_mark": enrolment.version.pass_mark,
            "attempts_left": services.attempts_left(enrolment),
            "certificate": getattr(enrolment, "certificate", None) if attempt.passed else None,
        },
    )


@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/mine.html", {"enrolments": selectors.enrolments_of(request.user)})


def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = selectors.certificate_by_code(code)
    if certificate is None or not request.user.is_authenticated:
        raise Http404
    scope = selectors.stats_scope(request.user)
    own = certificate.enrolment.user_id == request.user.pk
    if not own and (scope is None or not scope.filter(pk=certificate.enrolment.module_id).exists()):
        raise Http404
    pdf = certificates.render_pdf(certificate, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


def verify(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Public: anyone holding a code sees the name, the module and the date, nothing else."""
    code = code or request.GET.get("code", "")
    certificate = certificates.find(code) if code else None
    status = 200 if certificate or not code else 404
    return render(
        request,
        "learning/verify.html",
        {
            "certificate": certificate,
            "code": code,
            "qr_svg": certificates.qr_svg(certificate) if certificate else "",
            "facts": certificates.certificate_facts(certificate)
            if isinstance(certificate, Certificate)
            else None,
        },
        status=status,
    )


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        ok = nudges.unsubscribe(token=token, at=timezone.now())
        return render(
            request, "learning/unsubscribe.html", {"done": ok, "invalid": not ok}, status=200 if ok else 400
        )
    valid = nudges.user_from_token(token) is not None
    return render(request, "learning/unsubscribe.html", {"invalid": not valid}, status=200 if valid else 400)


def _stats_scope(request: HttpRequest) -> Any:
    if not request.user.is_authenticated:
        raise PermissionDenied
    scope = selectors.stats_scope(request.user)
    if scope is None:
        raise PermissionDenied
    return scope


def _filters(request: HttpRequest) -> dict[str, Any]:
    by = request.GET.get("by", "country")
    return {
        "by": by if by in statistics.DIMENSIONS else "country",
        "module": request.GET.get("module") or None,
        "country": request.GET.get("country") or None,
    }


def stats(request: HttpRequest) -> HttpResponse:
    scope = _stats_scope(request)
    now = timezone.now()
    f = _filters(request)
    per_module = statistics.rows(scope, at=now, by="module", module=f["module"], country=f["country"])
    overall = statistics.total(per_module)
    breakdown = (
        statistics.rows(scope, at=now, by=f["by"], module=f["module"], country=f["country"])
        if f["by"] != "module"
        else []
    )
    series = statistics.trends(scope, at=now)
    return render(
        request,
        "learning/stats.html",
        {
            "per_module": per_module,
            "overall": overall,
            "breakdown": breakdown[:200],
            "breakdown_more": max(0, len(breakdown) - 200),
            "filters": f,
            "dimensions": [d for d in statistics.DIMENSIONS if d != "module"],
            "modules": scope.order_by("title").values_list("slug", "title"),
            "funnel_svg": statistics.funnel_svg(statistics.funnel_steps(overall)),
            "trend_svg": statistics.trend_svg(series),
            "series": series,
            "computed_at": statistics.computed_at(),
            "external": external.for_stats(request.user, module=f["module"]),
        },
    )


def stats_csv(request: HttpRequest) -> HttpResponse:
    scope = _stats_scope(request)
    f = _filters(request)
    by = request.GET.get("by", "module")
    by = by if by in statistics.DIMENSIONS else "module"
    data = statistics.rows(scope, at=timezone.now(), by=by, module=f["module"], country=f["country"])
    content = spreadsheets.csv_bytes(
        [by, *statistics.FIELDS],
        (
            [r.key, *[getattr(r, x) if getattr(r, x) is not None else "" for x in statistics.FIELDS]]
            for r in data
        ),
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="learning-stats-by-{by}.csv"'
    return response


def xapi_export(request: HttpRequest) -> StreamingHttpResponse:
    """Learner events as xAPI statements, one JSON object per line."""
    scope = _stats_scope(request)
    statements = statistics.xapi_statements(scope)
    response = StreamingHttpResponse(
        (json.dumps(s, ensure_ascii=False) + "\n" for s in statements), content_type="application/x-ndjson"
    )
    response["Content-Disposition"] = 'attachment; filename="learning-xapi.jsonl"'
    return response


def _staff_module(request: HttpRequest, slug: str) -> Module:
    scope = _stats_scope(request)
    module = scope.filter(slug=slug).select_related("current_version").first()
    if module is None or module.current_version is None:
        raise Http404
    return module


def scorm_export(request: HttpRequest, slug: str) -> HttpResponse:
    from greencustoms.learning.scorm import export_package

    module = _staff_module(request, slug)
    response = HttpResponse(export_package(module.current_version), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{slug}-scorm12.zip"'
    return response


def bundle_export(request: HttpRequest, slug: str) -> HttpResponse:
    from greencustoms.learning.bundle import export_bundle

    module = _staff_module(request, slug)
    response = HttpResponse(export_bundle(module.current_version), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="{slug}-v{module.current_version.number}.gcmodule.zip"'
    )
    return response


@require_http_methods(["GET", "POST"])
def package_import(request: HttpRequest) -> HttpResponse:
    """Partner staff and the secretariat upload a SCORM 1.2 package or a greencustoms bundle."""
    from greencustoms.learning.bundle import import_bundle
    from greencustoms.learning.scorm import PackageError, import_package

    if not policy.can_import_learning(request.user):
        raise PermissionDenied
    form = PackageUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["package"]
        data = upload.read()
        owner = form.cleaned_data["owner"]
        try:
            if form.cleaned_data["kind"] == "bundle":
                version = import_bundle(data, at=timezone.now(), owner=owner, by=request.user)
            else:
                version = import_package(data, owner=owner, at=timezone.now(), by=request.user)
        except PackageError as exc:
            form.add_error("package", str(exc))
        else:
            messages.success(
                request,
                _("Imported %(module)s, version %(n)d.")
                % {"module": version.module.title, "n": version.number},
            )
            return redirect("learning:module", slug=version.module.slug)
    return render(request, "learning/import.html", {"form": form})


def sco_content(request: HttpRequest, slug: str, path: str) -> HttpResponse:
    """Launch a file of an imported SCORM package: to its sandboxed package URL, with a launch token.

    Enrolled learners launch their version; the module's staff the current one. See player.py.
    """
    module = _module(request, slug)
    enrolment = selectors.enrolment_for(request.user, module)
    version = enrolment.version if enrolment else None
    if version is None:
        scope = selectors.stats_scope(request.user)
        if scope is None or not scope.filter(pk=module.pk).exists():
            raise Http404
        version = module.current_version
    if version is None or sco_file(version, path) is None:
        raise Http404
    url = player.package_url(
        request,
        slug=module.slug,
        version=version,
        enrolment_id=enrolment.pk if enrolment else None,
        path=path,
    )
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(f"{url}?{query}" if query else url)
    add_never_cache_headers(response)
    return response


@xframe_options_exempt  # framing is ruled by the package's own frame-ancestors (the launch page's origin)
def sco_package(request: HttpRequest, slug: str, token: str, path: str) -> HttpResponse:
    """A file of an imported package, by launch token, in a sandbox without the platform's origin.

    The sandboxed frame sends no cookies, so the token (signed, expiring) is the only credential.
    """
    launch = player.read_token(token)
    version = selectors.package_version(launch.version_id, slug) if launch else None
    found = sco_file(version, path) if version else None
    if launch is None or version is None or found is None:
        raise Http404
    if player.is_html(path):
        tracking = selectors.sco_tracking(launch.enrolment_id, version, path) if launch.enrolment_id else None
        data = player.runtime_data(version=version, tracking=tracking)
        page = player.inject_api(found.read_bytes(), data=data, parent_origin=launch.parent_origin)
        response: HttpResponse = HttpResponse(page, content_type="text/html; charset=utf-8")
        add_never_cache_headers(response)
    else:
        response = FileResponse(found.open("rb"))
        if not mimetypes.guess_type(path)[0]:
            response["Content-Type"] = "application/octet-stream"
    response["Content-Security-Policy"] = player.content_security_policy(
        request, launch=launch, slug=slug, token=token
    )
    response["X-Content-Type-Options"] = "nosniff"
    # The sandboxed content has an opaque origin: its own XHR/fetch of package files is cross-origin.
    response["Access-Control-Allow-Origin"] = "*"
    response._csp_exempt = True  # type: ignore[attr-defined]
    return response


@login_required
@require_POST
def sco_commit(request: HttpRequest, slug: str, position: int) -> JsonResponse:
    """The player's SCORM API posts the run-time data (cmi.core.*) of a SCO here."""
    module = _module(request, slug)
    enrolment = _enrolment(request, module)
    lesson = enrolment.version.lessons.filter(position=position).first()
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


def home_panel(request: HttpRequest) -> str | None:
    """'Continue where you left off' on the home page, with any prerequisite deadline."""
    if not request.user.is_authenticated:
        return None
    open_enrolments = list(
        Enrolment.objects.filter(user=request.user, passed_at__isnull=True)
        .select_related("module", "last_lesson", "version")
        .order_by("-last_activity_at")[:3]
    )
    if not open_enrolments:
        return None
    return render_to_string(
        "learning/home_panel.html",
        {"enrolments": open_enrolments, "deadlines": selectors.open_prerequisites(request.user)},
        request=request,
    )


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
