"""Background tasks of the licensing domain."""

from django.utils import timezone
from django_tasks import task

from greencustoms.licensing.services import consultation_reminders_send


@task()
def send_consultation_reminders() -> dict[str, int]:
    """Periodic: remind importing focal points of iPIC consultations due soon; escalate overdue ones."""
    return consultation_reminders_send(at=timezone.now())
