"""Background work of reviews: reminders to partners who have not answered a round."""

from django.utils import timezone
from django_tasks import task

from greencustoms.reviews import services


@task()
def send_review_reminders() -> int:
    """Hourly: remind the partners due a reminder (rules in selectors.reminder_due); returns how many."""
    return len(services.send_reminders(at=timezone.now()))
