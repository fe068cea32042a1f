"""Pages of the screening domain, under /screening/."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greencustoms import spreadsheets
from greencustoms.accounts.policy import audit
from greencustoms.screening import selectors, services
from greencustoms.screening.choices import MAX_UPLOAD_BYTES, PAGE_SIZE, RETENTION_DAYS
from greencustoms.screening.forms import IndicatorForm, UploadForm

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
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
    filters = _filters(request)
    context: dict[str, Any] = {"job": job, "filters": filters, "retention_days": RETENTION_DAYS}
    if job.status == "done":
        try:
            page = max(int(request.GET.get("page", "1")), 1)
        except ValueError:
            page = 1
        rows, total = selectors.hits_page(job, request.user, filters, page, PAGE_SIZE)
        pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
        query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
        context.update(
            hits=rows,
            total=total,
            page=page,
            pages=pages,
            query=query,
            facets=[
                (name, label, values, filters[name])
                for (name, values), label in zip(
                    selectors.facets(job, request.user).items(),
                    (_("Agreement"), _("Rule"), _("Severity")),
                    strict=True,
                )
            ],
            rejected=selectors.rejected(job).head(20).collect().to_dicts(),
        )
        if job.with_indicators and selectors.sees_restricted(request.user):
            audit(actor=request.user, action="view", obj=job, channel="screening", request=request)
    return render(request, "screening/job.html", context)


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
