"""API of the screening domain: synchronous screening of up to 10,000 lines, and the job API for files."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from greencustoms import spreadsheets
from greencustoms.api.auth import require_user
from greencustoms.api.schemas import StrictSchema
from greencustoms.screening import selectors, services
from greencustoms.screening.choices import MAX_SYNC_LINES, MAX_UPLOAD_BYTES, PAGE_SIZE

router = Router(tags=["screening"])
EDITIONS = ("HS2022", "HS2017", "HS2012", "HS2007", "HS2002")


class LineIn(StrictSchema):
    declaration_id: str = Field(min_length=1, max_length=200)
    line_no: str | int | None = None
    hs_code: str | int | None = None
    description: str | None = Field(default=None, max_length=5000)
    origin: str | None = Field(default=None, max_length=3)
    destination: str | None = Field(default=None, max_length=3)
    quantity: str | float | None = None
    unit: str | None = None
    value: str | float | None = None


class ScreenIn(StrictSchema):
    edition: str = "HS2022"
    lines: list[LineIn] = Field(max_length=MAX_SYNC_LINES, description=f"at most {MAX_SYNC_LINES:,} lines")


class HitOut(Schema):
    declaration_id: str | None
    line_no: str | None
    rule: str
    agreement: str | None
    item: str | None
    evidence: str
    document: str | None
    severity: str


class ScreenOut(Schema):
    summary: dict[str, Any]
    hits: list[HitOut]


class JobOut(Schema):
    id: int
    file: str
    status: str
    progress: float
    edition: str
    records: int
    screened: int
    rejected: int
    hits: int
    error: str
    created_at: Any
    expires_at: Any
    hits_url: str


class HitsPageOut(Schema):
    total: int
    page: int
    hits: list[HitOut]


class ErrorOut(Schema):
    detail: str


def _job_out(job: Any) -> dict[str, Any]:
    return {
        "id": job.pk,
        "file": job.original_name,
        "status": job.status,
        "progress": round(job.progress, 1),
        "edition": job.edition,
        "records": job.records,
        "screened": job.screened,
        "rejected": job.rejected,
        "hits": job.hits,
        "error": job.error,
        "created_at": job.created_at,
        "expires_at": job.expires_at,
        "hits_url": f"/api/v1/screen/jobs/{job.pk}/hits",
    }


@router.post("/screen", response={200: ScreenOut, 400: ErrorOut, 401: ErrorOut})
def screen(request: HttpRequest, payload: ScreenIn) -> Any:
    """Screen up to 10,000 declaration lines synchronously; larger files go through /screen/jobs."""
    user = require_user(request)
    if payload.edition not in EDITIONS:
        raise HttpError(400, f"edition must be one of {', '.join(EDITIONS)}")
    rows = [line.dict() for line in payload.lines]
    try:
        hits, summary = services.screen_lines(rows=rows, edition=payload.edition, by=user)
    except services.ScreeningError as exc:
        raise HttpError(400, str(exc)) from exc
    return {"summary": summary, "hits": hits.to_dicts()}


@router.post(
    "/screen/jobs",
    response={202: JobOut, 400: ErrorOut, 401: ErrorOut, 413: ErrorOut, 429: ErrorOut},
)
def job_create(
    request: HttpRequest,
    file: UploadedFile = File(...),  # noqa: B008 - ninja declares file parameters this way
    edition: str = Form("HS2022"),  # noqa: B008 - ninja's API
) -> Any:
    """Upload a declarations file (at most 200 MB) to be screened in the background.

    413 when the file is larger than 200 MB or an XLSX/Parquet file would expand beyond the server's
    limits; 429 when the account already has as many jobs queued as allowed or has used its daily
    allowance of bytes."""
    user = require_user(request)
    if edition not in EDITIONS:
        raise HttpError(400, f"edition must be one of {', '.join(EDITIONS)}")
    if file.size and file.size > MAX_UPLOAD_BYTES:
        raise HttpError(413, f"the file is larger than {MAX_UPLOAD_BYTES // 2**20} MB")
    try:
        job = services.job_create(upload=file, edition=edition, mapping={}, by=user, at=timezone.now())
    except services.InputTooLarge as exc:
        raise HttpError(413, str(exc)) from exc
    except services.QuotaExceeded as exc:
        raise HttpError(429, str(exc)) from exc
    except services.ScreeningError as exc:
        raise HttpError(400, str(exc)) from exc
    return Status(202, _job_out(job))


@router.get("/screen/jobs", response={200: list[JobOut], 401: ErrorOut})
def job_list(request: HttpRequest) -> Any:
    user = require_user(request)
    return [_job_out(job) for job in selectors.history(user)[:200]]


def _job(request: HttpRequest, job_id: int) -> Any:
    user = require_user(request)
    job = selectors.job_for(user, job_id)
    if job is None:
        raise HttpError(404, "No such job.")
    return user, job


@router.get("/screen/jobs/{job_id}", response={200: JobOut, 401: ErrorOut, 404: ErrorOut})
def job_detail(request: HttpRequest, job_id: int) -> Any:
    return _job_out(_job(request, job_id)[1])


@router.get(
    "/screen/jobs/{job_id}/hits", response={200: HitsPageOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut}
)
def job_hits(
    request: HttpRequest,
    job_id: int,
    agreement: str = "",
    rule: str = "",
    severity: str = "",
    page: int = 1,
    format: str = "json",
) -> Any:
    """The job's hits (filtered), 50 per page as JSON, or all at once with format=csv."""
    user, job = _job(request, job_id)
    if job.status != "done":
        raise HttpError(409, f"The job is {job.status}.")
    filters = {"agreement": agreement, "rule": rule, "severity": severity}
    if format == "csv":
        frame = selectors.hits(job, user, filters).collect()
        return HttpResponse(
            spreadsheets.safe_frame(frame).write_csv(), content_type="text/csv; charset=utf-8"
        )
    rows, total = selectors.hits_page(job, user, filters, page, PAGE_SIZE)
    return {"total": total, "page": page, "hits": rows}


@router.delete("/screen/jobs/{job_id}", response={204: None, 401: ErrorOut, 404: ErrorOut})
def job_delete(request: HttpRequest, job_id: int) -> Any:
    user, job = _job(request, job_id)
    services.job_delete(job=job, by=user, at=timezone.now())
    return Status(204, None)
