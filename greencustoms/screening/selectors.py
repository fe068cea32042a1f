"""Reads of the screening domain, with visibility built in (jobs: owner and secretariat; indicators: policy)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.db.models import QuerySet, Sum

from greencustoms.accounts.choices import Level
from greencustoms.accounts.policy import (
    can_review_screening_decisions,
    can_view_level,
    is_secretariat,
    screening_quota_scale,
)
from greencustoms.screening.choices import JobStatus, Rule
from greencustoms.screening.engine_adapter import ERROR_SCHEMA, HIT_SCHEMA, LINE_SCHEMA
from greencustoms.screening.models import LineDecision, RiskIndicator, ScreeningJob, ScreeningUpload

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


# -- triage decisions (issue #15) -------------------------------------------------------------------
def line_key(declaration_id: Any, line_no: Any) -> tuple[str, str]:
    """The key of a screened line: its declaration number and line number, as text."""
    return (str(declaration_id or ""), "" if line_no is None else str(line_no))


def current_decisions(
    job: ScreeningJob, *, by: Any, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], LineDecision]:
    """The latest decision of each of these lines of the job, for those who may see its decisions."""
    if not can_review_screening_decisions(by, job):
        return {}
    keys = set(keys)
    if not keys:
        return {}
    rows = LineDecision.objects.filter(job=job, declaration_id__in={k[0] for k in keys}).select_related(
        "decided_by"
    )
    out: dict[tuple[str, str], LineDecision] = {}
    for row in rows.order_by("decided_at", "pk"):
        key = (row.declaration_id, row.line_no)
        if key in keys:
            out[key] = row
    return out


def decision_history(
    job: ScreeningJob, *, by: Any, declaration_id: str | None = None, line_no: str | None = None
) -> QuerySet[LineDecision]:
    """Every decision of the job (or of one line), newest first; none for those who may not see them."""
    if not can_review_screening_decisions(by, job):
        return LineDecision.objects.none()
    rows = LineDecision.objects.filter(job=job).select_related("decided_by")
    if declaration_id is not None:
        rows = rows.filter(declaration_id=declaration_id, line_no=line_no or "")
    return rows.order_by("-decided_at", "-pk")


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


def sorted_lines_path(job: ScreeningJob) -> Path:
    """The job's lines sorted once, worst first, when the job finished (see services.sort_lines)."""
    return job_dir(job) / "lines_sorted.parquet"


#: Worst first: inspect, check, clear.
_VERDICT_RANK = {"inspect": 0, "check": 1, "clear": 2}
#: Key of the sorted file's Parquet metadata holding its lines per verdict (JSON).
SORTED_COUNTS_KEY = "greencustoms.lines_by_verdict"
#: Rows per row group of the sorted file: a page reads one or two groups of this size.
SORTED_ROW_GROUP = 10_000


def worst_first(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Lines (with ``position``) worst first: inspect, check, clear; score descending; then input order."""
    rank = pl.col("verdict").replace_strict(_VERDICT_RANK, default=3, return_dtype=pl.Int8)
    return frame.sort([rank, pl.col("score"), pl.col("position")], descending=[False, True, False])


def _sorted_file(job: ScreeningJob, by: Any) -> Path | None:
    """The job's sorted lines file when it answers for this user as it is: the job is visible, the file
    was written, and the user sees every hit the verdicts came from (a user who no longer sees restricted
    indicators gets lines re-judged per request instead, see :func:`_without_indicators`)."""
    path = sorted_lines_path(job)
    if job.with_indicators and not sees_restricted(by):
        return None
    if not path.is_file() or job_for(by, job.pk) is None:
        return None
    return path


def _sorted_counts(path: Path) -> dict[str, int]:
    """Lines per verdict of a sorted file, from its Parquet footer (no data read)."""
    import json

    import pyarrow.parquet as pq

    meta = pq.read_metadata(path).metadata or {}
    counts = json.loads(meta.get(SORTED_COUNTS_KEY.encode(), b"{}"))
    return {v: int(counts.get(v, 0)) for v in _VERDICT_RANK}


def _sorted_slice(path: Path, start: int, stop: int) -> list[dict[str, Any]]:
    """Rows [start, stop) of a sorted file, reading only the row groups that hold them."""
    import pyarrow.parquet as pq

    if stop <= start:
        return []
    source = pq.ParquetFile(path)
    groups: list[int] = []
    first_row = base = 0
    for index in range(source.metadata.num_row_groups):
        rows = source.metadata.row_group(index).num_rows
        if base + rows > start and base < stop:
            if not groups:
                first_row = base
            groups.append(index)
        base += rows
    if not groups:
        return []
    table = source.read_row_groups(groups).slice(start - first_row, stop - start)
    return table.to_pylist()


def _lines(job: ScreeningJob, by: Any) -> pl.LazyFrame:
    """The job's lines, lazily (a Parquet scan: never the whole file in memory), for a user who may see
    the job (owner or secretariat); nothing otherwise."""

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
    sorted_path = _sorted_file(job, by)
    if sorted_path is not None:
        # sorted once when the job finished: scanned as it is
        frame = pl.scan_parquet(sorted_path)
        return frame.filter(pl.col("verdict") == verdict) if verdict else frame
    frame = _lines(job, by).with_row_index("position")
    if job.with_indicators and not sees_restricted(by) and lines_path(job).is_file():
        frame = _without_indicators(job, frame, by)
    if verdict:
        frame = frame.filter(pl.col("verdict") == verdict)
    return worst_first(frame)


def job_lines(
    job: ScreeningJob, *, by: Any, verdict: str | None = None, offset: int = 0, limit: int = 50
) -> list[dict[str, Any]]:
    """One page of the job's lines, worst first (see :func:`job_lines_frame`): a list of dicts with the
    engine's LINE_COLUMNS (declaration_id, line_no, verdict, score, reasons, hs_code, description, origin,
    destination, quantity, unit, value) and ``position``. Only the page is read from the Parquet file's
    sorted scan; totals come from :func:`job_verdict_counts`.

    A job whose lines were sorted when it finished (``lines_sorted.parquet``, row groups of
    SORTED_ROW_GROUP lines, its counts per verdict in the footer) answers any page by reading the one or
    two row groups that hold it: a verdict's lines are one run of the sorted file, starting after the
    lines of the worse verdicts. Older jobs are sorted per request."""
    offset, limit = max(offset, 0), max(limit, 0)
    sorted_path = _sorted_file(job, by)
    if sorted_path is not None:
        counts = _sorted_counts(sorted_path)
        start, stop = 0, sum(counts.values())
        if verdict:
            if verdict not in counts:
                return []
            ranks = list(_VERDICT_RANK)
            start = sum(counts[v] for v in ranks[: ranks.index(verdict)])
            stop = start + counts[verdict]
        return _sorted_slice(sorted_path, min(start + offset, stop), min(start + offset + limit, stop))
    frame = job_lines_frame(job, by=by, verdict=verdict)
    return frame.slice(offset, limit).collect().to_dicts()


def job_verdict_counts(job: ScreeningJob, *, by: Any) -> dict[str, int]:
    """Lines per verdict, ``{"inspect": n, "check": n, "clear": n}`` (zeros for a job the user may not see)."""
    sorted_path = _sorted_file(job, by)
    if sorted_path is not None:
        return _sorted_counts(sorted_path)
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
        return pl.LazyFrame(schema=HIT_SCHEMA)
    frame = _visible(pl.scan_parquet(path), user)
    for name, value in (filters or {}).items():
        if name in FILTERS and value:
            frame = frame.filter(pl.col(name) == value)
    return frame


def rejected(job: ScreeningJob) -> pl.LazyFrame:
    path = errors_path(job)
    if not path.is_file():
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


# -- the result page of a job: lines worst first, with their hits and decisions (issue #15) ----------------
def line_exists(job: ScreeningJob, *, by: Any, declaration_id: str, line_no: str) -> bool:
    """Is there such a line in the job's result the user may see?"""
    frame = job_lines_frame(job, by=by).filter(
        (pl.col("declaration_id") == declaration_id) & (pl.col("line_no").fill_null("") == line_no)
    )
    return bool(frame.select(pl.len()).collect().item())


def _hits_of(
    job: ScreeningJob, *, by: Any, keys: set[tuple[str, str]]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    if not keys:
        return {}
    frame = (
        hits(job, by)
        .filter(pl.col("declaration_id").is_in(sorted({k[0] for k in keys})))
        .collect()
        .to_dicts()
    )
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    order = {"high": 0, "medium": 1, "low": 2, "info": 3}
    for row in frame:
        key = line_key(row["declaration_id"], row["line_no"])
        if key in keys:
            out.setdefault(key, []).append(row)
    for rows in out.values():
        rows.sort(key=lambda r: order.get(r.get("severity") or "", 9))
    return out


def line_with_hits(job: ScreeningJob, *, by: Any, declaration_id: str, line_no: str) -> dict[str, Any] | None:
    """One line of the job with its hits (for a case record), or None."""
    frame = job_lines_frame(job, by=by).filter(
        (pl.col("declaration_id") == declaration_id) & (pl.col("line_no").fill_null("") == line_no)
    )
    rows = frame.head(1).collect().to_dicts()
    if not rows:
        return None
    key = (declaration_id, line_no)
    return {**rows[0], "hits": _hits_of(job, by=by, keys={key}).get(key, [])}


def verdict_counts(job: ScreeningJob, *, by: Any) -> dict[str, int]:
    """Lines per verdict (every verdict present, 0 when none)."""
    counts = job_verdict_counts(job, by=by)
    return {v: int(counts.get(v, 0)) for v in ("inspect", "check", "clear")}


def lines_page(
    job: ScreeningJob, *, by: Any, verdict: str | None, offset: int, limit: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of lines, worst first, each with its hits (`hits`) and its latest decision (`decision`)."""
    rows = job_lines(job, by=by, verdict=verdict, offset=offset, limit=limit)
    counts = job_verdict_counts(job, by=by)
    total = counts.get(verdict, 0) if verdict else sum(counts.values())
    keys = {line_key(r["declaration_id"], r["line_no"]) for r in rows}
    found = _hits_of(job, by=by, keys=keys)
    decided = current_decisions(job, by=by, keys=keys)
    for row in rows:
        key = line_key(row["declaration_id"], row["line_no"])
        row["key"] = key
        row["hits"] = found.get(key, [])
        row["decision"] = decided.get(key)
    return rows, int(total)
