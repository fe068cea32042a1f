"""Background tasks of the actions domain."""

from django.utils import timezone
from django_tasks import task

from greencustoms.actions import services
from greencustoms.actions.reminders import reminders_send


@task()
def send_action_reminders() -> dict[str, int]:
    """Periodic: e-mail the owners of actions whose deadline is near or past (each rule once)."""
    return {"sent": reminders_send(at=timezone.now())}


@task()
def send_week_digest() -> int:
    """Weekly: e-mail the secretariat what waits (reviews, approvals, actions, requests, feedback)."""
    return services.week_digest_send(at=timezone.now())
