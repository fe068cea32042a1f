"""Pages of the screening domain, under /screening/."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greencustoms import spreadsheets
from greencustoms.accounts import policy
from greencustoms.accounts.policy import audit
from greencustoms.screening import exports, labels, selectors, services
from greencustoms.screening.choices import LINES_PAGE_SIZE, MAX_UPLOAD_BYTES, RETENTION_DAYS, Outcome, Verdict
from greencustoms.screening.forms import DecisionForm, IndicatorForm, UploadForm

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    preview = None
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid() and "preview" in request.POST:
            preview = form.preview  # shown; nothing stored or queued
        elif form.is_valid():
            try:
                job = services.job_create(
                    upload=form.cleaned_data["file"],
                    edition=form.cleaned_data["edition"],
                    mapping=form.cleaned_data["mapping"],
                    by=request.user,
                    at=timezone.now(),
                )
            except services.ScreeningError as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("screening:job", pk=job.pk)
    else:
        form = UploadForm()
    context = {
        "form": form,
        "preview": preview,
        "quota": selectors.quota(request.user, at=timezone.now()),
        "max_mb": MAX_UPLOAD_BYTES // 2**20,
        "retention_days": RETENTION_DAYS,
        "jobs": selectors.history(request.user)[:5],
    }
    return render(request, "screening/upload.html", context)


@login_required
def history(request: HttpRequest) -> HttpResponse:
    return render(request, "screening/history.html", {"jobs": selectors.history(request.user)[:200]})


def _job(request: HttpRequest, pk: int) -> Any:
    job = selectors.job_for(request.user, pk)
    if job is None:
        raise Http404
    return job


def _filters(request: HttpRequest) -> dict[str, str]:
    return {name: request.GET.get(name, "") for name in selectors.FILTERS}


@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    context: dict[str, Any] = {"job": job, "retention_days": RETENTION_DAYS}
    if job.status == "done":
        verdict = request.GET.get("verdict", "")
        if verdict not in Verdict.values:
            verdict = ""
        try:
            page = max(int(request.GET.get("page", "1")), 1)
        except ValueError:
            page = 1
        rows, total = selectors.lines_page(
            job,
            by=request.user,
            verdict=verdict or None,
            offset=(page - 1) * LINES_PAGE_SIZE,
            limit=LINES_PAGE_SIZE,
        )
        agreements = labels.agreement_names()
        items = labels.item_names(
            {(h.get("agreement") or "", h.get("item") or "") for r in rows for h in r["hits"]}
        )
        for row in rows:
            row["verdict_label"] = labels.verdict_label(row["verdict"])
            row["is_inspect"] = row["verdict"] == Verdict.INSPECT
            row["hs_code"] = labels.hs_display(row.get("hs_code"))
            row["hits"] = [labels.labelled_hit(h, agreements, items) for h in row["hits"]]
        counts = selectors.verdict_counts(job, by=request.user)
        may_triage = policy.can_triage_screening(request.user, job)
        context.update(
            lines=rows,
            total=total,
            page=page,
            pages=max((total + LINES_PAGE_SIZE - 1) // LINES_PAGE_SIZE, 1),
            verdict=verdict,
            verdict_label=labels.verdict_label(verdict) if verdict else "",
            first=(page - 1) * LINES_PAGE_SIZE + 1,
            query=f"verdict={verdict}" if verdict else "",
            counts=[(v.value, v.label, counts[v.value]) for v in Verdict],
            all_lines=sum(counts.values()),
            legend=labels.legend(restricted=selectors.sees_restricted(request.user)),
            reference=labels.reference_text(job.ruleset_release),
            may_triage=may_triage,
            sees_decisions=policy.can_review_screening_decisions(request.user, job),
            outcomes=Outcome.choices,
            case_hook=may_triage and services.case_hook() is not None,
            rejected=selectors.rejected(job).head(20).collect().to_dicts(),
        )
        if job.with_indicators and selectors.sees_restricted(request.user):
            audit(actor=request.user, action="view", obj=job, channel="screening", request=request)
    return render(request, "screening/job.html", context)


@login_required
@require_POST
def line_decide(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if job.status != "done" or not policy.can_triage_screening(request.user, job):
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("The decision was not recorded: choose cleared, inspected, detained or referred.")
        )
        return redirect("screening:job", pk=job.pk)
    data = form.cleaned_data
    try:
        services.line_decide(
            job=job,
            declaration_id=data["declaration_id"],
            line_no=data["line_no"] or "",
            outcome=data["outcome"],
            note=data["note"],
            documents_seen=data["documents_seen"],
            by=request.user,
            at=timezone.now(),
        )
    except services.ScreeningError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Line %(line)s of declaration %(declaration)s: %(outcome)s.")
            % {
                "line": data["line_no"] or "—",
                "declaration": data["declaration_id"],
                "outcome": labels.outcome_label(data["outcome"]),
            },
        )
    back = request.POST.get("next", "")
    if back.startswith("?") or back.startswith("#"):
        return redirect(reverse("screening:job", args=[job.pk]) + back)
    return redirect("screening:job", pk=job.pk)


@login_required
def decisions(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if not policy.can_review_screening_decisions(request.user, job):
        raise Http404
    rows = selectors.decision_history(job, by=request.user)[:1000]
    return render(request, "screening/decisions.html", {"job": job, "decisions": rows})


@login_required
@require_POST
def case_draft(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if job.status != "done" or not policy.can_triage_screening(request.user, job):
        raise Http404
    try:
        made = services.case_draft(
            job=job,
            declaration_id=request.POST.get("declaration_id", ""),
            line_no=request.POST.get("line_no", ""),
            by=request.user,
            at=timezone.now(),
        )
    except services.ScreeningError as exc:
        messages.error(request, str(exc))
        return redirect("screening:job", pk=job.pk)
    return redirect(made.get_absolute_url())


def _attachment(content: bytes, content_type: str, job: Any, suffix: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    stem = job.original_name.rsplit(".", 1)[0][:80] or "screening"
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}-{suffix}")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def download_lines(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if job.status != "done":
        raise Http404
    verdict = request.GET.get("verdict", "")
    content = exports.lines_csv(job, by=request.user, verdict=verdict if verdict in Verdict.values else None)
    return _attachment(content, CONTENT_TYPES["csv"], job, "lines.csv")


@login_required
def inspection_list(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    job = _job(request, pk)
    if job.status != "done":
        raise Http404
    if fmt == "pdf":
        content = exports.inspection_pdf(job, by=request.user, base_url=request.build_absolute_uri("/"))
        return _attachment(content, "application/pdf", job, "inspection.pdf")
    content = exports.inspection_xlsx(job, by=request.user)
    return _attachment(content, XLSX, job, "inspection.xlsx")


@login_required
def input_template(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(exports.template_csv(), content_type=CONTENT_TYPES["csv"])
    else:
        response = HttpResponse(exports.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"declarations-template.{fmt}")
    return response


@login_required
@require_POST
def upload_preview(request: HttpRequest) -> HttpResponse:
    """The preview of an upload (htmx, in place): nothing is stored or queued."""
    form = UploadForm(request.POST, request.FILES)
    form.is_valid()
    return render(
        request, "screening/_preview.html", {"form": form, "preview": getattr(form, "preview", None)}
    )


@login_required
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    response = render(request, "screening/_progress.html", {"job": job})
    if job.finished:
        response["HX-Refresh"] = "true"
    return response


@login_required
def download(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    job = _job(request, pk)
    if kind not in ("hits", "errors") or fmt not in CONTENT_TYPES or job.status != "done":
        raise Http404
    frame = (
        selectors.hits(job, request.user, _filters(request)) if kind == "hits" else selectors.rejected(job)
    ).collect()
    buffer = io.BytesIO()
    if fmt == "csv":
        spreadsheets.safe_frame(frame).write_csv(buffer)
    elif fmt == "json":
        buffer.write(frame.write_json().encode())
    else:
        frame.write_parquet(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES[fmt])
    stem = job.original_name.rsplit(".", 1)[0][:80] or "screening"
    # the upload's name is the uploader's text: quoted or percent-encoded, never a header of its own
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}-{kind}.{fmt}")
    return response


@login_required
@require_POST
def job_delete(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        services.job_delete(job=job, by=request.user, at=timezone.now())
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The file and its results were deleted."))
    return redirect("screening:history")


# -- restricted risk indicators ----------------------------------------------------------------------
def _restricted(request: HttpRequest) -> None:
    if not selectors.sees_restricted(request.user):
        raise Http404


@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    _restricted(request)
    if request.method == "POST":
        form = IndicatorForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.indicator_create(
                title=data["title"],
                hs_prefixes=data["hs_prefixes"],
                keywords=data["keywords"],
                countries=data["countries"],
                severity=data["severity"],
                agreement=data["agreement"],
                document=data["document"],
                by=request.user,
                at=timezone.now(),
            )
            messages.success(request, _("Risk indicator saved."))
            return redirect("screening:indicators")
    else:
        form = IndicatorForm()
    rows = selectors.indicators_visible_to(request.user)
    audit(
        actor=request.user, action="view", obj=rows.model(title="list"), channel="screening", request=request
    )
    return render(request, "screening/indicators.html", {"form": form, "indicators": rows})


@login_required
@require_POST
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _restricted(request)
    indicator = selectors.indicators_visible_to(request.user).filter(pk=pk).first()
    if indicator is None:
        raise Http404
    try:
        services.indicator_delete(indicator=indicator, by=request.user, at=timezone.now())
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("Risk indicator deleted."))
    return redirect("screening:indicators")
