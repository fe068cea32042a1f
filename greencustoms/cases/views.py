"""Pages of the cases domain: gallery, records, review and publication, analysis, exports, the award."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from greencustoms import renders, spreadsheets
from greencustoms.accounts import policy
from greencustoms.accounts.choices import AuditAction
from greencustoms.cases import cen, certificates, charts, selectors, services
from greencustoms.cases.forms import (
    CaseForm,
    ImportForm,
    NominationForm,
    PhotoForm,
    ReviewForm,
    SummaryForm,
)
from greencustoms.cases.models import CasePhoto, JuryMember, Nomination, SeizureCase

DIMENSIONS = [
    ("year", gettext_lazy("Cases by year")),
    ("region", gettext_lazy("Cases by region")),
    ("agreement", gettext_lazy("Cases by agreement")),
    ("commodity", gettext_lazy("Cases by commodity")),
    ("concealment", gettext_lazy("Cases by concealment")),
    ("detection", gettext_lazy("Cases by detection method")),
]


def _case_or_404(request: HttpRequest, pk: int) -> SeizureCase:
    case = selectors.case_for(request.user, pk)
    if case is None:
        raise Http404
    return case


def _audit_detail(request: HttpRequest, case: SeizureCase, channel: str) -> None:
    policy.audit(actor=request.user, action=AuditAction.VIEW, obj=case, channel=channel, request=request,
                 detail={"part": "restricted detail"})  # fmt: skip


def case_list(request: HttpRequest) -> HttpResponse:
    """The gallery of published cases (and, for those who may, their own drafts and those to review)."""
    q = request.GET.get("q", "").strip()[:200]
    found = list(selectors.search(request.user, q)[:200])
    return render(
        request,
        "cases/case_list.html",
        {
            "q": q,
            "published": [c for c in found if c.status == "published"],
            "pending": [c for c in found if c.status != "published"],
        },
    )


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    detail = selectors.detail_of(request.user, case)
    if detail is not None:
        _audit_detail(request, case, "page")
    user = request.user
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "summary": selectors.summary_of(case),
            "detail": detail,
            "can_edit": policy.can_edit_case(user, case),
            "can_review": policy.can_review_case(user, case),
            "can_publish": policy.can_publish_case(user),
            "photos": selectors.photos_for(user, case),
            "can_add_photo": policy.can_add_case_photo(user, case),
            "photo_form": PhotoForm(),
            "review_form": ReviewForm(),
            "summary_form": SummaryForm(initial={"summary": case.summary}),
        },
    )


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_record_cases(request.user):
        raise PermissionDenied
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(by=request.user, data=form.cleaned_data, at=timezone.now())
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The seizure record is saved as a draft."))
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form}, status=400 if form.errors else 200)


def _errors_to_form(form: Any, exc: ValidationError) -> None:
    for field, problems in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    if not policy.can_edit_case(request.user, case):
        raise PermissionDenied
    form = CaseForm(request.POST or None, instance=SeizureCase.objects.get(pk=case.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(case=case, by=request.user, data=form.cleaned_data, at=timezone.now())
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            return redirect("cases:case_detail", pk=case.pk)
    return render(
        request, "cases/case_form.html", {"form": form, "case": case}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def case_submit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    services.case_submit(case=case, by=request.user, at=timezone.now())
    messages.success(request, _("The record is sent to its reviewing partners."))
    return redirect("cases:case_detail", pk=case.pk)


@login_required
@require_POST
def case_review(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("cases:case_detail", pk=case.pk)
    services.case_review(
        case=case, by=request.user, approve=form.cleaned_data["decision"] == "approve",
        note=form.cleaned_data["note"], at=timezone.now(),
    )  # fmt: skip
    return redirect("cases:case_detail", pk=case.pk)


@login_required
@require_POST
def case_summary(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.case_approve_summary(
                case=case, by=request.user, summary=form.cleaned_data["summary"], at=timezone.now()
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("cases:case_detail", pk=case.pk)


@login_required
@require_POST
def case_publish(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    try:
        services.case_publish(case=case, by=request.user, at=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The public summary is published."))
    return redirect("cases:case_detail", pk=case.pk)


@login_required
@require_POST
def case_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    try:
        services.case_unpublish(case=case, by=request.user, at=timezone.now())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The public summary is withdrawn; its news item is unpublished."))
    return redirect("cases:case_detail", pk=case.pk)


@login_required
@require_POST
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a photograph (stripped of its metadata); a refused file answers 400 with the reason."""
    case = _case_or_404(request, pk)
    if not policy.can_add_case_photo(request.user, case):
        raise PermissionDenied
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["image"]
        try:
            services.photo_add(
                case=case, by=request.user, data=upload.read(), alt_text=form.cleaned_data["alt_text"],
                caption=form.cleaned_data["caption"], public=form.cleaned_data["public"], at=timezone.now(),
            )  # fmt: skip
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The photo is added (its metadata removed)."))
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/photo_form.html", {"case": case, "form": form}, status=400)


@login_required
@require_POST
def photo_delete(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    photo = CasePhoto.objects.filter(case=case, pk=photo_id).first()
    if photo is None or not policy.can_view_case_photo(request.user, photo):
        raise Http404
    services.photo_delete(photo=photo, by=request.user)
    return redirect("cases:case_detail", pk=case.pk)


def photo(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    """A photograph, checked by the policy on every request (files are never under /media/). Restricted
    ones are sent ``private, no-store`` and their viewing is audited; a refusal is a 404 (no hint)."""
    found = CasePhoto.objects.filter(case_id=pk, pk=photo_id).select_related("case").first()
    if found is None or not policy.can_view_case_photo(request.user, found):
        raise Http404
    with found.image.open("rb") as fh:
        response = HttpResponse(fh.read(), content_type=found.content_type)
    response["Content-Disposition"] = f'inline; filename="case-{pk}-photo-{found.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    if found.is_public:
        response["Cache-Control"] = "public, max-age=300"
    else:
        _audit_detail(request, found.case, "file")
        response["Cache-Control"] = "private, no-store"
        response["Vary"] = "Cookie, Authorization"
    return response


def analysis(request: HttpRequest) -> HttpResponse:
    """Public figures from the public fields of published cases, with charts."""
    result = selectors.analysis(selectors.published())
    figures = [
        (key, title, charts.bar_chart(result["by"].get(key, []), title=str(title)))
        for key, title in DIMENSIONS
        if result["by"].get(key)
    ]
    routes = selectors.routes_for(request.user)
    route_svg, unmapped = charts.route_map(
        routes,
        selectors.country_points(),
        title=str(_("Routes of seizures (origin → transit → destination)")),
    )
    response = render(
        request,
        "cases/analysis.html",
        {
            "result": result, "figures": figures, "routes": routes, "route_svg": route_svg if routes else "",
            "unmapped": unmapped, "signed_in": request.user.is_authenticated,
        },
    )  # fmt: skip
    if routes:  # the routes are restricted detail: never kept by a proxy or the browser
        response["Cache-Control"] = "private, no-store"
    return response


def routes_csv(request: HttpRequest) -> HttpResponse:
    """The routes the user may see (restricted detail: none for the public), one row per route."""
    routes = selectors.routes_for(request.user)
    body = spreadsheets.csv_bytes(["origin", "transit", "destination", "cases"], selectors.route_rows(routes))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cases-routes.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def analysis_csv(request: HttpRequest) -> HttpResponse:
    result = selectors.analysis(selectors.published())
    body = spreadsheets.csv_bytes(["dimension", "value", "cases"], selectors.analysis_rows(result))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cases-analysis.csv"'
    return response


def export(request: HttpRequest) -> HttpResponse:
    """The CEN export (restricted fields): enforcement level and the secretariat only."""
    if not policy.can_export_cases(request.user):
        raise Http404
    cases = [
        c for c in selectors.cases_visible_to(request.user) if policy.can_view_case_detail(request.user, c)
    ]
    for case in cases:
        _audit_detail(request, case, "export")
    as_json = request.GET.get("as") == "json"
    body = cen.export_json(cases) if as_json else cen.export_csv(cases)
    response = HttpResponse(body, content_type="application/json" if as_json else "text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cases-cen.{"json" if as_json else "csv"}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def import_cases(request: HttpRequest) -> HttpResponse:
    if not policy.can_import_cases(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = services.cases_import(
            data=upload.read(), name=upload.name, by=request.user, at=timezone.now()
        )
    status = 400 if result is not None and result.errors else 200
    return render(request, "cases/import.html", {"form": form, "result": result}, status=status)


class CasesFeed(Feed):
    """Published public summaries (feeds are anonymous: the same answer for everyone)."""

    title = gettext_lazy("Green Customs Initiative: seizure cases")
    link = "/cases/"
    description = gettext_lazy("Public summaries of seizures published by the Green Customs Initiative.")

    def items(self) -> list[SeizureCase]:
        return list(selectors.published()[:50])

    def item_title(self, item: SeizureCase) -> str:
        return f"{item.date:%Y-%m-%d} {item.country}: {item.commodity}"

    def item_description(self, item: SeizureCase) -> str:
        return selectors.summary_of(item)["summary"]

    def item_link(self, item: SeizureCase) -> str:
        return reverse("cases:case_detail", args=[item.pk])

    def item_pubdate(self, item: SeizureCase) -> datetime:
        return item.published_at or timezone.make_aware(datetime.combine(item.date, time(12)))


# --- award ---------------------------------------------------------------------------------------------


def award_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "cases/award_index.html", {"schemes": selectors.schemes(), "honours": selectors.honours()}
    )


def award_year(request: HttpRequest, year: int) -> HttpResponse:
    scheme = selectors.scheme_for_year(year)
    if scheme is None:
        raise Http404
    manage = policy.can_manage_award(request.user)
    return render(
        request,
        "cases/award_year.html",
        {
            "scheme": scheme,
            "winners": selectors.winners(scheme),
            "honours": selectors.honours(year),
            "results": services.award_results(scheme) if manage else None,
            "nominations": {n.pk: n for n in scheme.nominations.all()} if manage else {},
            "member": JuryMember.objects.filter(scheme=scheme, user_id=request.user.pk).first()
            if request.user.is_authenticated
            else None,
        },
    )


@login_required
def award_nominate(request: HttpRequest, year: int) -> HttpResponse:
    scheme = selectors.scheme_for_year(year)
    if scheme is None or scheme.status != "nominations" or not policy.can_nominate(request.user):
        raise Http404
    form = NominationForm(request.POST or None, cases=selectors.published())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.nomination_submit(
                scheme=scheme, by=request.user, title=data["title"], nominee=data["nominee"],
                country=data["country"], statement=data["statement"], case_ids=[c.pk for c in data["cases"]],
                training_work=data["training_work"], at=timezone.now(),
            )  # fmt: skip
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Thank you: the nomination is recorded."))
            return redirect("cases:award_year", year=year)
    return render(
        request,
        "cases/award_nominate.html",
        {"scheme": scheme, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def award_manage(request: HttpRequest, year: int, step: str) -> HttpResponse:
    """The secretariat's steps: check eligibility, open scoring, announce the winners."""
    scheme = selectors.scheme_for_year(year)
    if scheme is None or not policy.can_manage_award(request.user):
        raise Http404
    if step == "check":
        for nomination in scheme.nominations.all():
            services.nomination_check(nomination=nomination, by=request.user)
    elif step == "scoring":
        services.award_open_scoring(scheme=scheme, by=request.user)
    elif step == "announce":
        services.award_announce(scheme=scheme, by=request.user, at=timezone.now())
    else:
        raise Http404
    return redirect("cases:award_year", year=year)


@login_required
def award_score(request: HttpRequest, year: int) -> HttpResponse:
    """A jury member's marks, one form per eligible nomination; conflicts are declared on the same page."""
    scheme = selectors.scheme_for_year(year)
    member = (
        JuryMember.objects.filter(scheme=scheme, user=request.user).first()
        if scheme and request.user.is_authenticated
        else None
    )
    if scheme is None or not policy.can_score_award(request.user, member):
        raise Http404
    assert member is not None
    criteria = list(scheme.criteria.all())
    if request.method == "POST":
        nomination = Nomination.objects.filter(scheme=scheme, pk=request.POST.get("nomination") or 0).first()
        if nomination is None:
            raise Http404
        try:
            if request.POST.get("conflict"):
                services.conflict_declare(member=member, nomination=nomination, reason=request.POST["conflict"][:300],
                                          by=request.user, at=timezone.now())  # fmt: skip
            else:
                marks = {c.pk: request.POST.get(f"c{c.pk}", "") for c in criteria}
                services.score_set(member=member, nomination=nomination,
                                   marks={k: v for k, v in marks.items() if v != ""}, by=request.user)  # fmt: skip
        except (ValidationError, ArithmeticError, ValueError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("cases:award_score", year=year)
    conflicted = set(member.conflicts.values_list("nomination_id", flat=True))
    mine = {(s.nomination_id, s.criterion_id): s.value for s in member.scores.all()}
    rows = [
        {
            "nomination": n,
            "conflicted": n.pk in conflicted,
            "marks": [(c, mine.get((n.pk, c.pk))) for c in criteria],
        }
        for n in scheme.nominations.filter(eligible=True)
    ]
    return render(request, "cases/award_score.html", {"scheme": scheme, "rows": rows, "criteria": criteria})


def award_certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """Winners' certificates are public (the winners are announced publicly)."""
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404
    if (limited := renders.throttled(request)) is not None:
        return limited
    try:
        name = renders.rendered(
            ("award-certificates", certificate.code),
            renders.digest(certificate.code, certificate.holder, certificate.title, str(certificate.rank)),
            lambda: certificates.render_pdf(certificate, request=request),
            suffix="pdf",
        )
    except renders.Preparing:
        return renders.preparing_response()
    return renders.file_response(
        name,
        content_type="application/pdf",
        filename=f"award-{certificate.code}.pdf",
        inline=False,
        public=True,
    )


def award_verify(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Public: anyone holding a code sees the holder, the award, the rank and the date, nothing else."""
    code = code or request.GET.get("code", "")
    certificate = selectors.certificate_by_code(code) if code else None
    status = 200 if certificate or not code else 404
    return render(
        request,
        "cases/award_verify.html",
        {
            "certificate": certificate,
            "code": code,
            "qr_svg": certificates.qr_svg(certificate) if certificate else "",
        },
        status=status,
    )
