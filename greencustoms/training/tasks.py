"""Background tasks of the training domain (declared in TrainingConfig.periodic_tasks)."""

from django.utils import timezone
from django_tasks import task

from greencustoms.training import services


@task()
def send_prerequisite_reminders() -> int:
    """Remind participants of coming workshops of the compulsory modules they have not passed."""
    return services.prerequisite_reminders_due(at=timezone.now())
