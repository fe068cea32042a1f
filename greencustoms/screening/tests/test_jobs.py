"""Upload, background job with lease and reaper, results with filters, downloads, history, privacy, retention."""

import errno
from datetime import timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from greencustoms.screening import engine_adapter, selectors, services
from greencustoms.screening.choices import MAX_ATTEMPTS, JobStatus
from greencustoms.screening.models import ScreeningJob
from greencustoms.screening.tests.conftest import CSV


def _upload(client: Any, capture: Any, content: str = CSV, name: str = "day.csv") -> ScreeningJob:
    with capture(execute=True):
        response = client.post(
            reverse("screening:upload"),
            {"file": SimpleUploadedFile(name, content.encode()), "edition": "HS2022", "mapping": ""},
        )
    assert response.status_code == 302, response.content[:500]
    return ScreeningJob.objects.latest("pk")


def test_upload_page_states_the_size_limit(client_for: Any, officer: Any) -> None:
    page = client_for(officer).get(reverse("screening:upload"))
    assert page.status_code == 200
    assert "200 MB" in page.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client: Any) -> None:
    assert client.get(reverse("screening:upload")).status_code == 302


def test_an_upload_is_screened_and_reconciled(
    client_for: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(officer)
    job = _upload(client, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert (job.records, job.screened, job.rejected) == (5, 4, 1)
    assert job.progress == 100.0
    page = client.get(reverse("screening:job", args=[job.pk]))
    html = page.content.decode()
    assert "line 5" in html  # the rejected line, by its physical line (the lines: test_result_page.py)
    csv = client.get(reverse("screening:download", args=[job.pk, "hits", "csv"]), {"severity": "high"})
    frame = pl.read_csv(csv.content, infer_schema=False)
    assert set(frame["severity"]) == {"high"}
    # the contract's columns first, then the label and the declared fields (issue #15)
    assert list(frame.columns) == [
        "declaration_id",
        "line_no",
        "rule",
        "agreement",
        "item",
        "evidence",
        "document",
        "severity",
        "label",
        "hs_code",
        "description",
        "origin",
        "destination",
        "quantity",
        "unit",
        "value",
    ]
    errors = client.get(reverse("screening:download", args=[job.pk, "errors", "json"]))
    assert errors.json()[0]["line"] == 5
    progress = client.get(reverse("screening:job_progress", args=[job.pk]))
    assert progress["HX-Refresh"] == "true"
    history = client.get(reverse("screening:history")).content.decode()
    assert "day.csv" in history


def test_unusable_file_is_refused_on_the_form(
    client_for: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("screening:upload"),
            {"file": SimpleUploadedFile("day.csv", b"a,b\n1,2\n"), "edition": "HS2022", "mapping": ""},
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file has no column for: declaration number, HS code, description of the goods." in html
    assert "“Column mapping”" in html and "--mapping" not in html
    assert not ScreeningJob.objects.exists()


def test_jobs_are_private_to_owner_and_secretariat(
    client_for: Any,
    officer: Any,
    trainer: Any,
    secretariat_user: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    job = _upload(client_for(officer), django_capture_on_commit_callbacks)
    other = client_for(trainer)
    assert other.get(reverse("screening:job", args=[job.pk])).status_code == 404
    assert other.get(reverse("screening:download", args=[job.pk, "hits", "csv"])).status_code == 404
    assert other.post(reverse("screening:job_delete", args=[job.pk])).status_code == 404
    assert client_for(secretariat_user).get(reverse("screening:job", args=[job.pk])).status_code == 200


def test_owner_deletes_and_retention_purges(
    client_for: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from greencustoms.screening import selectors

    client = client_for(officer)
    first = _upload(client, django_capture_on_commit_callbacks)
    folder = selectors.job_dir(first)
    assert folder.is_dir()
    client.post(reverse("screening:job_delete", args=[first.pk]))
    assert not ScreeningJob.objects.filter(pk=first.pk).exists() and not folder.exists()
    second = _upload(client, django_capture_on_commit_callbacks)
    assert services.jobs_purge(at=timezone.now()) == 0
    assert services.jobs_purge(at=second.expires_at + timedelta(seconds=1)) == 1
    assert not selectors.job_dir(second).exists()


def _running(job: ScreeningJob, *, attempts: int, expired: bool = True) -> None:
    now = timezone.now()
    ScreeningJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        attempts=attempts,
        lease_expires_at=now - timedelta(seconds=1) if expired else now + timedelta(minutes=5),
    )


def test_a_killed_worker_is_retried_then_failed_visibly(
    client_for: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    job = _upload(client_for(officer), django_capture_on_commit_callbacks)
    _running(job, attempts=1, expired=False)
    assert services.jobs_reap(at=timezone.now()) == {"retried": 0, "failed": 0, "requeued": 0}
    _running(job, attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.jobs_reap(at=timezone.now())
    assert report["retried"] == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2  # retried and finished
    _running(job, attempts=MAX_ATTEMPTS)
    assert services.jobs_reap(at=timezone.now())["failed"] == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "stopped" in job.error


def test_a_job_is_claimed_once(
    client_for: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    job = _upload(client_for(officer), django_capture_on_commit_callbacks)
    assert services.job_run(job_id=job.pk) is None  # already done: nothing to claim


def test_a_job_interrupted_by_a_stopping_worker_is_queued_again(
    officer: Any, monkeypatch: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """`greencustoms run` tells the task worker twice to stop: the running job goes back to the queue."""
    from greencustoms.screening import engine_adapter

    now = timezone.now()
    job = ScreeningJob.objects.create(
        owner=officer, original_name="day.csv", created_at=now, expires_at=now + timedelta(days=7)
    )
    folder = tmp_path / "private" / "screening" / str(job.pk)
    folder.mkdir(parents=True)
    (folder / "input.csv").write_text(CSV)

    def stopped(*args: Any, **kwargs: Any) -> Any:
        raise SystemExit(1)  # what django-tasks' db_worker raises on the second SIGTERM

    monkeypatch.setattr(engine_adapter, "screen_chunks_with_lines", stopped)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(SystemExit):
        services.job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.lease_expires_at) == (JobStatus.QUEUED, 0, None)
    assert len(callbacks) == 1  # enqueued again for the next worker


class _DiskFullUpload(SimpleUploadedFile):
    """An upload whose copy to the private folder meets a full disk after the first piece."""

    def chunks(self, chunk_size: int | None = None) -> Any:
        yield self.read(16)
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_while_storing_an_upload_leaves_no_job_and_no_partial_file(
    officer: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    upload = _DiskFullUpload("day.csv", CSV.encode())
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(services.ScreeningError) as refused:
        services.job_create(upload=upload, edition="HS2022", mapping={}, by=officer, at=timezone.now())
    assert "no room left to store this file" in str(refused.value)  # the upload form shows it on the file
    assert not ScreeningJob.objects.exists()  # no queued job the reaper would screen half-stored
    assert callbacks == []
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    assert not private.exists() or not any(p.is_file() for p in private.rglob("*"))


def test_a_worker_whose_job_was_taken_over_stops_without_touching_it(
    client_for: Any, officer: Any, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    """Worker A stalls past its lease, the reaper queues the job again and worker B claims it (attempt 2):
    A's next progress write finds the attempt changed and A stops; it neither finishes nor fails B's job."""
    with django_capture_on_commit_callbacks(execute=False):
        client_for(officer).post(
            reverse("screening:upload"),
            {"file": SimpleUploadedFile("day.csv", CSV.encode()), "edition": "HS2022", "mapping": ""},
        )
    job = ScreeningJob.objects.get()
    real_chunks = engine_adapter.screen_chunks_with_lines

    def stalled_then_taken_over(*args: Any, **kwargs: Any) -> Any:
        ScreeningJob.objects.filter(pk=job.pk).update(attempts=F("attempts") + 1)  # worker B's claim
        yield from real_chunks(*args, **kwargs)

    monkeypatch.setattr(engine_adapter, "screen_chunks_with_lines", stalled_then_taken_over)
    monkeypatch.setattr(services, "PROGRESS_EVERY_SECONDS", 0)
    services.job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 2)  # still B's, untouched by A
    assert not (selectors.job_dir(job) / "hits.parquet").exists()
