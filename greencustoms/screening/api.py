"""API of the screening domain: synchronous screening of up to 10,000 lines, and the job API for files."""

from __future__ import annotations

import datetime as dt
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
VERDICTS = ("inspect", "check", "clear")
LINES_PAGE_SIZE = 50
MAX_LINES_PAGE_SIZE = 500


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
    date: dt.date | None = Field(
        default=None, description="the declaration's date: screening answers for it (default: `at`)"
    )


class ScreenIn(StrictSchema):
    edition: str = "HS2022"
    at: dt.date | None = Field(
        default=None, description="the date to screen lines without a `date` for (default: today)"
    )
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
    label: str | None = None
    hs_code: str | None = None
    description: str | None = None
    origin: str | None = None
    destination: str | None = None
    quantity: str | None = None
    unit: str | None = None
    value: str | None = None


class LineOut(Schema):
    declaration_id: str | None
    line_no: str | None
    verdict: str = Field(description="inspect, check or clear")
    score: int = Field(description="0-100: high 50, medium 25, low 10, info 0 points per hit")
    reasons: str
    hs_code: str | None
    description: str | None
    origin: str | None
    destination: str | None
    quantity: str | None
    unit: str | None
    value: str | None


class ScreenOut(Schema):
    summary: dict[str, Any]
    hits: list[HitOut]
    lines: list[LineOut]


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
    lines_url: str


class HitsPageOut(Schema):
    total: int
    page: int
    hits: list[HitOut]


class LinesPageOut(Schema):
    total: int
    page: int
    page_size: int
    counts: dict[str, int] = Field(description="lines per verdict (all verdicts, not only this page)")
    lines: list[LineOut]


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
        "lines_url": f"/api/v1/screen/jobs/{job.pk}/lines",
    }


@router.post("/screen", response={200: ScreenOut, 400: ErrorOut, 401: ErrorOut})
def screen(request: HttpRequest, payload: ScreenIn) -> Any:
    """Screen up to 10,000 declaration lines synchronously; larger files go through /screen/jobs."""
    user = require_user(request)
    if payload.edition not in EDITIONS:
        raise HttpError(400, f"edition must be one of {', '.join(EDITIONS)}")
    rows = [line.dict() for line in payload.lines]
    try:
        hits, lines, summary = services.screen_lines_with_verdicts(
            rows=rows, edition=payload.edition, by=user, at=payload.at
        )
    except services.ScreeningError as exc:
        raise HttpError(400, str(exc)) from exc
    return {"summary": summary, "hits": hits.to_dicts(), "lines": lines.to_dicts()}


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


@router.get(
    "/screen/jobs/{job_id}/lines",
    response={200: LinesPageOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def job_lines(
    request: HttpRequest, job_id: int, page: int = 1, page_size: int = LINES_PAGE_SIZE, verdict: str = ""
) -> Any:
    """The job's lines with their verdicts, worst first (inspect, check, clear; score descending),
    `page_size` (1-500) per page, optionally of one verdict. Owner and secretariat only (404 otherwise);
    409 while the job is not done."""
    user, job = _job(request, job_id)
    if verdict and verdict not in VERDICTS:
        raise HttpError(400, f"verdict must be one of {', '.join(VERDICTS)}")
    if page < 1 or not 1 <= page_size <= MAX_LINES_PAGE_SIZE:
        raise HttpError(400, f"page must be 1 or more and page_size between 1 and {MAX_LINES_PAGE_SIZE}")
    if job.status != "done":
        raise HttpError(409, f"The job is {job.status}.")
    rows = selectors.job_lines(
        job, by=user, verdict=verdict or None, offset=(page - 1) * page_size, limit=page_size
    )
    counts = selectors.job_verdict_counts(job, by=user)
    total = counts[verdict] if verdict else sum(counts.values())
    return {"total": total, "page": page, "page_size": page_size, "counts": counts, "lines": rows}


@router.delete("/screen/jobs/{job_id}", response={204: None, 401: ErrorOut, 404: ErrorOut})
def job_delete(request: HttpRequest, job_id: int) -> Any:
    user, job = _job(request, job_id)
    services.job_delete(job=job, by=user, at=timezone.now())
    return Status(204, None)
