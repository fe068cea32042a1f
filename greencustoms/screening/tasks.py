"""Background tasks of the screening domain (django-tasks, database backend)."""

from typing import Any

from django.utils import timezone
from django_tasks import task

from greencustoms.screening import services


@task()
def run_screening_job(job_id: int) -> dict[str, Any]:
    """Screen one uploaded file."""
    job = services.job_run(job_id=job_id)
    return {"job": job_id, "status": job.status if job else "not claimed"}


@task()
def reap_screening_jobs() -> dict[str, int]:
    """Every minute: retry or fail jobs whose worker died."""
    return services.jobs_reap(at=timezone.now())


@task()
def purge_screening_jobs() -> dict[str, int]:
    """Hourly: delete uploads and results past the retention period."""
    return {"deleted": services.jobs_purge(at=timezone.now())}
