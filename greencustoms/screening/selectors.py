"""Reads of the screening domain, with visibility built in (jobs: owner and secretariat; indicators: policy)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db.models import QuerySet, Sum

from greencustoms.accounts.choices import Level
from greencustoms.accounts.policy import (
    can_view_level,
    is_secretariat,
    screening_quota_scale,
)
from greencustoms.screening.choices import JobStatus, Rule
from greencustoms.screening.models import RiskIndicator, ScreeningJob, ScreeningUpload

FILTERS = ("agreement", "rule", "severity")


def sees_restricted(user: Any) -> bool:
    """May the user see restricted (enforcement-level) indicators and their hits? Asked of the policy."""
    return can_view_level(user, Level.ENFORCEMENT)


def jobs_visible_to(user: Any) -> QuerySet[ScreeningJob]:
    """The jobs a user may see: their own; the secretariat sees all."""
    if not getattr(user, "is_authenticated", False):
        return ScreeningJob.objects.none()
    qs = ScreeningJob.objects.select_related("owner")
    return qs if is_secretariat(user) else qs.filter(owner=user)


def history(user: Any) -> QuerySet[ScreeningJob]:
    """The uploader's own jobs, newest first."""
    if not getattr(user, "is_authenticated", False):
        return ScreeningJob.objects.none()
    return ScreeningJob.objects.filter(owner=user)


def job_for(user: Any, pk: int) -> ScreeningJob | None:
    return jobs_visible_to(user).filter(pk=pk).first()


def indicators_visible_to(user: Any) -> QuerySet[RiskIndicator]:
    return RiskIndicator.objects.visible_to(user).select_related("created_by")  # type: ignore[attr-defined,no-any-return]


def indicators_to_apply(user: Any) -> list[RiskIndicator]:
    """Active indicators to apply for this user: none unless the policy lets them see restricted objects."""
    if not sees_restricted(user):
        return []
    return list(indicators_visible_to(user).filter(active=True))


def job_dir(job: ScreeningJob) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "screening" / str(job.pk)


def hits_path(job: ScreeningJob) -> Path:
    return job_dir(job) / "hits.parquet"


def errors_path(job: ScreeningJob) -> Path:
    return job_dir(job) / "errors.parquet"


def _visible(frame: pl.LazyFrame, user: Any) -> pl.LazyFrame:
    """Restricted indicator hits vanish for users without enforcement status now (web, API, downloads)."""
    if sees_restricted(user):
        return frame
    return frame.filter(pl.col("rule") != Rule.INDICATOR.value)


def hits(job: ScreeningJob, user: Any, filters: dict[str, str] | None = None) -> pl.LazyFrame:
    """The job's hits the user may see, filtered by agreement, rule and severity."""
    path = hits_path(job)
    if not path.is_file():
        from greencustoms.screening.engine_adapter import HIT_SCHEMA

        return pl.LazyFrame(schema=HIT_SCHEMA)
    frame = _visible(pl.scan_parquet(path), user)
    for name, value in (filters or {}).items():
        if name in FILTERS and value:
            frame = frame.filter(pl.col(name) == value)
    return frame


def rejected(job: ScreeningJob) -> pl.LazyFrame:
    path = errors_path(job)
    if not path.is_file():
        from greencustoms.screening.engine_adapter import ERROR_SCHEMA

        return pl.LazyFrame(schema=ERROR_SCHEMA)
    return pl.scan_parquet(path)


def facets(job: ScreeningJob, user: Any) -> dict[str, list[tuple[str, int]]]:
    """Counts per agreement, rule and severity of the hits the user may see (for the filters)."""
    frame = hits(job, user).select(FILTERS).collect()
    out = {}
    for name in FILTERS:
        counts = frame.group_by(name).len().sort(name)
        out[name] = [(value or "", int(n)) for value, n in counts.iter_rows()]
    return out


def hits_page(
    job: ScreeningJob, user: Any, filters: dict[str, str], page: int, size: int
) -> tuple[list[dict[str, Any]], int]:
    frame = hits(job, user, filters)
    total = int(frame.select(pl.len()).collect().item())
    rows = frame.slice(max(page - 1, 0) * size, size).collect().to_dicts()
    return rows, total


@dataclass(frozen=True)
class Quota:
    """What a user may still queue: jobs at once and bytes in the last 24 hours (None: no limit)."""

    max_jobs: int | None
    max_bytes: int | None
    active_jobs: int
    bytes_today: int

    @property
    def jobs_left(self) -> int | None:
        return None if self.max_jobs is None else max(self.max_jobs - self.active_jobs, 0)

    @property
    def bytes_left(self) -> int | None:
        return None if self.max_bytes is None else max(self.max_bytes - self.bytes_today, 0)


def quota(user: Any, *, at: datetime) -> Quota:
    """The user's screening quota (settings scaled by the policy's rule) and what is used of it."""
    scale = screening_quota_scale(user)
    max_jobs = settings.SCREENING_MAX_CONCURRENT_JOBS * scale or None
    max_bytes = settings.SCREENING_MAX_BYTES_PER_DAY * scale or None
    active = ScreeningJob.objects.filter(owner=user, status__in=(JobStatus.QUEUED, JobStatus.RUNNING)).count()
    used = ScreeningUpload.objects.filter(owner=user, at__gt=at - timedelta(days=1)).aggregate(n=Sum("size"))
    return Quota(max_jobs, max_bytes, active, int(used["n"] or 0))
