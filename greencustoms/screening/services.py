"""Writes of the screening domain: risk indicators, screening jobs (create, run, reap, purge, delete)."""

from __future__ import annotations

import errno
import logging
import shutil
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.accounts.choices import Level
from greencustoms.accounts.policy import Action, audit, require
from greencustoms.screening import engine_adapter, selectors
from greencustoms.screening.choices import (
    LEASE_SECONDS,
    MAX_ATTEMPTS,
    MAX_SYNC_LINES,
    MAX_UPLOAD_BYTES,
    RETENTION_DAYS,
    JobStatus,
    Outcome,
)
from greencustoms.screening.models import LineDecision, RiskIndicator, ScreeningJob, ScreeningUpload

log = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 0.5


class ScreeningError(Exception):
    """A request the screening services refuse, with a message for the person."""


class InputTooLarge(ScreeningError):
    """The file is larger than allowed, or would expand beyond the limits when read (HTTP 413)."""


class QuotaExceeded(ScreeningError):
    """The uploader has as many jobs queued as allowed, or used the day's allowance (HTTP 429)."""


def _mb(n: int) -> str:
    return f"{n / 2**20:,.1f}"


# -- risk indicators ---------------------------------------------------------------------------------
def _clean_list(values: list[str] | tuple[str, ...], *, upper: bool = False) -> list[str]:
    out = []
    for value in values:
        value = value.strip()
        if value:
            out.append(value.upper() if upper else value)
    return sorted(set(out))


def indicator_create(
    *,
    title: str,
    hs_prefixes: list[str],
    keywords: list[str],
    countries: list[str],
    severity: str,
    agreement: str = "",
    document: str = "",
    by: Any,
    at: datetime,
) -> RiskIndicator:
    """Author a restricted indicator: only for users the policy lets see enforcement-level objects."""
    if not selectors.sees_restricted(by):
        raise PermissionDenied
    if not (hs_prefixes or keywords or countries):
        raise ScreeningError(_("Give at least one HS prefix, keyword or country."))
    indicator = RiskIndicator.objects.create(
        title=title.strip(),
        hs_prefixes=_clean_list([p.replace(".", "") for p in hs_prefixes]),
        keywords=_clean_list(keywords),
        countries=_clean_list(countries, upper=True),
        severity=severity,
        agreement=agreement,
        document=document.strip(),
        access_level=Level.ENFORCEMENT,
        created_by=by,
        created_at=at,
        updated_at=at,
    )
    audit(actor=by, action="create", obj=indicator, channel="screening")
    return indicator


def indicator_update(
    *, indicator: RiskIndicator, changes: dict[str, Any], by: Any, at: datetime
) -> RiskIndicator:
    require(by, Action.CHANGE, indicator)
    for name in ("title", "severity", "agreement", "document", "active"):
        if name in changes:
            setattr(indicator, name, changes[name])
    if "hs_prefixes" in changes:
        indicator.hs_prefixes = _clean_list([p.replace(".", "") for p in changes["hs_prefixes"]])
    if "keywords" in changes:
        indicator.keywords = _clean_list(changes["keywords"])
    if "countries" in changes:
        indicator.countries = _clean_list(changes["countries"], upper=True)
    indicator.updated_at = at
    indicator.save()
    audit(actor=by, action="change", obj=indicator, channel="screening")
    return indicator


def indicator_delete(*, indicator: RiskIndicator, by: Any, at: datetime) -> None:
    require(by, Action.CHANGE, indicator)
    audit(actor=by, action="delete", obj=indicator, channel="screening")
    indicator.delete()


# -- triage (issue #15) ------------------------------------------------------------------------------
def line_decide(
    *,
    job: ScreeningJob,
    declaration_id: str,
    line_no: str,
    outcome: str,
    note: str = "",
    documents_seen: str = "",
    by: Any,
    at: datetime,
) -> LineDecision:
    """Record an officer's decision about one screened line: a new row (the history is append-only) that
    remembers the decision it replaces, and an audit entry (who, when, what, previous value)."""
    if not policy.can_triage_screening(by, job):
        raise PermissionDenied
    if outcome not in Outcome.values:
        raise ScreeningError(_("Unknown decision."))
    if not selectors.line_exists(job, by=by, declaration_id=declaration_id, line_no=line_no):
        raise ScreeningError(_("This file has no such line."))
    with transaction.atomic():
        ScreeningJob.objects.select_for_update().filter(pk=job.pk).first()  # one decision at a time per job
        latest = (
            LineDecision.objects.filter(job=job, declaration_id=declaration_id, line_no=line_no)
            .order_by("-decided_at", "-pk")
            .values_list("outcome", flat=True)
            .first()
        )
        decision = LineDecision.objects.create(
            job=job,
            declaration_id=declaration_id,
            line_no=line_no,
            outcome=outcome,
            previous=latest or "",
            note=note.strip(),
            documents_seen=documents_seen.strip(),
            decided_by=by,
            decided_at=at,
        )
        audit(
            actor=by,
            action="change" if latest else "create",
            obj=decision,
            channel="screening",
            detail={
                "job": job.pk,
                "declaration_id": declaration_id,
                "line_no": line_no,
                "outcome": outcome,
                "previous": latest or "",
                "note": decision.note,
                "documents_seen": decision.documents_seen,
            },
        )
    return decision


def case_hook() -> Any:
    """The function that drafts a seizure case from a detained line (settings.SCREENING_CASE_HOOK, a dotted
    path set when a cases capability exists), or None."""
    path = getattr(settings, "SCREENING_CASE_HOOK", "") or ""
    if not path:
        return None
    try:
        return import_string(path)
    except ImportError:
        log.warning("SCREENING_CASE_HOOK %r cannot be imported", path)
        return None


def case_draft(*, job: ScreeningJob, declaration_id: str, line_no: str, by: Any, at: datetime) -> Any:
    """Hand a detained line to the cases capability; returns what it made (with get_absolute_url)."""
    hook = case_hook()
    if hook is None:
        raise ScreeningError(_("Seizure cases cannot be recorded here yet."))
    if not policy.can_triage_screening(by, job):
        raise PermissionDenied
    decision = selectors.current_decisions(job, by=by, keys=[(declaration_id, line_no)]).get(
        (declaration_id, line_no)
    )
    if decision is None or decision.outcome != Outcome.DETAINED:
        raise ScreeningError(_("Only a detained line can become a seizure case."))
    line = selectors.line_with_hits(job, by=by, declaration_id=declaration_id, line_no=line_no)
    made = hook(job=job, line=line, decision=decision, by=by, at=at)
    audit(actor=by, action="create", obj=decision, channel="screening", detail={"case": str(made)})
    return made


# -- jobs --------------------------------------------------------------------------------------------
def job_create(
    *, upload: UploadedFile, edition: str, mapping: dict[str, str], by: Any, at: datetime
) -> ScreeningJob:
    """Store an uploaded file privately and queue its screening, within the size limits and the
    uploader's quota (jobs at once, bytes a day), all checked before anything is stored."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise InputTooLarge(_("The file is larger than %(limit)d MB.") % {"limit": MAX_UPLOAD_BYTES // 2**20})
    try:
        counted = max(engine_adapter.check_upload(upload), upload.size or 0)
    except engine_adapter.LimitExceededError as exc:
        raise InputTooLarge(_("This file cannot be screened: %(reason)s.") % {"reason": exc}) from exc
    except engine_adapter.InputError:
        counted = upload.size or 0  # unreadable: the job fails visibly with the reader's message
    name = Path(upload.name or "upload").name[:200]
    with transaction.atomic():
        # one upload at a time per account, so that two parallel requests cannot both fit the quota
        get_user_model().objects.select_for_update().filter(pk=by.pk).first()
        _check_quota(by, counted, at=at)
        job = ScreeningJob.objects.create(
            owner=by,
            original_name=name,
            size=upload.size or 0,
            edition=edition,
            mapping=mapping,
            with_indicators=selectors.sees_restricted(by),
            created_at=at,
            expires_at=at + timedelta(days=RETENTION_DAYS),
        )
        ScreeningUpload.objects.create(owner=by, at=at, size=counted)
    folder = selectors.job_dir(job)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / ("input" + Path(name).suffix.lower()[:10])
    try:
        with target.open("wb") as fh:
            for piece in upload.chunks():
                fh.write(piece)
    except OSError as exc:
        # A full disk leaves no partial file, and no queued job the reaper would screen half-stored.
        shutil.rmtree(folder, ignore_errors=True)
        job.delete()
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise ScreeningError(
                _(
                    "The server has no room left to store this file. Nothing was saved; please try again later."
                )
            ) from exc
        raise
    _enqueue(job.pk)
    return job


def _check_quota(user: Any, size: int, *, at: datetime) -> None:
    quota = selectors.quota(user, at=at)
    if quota.jobs_left == 0:
        raise QuotaExceeded(
            _(
                "You already have %(n)d files waiting or being screened, the most allowed at once; "
                "upload this one when one of them has finished."
            )
            % {"n": quota.active_jobs}
        )
    if quota.bytes_left is not None and size > quota.bytes_left:
        raise QuotaExceeded(
            _(
                "This file (%(size)s MB to read) would take you over your allowance of %(limit)s MB a day: "
                "%(used)s MB were uploaded in the last 24 hours. Try again later."
            )
            % {"size": _mb(size), "limit": _mb(quota.max_bytes or 0), "used": _mb(quota.bytes_today)}
        )


#: How a job is put in the background queue. The task module calls these services, so they cannot import it:
#: ``ScreeningConfig.ready()`` connects the task's ``enqueue`` here (a port the entry point fills in).
_job_queue: Callable[[int], object] | None = None


def connect_job_queue(enqueue: Callable[[int], object]) -> None:
    """Called once by the app's ``ready()`` with the background task's ``enqueue``."""
    global _job_queue  # noqa: PLW0603 - set once at start-up
    _job_queue = enqueue


def _enqueue(job_id: int) -> None:
    queue = _job_queue
    if queue is None:
        raise ImproperlyConfigured("screening: no job queue connected (ScreeningConfig.ready() connects it)")
    transaction.on_commit(lambda: queue(job_id))


def _input_file(job: ScreeningJob) -> Path:
    files = sorted(selectors.job_dir(job).glob("input*"))
    if not files:
        raise ScreeningError(_("The uploaded file is gone."))
    return files[0]


def job_run(*, job_id: int, at: datetime | None = None) -> ScreeningJob | None:
    """Claim a queued job and screen its file; None when another worker has it or it is finished."""
    now = at or timezone.now()
    claimed = ScreeningJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        started_at=now,
        lease_expires_at=now + timedelta(seconds=LEASE_SECONDS),
        attempts=F("attempts") + 1,
        progress=0.0,
        error="",
    )
    if not claimed:
        return None
    job = ScreeningJob.objects.get(pk=job_id)
    try:
        _screen_job(job)
    except (engine_adapter.EngineError, ScreeningError) as exc:
        _finish(job, JobStatus.FAILED, error=str(exc))
    except _Abandoned:
        return ScreeningJob.objects.filter(pk=job_id).first()
    except (KeyboardInterrupt, SystemExit):
        _release(job)  # the worker is being stopped: the next one screens the file again
        raise
    except Exception as exc:  # a failure must be visible on the job, not only in a log
        log.exception("screening job %s failed", job_id)
        _finish(
            job,
            JobStatus.FAILED,
            error=_("Internal error while screening: %(error)s") % {"error": type(exc).__name__},
        )
    return ScreeningJob.objects.filter(pk=job_id).first()


def sort_lines(job: ScreeningJob, *, attempt: int = 0) -> Path:
    """Sort the job's lines once, worst first (the result page's order: inspect, check, clear; score
    descending; input order), into ``lines_sorted.parquet`` beside them: the line's 0-based place in the
    file as ``position``, row groups of ``selectors.SORTED_ROW_GROUP`` lines, and the lines per verdict in
    the footer's metadata, so that any page reads only the row groups holding it (issue #15: the last page
    of a 1M-line job sorted the whole file on every request). Streamed by Polars; written to a partial
    file first. Returns the sorted file's path."""
    import json

    source = selectors.lines_path(job)
    target = selectors.sorted_lines_path(job)
    lines = pl.scan_parquet(source)
    counts = dict(lines.group_by("verdict").len().collect().iter_rows())
    partial = target.with_name(f"{target.name}.part{attempt}")
    selectors.worst_first(lines.with_row_index("position")).sink_parquet(
        partial,
        row_group_size=selectors.SORTED_ROW_GROUP,
        metadata={selectors.SORTED_COUNTS_KEY: json.dumps({v: int(n) for v, n in counts.items()})},
    )
    partial.replace(target)
    return target


class _Abandoned(Exception):
    """The job was reaped, deleted or failed by someone else while this worker ran it."""


def _screen_job(job: ScreeningJob) -> None:
    TableWriter = engine_adapter.TableWriter  # noqa: N806 - the engine's class, through the adapter
    reader = engine_adapter.open_input(_input_file(job), job.mapping)
    rows = (
        list(RiskIndicator.objects.filter(active=True, access_level=Level.ENFORCEMENT))
        if job.with_indicators
        else []
    )
    indicators = engine_adapter.indicators_for_engine(rows)
    folder = selectors.job_dir(job)
    # Each attempt writes its own partial files: a worker whose lease was taken over while it stalled must
    # not write into the file of the attempt that replaced it. Partial files of dead attempts are removed.
    for stale in folder.glob("*.part*"):
        stale.unlink(missing_ok=True)
    selectors.sorted_lines_path(job).unlink(missing_ok=True)
    hits_tmp = folder / f"hits.parquet.part{job.attempts}"
    errors_tmp = folder / f"errors.parquet.part{job.attempts}"
    lines_tmp = folder / f"lines.parquet.part{job.attempts}"
    by_rule: Counter[str] = Counter()
    by_verdict: Counter[str] = Counter()
    last = 0.0
    # lines without a date column are screened for the upload date
    at = timezone.localdate(job.created_at) if job.created_at else None
    with (
        TableWriter(hits_tmp, engine_adapter.HIT_SCHEMA, format="parquet") as hits_out,
        TableWriter(errors_tmp, engine_adapter.ERROR_SCHEMA, format="parquet") as errors_out,
        TableWriter(lines_tmp, engine_adapter.LINE_SCHEMA, format="parquet") as lines_out,
    ):
        for hits, lines, errors in engine_adapter.screen_chunks_with_lines(
            reader, edition=job.edition, indicators=indicators, at=at, extra=_extra_hits(by=job.owner, at=at)
        ):
            hits_out.write(hits)
            errors_out.write(errors)
            lines_out.write(lines)
            if lines.height:
                by_verdict.update(dict(lines["verdict"].value_counts().iter_rows()))
            if hits.height:
                by_rule.update(dict(hits["rule"].value_counts().iter_rows()))
            if time.monotonic() - last >= PROGRESS_EVERY_SECONDS:
                last = time.monotonic()
                stats = reader.stats
                share = 100.0 * stats.bytes_read / stats.bytes_total if stats.bytes_total else 0.0
                alive = _this_attempt(job).update(
                    progress=min(share, 99.0),
                    records=stats.records,
                    screened=stats.screened,
                    rejected=stats.rejected,
                    hits=hits_out.rows,
                    lease_expires_at=timezone.now() + timedelta(seconds=LEASE_SECONDS),
                )
                if not alive:
                    raise _Abandoned
    hits_tmp.replace(folder / "hits.parquet")
    errors_tmp.replace(folder / "errors.parquet")
    lines_tmp.replace(folder / "lines.parquet")
    sort_lines(job, attempt=job.attempts)
    stats = reader.stats
    job.records, job.screened, job.rejected, job.hits = (
        stats.records,
        stats.screened,
        stats.rejected,
        hits_out.rows,
    )
    job.summary = {
        **stats.as_dict(),
        "hits_by_rule": dict(sorted(by_rule.items())),
        "lines_by_verdict": {v: by_verdict.get(v, 0) for v in engine_adapter.VERDICTS},
        "screened_for": at.isoformat() if at else None,
    }
    job.ruleset_release = engine_adapter.current_ruleset().release
    _finish(job, JobStatus.DONE)


def _release(job: ScreeningJob) -> None:
    """Queue a job again whose worker was told to stop mid-way; the interruption is not a failed attempt."""
    released = ScreeningJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=JobStatus.QUEUED,
        lease_expires_at=None,
        progress=0.0,
        attempts=F("attempts") - 1,
    )
    if released:
        _enqueue(job.pk)


def _this_attempt(job: ScreeningJob) -> Any:
    """The job's row while this attempt still holds it: the attempt number fences off a worker whose
    lease expired and whose job another worker claimed again (attempts + 1)."""
    return ScreeningJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts)


def _finish(job: ScreeningJob, status: str, *, error: str = "") -> None:
    updated = _this_attempt(job).update(
        status=status,
        error=error,
        progress=100.0 if status == JobStatus.DONE else job.progress,
        records=job.records,
        screened=job.screened,
        rejected=job.rejected,
        hits=job.hits,
        summary=job.summary,
        ruleset_release=job.ruleset_release,
        finished_at=timezone.now(),
        lease_expires_at=None,
    )
    if not updated:
        raise _Abandoned


def jobs_reap(*, at: datetime) -> dict[str, int]:
    """Jobs whose worker died (lease past due) are queued again, or failed visibly after MAX_ATTEMPTS;
    queued jobs no worker took for a long time are enqueued again."""
    retried = failed = requeued = 0
    for job in ScreeningJob.objects.filter(status=JobStatus.RUNNING, lease_expires_at__lt=at):
        if job.attempts < MAX_ATTEMPTS:
            changed = ScreeningJob.objects.filter(
                pk=job.pk, status=JobStatus.RUNNING, lease_expires_at__lt=at
            ).update(status=JobStatus.QUEUED, lease_expires_at=None, progress=0.0)
            if changed:
                retried += 1
                _enqueue(job.pk)
        else:
            failed += ScreeningJob.objects.filter(
                pk=job.pk, status=JobStatus.RUNNING, lease_expires_at__lt=at
            ).update(
                status=JobStatus.FAILED,
                finished_at=at,
                lease_expires_at=None,
                error=_(
                    "The screening worker stopped %(n)d times while screening this file; it was not retried again."
                )
                % {"n": job.attempts},
            )
    stale = at - timedelta(seconds=LEASE_SECONDS * 5)
    for pk in ScreeningJob.objects.filter(status=JobStatus.QUEUED, created_at__lt=stale).values_list(
        "pk", flat=True
    ):
        requeued += 1
        _enqueue(pk)
    return {"retried": retried, "failed": failed, "requeued": requeued}


def _remove(job: ScreeningJob) -> None:
    shutil.rmtree(selectors.job_dir(job), ignore_errors=True)
    job.delete()


def jobs_purge(*, at: datetime) -> int:
    """Delete files and results past their retention period."""
    count = 0
    for job in ScreeningJob.objects.filter(expires_at__lt=at).exclude(status=JobStatus.RUNNING):
        _remove(job)
        count += 1
    ScreeningUpload.objects.filter(at__lt=at - timedelta(days=2)).delete()  # the quota looks back one day
    return count


def job_delete(*, job: ScreeningJob, by: Any, at: datetime) -> None:
    """The owner (or the secretariat) deletes a job and its files."""
    if job.owner_id != getattr(by, "pk", None) and not policy.is_secretariat(by):
        raise PermissionDenied
    _remove(job)


def screen_lines(
    *, rows: list[dict[str, Any]], edition: str, by: Any, at: date | None = None
) -> tuple[Any, dict[str, Any]]:
    """Synchronous screening of at most MAX_SYNC_LINES lines: hits frame and a summary (the lines with
    their verdicts as well: :func:`screen_lines_with_verdicts`)."""
    hits, _lines, summary = screen_lines_with_verdicts(rows=rows, edition=edition, by=by, at=at)
    return hits, summary


def _extra_hits(*, by: Any, at: date | None) -> engine_adapter.ExtraHits | None:
    """The hooks of ``SCREENING_EXTRA_HITS`` (dotted paths, called as ``hook(lines, hits, by=, at=)``: the
    licensing app's licence and quota checks) as one function of a batch, or None when none is set."""
    hooks = [import_string(path) for path in getattr(settings, "SCREENING_EXTRA_HITS", [])]
    if not hooks:
        return None
    day = at or timezone.localdate()

    def extra(batch: pl.DataFrame, hits: pl.DataFrame) -> pl.DataFrame:
        found = [hook(batch, hits, by=by, at=day) for hook in hooks]
        return pl.concat(found, how="vertical") if found else hits.clear()

    return extra


def screen_lines_with_verdicts(
    *, rows: list[dict[str, Any]], edition: str, by: Any, at: date | None = None
) -> tuple[Any, Any, dict[str, Any]]:
    """Synchronous screening of at most MAX_SYNC_LINES lines (API): hits frame, lines frame (one row per
    line with its verdict, score and reasons) and a summary. Lines without a ``date`` are screened for
    ``at`` (default today)."""
    if len(rows) > MAX_SYNC_LINES:
        raise ScreeningError(
            _("At most %(n)d lines per request; send larger files to the job API.") % {"n": MAX_SYNC_LINES}
        )
    indicators = engine_adapter.indicators_for_engine(selectors.indicators_to_apply(by))
    at = at or timezone.localdate()
    screened = engine_adapter.screen_rows(rows, edition=edition, indicators=indicators, at=at)
    hits, lines = screened.hits, screened.lines
    extra = _extra_hits(by=by, at=at)
    if extra is not None:
        given = pl.DataFrame(
            [{k: None if v is None else str(v) for k, v in row.items()} for row in rows],
            infer_schema_length=None,
        )
        hits, lines = engine_adapter.add_hits(hits, lines, extra(given, hits))
    if not selectors.sees_restricted(by):
        hits = hits.filter(hits["rule"] != "indicator")
    summary = {
        "lines": len(rows),
        "hits": hits.height,
        "hits_by_rule": dict(sorted(Counter(hits["rule"].to_list()).items())),
        "lines_by_verdict": {v: int((lines["verdict"] == v).sum()) for v in engine_adapter.VERDICTS},
        "at": at.isoformat(),
        "ruleset": engine_adapter.current_ruleset().release,
    }
    return hits, lines, summary
