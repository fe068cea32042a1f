"""Background work of the Guide: reminders to partners who have not answered a review round."""

from django.utils import timezone
from django_tasks import task

from greencustoms.guide import services


@task()
def send_review_reminders() -> int:
    """Hourly: remind the partners due a reminder (rules in selectors.reminder_due); returns how many."""
    return len(services.review_reminders_send(at=timezone.now()))
