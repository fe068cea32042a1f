"""Background tasks of the learning domain (declared in LearningConfig.periodic_tasks)."""

from django.utils import timezone
from django_tasks import task

from greencustoms.learning import nudges, services


@task()
def send_learning_nudges() -> int:
    """Remind learners who started a module and stalled (cadence in settings)."""
    return nudges.nudges_send(at=timezone.now())


@task()
def rollup_learning_activity() -> int:
    """Keep the daily activity rollup (trends on the statistics page) current."""
    now = timezone.now()
    services.stats_rollup(at=now)
    return services.activity_rollup(at=now)
