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


def lines_path(job: ScreeningJob) -> Path:
    """One row per screened line with its verdict (written beside hits.parquet by the job)."""
    return job_dir(job) / "lines.parquet"


#: Worst first: inspect, check, clear.
_VERDICT_RANK = {"inspect": 0, "check": 1, "clear": 2}


def _lines(job: ScreeningJob, by: Any) -> pl.LazyFrame:
    """The job's lines, lazily (a Parquet scan: never the whole file in memory), for a user who may see
    the job (owner or secretariat); nothing otherwise."""
    from greencustoms.screening.engine_adapter import LINE_SCHEMA

    path = lines_path(job)
    if job_for(by, job.pk) is None or not path.is_file():
        return pl.LazyFrame(schema=LINE_SCHEMA)
    return pl.scan_parquet(path)


def job_lines_frame(job: ScreeningJob, *, by: Any, verdict: str | None = None) -> pl.LazyFrame:
    """The job's lines as a lazy frame, worst first (inspect, check, clear; score descending; then input
    order), optionally of one verdict; for exports that stream the whole set. Empty for a user who may not
    see the job. Columns: the engine's LINE_COLUMNS plus ``position`` (the line's 0-based place in the file).
    For a user who no longer sees restricted objects, lines of a job screened with restricted indicators
    are re-judged without them (verdict, score and reasons from the visible hits only)."""
    frame = _lines(job, by).with_row_index("position")
    if job.with_indicators and not sees_restricted(by) and lines_path(job).is_file():
        frame = _without_indicators(job, frame, by)
    if verdict:
        frame = frame.filter(pl.col("verdict") == verdict)
    rank = pl.col("verdict").replace_strict(_VERDICT_RANK, default=3, return_dtype=pl.Int8)
    return frame.sort([rank, pl.col("score"), pl.col("position")], descending=[False, True, False])


def job_lines(
    job: ScreeningJob, *, by: Any, verdict: str | None = None, offset: int = 0, limit: int = 50
) -> list[dict[str, Any]]:
    """One page of the job's lines, worst first (see :func:`job_lines_frame`): a list of dicts with the
    engine's LINE_COLUMNS (declaration_id, line_no, verdict, score, reasons, hs_code, description, origin,
    destination, quantity, unit, value) and ``position``. Only the page is read from the Parquet file's
    sorted scan; totals come from :func:`job_verdict_counts`."""
    frame = job_lines_frame(job, by=by, verdict=verdict)
    return frame.slice(max(offset, 0), max(limit, 0)).collect().to_dicts()


def job_verdict_counts(job: ScreeningJob, *, by: Any) -> dict[str, int]:
    """Lines per verdict, ``{"inspect": n, "check": n, "clear": n}`` (zeros for a job the user may not see)."""
    frame = _lines(job, by).with_row_index("position")
    if job.with_indicators and not sees_restricted(by) and lines_path(job).is_file():
        frame = _without_indicators(job, frame, by)
    counts = dict(frame.group_by("verdict").len().collect().iter_rows())
    return {v: int(counts.get(v, 0)) for v in _VERDICT_RANK}


def _without_indicators(job: ScreeningJob, frame: pl.LazyFrame, by: Any) -> pl.LazyFrame:
    """Lines whose verdict came from a restricted indicator alone are shown as the other hits make them: a
    line with indicator hits is re-judged from its visible hits (their worst severity), and its reasons keep
    only the visible hits' sentences."""
    visible = hits(job, by)
    marked = (
        pl.scan_parquet(hits_path(job))
        .filter(pl.col("rule") == Rule.INDICATOR.value)
        .select("declaration_id", "line_no")
        .unique()
        .with_columns(pl.lit(True).alias("_indicated"))
        if hits_path(job).is_file()
        else pl.LazyFrame(
            schema={"declaration_id": pl.String, "line_no": pl.String, "_indicated": pl.Boolean}
        )
    )
    worst = visible.group_by("declaration_id", "line_no").agg(
        pl.col("severity")
        .replace_strict({"high": 0, "medium": 1, "low": 2, "info": 3}, default=3, return_dtype=pl.Int8)
        .min()
        .alias("_worst"),
        pl.col("severity")
        .replace_strict({"high": 50, "medium": 25, "low": 10, "info": 0}, default=0, return_dtype=pl.Int64)
        .sum()
        .clip(upper_bound=100)
        .alias("_score"),
        pl.format("{} ({}): {}.", "label", "severity", pl.col("evidence").str.strip_chars_end("."))
        .str.join(" ")
        .alias("_reasons"),
    )
    again = (
        pl.when(pl.col("_worst") == 0)
        .then(pl.lit("inspect"))
        .when(pl.col("_worst") <= 2)
        .then(pl.lit("check"))
        .otherwise(pl.lit("clear"))
    )
    indicated = pl.col("_indicated").fill_null(False)
    return (
        frame.join(marked, on=["declaration_id", "line_no"], how="left")
        .join(worst, on=["declaration_id", "line_no"], how="left")
        .with_columns(
            pl.when(indicated).then(again.fill_null("clear")).otherwise(pl.col("verdict")).alias("verdict"),
            pl.when(indicated).then(pl.col("_score").fill_null(0)).otherwise(pl.col("score")).alias("score"),
            pl.when(indicated)
            .then(pl.col("_reasons").fill_null("No rule matched."))
            .otherwise(pl.col("reasons"))
            .alias("reasons"),
        )
        .drop("_indicated", "_worst", "_score", "_reasons")
    )


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
