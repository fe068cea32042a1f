"""The final test (start, take, result) and its certificates (PDF for the holder and staff, public check)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from greencustoms.learning import certificates, selectors, services
from greencustoms.learning.models import Certificate
from greencustoms.learning.views._common import enrolment_or_404, module_or_404


@login_required
@require_http_methods(["GET", "POST"])
def test(request: HttpRequest, slug: str) -> HttpResponse:
    module = module_or_404(request, slug)
    enrolment = enrolment_or_404(request, module)
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
    module = module_or_404(request, slug)
    enrolment = enrolment_or_404(request, module)
    attempt = selectors.open_attempt(enrolment)
    if attempt is None:
        return redirect("learning:test", slug=slug)
    questions = selectors.questions_for(attempt.question_ids)
    if request.method == "POST":
        try:
            services.attempt_submit_form(
                attempt=attempt,
                questions=questions,
                data=request.POST,
                at=timezone.now(),
                language=get_language() or "",
            )
        except services.LearningError as exc:
            messages.error(request, str(exc))
        return redirect("learning:result", slug=slug, number=attempt.number)
    return render(
        request, "learning/take.html", {"module": module, "attempt": attempt, "questions": questions}
    )


@login_required
def result(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    module = module_or_404(request, slug)
    enrolment = enrolment_or_404(request, module)
    attempt = selectors.submitted_attempt(enrolment, number)
    if attempt is None:
        raise Http404
    return render(
        request,
        "learning/result.html",
        {
            "module": module,
            "attempt": attempt,
            "review": selectors.attempt_review(attempt),
            "enrolment": enrolment,
            "pass_mark": enrolment.version.pass_mark,
            "attempts_left": services.attempts_left(enrolment),
            "certificate": getattr(enrolment, "certificate", None) if attempt.passed else None,
        },
    )


def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = selectors.certificate_for(request.user, code)
    if certificate is None:
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
