"""Background tasks of the accounts domain."""

from django.utils import timezone
from django_tasks import task

from greencustoms.accounts import services


@task()
def enforcement_housekeeping() -> dict[str, int]:
    """Hourly: warn and suspend idle enforcement accounts."""
    report = services.enforcement_housekeeping(at=timezone.now())
    return {"warned": report.warned, "suspended": report.suspended, "expired": report.expired}
